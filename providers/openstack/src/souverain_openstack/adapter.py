"""The OpenStack adapter: Neutron networks, Nova GPU instances, Swift containers, Barbican keys.

This module imports no OpenStack SDK: the registry imports it to ask which clouds it
reaches; the components that do are imported when a stack deploys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from souverain.adapters.contract import Adapter, KeyHandle, KeyRing
from souverain.adapters.features import Feature
from souverain.catalog.resolve import check_region, cloud_profile, resolve_flavor
from souverain.errors import Problem, SouverainError
from souverain.model.ai_platform import Platform
from souverain.target import Pillar, Target
from souverain_openstack.options import ObjectEncryption, OpenStackOptions

if TYPE_CHECKING:
    import pulumi

GENERIC_FLAVORS = {
    "H100": "SCS-16V-128-200s_GNg-132-80h",
    "L4": "SCS-8V-32-100s_GNl-58-24",
}


class OpenStackAdapter(Adapter):
    """Compiles a description to any OpenStack cloud through one explicit provider."""

    name: ClassVar[str] = "openstack"
    speaks: ClassVar[frozenset[str]] = frozenset({"openstack"})
    pillars: ClassVar[frozenset[Pillar]] = frozenset(Pillar)

    def unsupported_features(self, target: Target) -> dict[Feature, str]:
        """Autoscaling, confidential VMs and key rotation never; the rest depends on the cloud."""
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
            Feature.KEY_ROTATION: "Barbican keeps a key until it is deleted and has no "
            "rotation schedule; remove rotation_days, or route keys to a key manager that "
            "rotates (souverain:pillars.keys)",
            Feature.SIGNING_KEYS: "Barbican records no key usage, so a signing key could "
            "also encrypt; use an encryption key, or route keys elsewhere",
        }
        if not options.boot_from_volume:
            missing[Feature.BOOT_DISK_SIZE] = (
                "souverain:openstack.bootFromVolume is false: nodes boot on the flavor's "
                "local disk, whose size the flavor decides; remove boot_disk_gib or boot "
                "from a volume"
            )
        cloud = cloud_profile(target.cloud)
        barbican = options.key_manager
        if barbican is None:
            barbican = cloud.offers("key_manager", "barbican")
        if not barbican:
            missing[Feature.CUSTOMER_KEYS] = (
                f"{cloud.name} has no Barbican key manager in the catalog "
                "(set souverain:openstack.keyManager: true if yours has one)"
            )
        if options.object_encryption is ObjectEncryption.NONE:
            missing[Feature.BUCKET_ENCRYPTION] = (
                "buckets cannot be encrypted with project keys here "
                "(souverain:openstack.objectEncryption is 'none')"
            )
        if not cloud.offers("object_storage", "swift"):
            missing[Feature.OBJECT_STORAGE] = (
                f"{cloud.name} offers no Swift object storage in the catalog; buckets need Swift"
            )
        return missing

    def not_applicable(self, target: Target) -> dict[str, str]:
        """The network's own range: Neutron networks have none, only their subnets."""
        return {
            "network.cidr": "a Neutron network has no address range of its own; each subnet "
            "gets its range, which the description keeps inside network.cidr",
        }

    def deploy(
        self,
        platform: Platform,
        target: Target,
        pillars: frozenset[Pillar],
        root: pulumi.Resource,
        keys: KeyRing,
    ) -> None:
        """Register the pillars, each part inside its own component, via one explicit provider."""
        import pulumi
        import pulumi_openstack as openstack

        from souverain_openstack.gpu_pool import GpuPoolComponent
        from souverain_openstack.keys import KeyComponent
        from souverain_openstack.lookups import image_id
        from souverain_openstack.network import NetworkComponent
        from souverain_openstack.storage import BucketComponent

        options = OpenStackOptions.of(target)
        region = _region(target)
        flavors = self._flavors(platform, target, options) if Pillar.COMPUTE in pillars else {}
        provider = openstack.Provider(
            platform.physical_name("openstack"),
            cloud=options.cloud,
            auth_url=options.auth_url,
            region=region,
            insecure=options.insecure or None,
            opts=pulumi.ResourceOptions(parent=root),
        )
        opts = pulumi.ResourceOptions(parent=root, providers=[provider])
        if Pillar.KEYS in pillars:
            for key in platform.keys:
                made = KeyComponent(platform, key, target.protect_data, opts)
                keys[key.name] = KeyHandle(
                    key.name, self.name, made.secret_ref, made.label, made.order
                )
        if Pillar.NETWORK in pillars:
            network = NetworkComponent(platform, options, opts)
        if Pillar.COMPUTE in pillars:
            images = {
                name: image_id(name, provider)
                for name in sorted({pool.image for pool in platform.gpu_pools})
            }
            for pool in platform.gpu_pools:
                GpuPoolComponent(
                    platform,
                    pool,
                    flavors[pool.name],
                    images[pool.image],
                    options,
                    network.network_id,
                    network.subnet_ids[platform.subnet_of(pool)],
                    network.security_group_id,
                    opts,
                )
        if Pillar.STORAGE in pillars:
            for bucket in platform.buckets:
                BucketComponent(
                    platform,
                    bucket,
                    keys[bucket.encryption_key] if bucket.encryption_key else None,
                    str(options.object_encryption),
                    target.protect_data,
                    opts,
                )

    def sizes(self, platform: Platform, target: Target) -> dict[str, str]:
        """Each pool's flavor on ``target``, as ``deploy`` resolves it."""
        return self._flavors(platform, target, OpenStackOptions.of(target))

    @classmethod
    def example_target(cls) -> Target:
        """A generic SCS-compatible cloud whose GPU flavors the stack names."""
        return Target(
            adapter=cls.name,
            cloud="generic-openstack",
            region="RegionOne",
            options={"cloud": "openstack", "externalNetwork": "public", "flavors": GENERIC_FLAVORS},
        )

    @staticmethod
    def _flavors(platform: Platform, target: Target, options: OpenStackOptions) -> dict[str, str]:
        """Each pool's flavor; every pool that cannot be placed is reported at once."""
        cloud = cloud_profile(target.cloud)
        region = _region(target)
        check_region(cloud, region)
        resolved: dict[str, str] = {}
        problems = []
        for i, pool in enumerate(platform.gpu_pools):
            try:
                resolved[pool.name] = resolve_flavor(
                    cloud,
                    region,
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


def _region(target: Target) -> str:
    """OpenStack clouds always have regions: the stack must name one."""
    if target.region is None:
        raise SouverainError(
            "the openstack adapter needs a region: set souverain:region in the stack config "
            "(openstack region list)"
        )
    return target.region
