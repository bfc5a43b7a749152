"""SOV-008: data-bearing resources are protected from accidental deletion."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from souverain.rules.context import RuleContext
from souverain.rules.model import ResourceView, Rule


class DataProtection(Rule):
    """Buckets, keys, secrets and volumes carry Pulumi's protect flag."""

    ID: ClassVar[str] = "SOV-008"
    TITLE: ClassVar[str] = "Data-bearing resources are protected"
    RATIONALE: ClassVar[str] = (
        "A rename or a careless destroy must not delete a dataset or the key that decrypts it."
    )
    REMEDIATION: ClassVar[str] = (
        "Keep souverain:protectData true; unprotect explicitly only to retire data."
    )
    RESOURCE_TYPES: ClassVar[tuple[str, ...]] = (
        "openstack:objectstorage/container:Container",
        "openstack:keymanager/*",
        "openstack:blockstorage/volume*:*",
        "aws:s3/bucket:Bucket",
        "aws:s3/bucketV2:BucketV2",
        "aws:kms/key:Key",
        "aws:ebs/volume:Volume",
    )

    def check_resource(self, resource: ResourceView, ctx: RuleContext) -> Iterable[str]:
        """Unprotected data-bearing resources."""
        if not resource.protect:
            yield "not protected: a delete or replace would destroy data"
