"""SOV-007: every resource says which platform, data class and owner it serves."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from souverain.conventions import TRACEABILITY
from souverain.rules.context import RuleContext
from souverain.rules.model import Rule
from souverain.vocabulary.judge import Judged


class TraceabilityLabels(Rule):
    """Every resource that can carry labels carries the platform, data-class and owner labels."""

    ID: ClassVar[str] = "SOV-007"
    TITLE: ClassVar[str] = "Traceability labels"
    RATIONALE: ClassVar[str] = (
        "An auditor must be able to tell, from the cloud alone, what each resource belongs "
        "to, what data it holds and who answers for it."
    )
    REMEDIATION: ClassVar[str] = "Create resources through souverain, or add the labels."

    def applies_to(self, resource: Judged) -> bool:
        """Every resource whose type carries labels or tags, once they can be read."""
        return resource.facts.taggable and "labels" not in resource.facts.unknown

    def check_resource(self, resource: Judged, ctx: RuleContext) -> Iterable[str]:
        """Name the labels the resource lacks."""
        missing = [m.key for m in TRACEABILITY if not resource.facts.marker(m)]
        if missing:
            yield f"missing labels: {', '.join(missing)}"
