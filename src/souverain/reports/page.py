"""The sovereignty report as one self-contained HTML page, and as Markdown.

The page holds everything: inline CSS, the platform as inline SVG, no script, no font or
image from elsewhere, and a Content-Security-Policy that forbids any request, so opening
it (from a CI artefact, an e-mail) contacts nobody. Markdown carries the same sections
for a pull request or a wiki, the picture replaced by the table of where each part runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from importlib import metadata

from souverain.reports.common import finding_text, short_location
from souverain.reports.picture import COLOURS, KIND_NAMES, LABELS, platform_svg
from souverain.reports.sovereignty import (
    PASS,
    Claim,
    PartView,
    SovereigntyReport,
    verdict_of,
)
from souverain.rules.evaluate import Finding

try:
    VERSION = metadata.version("souverain")
except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
    VERSION = "unknown"

CSS = """
:root { color-scheme: light; }
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; margin: 0;
  color: #212121; background: #fff; line-height: 1.45; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 10px; border-bottom: 2px solid #e0e0e0; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 18px 0 6px; }
.meta { color: #616161; margin: 0 0 16px; }
.banner { border-radius: 10px; padding: 14px 18px; margin: 12px 0; border: 2px solid; }
.banner strong { font-size: 20px; }
.ladder { display: flex; gap: 6px; margin: 10px 0 4px; flex-wrap: wrap; }
.rung { border: 2px solid; border-radius: 8px; padding: 6px 10px; min-width: 150px;
  font-size: 13px; }
.rung b { font-size: 15px; }
.required { outline: 3px solid #1565c0; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0 12px; }
th, td { border: 1px solid #e0e0e0; padding: 5px 7px; text-align: left; vertical-align: top; }
th { background: #f5f5f5; }
.chip { display: inline-block; border-radius: 10px; padding: 1px 8px; font-size: 12px;
  font-weight: bold; border: 1px solid; white-space: nowrap; }
.rule { border: 1px solid #e0e0e0; border-radius: 8px; padding: 8px 12px; margin: 10px 0; }
.rule p { margin: 4px 0; }
.muted { color: #616161; }
code { font-size: 12px; background: #f5f5f5; padding: 0 3px; border-radius: 3px; }
figure { margin: 8px 0; }
"""
_VERDICT_WORDS = {
    "pass": "passes",
    "advisory": "advisory",
    "waived": "waived",
    "fail": "fails",
    "not placed": "not placed",
}


def _chip(verdict: str, text: str | None = None) -> str:
    stroke, fill = COLOURS[verdict]
    label = text or _VERDICT_WORDS[verdict]
    return (
        f'<span class="chip verdict-{verdict.replace(" ", "-")}" '
        f'style="color:{stroke};background:{fill};border-color:{stroke}">{escape(label)}</span>'
    )


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """An HTML table; cells are already escaped HTML."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _part_verdict(part: PartView) -> str:
    return (_VERDICT_WORDS[part.verdict] + " " + ", ".join(part.rules)).strip()


def _where(part: PartView) -> list[str]:
    place = part.place
    return [
        escape(place.cloud_name),
        escape(place.region or "-"),
        escape(place.country or "not catalogued"),
        escape(place.jurisdiction.upper() if place.jurisdiction else "unknown"),
        escape(place.company or "unknown"),
    ]


def _finding_rows(findings: Iterable[Finding]) -> list[list[str]]:
    rows = []
    for finding in findings:
        verdict = verdict_of([finding])
        waiver = finding.waiver
        how = (
            f"waived by {escape(waiver.owner)} until {waiver.expires}: {escape(waiver.reason)}"
            if waiver
            else escape(str(finding.enforcement))
        )
        rows.append(
            [
                _chip(verdict),
                f"<code>{escape(short_location(finding.violation.location))}</code>"
                + (f" ({escape(finding.violation.part)})" if finding.violation.part else ""),
                escape(finding_text(finding)),
                how,
            ]
        )
    return rows


def _levels(report: SovereigntyReport) -> str:
    if not report.levels:
        return (
            '<p class="muted">The plan does not compile on this stack, so no level is reached; '
            "the problems are listed below.</p>"
        )
    rungs = []
    for result in report.levels:
        verdict = PASS if result.passed else "fail"
        stroke, fill = COLOURS[verdict]
        state = "passes" if result.passed else f"{result.blocking} blocking"
        rungs.append(
            f'<div class="rung{" required" if result.level == report.required else ""}" '
            f'style="border-color:{stroke};background:{fill}">'
            f"<b>{escape(result.level)}</b> {escape(state)}"
            f'<br><span class="muted">{escape(result.meaning.split(":")[0])}</span></div>'
        )
    return f'<div class="ladder">{"".join(rungs)}</div>'


def _claims_rows(claims: Sequence[Claim]) -> list[list[str]]:
    return [
        [
            escape(c.subject),
            escape(c.fact),
            escape(c.value),
            escape(c.provenance.source),
            escape(c.provenance.date.isoformat() if c.provenance.date else "undated"),
            escape(str(c.provenance.confidence)),
            escape(c.provenance.note or ""),
        ]
        for c in claims
    ]


def to_html(report: SovereigntyReport) -> str:
    """The whole report as one self-contained HTML page."""
    platform = report.platform
    verdict = PASS if report.passed else "fail"
    stroke, fill = COLOURS[verdict]
    reached = report.reached or "none"
    parts: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Sovereignty report: {escape(platform.name)} on {escape(report.stack)}</title>",
        f"<style>{CSS}</style></head><body><main>",
        f"<h1>Sovereignty report: {escape(platform.name)} on {escape(report.stack)}</h1>",
        f'<p class="meta">Project {escape(report.project)} · owner {escape(platform.owner)} · '
        f"{escape(str(platform.data_class))} data · {report.today.isoformat()} · "
        f"souverain {escape(VERSION)}</p>",
        f'<section class="banner" id="verdict" style="border-color:{stroke};background:{fill}">'
        f'<strong style="color:{stroke}">{"PASSED" if report.passed else "FAILED"}</strong> '
        f"at the required level <b>{escape(report.required)}</b>. "
        f"SEAL level reached: <b>{escape(reached)}</b> (required {escape(report.required)}). "
        f"{sum(f.blocking for f in report.findings)} blocking, "
        f"{sum(not f.blocking and f.waiver is None for f in report.findings)} advisory, "
        f"{sum(f.waiver is not None for f in report.findings)} waived findings; "
        f"{report.check.resources} resources judged.</section>",
        _levels(report),
        "<h2>The platform</h2>",
        f'<figure id="picture">{platform_svg(report)}</figure>',
    ]
    if report.problems:
        parts.append("<h3>What does not compile here</h3><ul>")
        parts += [f"<li>{escape(p)}</li>" for p in report.problems]
        parts.append("</ul>")
    parts.append('<h2 id="where">Where each part runs</h2>')
    parts.append(
        _table(
            ["part", "what", "cloud", "region", "country", "jurisdiction", "company", "verdict"],
            [
                [
                    f"<b>{escape(KIND_NAMES[p.kind])} {escape(p.name)}</b><br>"
                    f"<code>{escape(p.physical)}</code>",
                    escape(p.summary) + f"<br><span class='muted'>{p.resources} resources, "
                    f"{escape(p.place.adapter)} adapter</span>",
                    *_where(p),
                    _chip(
                        p.verdict, (_VERDICT_WORDS[p.verdict] + " " + ", ".join(p.rules)).strip()
                    ),
                ]
                for p in report.parts
            ],
        )
    )
    if report.state is not None:
        state = report.state
        parts.append('<h2 id="state">State and secrets</h2>')
        parts.append(
            _table(
                ["what", "where", "set by", "verdict"],
                [
                    [
                        escape(place.what),
                        escape(place.describe().rsplit(" (", 1)[0]),
                        escape(place.origin),
                        _chip(
                            verdict_of(
                                f
                                for f in state.findings
                                if f.violation.location.endswith(
                                    "backend" if place.what == "state" else "secretsprovider"
                                )
                            )
                        ),
                    ]
                    for place in (state.backend, state.secrets)
                ],
            )
        )
    parts.append('<h2 id="findings">Findings</h2>')
    with_findings = [r for r in report.rules if r.findings]
    if not with_findings:
        parts.append("<p>No rule found anything at this level.</p>")
    for rule in with_findings:
        parts.append(
            f'<div class="rule" id="{escape(rule.id)}"><h3>{escape(rule.id)} {escape(rule.title)} '
            f"{_chip(verdict_of(rule.findings))} <span class='muted'>({escape(rule.enforcement)})"
            f"</span></h3><p><b>Why:</b> {escape(rule.rationale)}</p>"
            f"<p><b>Remediation:</b> {escape(rule.remediation)}</p>"
            + _table(["", "where", "finding", "enforcement"], _finding_rows(rule.findings))
            + "</div>"
        )
    conditions = report.check.conditions
    if conditions:
        parts.append("<h3>Passes that hold only under a condition</h3>")
        parts.append(
            _table(
                ["rule", "condition", "what to do", "stated met"],
                [
                    [
                        escape(c.rule),
                        f"<code>{escape(c.condition)}</code>",
                        escape(c.message),
                        "yes" if c.met else "no",
                    ]
                    for c in conditions
                ],
            )
        )
    parts.append('<h2 id="rules">Every rule</h2>')
    parts.append(
        _table(
            ["rule", "title", "enforcement", "status"],
            [
                [escape(r.id), escape(r.title), escape(r.enforcement), escape(r.status)]
                for r in report.rules
            ],
        )
    )
    parts.append('<h2 id="waivers">Waivers</h2>')
    if report.waivers:
        parts.append(
            _table(
                ["rule", "resource", "owner", "reason", "expires", "state"],
                [
                    [
                        escape(w.waiver.rule),
                        f"<code>{escape(w.waiver.resource)}</code>",
                        escape(w.waiver.owner),
                        escape(w.waiver.reason),
                        escape(w.waiver.expires.isoformat()),
                        escape(w.state),
                    ]
                    for w in report.waivers
                ],
            )
        )
    else:
        parts.append("<p>No waiver.</p>")
    parts.append('<h2 id="certifications">Certifications</h2>')
    if report.certifications:
        parts.append(
            _table(
                [
                    "cloud",
                    "certification",
                    "offering covered",
                    "covers this offering",
                    "conditions",
                    "source",
                ],
                [
                    [
                        escape(c.cloud),
                        escape(c.name + (f" {c.version}" if c.version else "")),
                        escape(c.scope),
                        "yes" if c.covers else "no",
                        "<br>".join(
                            f"<code>{escape(i)}</code>: {escape(t)} "
                            f"({'stated met' if met else 'not stated met'})"
                            for i, t, met in c.conditions
                        )
                        or "none",
                        escape(c.provenance.citation()),
                    ]
                    for c in report.certifications
                ],
            )
        )
    else:
        parts.append("<p>The catalog records no certification for these clouds.</p>")
    parts.append('<h2 id="claims">Catalog claims and their sources</h2>')
    parts.append(
        _table(
            ["about", "claim", "value", "source", "date", "confidence", "note"],
            _claims_rows(report.claims),
        )
    )
    if report.check.not_judged:
        parts.append("<h3>Not judged</h3><ul>")
        parts += [
            f"<li><code>{escape(short_location(urn))}</code> ({escape(type_)}): no mapping "
            "knows this type, so no rule could judge it</li>"
            for urn, type_ in report.check.not_judged
        ]
        parts.append("</ul>")
    if report.assessment is not None:
        parts.append(_assessment_html(report))
    parts.append(
        '<p class="muted">This page is self-contained: it loads nothing from anywhere. '
        f"Generated by souverain {escape(VERSION)} from stack {escape(report.stack)} of "
        f"project {escape(report.project)}.</p>"
    )
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _assessment_html(report: SovereigntyReport) -> str:
    assessment = report.assessment
    assert assessment is not None
    rows = [
        [
            escape(o.id),
            escape(o.name),
            escape(o.level),
            escape(o.summary),
        ]
        for o in assessment.objectives
    ]
    return (
        f'<h2 id="assessment">{escape(assessment.title)}</h2>'
        f"<p>Overall: <b>{escape(assessment.overall)}</b></p>"
        + _table(["objective", "name", "level", "summary"], rows)
        + f'<p class="muted">{escape(assessment.source)}</p>'
    )


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(report: SovereigntyReport) -> str:
    """The report's sections in Markdown; where each part runs stands for the picture."""
    platform = report.platform
    lines = [
        f"# Sovereignty report: {platform.name} on {report.stack}",
        "",
        f"Project {report.project} · owner {platform.owner} · {platform.data_class} data · "
        f"{report.today.isoformat()} · souverain {VERSION}",
        "",
        f"**{'PASSED' if report.passed else 'FAILED'}** at the required level "
        f"**{report.required}**. SEAL level reached: **{report.reached or 'none'}** "
        f"(required {report.required}).",
        "",
    ]
    if report.levels:
        lines += ["| level | result |", "|---|---|"]
        lines += [
            f"| {r.level}{' (required)' if r.level == report.required else ''} | "
            f"{'passes' if r.passed else f'{r.blocking} blocking'} |"
            for r in report.levels
        ]
        lines.append("")
    if report.problems:
        lines += ["## What does not compile here", ""] + [f"- {_md(p)}" for p in report.problems]
        lines.append("")
    lines += [
        "## Where each part runs",
        "",
        "| part | what | cloud | region | country | jurisdiction | company | verdict |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for p in report.parts:
        place = p.place
        verdict = _part_verdict(p)
        lines.append(
            f"| {KIND_NAMES[p.kind]} {p.name} (`{p.physical}`) | {_md(p.summary)} | "
            f"{place.cloud_name} | {place.region or '-'} | {place.country or 'not catalogued'} | "
            f"{place.jurisdiction.upper() if place.jurisdiction else 'unknown'} | "
            f"{place.company or 'unknown'} | {verdict} |"
        )
    if report.state is not None:
        lines += ["", "## State and secrets", ""]
        lines += [
            f"- {place.what}: {_md(place.describe())}"
            for place in (report.state.backend, report.state.secrets)
        ]
    lines += ["", "## Findings", ""]
    with_findings = [r for r in report.rules if r.findings]
    if not with_findings:
        lines.append("No rule found anything at this level.")
    for rule in with_findings:
        lines += [
            f"### {rule.id} {rule.title} ({rule.enforcement}, {LABELS[verdict_of(rule.findings)]})",
            "",
            f"Why: {rule.rationale}",
            "",
            f"Remediation: {rule.remediation}",
            "",
        ]
        for finding in rule.findings:
            waiver = finding.waiver
            how = (
                f"waived by {waiver.owner} until {waiver.expires}"
                if waiver
                else str(finding.enforcement)
            )
            lines.append(
                f"- `{short_location(finding.violation.location)}` ({how}): "
                f"{_md(finding_text(finding))}"
            )
        lines.append("")
    lines += ["## Waivers", ""]
    if report.waivers:
        lines += [
            "| rule | resource | owner | reason | expires | state |",
            "|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {w.waiver.rule} | `{_md(w.waiver.resource)}` | {_md(w.waiver.owner)} | "
            f"{_md(w.waiver.reason)} | {w.waiver.expires} | {w.state} |"
            for w in report.waivers
        ]
    else:
        lines.append("No waiver.")
    lines += ["", "## Certifications", ""]
    if report.certifications:
        lines += [
            "| cloud | certification | offering covered | covers this offering | conditions |",
            "|---|---|---|---|---|",
        ]
        for c in report.certifications:
            conditions = "; ".join(
                f"{i}: {t} ({'stated met' if met else 'not stated met'})"
                for i, t, met in c.conditions
            )
            lines.append(
                f"| {c.cloud} | {c.name}{' ' + c.version if c.version else ''} | {_md(c.scope)} | "
                f"{'yes' if c.covers else 'no'} | {_md(conditions) or 'none'} |"
            )
    else:
        lines.append("The catalog records no certification for these clouds.")
    lines += [
        "",
        "## Catalog claims and their sources",
        "",
        "| about | claim | value | source | date | confidence |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {_md(c.subject)} | {_md(c.fact)} | {_md(c.value)} | {_md(c.provenance.source)} | "
        f"{c.provenance.date or 'undated'} | {c.provenance.confidence} |"
        for c in report.claims
    ]
    if report.assessment is not None:
        assessment = report.assessment
        lines += ["", f"## {assessment.title}", "", f"Overall: **{assessment.overall}**", ""]
        lines += ["| objective | name | level | summary |", "|---|---|---|---|"]
        lines += [
            f"| {o.id} | {_md(o.name)} | {o.level} | {_md(o.summary)} |"
            for o in assessment.objectives
        ]
    return "\n".join(lines) + "\n"
