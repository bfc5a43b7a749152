"""The OpenStack adapter: Neutron networks, Nova GPU instances, Swift containers, Barbican keys."""

from __future__ import annotations

from typing import ClassVar

import pulumi
import pulumi_openstack as openstack

from souverain.adapters.contract import Adapter
from souverain.adapters.features import Feature
from souverain.catalog.resolve import check_region, cloud_profile, resolve_flavor
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
        cloud = cloud_profile(target.cloud)
        barbican = options.key_manager
        if barbican is None:
            barbican = cloud.offers("key_manager", "barbican")
        if not barbican:
            missing[Feature.CUSTOMER_KEYS] = (
                f"{cloud.name} has no Barbican key manager in the catalog "
                "(set souverain:openstack.keyManager: true if yours has one)"
            )
        if options.object_encryption is ObjectEncryption.NONE or not barbican:
            missing[Feature.BUCKET_ENCRYPTION] = (
                "buckets cannot be encrypted with project keys here (no Barbican, or "
                "souverain:openstack.objectEncryption is 'none')"
            )
        if not cloud.offers("object_storage", "swift"):
            missing[Feature.OBJECT_STORAGE] = (
                f"{cloud.name} offers no Swift object storage in the catalog; buckets need Swift"
            )
        return missing

    def deploy(self, platform: Platform, target: Target, root: pulumi.Resource) -> None:
        """Register the platform, each part inside its own component, via one explicit provider."""
        options = OpenStackOptions.of(target)
        flavors = self._flavors(platform, target, options)
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

    @staticmethod
    def _flavors(platform: Platform, target: Target, options: OpenStackOptions) -> dict[str, str]:
        """Each pool's flavor; every pool that cannot be placed is reported at once."""
        cloud = cloud_profile(target.cloud)
        check_region(cloud, target.region)
        resolved: dict[str, str] = {}
        problems = []
        for i, pool in enumerate(platform.gpu_pools):
            try:
                resolved[pool.name] = resolve_flavor(
                    cloud,
                    target.region,
                    pool.gpu,
                    pool.gpus_per_node,
                    options.flavors,
                    override_key="souverain:openstack.flavors",
                )
            except SouverainError as error:
                problems.append(Problem(f"gpu_pools[{i}]", error.summary))
        if problems:
            raise SouverainError(f"{platform.name} cannot be placed on {cloud.name}", problems)
        return resolved
