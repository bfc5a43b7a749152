"""The platform network on Neutron: network, subnets, router, and the nodes' security group."""

from __future__ import annotations

from ipaddress import IPv4Network

import pulumi
import pulumi_openstack as openstack

from souverain.conventions import Component
from souverain.model.ai_platform import Platform
from souverain.model.network import EgressMode, IngressRule
from souverain_openstack.lookups import external_network_id
from souverain_openstack.options import OpenStackOptions
from souverain_openstack.tags import tags


class NetworkComponent(pulumi.ComponentResource):
    """Neutron resources for ``platform.network``; nothing is reachable unless described."""

    subnet_ids: dict[str, pulumi.Output[str]]
    network_id: pulumi.Output[str]
    security_group_id: pulumi.Output[str]

    def __init__(
        self,
        platform: Platform,
        options: OpenStackOptions,
        opts: pulumi.ResourceOptions,
    ) -> None:
        name = platform.physical_name("net")
        super().__init__(Component.NETWORK, name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        spec = platform.network
        labels = tags(platform)

        network = openstack.networking.Network(
            name, name=name, admin_state_up=True, tags=labels, opts=child
        )
        self.network_id = network.id
        external = external_network_id(options.external_network, parent=self)
        router = openstack.networking.Router(
            f"{name}-router",
            name=f"{name}-router",
            external_network_id=external,
            tags=labels,
            opts=child,
        )
        self.subnet_ids = {}
        for subnet in spec.subnets:
            physical = platform.physical_name(subnet.name)
            created = openstack.networking.Subnet(
                physical,
                name=physical,
                network_id=network.id,
                cidr=str(subnet.cidr),
                ip_version=4,
                enable_dhcp=True,
                dns_nameservers=spec.dns_nameservers or None,
                tags=labels,
                opts=child,
            )
            openstack.networking.RouterInterface(
                f"{physical}-router",
                router_id=router.id,
                subnet_id=created.id,
                opts=child,
            )
            self.subnet_ids[subnet.name] = created.id

        group_name = platform.physical_name("nodes")
        group = openstack.networking.SecGroup(
            group_name,
            name=group_name,
            description=f"Nodes of {platform.name}: only the described traffic is allowed",
            delete_default_rules=True,
            tags=labels,
            opts=child,
        )
        self.security_group_id = group.id
        self._rules(group, group_name, spec.ingress, spec.egress.mode, spec.egress.destinations)
        self.register_outputs({"network_id": network.id, "security_group_id": group.id})

    def _rules(
        self,
        group: openstack.networking.SecGroup,
        prefix: str,
        ingress: list[IngressRule],
        egress: EgressMode,
        destinations: list[IPv4Network],
    ) -> None:
        child = pulumi.ResourceOptions(parent=self)
        for direction in ("ingress", "egress"):
            # Nodes of one platform talk to each other freely (NCCL, storage traffic).
            openstack.networking.SecGroupRule(
                f"{prefix}-{direction}-peers",
                direction=direction,
                ethertype="IPv4",
                remote_group_id=group.id,
                security_group_id=group.id,
                description="traffic between the platform's own nodes",
                opts=child,
            )
        for i, rule in enumerate(ingress):
            ports = rule.port_range
            for j, source in enumerate(rule.sources):
                openstack.networking.SecGroupRule(
                    f"{prefix}-ingress-{i}-{j}",
                    direction="ingress",
                    ethertype="IPv4",
                    protocol=str(rule.protocol),
                    port_range_min=ports[0] if ports else None,
                    port_range_max=ports[1] if ports else None,
                    remote_ip_prefix=str(source),
                    security_group_id=group.id,
                    description=rule.description,
                    opts=child,
                )
        targets = (
            ["0.0.0.0/0"] if egress is EgressMode.ALLOW_ALL else [str(d) for d in destinations]
        )
        for k, destination in enumerate(targets):
            openstack.networking.SecGroupRule(
                f"{prefix}-egress-{k}",
                direction="egress",
                ethertype="IPv4",
                remote_ip_prefix=destination,
                security_group_id=group.id,
                description="described egress",
                opts=child,
            )
