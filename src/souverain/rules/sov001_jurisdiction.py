"""SOV-001: resources run only on clouds controlled under an allowed jurisdiction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from souverain.rules.context import RuleContext
from souverain.rules.model import CloudRule
from souverain.vocabulary.judge import Judged


class AllowedJurisdiction(CloudRule):
    """Deny provider objects (and resources on implicit providers) of non-allowed clouds."""

    ID: ClassVar[str] = "SOV-001"
    TITLE: ClassVar[str] = "Cloud controlled under an allowed jurisdiction"
    RATIONALE: ClassVar[str] = (
        "Whoever controls a cloud answers to its home country's courts. At European levels "
        "the controlling company must be under EU (or, at seal-2, EFTA) jurisdiction."
    )
    REMEDIATION: ClassVar[str] = (
        "Move the stack to a catalogued cloud under an allowed jurisdiction (souverain "
        "catalog --jurisdiction eu), or run the check at a lower level."
    )

    def check_resource(self, resource: Judged, ctx: RuleContext) -> Iterable[str]:
        """Name the cloud's controlling company and jurisdiction when it is not allowed."""
        cloud = ctx.cloud_of(resource)
        allowed = ", ".join(ctx.spec.jurisdictions)
        if cloud is None:
            reached = resource.reach.title if resource.reach else "its unmapped provider"
            yield (
                f"cannot tell which cloud {reached} reaches; name a catalogued cloud in "
                "souverain:cloud or use a catalogued region"
            )
        elif cloud.company is None:
            yield f"{cloud.name} has no known controlling company; allowed jurisdictions: {allowed}"
        elif cloud.company.jurisdiction not in ctx.spec.jurisdictions:
            yield (
                f"{cloud.name} is controlled by {cloud.company.name} under "
                f"{cloud.company.jurisdiction.upper()} jurisdiction; level {ctx.level} "
                f"allows {allowed}"
            )
