"""The AWS adapter: a VPC, EC2 GPU instances, S3 buckets under SSE-KMS, KMS keys.

This module imports no AWS SDK: the registry imports it to ask which clouds it reaches;
the components that do are imported when a stack deploys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from souverain.adapters.contract import Adapter, KeyHandle, KeyRing
from souverain.adapters.features import Feature
from souverain.catalog.clouds import Cloud
from souverain.catalog.resolve import check_region, cloud_profile, resolve_flavor
from souverain.errors import Problem, SouverainError
from souverain.model.ai_platform import Platform
from souverain.model.key import KeyPurpose
from souverain.target import Pillar, Target
from souverain_aws.keys import key_problems, symmetric
from souverain_aws.options import AwsOptions

if TYPE_CHECKING:
    import pulumi

EXAMPLE_INSTANCE_TYPES = {"H100": "p5.4xlarge"}
"""The example target names its single-H100 type: the catalog has none in eu-west-3."""


class AwsAdapter(Adapter):
    """Compiles a description to one AWS region through one explicit provider."""

    name: ClassVar[str] = "aws"
    speaks: ClassVar[frozenset[str]] = frozenset({"aws"})
    pillars: ClassVar[frozenset[Pillar]] = frozenset(Pillar)

    def unsupported_features(self, target: Target) -> dict[Feature, str]:
        """Autoscaling and confidential GPUs never; storage and keys as the cloud offers them."""
        cloud = cloud_profile(target.cloud)
        missing = {
            Feature.AUTOSCALING: "the aws adapter places a fixed number of EC2 instances per "
            "pool (an Auto Scaling group is not implemented); set max_nodes equal to min_nodes",
            Feature.CONFIDENTIAL_COMPUTING: f"no GPU instance type of {cloud.name} in the "
            "catalog offers confidential computing",
        }
        if not cloud.offers("object_storage", "s3"):
            missing[Feature.OBJECT_STORAGE] = f"{cloud.name} offers no S3 in the catalog"
        if not cloud.offers("key_manager", "kms"):
            missing[Feature.CUSTOMER_KEYS] = f"{cloud.name} offers no KMS in the catalog"
        return missing

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
        import pulumi_aws as aws

        from souverain_aws.gpu_pool import GpuPoolComponent
        from souverain_aws.kms import KeyComponent
        from souverain_aws.lookups import ami_id
        from souverain_aws.network import NetworkComponent
        from souverain_aws.storage import BucketComponent

        options = AwsOptions.of(target)
        region = _region(target)
        problems = key_problems(platform) if Pillar.KEYS in pillars else []
        if Pillar.STORAGE in pillars:
            problems += _bucket_key_problems(platform, keys)
        if Pillar.COMPUTE in pillars:
            problems += _volume_key_problems(platform, options, keys)
        if problems:
            raise SouverainError(f"{platform.name} cannot be deployed to AWS", sorted(problems))
        types = self.sizes(platform, target) if Pillar.COMPUTE in pillars else {}

        provider = aws.Provider(
            platform.physical_name("aws"),
            region=region,
            profile=options.profile,
            opts=pulumi.ResourceOptions(parent=root),
        )
        opts = pulumi.ResourceOptions(parent=root, providers=[provider])
        if Pillar.KEYS in pillars:
            for key in platform.keys:
                made = KeyComponent(platform, key, target.protect_data, opts)
                keys[key.name] = KeyHandle(key.name, self.name, made.arn, made.alias_name, made)
        if Pillar.NETWORK in pillars:
            network = NetworkComponent(platform, opts)
        if Pillar.COMPUTE in pillars:
            volume = _volume_key(platform, options)
            volume_key = keys[volume].ref if volume else None
            images = {
                name: ami_id(name, options, provider)
                for name in sorted({pool.image for pool in platform.gpu_pools})
            }
            for pool in platform.gpu_pools:
                GpuPoolComponent(
                    platform,
                    pool,
                    types[pool.name],
                    images[pool.image],
                    options,
                    network.vpc_id,
                    network.subnet_ids[platform.subnet_of(pool)],
                    network.peers_group_id,
                    volume_key,
                    opts,
                )
        if Pillar.STORAGE in pillars:
            for bucket in platform.buckets:
                key_ref = keys[bucket.encryption_key].ref if bucket.encryption_key else None
                BucketComponent(
                    platform, bucket, key_ref, partition(region), target.protect_data, opts
                )

    def sizes(self, platform: Platform, target: Target) -> dict[str, str]:
        """Each pool's instance type: the stack's choice, else the catalog's, checked."""
        options = AwsOptions.of(target)
        cloud = cloud_profile(target.cloud)
        region = _region(target)
        check_region(cloud, region)
        resolved: dict[str, str] = {}
        problems = []
        for i, pool in enumerate(platform.gpu_pools):
            try:
                chosen = resolve_flavor(
                    cloud,
                    region,
                    pool.gpu,
                    pool.gpus_per_node,
                    options.instance_types,
                    override_key="souverain:aws.instanceTypes",
                )
                _check_named(cloud, chosen, pool.gpu, pool.gpus_per_node)
                resolved[pool.name] = chosen
            except SouverainError as error:
                problems.append(Problem(f"gpu_pools[{i}]", error.summary))
        if problems:
            raise SouverainError(f"{platform.name} cannot be placed on {cloud.name}", problems)
        return resolved

    @classmethod
    def example_target(cls) -> Target:
        """Paris, with the single-H100 instance type named by the stack."""
        return Target(
            adapter=cls.name,
            cloud="aws",
            region="eu-west-3",
            options={
                "instanceTypes": EXAMPLE_INSTANCE_TYPES,
                "images": {"Ubuntu 24.04": "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-*"},
                "imageOwners": ["099720109477"],
            },
        )


