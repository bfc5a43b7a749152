"""The report for people: a table in the terminal, Markdown in a pull request."""

from __future__ import annotations

from souverain.reports.common import (
    condition_text,
    finding_text,
    short_location,
    waiver_line,
    waiver_notes,
)
from souverain.reports.taxonomies import serves
from souverain.rules.evaluate import Report
from souverain.table import render_table


def _verdict(report: Report) -> str:
    blocking = sum(f.blocking for f in report.findings)
    waived = sum(f.waiver is not None for f in report.findings)
    advisory = sum(not f.blocking and f.waiver is None for f in report.findings)
    state = "PASSED" if report.passed else "FAILED"
    return (
        f"{state}: {report.project}/{report.stack} at {report.level}, "
        f"{report.resources} resources; "
        f"{blocking} blocking, {advisory} advisory, {waived} waived, "
        f"{len(report.waivers.expired)} expired waivers"
        + (f", {len(report.not_judged)} not judged" if report.not_judged else "")
        + (f", {len(report.conditions)} conditions" if report.conditions else "")
    )


def _reported_rules(report: Report) -> list[str]:
    """The rules a report shows a finding or a condition of, in ID order."""
    return sorted({f.violation.rule for f in report.findings} | {c.rule for c in report.conditions})


def to_table(report: Report) -> str:
    """Findings as a table, what their rules serve, conditions, not judged, waivers, verdict."""
    rows = [("RULE", "ENFORCEMENT", "WHERE", "FINDING")]
    for finding in report.findings:
        enforcement = "waived" if finding.waiver else str(finding.enforcement)
        rows.append(
            (
                finding.violation.rule,
                enforcement,
                short_location(finding.violation.location),
                finding_text(finding),
            )
        )
    text = render_table(rows) if len(rows) > 1 else "no findings\n"
    for rule in _reported_rules(report):
        text += f"{rule} serves {serves(rule) or 'no mapped objective yet'}\n"
    for condition in report.conditions:
        text += f"condition ({condition.rule}): {condition_text(condition)}\n"
    for urn, type_ in report.not_judged:
        text += f"not judged: {short_location(urn)} ({type_}): no mapping knows this type\n"
    for state, waiver in waiver_notes(report):
        text += waiver_line(state, waiver) + "\n"
    return text + _verdict(report) + "\n"


def to_markdown(report: Report) -> str:
    """A Markdown summary for pull-request comments."""
    lines = [f"### souverain check: {_verdict(report)}", ""]
    if report.findings:
        lines += ["| rule | enforcement | where | finding |", "|---|---|---|---|"]
        for finding in report.findings:
            enforcement = (
                f"waived ({finding.waiver.owner})" if finding.waiver else str(finding.enforcement)
            )
            where = short_location(finding.violation.location).replace("|", "\\|")
            message = finding_text(finding).replace("|", "\\|")
            lines.append(f"| {finding.violation.rule} | {enforcement} | `{where}` | {message} |")
    if report.conditions:
        lines += ["", f"**Conditions** ({len(report.conditions)}): passes that hold only if:"]
        lines += [f"- {c.rule}: {condition_text(c)}" for c in report.conditions]
    if report.not_judged:
        lines += ["", f"**Not judged** ({len(report.not_judged)}): no mapping knows these types."]
        lines += [f"- `{short_location(urn)}` ({type_})" for urn, type_ in report.not_judged]
    reported = _reported_rules(report)
    if reported:
        lines += ["", "**What the rules above serve** (EU-CSF objectives, FINOS controls):"]
        lines += [f"- {rule}: {serves(rule) or 'no mapped objective yet'}" for rule in reported]
    notes = waiver_notes(report)
    if notes:
        lines += ["", "**Waivers to look at**"]
        lines += [f"- {waiver_line(state, waiver)}" for state, waiver in notes]
    return "\n".join(lines) + "\n"
