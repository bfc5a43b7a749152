"""The provider-neutral description of an AI platform (pure pydantic, no cloud SDK)."""

from souverain.model.ai_platform import Platform
from souverain.model.bucket import Bucket, LifecycleRule, Retention, RetentionMode
from souverain.model.classification import DataClass, SovereigntyLevel
from souverain.model.gpu_pool import GpuPool
from souverain.model.key import Key, KeyAlgorithm, KeyPurpose
from souverain.model.network import (
    Egress,
    EgressMode,
    IngressRule,
    Network,
    Protocol,
    Subnet,
    SubnetPurpose,
)
from souverain.model.workload import Workload

__all__ = [
    "Bucket",
    "DataClass",
    "Egress",
    "EgressMode",
    "GpuPool",
    "IngressRule",
    "Key",
    "KeyAlgorithm",
    "KeyPurpose",
    "LifecycleRule",
    "Network",
    "Platform",
    "Protocol",
    "Retention",
    "RetentionMode",
    "SovereigntyLevel",
    "Subnet",
    "SubnetPurpose",
    "Workload",
]