def _region(target: Target) -> str:
    """AWS resources live in a region: the stack must name one."""
    if target.region is None:
        raise SouverainError(
            "the aws adapter needs a region: set souverain:region in the stack config "
            "(aws ec2 describe-regions)"
        )
    return target.region


def partition(region: str) -> str:
    """The ARN partition of a region: the AWS European Sovereign Cloud has its own."""
    return "aws-eusc" if region.startswith("eusc-") else "aws"


def _check_named(cloud: Cloud, instance_type: str, gpu: str, count: int) -> None:
    """Refuse a stack-named instance type the catalog knows to carry other GPUs."""
    known = next((f for f in cloud.gpu_flavors if f.name == instance_type), None)
    if known is not None and (known.gpu, known.gpu_count) != (gpu, count):
        raise SouverainError(
            f"{instance_type} has {known.gpu_count} x {known.gpu} in the catalog, but the pool "
            f"asks for {count} x {gpu}; fix souverain:aws.instanceTypes"
        )


def _bucket_key_problems(platform: Platform, keys: KeyRing) -> list[Problem]:
    """S3 encrypts with symmetric KMS keys only; a key another adapter made is not one."""
    problems = []
    for i, bucket in enumerate(platform.buckets):
        name = bucket.encryption_key
        if name is None:
            continue
        handle = keys.get(name)
        if handle is not None and handle.adapter != AwsAdapter.name:
            problems.append(
                Problem(
                    f"buckets[{i}].encryption_key",
                    f"key {name!r} is made by the {handle.adapter} adapter, not in KMS; S3 "
                    "encrypts only with KMS keys: route keys to the aws adapter "
                    "(souverain:pillars.keys)",
                )
            )
        elif not symmetric(platform, name):
            problems.append(
                Problem(
                    f"buckets[{i}].encryption_key",
                    f"S3 encrypts only with aes-256 encryption keys (symmetric KMS keys); "
                    f"{name!r} is not one",
                )
            )
    return problems


def _volume_key(platform: Platform, options: AwsOptions) -> str | None:
    """The description's key that encrypts the nodes' EBS volumes, if any."""
    if options.volume_key is not None:
        return options.volume_key
    return next((k.name for k in platform.keys if k.purpose is KeyPurpose.ENCRYPTION), None)


def _volume_key_problems(platform: Platform, options: AwsOptions, keys: KeyRing) -> list[Problem]:
    name = _volume_key(platform, options)
    if name is None or not platform.gpu_pools:
        return []
    where = "souverain:aws.volumeKey"
    if name not in {k.name for k in platform.keys}:
        return [Problem(where, f"no key named {name!r} in the description")]
    if options.volume_key is None:
        where = f"keys[{[k.name for k in platform.keys].index(name)}]"
    handle = keys.get(name)
    if handle is not None and handle.adapter != AwsAdapter.name:
        return [
            Problem(
                where,
                f"key {name!r} is made by the {handle.adapter} adapter, not in KMS; EBS "
                "encrypts only with KMS keys",
            )
        ]
    if not symmetric(platform, name):
        return [
            Problem(where, f"EBS encrypts only with aes-256 encryption keys; {name!r} is not one")
        ]
    return []
