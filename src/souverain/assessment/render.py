"""One assessment as a table for the terminal, Markdown for a pull request, or JSON for tools.

All three come from the same data, in the framework's order, with no date or time of
their own: the same stack and catalog give the same bytes. Objectives are always written
with their name (``SOV-2 Legal``) under an ``EU-CSF`` heading, rules with three digits
(``SOV-003``), so the framework's objectives and souverain's rules cannot be mistaken.
"""

from __future__ import annotations

import json
from typing import Any

from souverain.assessment.assess import Assessment, CriterionResult, ObjectiveResult, RuleVerdict
from souverain.assessment.evidence import Evidence, Fact, Placed
from souverain.assessment.framework import framework, seal_code
from souverain.catalog.countries import country_name
from souverain.table import render_table

DISCLAIMER = (
    "A self-assessment from public facts (souverain's catalog) and from what the offline "
    "plan deploys, not a certification: criteria no public fact answers are listed, not scored."
)
IDS = "SOV-1 ... SOV-8 are the framework's objectives; SOV-001 ... SOV-011 are souverain's rules."


def framework_line(weighting: str) -> str:
    """The framework, its version and the weights used, in one line."""
    info = framework().framework
    return f"{info.name} ({info.short}) v{info.version}, weights {weighting}."


def objective_label(result: ObjectiveResult) -> str:
    """``SOV-2 Legal``: an objective's ID with its short name."""
    return f"{result.id} {result.objective.short}"


def short_answer(label: str) -> str:
    """A calculator answer without its explanation (the part before `` - ``)."""
    return label.split(" - ", 1)[0]


def place(placed: Placed) -> str:
    """``keys, network on OVHcloud Public Cloud GRA11 (France (FR))``."""
    region = placed.cloud.region(placed.region) if placed.region else None
    country = f" ({country_name(region.country)})" if region and region.country else ""
    return f"{', '.join(placed.pillars)} on {placed.where}{country}"


def rules_text(verdicts: tuple[RuleVerdict, ...]) -> str:
    """``SOV-001 passed, SOV-003 failed (1)``: the verdicts of the rules serving an objective."""
    parts = [
        f"{v.rule} {v.status}" + (f" ({v.findings})" if v.status == "failed" else "")
        for v in verdicts
    ]
    return ", ".join(parts) or "-"


def fact_text(fact: Fact) -> str:
    """A fact with its source, date and confidence, and the dispute when there is one."""
    when = f", {fact.date}" if fact.date else ""
    context = ", context" if fact.context else ""
    text = f"{fact.statement} (source: {fact.source}{when}) [{fact.confidence}{context}]"
    if fact.confidence == "disputed" and fact.note:
        text += f" disputed: {fact.note}"
    return text


def evidence_text(evidence: Evidence) -> str:
    """What one subject showed."""
    state = evidence.reason if evidence.outcome is not None else f"unknown: {evidence.reason}"
    return f"{evidence.subject}: {state}"


def headline(assessment: Assessment) -> str:
    """The overall SEAL and the lowest objectives."""
    data = framework()
    lowest = ", ".join(objective_label(o) for o in assessment.lowest)
    name = data.seal_name(assessment.seal)
    return f"{seal_code(assessment.seal)} ({name}); lowest: {lowest}"


def _criterion_lines(result: CriterionResult) -> list[str]:
    answer = result.answer
    lines = [
        f"  {result.criterion.id} (calculator criterion {result.criterion.calculator}): "
        f'"{answer.label}" -> {seal_code(answer.seal)}, {answer.points:g} of '
        f"{result.criterion.max_points:g} points [{result.confidence}]"
    ]
    for evidence in result.evidence:
        lines.append(f"    {evidence_text(evidence)}")
        lines += [f"      - {fact_text(f)}" for f in evidence.facts]
    return lines


def _objective_lines(result: ObjectiveResult) -> list[str]:
    data = framework()
    lines = [
        "",
        f"{result.id} {result.objective.name}: {seal_code(result.seal)} "
        f"({data.seal_name(result.seal)}), score {result.score:.0%}, weight {result.weight}%, "
        f"confidence {result.confidence}",
    ]
    for criterion in result.criteria:
        lines += _criterion_lines(criterion)
    skipped = "; ".join(f"{n.calculator} {n.factor}" for n in result.objective.not_assessed)
    if skipped:
        lines.append(f"  not assessed (no public fact answers them): {skipped}")
    following = result.next_level
    if following is None:
        lines.append("  next level: none, SEAL-4 is the highest")
        return lines
    asks = f': the framework asks "{following.framework}"' if following.framework else ""
    lines.append(f"  next level {seal_code(following.seal)}{asks}")
    lines += [f"    - {gap.criterion} needs {gap.needs}" for gap in following.gaps]
    return lines


def _summary(assessment: Assessment) -> list[str]:
    plan = (
        "planned offline"
        if assessment.planned
        else "NOT planned: "
        + "; ".join(assessment.problems or ("the description does not compile there",))
    )
    lines = [
        f"souverain assess: {assessment.platform} on stack {assessment.stack} ({plan})",
        *(f"placement: {place(p)}" for p in assessment.placements),
        framework_line(assessment.weighting_id) + " " + IDS,
        DISCLAIMER,
        "",
    ]
    rows = [("EU-CSF OBJECTIVE", "WEIGHT", "SEAL", "SCORE", "CONFIDENCE", "SOUVERAIN RULES")]
    rows += [
        (
            objective_label(o),
            f"{o.weight}%",
            seal_code(o.seal),
            f"{o.score:.0%}",
            o.confidence,
            rules_text(o.rules),
        )
        for o in assessment.objectives
    ]
    lines.append(render_table(rows).rstrip("\n"))
    lines.append(
        f"SOVEREIGNTY SCORE {assessment.score:.1f}% (sum over objectives of weight x score)"
    )
    lines.append(f"OVERALL {headline(assessment)}")
    return lines


