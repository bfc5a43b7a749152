"""Helpers shared by report formats: short locations and waiver descriptions."""

from __future__ import annotations

from souverain.rules.evaluate import Finding
from souverain.rules.waivers import Waiver

COVERAGE_ID = "not-judged"
NOT_JUDGED = "not judged: no mapping knows this type, so no rule could judge it"


def short_location(location: str) -> str:
    """A URN's resource name (``...::name``), or a description field path as it is."""
    return location.rsplit("::", 1)[-1] if location.startswith("urn:") else location


def is_description(finding: Finding) -> bool:
    """Whether the finding is about the description rather than a resource."""
    return not finding.violation.location.startswith("urn:")


def waiver_dict(waiver: Waiver) -> dict[str, str]:
    """A waiver as plain data."""
    return {
        "rule": waiver.rule,
        "resource": waiver.resource,
        "owner": waiver.owner,
        "reason": waiver.reason,
        "expires": waiver.expires.isoformat(),
    }
