"""SOV-007: every resource says which platform, data class and owner it serves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from souverain.rules.context import RuleContext
from souverain.rules.model import ResourceView, Rule

REQUIRED = ("souverain-platform", "souverain-data-class", "souverain-owner")


def _labels(props: Any) -> dict[str, str]:
    labels: dict[str, str] = {}
    for tag in props.get("tags") or []:
        if isinstance(tag, str) and "=" in tag:
            key, _, value = tag.partition("=")
            labels[key] = value
    for source in ("metadata", "labels", "tags"):
        if isinstance(props.get(source), Mapping):
            labels.update(props[source])
    return labels


class TraceabilityLabels(Rule):
    """Taggable resources carry the platform, data-class and owner labels."""

    ID: ClassVar[str] = "SOV-007"
    TITLE: ClassVar[str] = "Traceability labels"
    RATIONALE: ClassVar[str] = (
        "An auditor must be able to tell, from the cloud alone, what each resource belongs "
        "to, what data it holds and who answers for it."
    )
    REMEDIATION: ClassVar[str] = "Create resources through souverain, or add the labels."
    RESOURCE_TYPES: ClassVar[tuple[str, ...]] = (
        "openstack:networking/network:Network",
        "openstack:networking/subnet:Subnet",
        "openstack:networking/router:Router",
        "openstack:networking/secGroup:SecGroup",
        "openstack:networking/port:Port",
        "openstack:networking/floatingIp:FloatingIp",
        "openstack:compute/instance:Instance",
        "openstack:objectstorage/container:Container",
        "aws:s3/bucket*:*",
        "aws:ec2/instance:Instance",
        "aws:ec2/vpc:Vpc",
    )

    def check_resource(self, resource: ResourceView, ctx: RuleContext) -> Iterable[str]:
        """Name the labels the resource lacks."""
        labels = _labels(resource.props)
        missing = [key for key in REQUIRED if not labels.get(key)]
        if missing:
            yield f"missing labels: {', '.join(missing)}"
