"""The baseline: the same resources, wired the same way, written directly against pulumi_openstack.

This is what a team would write by hand for one cloud: no description model, no adapter
registry, no feature checks. It reads the same plain data as the scaled description.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_openstack as openstack

from souverain.adapters.cloud_init import cloud_config
from souverain.model.workload import Workload

FLAVORS = {"H100": "SCS-16V-128-200s_GNg-132-80h", "L4": "SCS-8V-32-100s_GNl-58-24"}


def program(data: dict[str, Any]) -> None:
    p = data["name"]
    labels = dict(
        sorted(
            {
                **data["labels"],
                "souverain-platform": p,
                "souverain-data-class": data["data_class"],
                "souverain-sovereignty": data["sovereignty"],
                "souverain-owner": data["owner"],
            }.items()
        )
    )
    tags = [f"{k}={v}" for k, v in labels.items()]
    root = pulumi.ComponentResource("souverain:platform:Platform", p)
    provider = openstack.Provider(
        f"{p}-openstack",
        cloud="openstack",
        region="RegionOne",
        opts=pulumi.ResourceOptions(parent=root),
    )
    opts = pulumi.ResourceOptions(parent=root, providers=[provider])

    refs = {}
    for key in data["keys"]:
        comp = pulumi.ComponentResource("souverain:platform:Key", f"{p}-{key['name']}", None, opts)
        order = openstack.keymanager.OrderV1(
            f"{p}-{key['name']}",
            type="key",
            meta=openstack.keymanager.OrderV1MetaArgs(
                name=f"{p}-{key['name']}", algorithm="aes", bit_length=256, mode="cbc"
            ),
            opts=pulumi.ResourceOptions(parent=comp, protect=True),
        )
        refs[key["name"]] = order.secret_ref
        comp.register_outputs({"secret_ref": order.secret_ref})

    net = pulumi.ComponentResource("souverain:platform:Network", f"{p}-net", None, opts)
    child = pulumi.ResourceOptions(parent=net)
    network = openstack.networking.Network(
        f"{p}-net", name=f"{p}-net", admin_state_up=True, tags=tags, opts=child
    )
    external = openstack.networking.get_network_output(
        name="public", opts=pulumi.InvokeOutputOptions(parent=net)
    )
    router = openstack.networking.Router(
        f"{p}-net-router",
        name=f"{p}-net-router",
        external_network_id=external.id,
        tags=tags,
        opts=child,
    )
    subnets = {}
    for s in data["network"]["subnets"]:
        sub = openstack.networking.Subnet(
            f"{p}-{s['name']}",
            name=f"{p}-{s['name']}",
            network_id=network.id,
            cidr=s["cidr"],
            ip_version=4,
            enable_dhcp=True,
            tags=tags,
            opts=child,
        )
        openstack.networking.RouterInterface(
            f"{p}-{s['name']}-router", router_id=router.id, subnet_id=sub.id, opts=child
        )
        subnets[s["name"]] = sub.id
    group = openstack.networking.SecGroup(
        f"{p}-nodes",
        name=f"{p}-nodes",
        description=f"Nodes of {p}: only the described traffic is allowed",
        delete_default_rules=True,
        tags=tags,
        opts=child,
    )
    for direction in ("ingress", "egress"):
        openstack.networking.SecGroupRule(
            f"{p}-nodes-{direction}-peers",
            direction=direction,
            ethertype="IPv4",
            remote_group_id=group.id,
            security_group_id=group.id,
            description="traffic between the platform's own nodes",
            opts=child,
        )
    for i, rule in enumerate(data["network"]["ingress"]):
        for j, source in enumerate(rule["sources"]):
            openstack.networking.SecGroupRule(
                f"{p}-nodes-ingress-{i}-{j}",
                direction="ingress",
                ethertype="IPv4",
                protocol=rule["protocol"],
                port_range_min=rule["port"],
                port_range_max=rule["port_to"] or rule["port"],
                remote_ip_prefix=source,
                security_group_id=group.id,
                description=rule["description"],
                opts=child,
            )
    for k, destination in enumerate(data["network"]["egress"]["destinations"]):
        openstack.networking.SecGroupRule(
            f"{p}-nodes-egress-{k}",
            direction="egress",
            ethertype="IPv4",
            remote_ip_prefix=destination,
            security_group_id=group.id,
            description="described egress",
            opts=child,
        )
    net.register_outputs({"network_id": network.id, "security_group_id": group.id})

    for pool in data["gpu_pools"]:
        name = f"{p}-{pool['name']}"
        comp = pulumi.ComponentResource("souverain:platform:GpuPool", name, None, opts)
        child = pulumi.ResourceOptions(parent=comp)
        spread = openstack.compute.ServerGroup(
            f"{name}-spread", name=f"{name}-spread", policies="anti-affinity", opts=child
        )
        image = openstack.images.get_image_output(
            name=pool["image"], most_recent=True, opts=pulumi.InvokeOutputOptions(parent=comp)
        )
        metadata = {**labels, "souverain-part": pool["name"], "souverain-image": pool["image"]}
        workload = pool.get("workload")
        user_data = cloud_config(Workload.model_validate(workload)) if workload else None
        for index in range(pool["min_nodes"]):
            node = f"{name}-{index}"
            port = openstack.networking.Port(
                f"{node}-port",
                name=f"{node}-port",
                network_id=network.id,
                fixed_ips=[openstack.networking.PortFixedIpArgs(subnet_id=subnets["compute"])],
                security_group_ids=[group.id],
                admin_state_up=True,
                tags=tags,
                opts=child,
            )
            openstack.compute.Instance(
                node,
                name=node,
                flavor_name=FLAVORS[pool["gpu"]],
                block_devices=[
                    openstack.compute.InstanceBlockDeviceArgs(
                        source_type="image",
                        uuid=image.id,
                        destination_type="volume",
                        volume_size=pool.get("boot_disk_gib") or 100,
                        boot_index=0,
                        delete_on_termination=True,
                    )
                ],
                networks=[openstack.compute.InstanceNetworkArgs(port=port.id)],
                scheduler_hints=[openstack.compute.InstanceSchedulerHintArgs(group=spread.id)],
                metadata=metadata,
                user_data=user_data,
                opts=child,
            )
        comp.register_outputs({"server_group_id": spread.id})

    for bucket in data["buckets"]:
        name = f"{p}-{bucket['name']}"
        comp = pulumi.ComponentResource("souverain:platform:Bucket", name, None, opts)
        openstack.objectstorage.Container(
            name,
            name=name,
            versioning=bucket["versioning"],
            force_destroy=False,
            metadata={
                **labels,
                "souverain-part": bucket["name"],
                "souverain-encryption-key": refs[bucket["encryption_key"]],
                "souverain-encryption": "client-side",
            },
            opts=pulumi.ResourceOptions(parent=comp, protect=True),
        )
        comp.register_outputs({"container": name})
    root.register_outputs({})
