"""The platform network as a VPC: subnets, a private route table, DNS, and the nodes' peer group.

Nothing is reachable from outside: subnets never map public addresses, and the route
table only routes inside the VPC. An Internet gateway (and a default route to it) exists
only when the description asks for a public pool; outbound traffic to the Internet from
private nodes would need a NAT gateway, which holds a public address, so none is made.
"""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from souverain.conventions import Component
from souverain.model.ai_platform import Platform
from souverain_aws.tags import tags


class NetworkComponent(pulumi.ComponentResource):
    """AWS resources for ``platform.network``; pools attach to its subnets and peer group."""

    vpc_id: pulumi.Output[str]
    subnet_ids: dict[str, pulumi.Output[str]]
    peers_group_id: pulumi.Output[str]

    def __init__(self, platform: Platform, opts: pulumi.ResourceOptions) -> None:
        name = platform.physical_name("net")
        super().__init__(Component.NETWORK, name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        spec = platform.network

        vpc = aws.ec2.Vpc(
            name,
            cidr_block=str(spec.cidr),
            enable_dns_support=True,
            enable_dns_hostnames=True,
            tags=tags(platform, name),
            opts=child,
        )
        self.vpc_id = vpc.id
        if spec.dns_nameservers:
            options = aws.ec2.VpcDhcpOptions(
                f"{name}-dns",
                domain_name_servers=list(spec.dns_nameservers),
                tags=tags(platform, f"{name}-dns"),
                opts=child,
            )
            aws.ec2.VpcDhcpOptionsAssociation(
                f"{name}-dns", vpc_id=vpc.id, dhcp_options_id=options.id, opts=child
            )
        routes = aws.ec2.RouteTable(
            f"{name}-routes", vpc_id=vpc.id, tags=tags(platform, f"{name}-routes"), opts=child
        )
        if any(pool.public for pool in platform.gpu_pools):
            gateway = aws.ec2.InternetGateway(
                f"{name}-gateway",
                vpc_id=vpc.id,
                tags=tags(platform, f"{name}-gateway"),
                opts=child,
            )
            # The description asked for a public pool: its nodes get an Elastic IP each.
            aws.ec2.Route(
                f"{name}-internet",
                route_table_id=routes.id,
                destination_cidr_block="0.0.0.0/0",
                gateway_id=gateway.id,
                opts=child,
            )
        self.subnet_ids = {}
        for subnet in spec.subnets:
            physical = platform.physical_name(subnet.name)
            created = aws.ec2.Subnet(
                physical,
                vpc_id=vpc.id,
                cidr_block=str(subnet.cidr),
                map_public_ip_on_launch=False,
                tags=tags(platform, physical, subnet.name),
                opts=child,
            )
            aws.ec2.RouteTableAssociation(
                physical, subnet_id=created.id, route_table_id=routes.id, opts=child
            )
            self.subnet_ids[subnet.name] = created.id

        # Nodes of one platform talk to each other freely (NCCL, storage traffic); each
        # pool's own group holds the described ingress and egress.
        group_name = platform.physical_name("peers")
        peers = aws.ec2.SecurityGroup(
            group_name,
            name=group_name,
            description=f"Nodes of {platform.name}: traffic between the platform's own nodes",
            vpc_id=vpc.id,
            revoke_rules_on_delete=True,
            tags=tags(platform, group_name),
            opts=child,
        )
        self.peers_group_id = peers.id
        for direction, rule in (
            ("ingress", aws.vpc.SecurityGroupIngressRule),
            ("egress", aws.vpc.SecurityGroupEgressRule),
        ):
            rule(
                f"{group_name}-{direction}",
                security_group_id=peers.id,
                referenced_security_group_id=peers.id,
                ip_protocol="-1",
                description="traffic between the platform's own nodes",
                tags=tags(platform, f"{group_name}-{direction}"),
                opts=child,
            )
        self.register_outputs({"vpc_id": vpc.id, "peers_group_id": peers.id})
