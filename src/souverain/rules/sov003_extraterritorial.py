"""SOV-003: no cloud whose controlling company is exposed to non-EU extraterritorial law."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from souverain.rules.context import RuleContext
from souverain.rules.model import CloudRule
from souverain.vocabulary.judge import Judged


class ExtraterritorialExposure(CloudRule):
    """Deny provider objects of clouds subject to laws like the US CLOUD Act or FISA 702."""

    ID: ClassVar[str] = "SOV-003"
    TITLE: ClassVar[str] = "No exposure to extraterritorial law"
    RATIONALE: ClassVar[str] = (
        "A US-controlled company can be compelled to hand over data stored in Europe "
        "(CLOUD Act, FISA 702); an EU region does not change that."
    )
    REMEDIATION: ClassVar[str] = "Use a cloud controlled from the EU (souverain catalog)."

    def check_resource(self, resource: Judged, ctx: RuleContext) -> Iterable[str]:
        """Name the laws the cloud's controlling company is subject to."""
        cloud = ctx.cloud_of(resource)
        if cloud is not None and cloud.company is not None and cloud.company.extraterritorial_laws:
            laws = ", ".join(cloud.company.extraterritorial_laws)
            yield f"{cloud.name} ({cloud.company.name}) is subject to {laws}"
