"""SOV-006: the cloud holds the certification the data class requires, for the offering used."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from souverain.catalog.clouds import Cloud
from souverain.model.ai_platform import Platform
from souverain.rules.context import RuleContext
from souverain.rules.model import CloudRule
from souverain.vocabulary.judge import Judged


def _missing(cloud: Cloud | None, required: list[str]) -> list[str]:
    if cloud is None:
        return required
    return [name for name in required if not cloud.certified(name)]


class CertificationForDataClass(CloudRule):
    """Health data needs an HDS-certified offering; defence data a SecNumCloud-qualified one.

    The data class is the context's (see :mod:`souverain.rules.context`), the same for the
    description and every resource of one run.
    """

    ID: ClassVar[str] = "SOV-006"
    TITLE: ClassVar[str] = "Certified for the data class"
    RATIONALE: ClassVar[str] = (
        "Some data may only be hosted on certified offerings (HDS for French health data, "
        "SecNumCloud for sensitive public data). A certificate for another offering of the "
        "same provider does not count."
    )
    REMEDIATION: ClassVar[str] = (
        "Choose a cloud certified for the offering used (souverain catalog --certification "
        "NAME), or correct the data class."
    )

    def check_resource(self, resource: Judged, ctx: RuleContext) -> Iterable[str]:
        """Check each provider object's cloud against the data class's certifications."""
        if ctx.overlay is None:
            return
        cloud = ctx.cloud_of(resource)
        missing = _missing(cloud, ctx.overlay.certifications)
        if missing:
            where = cloud.name if cloud else "this cloud"
            yield f"{ctx.data_class} data needs {', '.join(missing)}, which {where} lacks"

    def check_description(self, platform: Platform, ctx: RuleContext) -> Iterable[tuple[str, str]]:
        """Check the stack's cloud against the data class."""
        if ctx.overlay is None:
            return
        cloud = ctx.catalog.get(ctx.cloud) if ctx.cloud else None
        missing = _missing(cloud, ctx.overlay.certifications)
        if missing:
            where = cloud.name if cloud else "the target cloud"
            yield (
                "data_class",
                f"{ctx.data_class} data needs {', '.join(missing)}, which {where} lacks",
            )
