"""SOV-002: every provider and resource region lies in an allowed country."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from souverain.catalog.countries import country_name
from souverain.rules.context import RuleContext
from souverain.rules.model import Rule
from souverain.vocabulary.judge import Judged


class DataResidency(Rule):
    """Regions of provider objects and of resources that set their own must be in the EU/EEA."""

    ID: ClassVar[str] = "SOV-002"
    TITLE: ClassVar[str] = "Data stays in allowed countries"
    RATIONALE: ClassVar[str] = (
        "Where data is stored decides which data-protection law applies first. A provider "
        "object's region applies to everything created through it, so it is checked too."
    )
    REMEDIATION: ClassVar[str] = (
        "Choose a region in an allowed country (souverain catalog shows each region's "
        "country); levels.yaml says which countries each level allows and why."
    )

    def applies_to(self, resource: Judged) -> bool:
        """Provider objects, resources that set their own region, and those on no provider."""
        return resource.custom and (
            resource.stands_for_its_cloud or resource.facts.region is not None
        )

    def check_resource(self, resource: Judged, ctx: RuleContext) -> Iterable[str]:
        """Name the region and its country when it is outside the allowed countries."""
        allowed = ctx.allowed_countries
        if not allowed:
            return
        cloud, region, facts = ctx.region_facts(resource)
        if region is None:
            yield "no region is set, so where the data lives is unknown; set one in the stack"
        elif facts is None or facts.country is None:
            where = cloud.name if cloud else "an unidentified cloud"
            yield f"the country of region {region} on {where} is not catalogued"
        elif facts.country not in allowed:
            where = f"{region} ({facts.city})" if facts.city else region
            yield (
                f"region {where} is in {country_name(facts.country)}, outside the countries "
                f"level {ctx.level} allows"
            )
