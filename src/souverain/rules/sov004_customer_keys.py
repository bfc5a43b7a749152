"""SOV-004: data is encrypted with keys the user holds in a sovereign key manager."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from souverain.model.ai_platform import Platform
from souverain.rules.context import RuleContext
from souverain.rules.model import ResourceView, Rule

CONTAINER = "openstack:objectstorage/container:Container"
SECRET = "openstack:keymanager/secretV1:SecretV1"


class CustomerHeldKeys(Rule):
    """Buckets must name a key from the project's key manager; key material never in state."""

    ID: ClassVar[str] = "SOV-004"
    TITLE: ClassVar[str] = "Encrypted with keys the user holds"
    RATIONALE: ClassVar[str] = (
        "Provider-default encryption protects against lost disks, not against the provider. "
        "Keys kept in the project's own key manager (Barbican, Vault/OpenBao) keep that control."
    )
    REMEDIATION: ClassVar[str] = (
        "Give every bucket an encryption_key from the description's keys; let the key manager "
        "generate keys (Barbican orders) instead of passing key material."
    )
    RESOURCE_TYPES: ClassVar[tuple[str, ...]] = (CONTAINER, SECRET, "aws:s3/bucket*:*")

    def check_resource(self, resource: ResourceView, ctx: RuleContext) -> Iterable[str]:
        """Swift containers must record their key; Barbican secrets must not carry a payload."""
        if resource.type == CONTAINER:
            metadata: dict[str, Any] = dict(resource.props.get("metadata") or {})
            if not metadata.get("souverain-encryption-key"):
                yield "the container names no encryption key from the project's key manager"
            elif metadata.get("souverain-encryption") in (None, "none"):
                yield "the container's key is not used for encryption (souverain-encryption)"
        elif resource.type == SECRET:
            if resource.props.get("payload"):
                yield "key material is passed in, so it sits in Pulumi state; use a Barbican order"
        else:
            yield "S3 encryption keys are held by AWS (SSE-S3/SSE-KMS), not by the user"

    def check_description(self, platform: Platform, ctx: RuleContext) -> Iterable[tuple[str, str]]:
        """Every bucket names an encryption key."""
        for i, bucket in enumerate(platform.buckets):
            if bucket.encryption_key is None:
                yield (
                    f"buckets[{i}].encryption_key",
                    f"bucket {bucket.name!r} has no encryption key; add a key and reference it",
                )
