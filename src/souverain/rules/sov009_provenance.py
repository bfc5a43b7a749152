"""SOV-009: machine images and container images come from allowed sources."""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase
from typing import ClassVar

from souverain.rules.context import RuleContext
from souverain.rules.model import Rule
from souverain.vocabulary.judge import Judged
from souverain.vocabulary.kinds import Kind


def from_registry(image: str, registries: Iterable[str]) -> bool:
    """Whether a container image reference is under one of the registries (host or path)."""
    return any(image.startswith(r.rstrip("/") + "/") for r in registries)


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
        "(check config)."
    )
    KINDS: ClassVar[frozenset[Kind]] = frozenset({Kind.INSTANCE, Kind.WORKLOAD})

    def check_resource(self, resource: Judged, ctx: RuleContext) -> Iterable[str]:
        """Compare image names with the allowed patterns and registries."""
        facts = resource.facts
        if resource.kind is Kind.INSTANCE:
            if not facts.images:
                yield "the image is not named, so its provenance cannot be checked"
            allowed = list(ctx.allowed_images)
            for image in facts.images:
                if not any(fnmatchcase(image, p) for p in allowed):
                    yield f"image {image!r} matches none of the allowed images {allowed}"
            return
        for image in facts.container_images:
            if not from_registry(image, ctx.allowed_registries):
                yield f"container image {image!r} is not from an allowed registry"
