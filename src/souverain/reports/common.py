"""Helpers shared by report formats: short locations, finding texts, conditions, waivers."""

from __future__ import annotations

from souverain.rules.evaluate import Finding, Report
from souverain.rules.model import Condition
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


def waiver_notes(report: Report) -> list[tuple[str, Waiver]]:
    """Waivers a reader must act on: expired (they fail the check), unused, matching nothing."""
    use = report.waivers
    return (
        [("expired", w) for w in use.expired]
        + [("unused: it covers no finding", w) for w in use.unused]
        + [("matches no resource and no description field", w) for w in use.unmatched]
    )


def waiver_line(state: str, waiver: Waiver) -> str:
    """One line about a waiver, for any text format."""
    return (
        f"waiver {waiver.rule} {waiver.resource} (owner {waiver.owner}, "
        f"until {waiver.expires}): {state}"
    )


def finding_text(finding: Finding) -> str:
    """A finding's message, with the dispute it rests on (both sides, sources) when it does."""
    violation = finding.violation
    return violation.message + (f" [disputed: {violation.dispute}]" if violation.dispute else "")


def condition_text(condition: Condition) -> str:
    """One line saying what a pass depends on, and whether the check config says it is met."""
    state = "stated met in the check config" if condition.met else "not stated met"
    return f"{condition.condition} ({state}): {condition.message}"


def condition_dict(condition: Condition) -> dict[str, object]:
    """A condition as plain data."""
    return {
        "rule": condition.rule,
        "id": condition.condition,
        "condition": condition.message,
        "location": condition.location,
        "met": condition.met,
    }
