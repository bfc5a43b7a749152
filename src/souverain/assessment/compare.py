"""Several stacks of one description side by side: what moving between clouds changes.

Objectives in rows, stacks in columns, then every criterion whose answer differs between
stacks, with each stack's reason and the facts behind it. Same stacks, same bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from souverain.assessment.assess import Assessment, CriterionResult
from souverain.assessment.framework import seal_code
from souverain.assessment.render import (
    DISCLAIMER,
    IDS,
    assessment_dict,
    evidence_text,
    fact_text,
    framework_line,
    objective_label,
    place,
    short_answer,
)
from souverain.table import render_table


@dataclass(frozen=True)
class Difference:
    """One criterion answered differently by the stacks: each stack's result, in order."""

    objective: str
    criterion: str
    results: tuple[CriterionResult, ...]


def differences(assessments: list[Assessment]) -> list[Difference]:
    """The criteria answered differently by the stacks, in the framework's order."""
    found = []
    first = assessments[0]
    for i, objective in enumerate(first.objectives):
        for j, criterion in enumerate(objective.criteria):
            results = tuple(a.objectives[i].criteria[j] for a in assessments)
            if len({r.answer.label for r in results}) > 1:
                found.append(Difference(objective.id, criterion.criterion.id, results))
    return found


def _cell(result: CriterionResult) -> str:
    return f"{seal_code(result.answer.seal)} {short_answer(result.answer.label)}"


def to_table(assessments: list[Assessment]) -> str:
    """Objectives by stack, the score and the headline, then what differs and why."""
    first = assessments[0]
    names = [a.stack for a in assessments]
    lines = [
        f"souverain assess --compare: {first.platform} on {len(assessments)} stacks",
        framework_line(first.weighting_id) + " " + IDS,
        DISCLAIMER,
        "",
    ]
    rows = [("EU-CSF OBJECTIVE", "WEIGHT", *names)]
    for i, objective in enumerate(first.objectives):
        cells = [
            f"{seal_code(a.objectives[i].seal)} {a.objectives[i].score:.0%}" for a in assessments
        ]
        rows.append((objective_label(objective), f"{objective.weight}%", *cells))
    rows.append(("SOVEREIGNTY SCORE", "", *(f"{a.score:.1f}%" for a in assessments)))
    rows.append(
        (
            "OVERALL (LOWEST)",
            "",
            *(f"{seal_code(a.seal)} ({', '.join(o.id for o in a.lowest)})" for a in assessments),
        )
    )
    lines.append(render_table(rows).rstrip("\n"))
    for a in assessments:
        lines += [f"{a.stack}: {place(p)}" for p in a.placements]
        lines += [f"{a.stack}: not planned: {p}" for p in a.problems]
    found = differences(assessments)
    lines += ["", "WHAT CHANGES, criterion by criterion" if found else "NO CRITERION CHANGES"]
    for difference in found:
        lines.append(f"{difference.objective} {difference.criterion}")
        for stack, result in zip(names, difference.results, strict=True):
            lines.append(f"  {stack}: {_cell(result)} [{result.confidence}]")
            for evidence in result.evidence:
                lines.append(f"    {evidence_text(evidence)}")
                lines += [f"      - {fact_text(f)}" for f in evidence.facts]
    return "\n".join(lines) + "\n"


def to_markdown(assessments: list[Assessment]) -> str:
    """The comparison as Markdown tables."""
    first = assessments[0]
    names = [a.stack for a in assessments]
    lines = [
        f"### souverain assess: {first.platform} on {', '.join(names)}",
        "",
        f"{framework_line(first.weighting_id)} {IDS} {DISCLAIMER}",
        "",
        "| EU-CSF objective | weight | " + " | ".join(names) + " |",
        "|---|---|" + "---|" * len(names),
    ]
    for i, objective in enumerate(first.objectives):
        cells = [
            f"{seal_code(a.objectives[i].seal)} {a.objectives[i].score:.0%}" for a in assessments
        ]
        lines.append(
            f"| {objective_label(objective)} | {objective.weight}% | " + " | ".join(cells) + " |"
        )
    lines.append(
        "| **sovereignty score** | | " + " | ".join(f"{a.score:.1f}%" for a in assessments) + " |"
    )
    overall = [f"{seal_code(a.seal)} ({', '.join(o.id for o in a.lowest)})" for a in assessments]
    lines.append("| **overall (lowest)** | | " + " | ".join(overall) + " |")
    found = differences(assessments)
    if found:
        lines += ["", "| criterion | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
        for d in found:
            cells = [
                _cell(r).replace("|", "\\|")
                + "<br>"
                + "; ".join(e.reason for e in r.evidence).replace("|", "\\|")
                for r in d.results
            ]
            lines.append(f"| {d.objective} {d.criterion} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def to_json(assessments: list[Assessment]) -> str:
    """Every assessment in full, and the differing criteria by stack."""
    data: dict[str, Any] = {
        "stacks": [assessment_dict(a) for a in assessments],
        "differences": [
            {
                "objective": d.objective,
                "criterion": d.criterion,
                "answers": {
                    a.stack: {
                        "answer": r.answer.label,
                        "seal": r.answer.seal,
                        "confidence": r.confidence,
                    }
                    for a, r in zip(assessments, d.results, strict=True)
                },
            }
            for d in differences(assessments)
        ],
    }
    return json.dumps(data, indent=2, sort_keys=True) + "\n"
