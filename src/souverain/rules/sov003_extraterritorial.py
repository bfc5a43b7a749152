"""SOV-003: no cloud whose controlling company is exposed to non-EU extraterritorial law."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from souverain.rules.context import RuleContext
from souverain.rules.model import CloudRule, Disputed, Said
from souverain.vocabulary.judge import Judged


class ExtraterritorialExposure(CloudRule):
    """Deny provider objects of clouds subject to laws like the US CLOUD Act or FISA 702.

    An exposure the sources dispute (a foreign court order served on a subsidiary, which
    the provider contests) is reported as a dispute naming both sides and their sources;
    the level decides whether it blocks (``disputed`` in levels.yaml).
    """

    ID: ClassVar[str] = "SOV-003"
    TITLE: ClassVar[str] = "No exposure to extraterritorial law"
    RATIONALE: ClassVar[str] = (
        "A company under non-EU jurisdiction, or with a subsidiary a foreign court can "
        "compel, can be made to hand over data stored in Europe (CLOUD Act, FISA 702, "
        "foreign production orders); an EU region does not change that."
    )
    REMEDIATION: ClassVar[str] = (
        "Use a cloud controlled from the EU with no exposure (souverain catalog), or, for a "
        "disputed exposure, weigh the sources the finding names."
    )

    def check_resource(self, resource: Judged, ctx: RuleContext) -> Iterable[Said]:
        """Name the laws the cloud's controlling company is subject to, disputes apart."""
        cloud = ctx.cloud_of(resource)
        if cloud is None or cloud.company is None:
            return
        company = cloud.company
        if company.extraterritorial_laws:
            laws = ", ".join(company.extraterritorial_laws)
            yield f"{cloud.name} ({company.name}) is subject to {laws}"
        for exposure in company.exposures:
            through = f" through {exposure.through}" if exposure.through else ""
            message = f"{cloud.name} ({company.name}) may be reached by {exposure.law}{through}"
            source = exposure.provenance
            if source.disputed:
                yield Disputed(
                    f"{message} (disputed)",
                    f"{source.note} Sources: {source.citation()}",
                )
            else:
                yield f"{message} (source: {source.source})"
