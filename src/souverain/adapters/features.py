"""What a description can ask of a cloud, so adapters can say what they cannot do and why."""

from __future__ import annotations

from enum import StrEnum

from souverain.model.ai_platform import Platform


class Feature(StrEnum):
    """A capability a description may need from its target."""

    GPU_POOLS = "gpu-pools"
    AUTOSCALING = "autoscaling"
    CONFIDENTIAL_COMPUTING = "confidential-computing"
    PUBLIC_ADDRESSES = "public-addresses"
    RESTRICTED_EGRESS = "restricted-egress"
    OBJECT_STORAGE = "object-storage"
    OBJECT_VERSIONING = "object-versioning"
    OBJECT_LOCK = "object-lock"
    OBJECT_LIFECYCLE = "object-lifecycle"
    CUSTOMER_KEYS = "customer-keys"
    BUCKET_ENCRYPTION = "bucket-encryption"


def required_features(platform: Platform) -> dict[Feature, str]:
    """Each feature the description uses, with the first field that needs it."""
    needs: dict[Feature, str] = {}

    def need(feature: Feature, where: str) -> None:
        needs.setdefault(feature, where)

    if platform.network.egress.mode == "restricted":
        need(Feature.RESTRICTED_EGRESS, "network.egress.mode")
    for i, pool in enumerate(platform.gpu_pools):
        need(Feature.GPU_POOLS, f"gpu_pools[{i}]")
        if pool.max_nodes > pool.min_nodes:
            need(Feature.AUTOSCALING, f"gpu_pools[{i}].max_nodes")
        if pool.confidential_computing:
            need(Feature.CONFIDENTIAL_COMPUTING, f"gpu_pools[{i}].confidential_computing")
        if pool.public:
            need(Feature.PUBLIC_ADDRESSES, f"gpu_pools[{i}].public")
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
    if platform.keys:
        need(Feature.CUSTOMER_KEYS, "keys[0]")
    return needs
