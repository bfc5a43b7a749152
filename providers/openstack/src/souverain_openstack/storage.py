"""A bucket as a Swift container: private, versioned as described, protected from deletion."""

from __future__ import annotations

import pulumi
import pulumi_openstack as openstack

from souverain.adapters.contract import KeyHandle
from souverain.conventions import Component, Marker, platform_labels
from souverain.model.ai_platform import Platform
from souverain.model.bucket import Bucket


class BucketComponent(pulumi.ComponentResource):
    """One Swift container; the key that encrypts it is named in its metadata.

    The metadata records the key's name in the key manager (known before the key exists),
    and the container depends on the key, so the key outlives its data.
    """

    def __init__(
        self,
        platform: Platform,
        bucket: Bucket,
        key: KeyHandle | None,
        encryption: str,
        protect: bool,
        opts: pulumi.ResourceOptions,
    ) -> None:
        name = platform.physical_name(bucket.name)
        super().__init__(Component.BUCKET, name, None, opts)
        metadata: dict[str, pulumi.Input[str]] = {
            **platform_labels(platform),
            Marker.PART.key: bucket.name,
        }
        if key is not None:
            metadata[Marker.ENCRYPTION_KEY.key] = key.label
            metadata[Marker.ENCRYPTION.key] = encryption
        container = openstack.objectstorage.Container(
            name,
            name=name,
            versioning=bucket.versioning,
            # ".r:*" would make it world-readable; only an explicit description may ask for it.
            container_read=".r:*,.rlistings" if bucket.public_read else None,
            metadata=metadata,
            force_destroy=False,
            opts=pulumi.ResourceOptions(
                parent=self,
                protect=protect,
                depends_on=[key.resource] if key is not None and key.resource else None,
            ),
        )
        self.register_outputs({"container": container.name})