def to_table(assessment: Assessment) -> str:
    """The summary table, then each objective's criteria, facts and next level."""
    lines = _summary(assessment)
    for result in assessment.objectives:
        lines += _objective_lines(result)
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(assessment: Assessment) -> str:
    """A Markdown report: the summary table, then one section per objective."""
    data = framework()
    lines = [
        f"### souverain assess: {assessment.platform} on {assessment.stack}: "
        f"{seal_code(assessment.seal)}, sovereignty score {assessment.score:.1f}%",
        "",
        f"{framework_line(assessment.weighting_id)} {IDS} {DISCLAIMER}",
        "",
        *(f"- placement: {place(p)}" for p in assessment.placements),
        *(f"- not planned: {p}" for p in assessment.problems),
        "",
        "| EU-CSF objective | weight | SEAL | score | confidence | souverain rules |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {objective_label(o)} | {o.weight}% | {seal_code(o.seal)} | {o.score:.0%} | "
        f"{o.confidence} | {rules_text(o.rules)} |"
        for o in assessment.objectives
    ]
    lines += ["", f"**Overall:** {headline(assessment)}.", ""]
    for result in assessment.objectives:
        lines += [
            f"#### {result.id} {result.objective.name}: {seal_code(result.seal)} "
            f"({data.seal_name(result.seal)})",
            "",
            "| criterion | answer | SEAL | points | confidence |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {c.criterion.id} | {_md(short_answer(c.answer.label))} | "
            f"{seal_code(c.answer.seal)} | {c.answer.points:g}/{c.criterion.max_points:g} | "
            f"{c.confidence} |"
            for c in result.criteria
        ]
        lines.append("")
        for c in result.criteria:
            for evidence in c.evidence:
                lines.append(f"- **{c.criterion.id}**, {_md(evidence_text(evidence))}")
                lines += [f"  - {_md(fact_text(f))}" for f in evidence.facts]
            lines.append(f"  - *how souverain answers it:* {_md(c.criterion.judgement)}")
        if result.objective.not_assessed:
            skipped = "; ".join(f"{n.calculator} {n.factor}" for n in result.objective.not_assessed)
            lines.append(f"- *not assessed:* {_md(skipped)}")
        following = result.next_level
        if following is not None:
            asks = f': "{_md(following.framework)}"' if following.framework else ""
            lines.append(f"- *next level {seal_code(following.seal)}*{asks}")
            lines += [f"  - {g.criterion} needs {_md(g.needs)}" for g in following.gaps]
        lines.append("")
    return "\n".join(lines)


def assessment_dict(assessment: Assessment) -> dict[str, Any]:
    """Plain data of an assessment, for JSON."""
    data = framework()
    info = data.framework
    return {
        "framework": {
            "name": info.name,
            "short": info.short,
            "version": info.version,
            "source": info.provenance.citation(),
            "weights": assessment.weighting_id,
            "weightsSource": assessment.weighting.provenance.citation(),
            "formula": data.score.formula,
        },
        "disclaimer": DISCLAIMER,
        "project": assessment.project,
        "platform": assessment.platform,
        "stack": assessment.stack,
        "planned": assessment.planned,
        "problems": list(assessment.problems),
        "placements": [
            {
                "pillars": list(p.pillars),
                "cloud": p.cloud.id,
                "name": p.cloud.name,
                "region": p.region,
            }
            for p in assessment.placements
        ],
        "objectives": [_objective_dict(o) for o in assessment.objectives],
        "score": round(assessment.score, 2),
        "seal": assessment.seal,
        "lowest": [o.id for o in assessment.lowest],
    }


def _objective_dict(result: ObjectiveResult) -> dict[str, Any]:
    following = result.next_level
    return {
        "id": result.id,
        "name": result.objective.name,
        "weight": result.weight,
        "seal": result.seal,
        "score": round(result.score * 100, 2),
        "confidence": result.confidence,
        "criteria": [
            {
                "id": c.criterion.id,
                "calculator": c.criterion.calculator,
                "factor": c.criterion.factor,
                "answer": c.answer.label,
                "seal": c.answer.seal,
                "points": c.answer.points,
                "maxPoints": c.criterion.max_points,
                "confidence": c.confidence,
                "known": c.known,
                "judgement": c.criterion.judgement,
                "evidence": [
                    {
                        "subject": e.subject,
                        "outcome": e.outcome,
                        "reason": e.reason,
                        "facts": [f.as_dict() for f in e.facts],
                    }
                    for e in c.evidence
                ],
            }
            for c in result.criteria
        ],
        "notAssessed": [n.model_dump() for n in result.objective.not_assessed],
        "nextLevel": None
        if following is None
        else {
            "seal": following.seal,
            "framework": following.framework,
            "gaps": [{"criterion": g.criterion, "needs": g.needs} for g in following.gaps],
        },
        "rules": [
            {"id": v.rule, "title": v.title, "status": v.status, "findings": v.findings}
            for v in result.rules
        ],
    }


def to_json(assessment: Assessment) -> str:
    """Deterministic JSON: keys sorted, two-space indent, one trailing newline."""
    return json.dumps(assessment_dict(assessment), indent=2, sort_keys=True) + "\n"
