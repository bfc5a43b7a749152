"""What a description can ask of a cloud, so adapters can say what they cannot do and why."""

from __future__ import annotations

from enum import StrEnum

from souverain.model.ai_platform import Platform
from souverain.model.key import KeyPurpose
from souverain.model.network import EgressMode, Protocol
from souverain.target import Pillar


class Feature(StrEnum):
    """A capability a description may need from its target."""

    GPU_POOLS = "gpu-pools"
    AUTOSCALING = "autoscaling"
    CONFIDENTIAL_COMPUTING = "confidential-computing"
    PUBLIC_ADDRESSES = "public-addresses"
    SSH_ACCESS = "ssh-access"
    BOOT_DISK_SIZE = "boot-disk-size"
    WORKLOADS = "workloads"
    BARE_NODES = "bare-nodes"
    RESTRICTED_EGRESS = "restricted-egress"
    ICMP_INGRESS = "icmp-ingress"
    OBJECT_STORAGE = "object-storage"
    OBJECT_VERSIONING = "object-versioning"
    OBJECT_LOCK = "object-lock"
    OBJECT_LIFECYCLE = "object-lifecycle"
    BUCKET_ENCRYPTION = "bucket-encryption"
    CUSTOMER_KEYS = "customer-keys"
    KEY_ROTATION = "key-rotation"
    SIGNING_KEYS = "signing-keys"

    @property
    def pillar(self) -> Pillar:
        """The pillar whose adapter must provide the feature."""
        return _PILLARS[self]


_PILLARS = {
    Feature.GPU_POOLS: Pillar.COMPUTE,
    Feature.AUTOSCALING: Pillar.COMPUTE,
    Feature.CONFIDENTIAL_COMPUTING: Pillar.COMPUTE,
    Feature.PUBLIC_ADDRESSES: Pillar.COMPUTE,
    Feature.SSH_ACCESS: Pillar.COMPUTE,
    Feature.BOOT_DISK_SIZE: Pillar.COMPUTE,
    Feature.WORKLOADS: Pillar.COMPUTE,
    Feature.BARE_NODES: Pillar.COMPUTE,
    Feature.RESTRICTED_EGRESS: Pillar.NETWORK,
    Feature.ICMP_INGRESS: Pillar.NETWORK,
    Feature.OBJECT_STORAGE: Pillar.STORAGE,
    Feature.OBJECT_VERSIONING: Pillar.STORAGE,
    Feature.OBJECT_LOCK: Pillar.STORAGE,
    Feature.OBJECT_LIFECYCLE: Pillar.STORAGE,
    Feature.BUCKET_ENCRYPTION: Pillar.STORAGE,
    Feature.CUSTOMER_KEYS: Pillar.KEYS,
    Feature.KEY_ROTATION: Pillar.KEYS,
    Feature.SIGNING_KEYS: Pillar.KEYS,
}


def required_features(platform: Platform) -> dict[Feature, str]:
    """Each feature the description uses, with the first field that needs it."""
    needs: dict[Feature, str] = {}

    def need(feature: Feature, where: str) -> None:
        needs.setdefault(feature, where)

    if platform.network.egress.mode is EgressMode.RESTRICTED:
        need(Feature.RESTRICTED_EGRESS, "network.egress.mode")
    for i, rule in enumerate(platform.network.ingress):
        if rule.protocol is Protocol.ICMP:
            need(Feature.ICMP_INGRESS, f"network.ingress[{i}].protocol")
    for i, pool in enumerate(platform.gpu_pools):
        need(Feature.GPU_POOLS, f"gpu_pools[{i}]")
        if pool.max_nodes > pool.min_nodes:
            need(Feature.AUTOSCALING, f"gpu_pools[{i}].max_nodes")
        if pool.confidential_computing:
            need(Feature.CONFIDENTIAL_COMPUTING, f"gpu_pools[{i}].confidential_computing")
        if pool.public:
            need(Feature.PUBLIC_ADDRESSES, f"gpu_pools[{i}].public")
        if pool.ssh_public_key is not None:
            need(Feature.SSH_ACCESS, f"gpu_pools[{i}].ssh_public_key")
        if pool.boot_disk_gib is not None:
            need(Feature.BOOT_DISK_SIZE, f"gpu_pools[{i}].boot_disk_gib")
        if pool.workload is not None:
            need(Feature.WORKLOADS, f"gpu_pools[{i}].workload")
        else:
            need(Feature.BARE_NODES, f"gpu_pools[{i}].workload")
    for i, bucket in enumerate(platform.buckets):
        need(Feature.OBJECT_STORAGE, f"buckets[{i}]")
        if bucket.versioning:
            need(Feature.OBJECT_VERSIONING, f"buckets[{i}].versioning")
        if bucket.retention is not None:
            need(Feature.OBJECT_LOCK, f"buckets[{i}].retention")
        if bucket.lifecycle:
            need(Feature.OBJECT_LIFECYCLE, f"buckets[{i}].lifecycle")
        if bucket.encryption_key is not None:
            need(Feature.BUCKET_ENCRYPTION, f"buckets[{i}].encryption_key")
    for i, key in enumerate(platform.keys):
        need(Feature.CUSTOMER_KEYS, f"keys[{i}]")
        if key.rotation_days is not None:
            need(Feature.KEY_ROTATION, f"keys[{i}].rotation_days")
        if key.purpose is KeyPurpose.SIGNING:
            need(Feature.SIGNING_KEYS, f"keys[{i}].purpose")
    return needs
