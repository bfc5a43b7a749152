"""The conventions every adapter follows and every rule trusts, defined once.

Adapters name their components and label their resources with these, so ``pulumi stack``
reads like the description on any cloud and rules can tell what a resource belongs to.
Rules trust only these keys: a label an adapter invented would not be read. Keys are
valid as Kubernetes label keys, Neutron tag prefixes, AWS/Azure tags and GCP labels.
"""

from __future__ import annotations

from enum import StrEnum

from souverain.model.ai_platform import Platform
from souverain.model.names import RESERVED_LABEL_PREFIX


class Component(StrEnum):
    """Pulumi types of the components that mirror the description, one per part."""

    PLATFORM = "souverain:platform:Platform"
    NETWORK = "souverain:platform:Network"
    GPU_POOL = "souverain:platform:GpuPool"
    BUCKET = "souverain:platform:Bucket"
    KEY = "souverain:platform:Key"


PLATFORM_TYPE = Component.PLATFORM.value
"""The root component of every deployment. Its ``description`` input is the validated
description itself, so policies and `souverain check` see exactly what was deployed."""


class Marker(StrEnum):
    """Label keys souverain writes; each reads ``souverain-<name>``.

    - ``platform``, ``data-class``, ``sovereignty``, ``owner``: what every labelled
      resource serves (SOV-007).
    - ``part``: the description part a resource implements (a pool, bucket or key name).
    - ``encryption-key``: the reference, in the platform's key manager, of the key that
      encrypts a bucket's data; ``encryption``: how it is applied (SOV-004).
    - ``public``: ``allowed`` when the description asked for the exposure (SOV-005).
    - ``image``: the image name a node was built from, when the cloud records only an id
      (SOV-009).
    """

    PLATFORM = "platform"
    DATA_CLASS = "data-class"
    SOVEREIGNTY = "sovereignty"
    OWNER = "owner"
    PART = "part"
    ENCRYPTION_KEY = "encryption-key"
    ENCRYPTION = "encryption"
    PUBLIC = "public"
    IMAGE = "image"

    @property
    def key(self) -> str:
        """The label key as written on resources."""
        return _KEYS[self]


_KEYS = {marker: RESERVED_LABEL_PREFIX + marker.value for marker in Marker}

PUBLIC_ALLOWED = "allowed"
"""Value of the ``public`` marker on an exposure the description asked for."""

TRACEABILITY = (Marker.PLATFORM, Marker.DATA_CLASS, Marker.OWNER)
"""The markers every labelled resource must carry."""


def platform_labels(platform: Platform) -> dict[str, str]:
    """The labels every resource of ``platform`` carries, user labels first, sorted.

    User labels cannot collide with these: the description refuses reserved keys.
    """
    base = {
        Marker.PLATFORM.key: platform.name,
        Marker.DATA_CLASS.key: str(platform.data_class),
        Marker.SOVEREIGNTY.key: str(platform.sovereignty),
        Marker.OWNER.key: platform.owner,
    }
    return dict(sorted({**platform.labels, **base}.items()))
