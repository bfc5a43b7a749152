"""SOV-009: machine images and container images come from allowed sources."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fnmatch import fnmatchcase
from typing import Any, ClassVar

from souverain.rules.context import RuleContext
from souverain.rules.model import ResourceView, Rule

INSTANCE = "openstack:compute/instance:Instance"


def _container_images(props: Mapping[str, Any]) -> list[str]:
    spec = props.get("spec") or {}
    pod = (spec.get("template") or {}).get("spec") or spec
    containers = [*(pod.get("containers") or []), *(pod.get("initContainers") or [])]
    return [str(c.get("image", "")) for c in containers if isinstance(c, dict)]


class ImageProvenance(Rule):
    """Instance images match the allowed image patterns; container images the allowed registries."""

    ID: ClassVar[str] = "SOV-009"
    TITLE: ClassVar[str] = "Images from allowed sources"
    RATIONALE: ClassVar[str] = (
        "An image is code that runs with the data. Images from unknown publishers or "
        "registries outside the organisation's control break the chain of custody."
    )
    REMEDIATION: ClassVar[str] = (
        "Use an image that matches allowed_images, or a registry in allowed_registries "
        "(policy config)."
    )
    RESOURCE_TYPES: ClassVar[tuple[str, ...]] = (
        INSTANCE,
        "kubernetes:core/v1:Pod",
        "kubernetes:apps/v1:*",
        "kubernetes:batch/v1:*",
    )

    def check_resource(self, resource: ResourceView, ctx: RuleContext) -> Iterable[str]:
        """Compare image names with the allowed patterns and registries."""
        if resource.type == INSTANCE:
            metadata = resource.props.get("metadata") or {}
            image = resource.props.get("imageName") or metadata.get("souverain-image")
            if not image:
                yield "the image is not named, so its provenance cannot be checked"
            elif not any(fnmatchcase(str(image), p) for p in ctx.allowed_images):
                allowed = list(ctx.allowed_images)
                yield f"image {image!r} matches none of the allowed images {allowed}"
            return
        for image in _container_images(resource.props):
            if not any(image.startswith(r.rstrip("/") + "/") for r in ctx.allowed_registries):
                yield f"container image {image!r} is not from an allowed registry"
