"""The OpenStack adapter: Neutron networks, Nova GPU instances, Swift containers, Barbican keys."""

from __future__ import annotations

from typing import ClassVar

import pulumi
import pulumi_openstack as openstack

from souverain.adapters.contract import Adapter
from souverain.adapters.features import Feature
from souverain.errors import Problem, SouverainError
from souverain.model.ai_platform import Platform
from souverain.target import Target
from souverain_openstack.gpu_pool import GpuPoolComponent
from souverain_openstack.keys import KeyComponent
from souverain_openstack.network import NetworkComponent
from souverain_openstack.options import ObjectEncryption, OpenStackOptions
from souverain_openstack.storage import BucketComponent


class OpenStackAdapter(Adapter):
    """Compiles a description to any OpenStack cloud through one explicit provider."""

    name: ClassVar[str] = "openstack"

    def unsupported_features(self, target: Target) -> dict[Feature, str]:
        """Autoscaling and confidential VMs are never offered; the rest depends on the cloud."""
        options = OpenStackOptions.of(target)
        missing = {
            Feature.AUTOSCALING: "Nova has no autoscaling group; set max_nodes equal to "
            "min_nodes or use the kubernetes adapter",
            Feature.CONFIDENTIAL_COMPUTING: "no OpenStack cloud in the catalog offers "
            "confidential GPU instances",
            Feature.OBJECT_LOCK: "Swift has no object lock; remove retention or use an "
            "S3 target that offers it",
            Feature.OBJECT_LIFECYCLE: "Swift has no per-container lifecycle rules; remove "
            "lifecycle or use an S3 target",
        }
        if not options.key_manager:
            missing[Feature.CUSTOMER_KEYS] = (
                "this cloud has no Barbican key manager (souverain:openstack.keyManager is false)"
            )
        if options.object_encryption is ObjectEncryption.NONE or not options.key_manager:
            missing[Feature.BUCKET_ENCRYPTION] = (
                "buckets cannot be encrypted with project keys here (no key manager, or "
                "souverain:openstack.objectEncryption is 'none')"
            )
        return missing

    def deploy(self, platform: Platform, target: Target) -> None:
        """Register the platform, each part inside its own component, via one explicit provider."""
        options = OpenStackOptions.of(target)
        flavors = self._flavors(platform, target, options)
        root = pulumi.ComponentResource("souverain:platform:Platform", platform.name)
        provider = openstack.Provider(
            platform.physical_name("openstack"),
            cloud=options.cloud,
            auth_url=options.auth_url,
            region=target.region,
            insecure=options.insecure or None,
            opts=pulumi.ResourceOptions(parent=root),
        )
        opts = pulumi.ResourceOptions(parent=root, providers=[provider])

        keys = {
            key.name: KeyComponent(platform, key, target.protect_data, opts)
            for key in platform.keys
        }
        network = NetworkComponent(platform, options, opts)
        for pool in platform.gpu_pools:
            GpuPoolComponent(
                platform,
                pool,
                flavors[pool.name],
                options,
                network.network_id,
                network.subnet_ids[platform.subnet_of(pool)],
                network.security_group_id,
                opts,
            )
        for bucket in platform.buckets:
            key_ref = keys[bucket.encryption_key].secret_ref if bucket.encryption_key else None
            BucketComponent(
                platform, bucket, key_ref, str(options.object_encryption), target.protect_data, opts
            )
        root.register_outputs({})

    @staticmethod
    def _flavors(platform: Platform, target: Target, options: OpenStackOptions) -> dict[str, str]:
        resolved: dict[str, str] = {}
        problems = []
        for i, pool in enumerate(platform.gpu_pools):
            flavor = options.flavor_for(pool.gpu, pool.gpus_per_node)
            if flavor is None:
                offered = ", ".join(f"{k} -> {v}" for k, v in sorted(options.flavors.items()))
                problems.append(
                    Problem(
                        f"gpu_pools[{i}]",
                        f"{target.cloud} {target.region} has no flavor for {pool.gpus_per_node} x "
                        f"{pool.gpu} (offered: {offered or 'none'}); change the pool or add "
                        f"souverain:openstack.flavors.{pool.gpu}x{pool.gpus_per_node}",
                    )
                )
            else:
                resolved[pool.name] = flavor
        if problems:
            raise SouverainError(f"{platform.name} cannot be placed on {target.cloud}", problems)
        return resolved
