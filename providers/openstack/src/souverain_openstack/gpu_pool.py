"""A GPU pool on Nova: a server group spreading the nodes, one port and instance per node."""

from __future__ import annotations

import pulumi
import pulumi_openstack as openstack

from souverain.adapters.cloud_init import cloud_config
from souverain.conventions import PUBLIC_ALLOWED, Component, Marker, platform_labels
from souverain.model.ai_platform import Platform
from souverain.model.gpu_pool import GpuPool
from souverain_openstack.options import OpenStackOptions
from souverain_openstack.tags import tags

DEFAULT_BOOT_DISK_GIB = 100
"""Boot volume size when the pool names none and nodes boot from a volume."""


class GpuPoolComponent(pulumi.ComponentResource):
    """``min_nodes`` instances of the resolved GPU flavor, private unless ``public`` is set.

    ``image`` is the ID of the pool's image, looked up once per deployment by the adapter.
    """

    def __init__(
        self,
        platform: Platform,
        pool: GpuPool,
        flavor: str,
        image: str,
        options: OpenStackOptions,
        network_id: pulumi.Input[str],
        subnet_id: pulumi.Input[str],
        security_group_id: pulumi.Input[str],
        opts: pulumi.ResourceOptions,
    ) -> None:
        name = platform.physical_name(pool.name)
        super().__init__(Component.GPU_POOL, name, None, opts)
        child = pulumi.ResourceOptions(parent=self)

        group = openstack.compute.ServerGroup(
            f"{name}-spread", name=f"{name}-spread", policies="anti-affinity", opts=child
        )
        keypair = (
            openstack.compute.Keypair(
                f"{name}-key", name=f"{name}-key", public_key=pool.ssh_public_key, opts=child
            )
            if pool.ssh_public_key
            else None
        )
        metadata = {
            **platform_labels(platform),
            Marker.PART.key: pool.name,
            Marker.IMAGE.key: pool.image,
        }
        user_data = cloud_config(pool.workload) if pool.workload else None
        for index in range(pool.min_nodes):
            node = f"{name}-{index}"
            port = openstack.networking.Port(
                f"{node}-port",
                name=f"{node}-port",
                network_id=network_id,
                fixed_ips=[openstack.networking.PortFixedIpArgs(subnet_id=subnet_id)],
                security_group_ids=[security_group_id],
                admin_state_up=True,
                tags=tags(platform),
                opts=child,
            )
            openstack.compute.Instance(
                node,
                name=node,
                flavor_name=flavor,
                key_pair=keypair.name if keypair else None,
                image_id=None if options.boot_from_volume else image,
                block_devices=[
                    openstack.compute.InstanceBlockDeviceArgs(
                        source_type="image",
                        uuid=image,
                        destination_type="volume",
                        volume_size=pool.boot_disk_gib or DEFAULT_BOOT_DISK_GIB,
                        volume_type=options.encrypted_volume_type,
                        boot_index=0,
                        delete_on_termination=True,
                    )
                ]
                if options.boot_from_volume
                else None,
                networks=[openstack.compute.InstanceNetworkArgs(port=port.id)],
                scheduler_hints=[openstack.compute.InstanceSchedulerHintArgs(group=group.id)],
                metadata=metadata,
                user_data=user_data,
                opts=child,
            )
            if pool.public:
                address = openstack.networking.FloatingIp(
                    f"{node}-ip",
                    pool=options.external_network,
                    # the description asked for it (pool.public); policies look for this tag
                    tags=tags(platform, {Marker.PUBLIC.key: PUBLIC_ALLOWED}),
                    opts=child,
                )
                openstack.networking.FloatingIpAssociate(
                    f"{node}-ip", floating_ip=address.address, port_id=port.id, opts=child
                )
        self.register_outputs({"server_group_id": group.id})
