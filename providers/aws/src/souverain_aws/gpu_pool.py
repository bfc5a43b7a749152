"""A GPU pool on EC2: a placement group, the pool's security group, one instance per node.

Every node requires IMDSv2 (session tokens, one network hop), boots from an encrypted EBS
volume under the platform's key, and has no public address unless the pool is public.
"""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from souverain.adapters.cloud_init import cloud_config
from souverain.conventions import PUBLIC_ALLOWED, Component, Marker
from souverain.model.ai_platform import Platform
from souverain.model.gpu_pool import GpuPool
from souverain.model.network import EgressMode, Protocol
from souverain_aws.options import AwsOptions
from souverain_aws.tags import tags

PUBLIC = {Marker.PUBLIC.key: PUBLIC_ALLOWED}


class GpuPoolComponent(pulumi.ComponentResource):
    """``min_nodes`` instances of the resolved instance type, private unless ``public`` is set.

    ``image`` is the pool's AMI, looked up once per deployment by the adapter.
    """

    def __init__(
        self,
        platform: Platform,
        pool: GpuPool,
        instance_type: str,
        image: str,
        options: AwsOptions,
        vpc_id: pulumi.Input[str],
        subnet_id: pulumi.Input[str],
        peers_group_id: pulumi.Input[str],
        volume_key: pulumi.Input[str] | None,
        opts: pulumi.ResourceOptions,
    ) -> None:
        name = platform.physical_name(pool.name)
        super().__init__(Component.GPU_POOL, name, None, opts)
        child = pulumi.ResourceOptions(parent=self)

        placement = aws.ec2.PlacementGroup(
            f"{name}-placement",
            name=f"{name}-placement",
            strategy=str(options.placement),
            tags=tags(platform, f"{name}-placement", pool.name),
            opts=child,
        )
        group = self._security_group(platform, pool, name, vpc_id)
        keypair = (
            aws.ec2.KeyPair(
                f"{name}-key",
                key_name=f"{name}-key",
                public_key=pool.ssh_public_key,
                tags=tags(platform, f"{name}-key", pool.name),
                opts=child,
            )
            if pool.ssh_public_key
            else None
        )
        for index in range(pool.min_nodes):
            node = f"{name}-{index}"
            instance = aws.ec2.Instance(
                node,
                ami=image,
                instance_type=instance_type,
                subnet_id=subnet_id,
                vpc_security_group_ids=[peers_group_id, group.id],
                placement_group=placement.name,
                key_name=keypair.key_name if keypair else None,
                associate_public_ip_address=False,
                metadata_options=aws.ec2.InstanceMetadataOptionsArgs(
                    http_endpoint="enabled",
                    http_tokens="required",
                    http_put_response_hop_limit=1,
                ),
                root_block_device=aws.ec2.InstanceRootBlockDeviceArgs(
                    encrypted=True,
                    kms_key_id=volume_key,
                    volume_size=pool.boot_disk_gib,
                    volume_type="gp3",
                    delete_on_termination=True,
                    tags=tags(platform, f"{node}-boot", pool.name),
                ),
                user_data=cloud_config(pool.workload) if pool.workload else None,
                tags={**tags(platform, node, pool.name), Marker.IMAGE.key: pool.image},
                opts=child,
            )
            if pool.public:
                aws.ec2.Eip(
                    f"{node}-ip",
                    domain="vpc",
                    instance=instance.id,
                    # the description asked for it (pool.public); policies look for this tag
                    tags=tags(platform, f"{node}-ip", pool.name, PUBLIC),
                    opts=child,
                )
        self.register_outputs({"security_group_id": group.id, "placement_group": placement.name})

    def _security_group(
        self, platform: Platform, pool: GpuPool, name: str, vpc_id: pulumi.Input[str]
    ) -> aws.ec2.SecurityGroup:
        """The pool's own group: the described ingress, and egress as described."""
        child = pulumi.ResourceOptions(parent=self)
        spec = platform.network
        group_name = f"{name}-nodes"
        group = aws.ec2.SecurityGroup(
            group_name,
            name=group_name,
            description=f"Nodes of {name}: only the described traffic is allowed",
            vpc_id=vpc_id,
            revoke_rules_on_delete=True,
            tags=tags(platform, group_name, pool.name),
            opts=child,
        )
        for i, rule in enumerate(spec.ingress):
            ports = rule.port_range
            icmp = rule.protocol is Protocol.ICMP
            for j, source in enumerate(rule.sources):
                aws.vpc.SecurityGroupIngressRule(
                    f"{group_name}-ingress-{i}-{j}",
                    security_group_id=group.id,
                    cidr_ipv4=str(source),
                    ip_protocol=str(rule.protocol),
                    # ICMP: -1 for every type and code
                    from_port=-1 if icmp else ports[0] if ports else None,
                    to_port=-1 if icmp else ports[1] if ports else None,
                    description=rule.description,
                    tags=tags(platform, f"{group_name}-ingress-{i}-{j}", pool.name),
                    opts=child,
                )
        targets = (
            ["0.0.0.0/0"]
            if spec.egress.mode is EgressMode.ALLOW_ALL
            else [str(d) for d in spec.egress.destinations]
        )
        for k, destination in enumerate(targets):
            aws.vpc.SecurityGroupEgressRule(
                f"{group_name}-egress-{k}",
                security_group_id=group.id,
                cidr_ipv4=destination,
                ip_protocol="-1",
                description="described egress",
                tags=tags(platform, f"{group_name}-egress-{k}", pool.name),
                opts=child,
            )
        return group
