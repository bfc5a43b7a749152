"""A move as a table for the terminal, Markdown for a pull request, or JSON for tools.

All three are built from the same sorted data, so the same two stacks give the same bytes.
"""

from __future__ import annotations

import json

from souverain.move.model import FeatureChange, Move, PartSide, RuleVerdict, SideSummary, Step
from souverain.table import render_table


def to_json(move: Move) -> str:
    """Deterministic JSON: keys sorted, two-space indent, one trailing newline."""
    return json.dumps(move.as_dict(), indent=2, sort_keys=True) + "\n"


def short_type(token: str) -> str:
    """``aws:ec2/instance:Instance`` as ``Instance``: the last part of a type token."""
    return token.rsplit(":", 1)[-1]


def _becomes(side: PartSide) -> str:
    if not side.placed:
        return "not placed: " + "; ".join(side.problems or ("the plan did not compile",))
    counts: dict[str, int] = {}
    for token, n in side.resources:
        counts[short_type(token)] = counts.get(short_type(token), 0) + n
    kinds = ", ".join(f"{t} x{n}" if n > 1 else t for t, n in sorted(counts.items()))
    protected = f"; {side.protected} protected" if side.protected else ""
    return f"{sum(counts.values())}: {kinds}{protected}"


def _detail(side: PartSide) -> str:
    bits = []
    if side.size:
        bits.append(f"{side.size} ({side.size_origin})")
    if side.encryption:
        bits.append(f"encryption: {side.encryption}")
    bits += [f"not applied: {note}" for note in side.notes]
    if side.placed:
        bits += side.problems
    return "; ".join(bits) or "-"


def _verdict(verdict: RuleVerdict) -> str:
    if verdict.status != "failed":
        return f"{verdict.status} ({verdict.enforcement})"
    plural = "" if verdict.findings == 1 else "s"
    return f"failed ({verdict.enforcement}, {verdict.findings} finding{plural})"


def _feature_state(reason: str | None) -> str:
    return "offered" if reason is None else f"no: {reason}"


def _placements(source: SideSummary, target: SideSummary) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [("PILLAR", "FROM", "TO")]
    for a, b in zip(source.placements, target.placements, strict=True):
        rows.append(
            (
                a.pillar,
                f"{a.adapter}: {a.where()} ({a.jurisdiction or '?'} law)",
                f"{b.adapter}: {b.where()} ({b.jurisdiction or '?'} law)",
            )
        )
    return rows


def _parts(move: Move) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [("PART", "SIDE", "BECOMES", "DETAIL")]
    for part in move.parts:
        label = f"{part.path} {part.name}" if part.path != part.name else part.path
        rows.append(
            (label, f"from {part.source.stack}", _becomes(part.source), _detail(part.source))
        )
        rows.append(("", f"to {part.target.stack}", _becomes(part.target), _detail(part.target)))
    return rows


def _features(move: Move) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [("PART", "FEATURE", "NEEDED BY", "FROM", "TO", "CHANGE")]
    for part in move.parts:
        for f in part.features:
            rows.append(_feature_row(part.path, f))
    for pillar, f in move.capabilities:
        rows.append(_feature_row(f"({pillar})", f))
    return rows


def _feature_row(where: str, f: FeatureChange) -> tuple[str, ...]:
    return (
        where,
        f.feature,
        f.needed or "-",
        _feature_state(f.source),
        _feature_state(f.target),
        f.change,
    )


def _rules(move: Move) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [("RULE", "TITLE", "FROM", "TO", "CHANGE")]
    for r in move.rules:
        rows.append((r.rule, r.title, _verdict(r.source), _verdict(r.target), r.change))
    return rows


def _state(side: SideSummary) -> str:
    state = "PASSED" if side.passed else "FAILED"
    return (
        state
        if side.compiles
        else f"{state} (no plan: rules about clouds and the description only)"
    )


def _headline(move: Move) -> str:
    return (
        f"souverain diff: {move.platform} from {move.source.stack} to {move.target.stack} "
        f"(level {move.level}): check {_state(move.source)} -> {_state(move.target)}"
    )


def _step_lines(step: Step, indent: str = "   ") -> list[str]:
    lines = [f"{step.number}. {step.title}" + (f" [{step.part}]" if step.part else "")]
    if step.blocked:
        lines.append(f"{indent}BLOCKED: {step.blocked}")
    lines += [f"{indent}$ {command}" for command in step.commands]
    lines += [f"{indent}- {note}" for note in step.notes]
    return lines


def to_table(move: Move) -> str:
    """Sections of aligned tables, then the exit plan with its commands."""
    out = [_headline(move), ""]
    for side in (move.source, move.target):
        if not side.compiles:
            out.append(f"{side.stack} does not compile: " + "; ".join(side.problems))
    out += ["WHERE", render_table(_placements(move.source, move.target))]
    out += ["PARTS", render_table(_parts(move))]
    features = _features(move)
    out += ["FEATURES", render_table(features) if len(features) > 1 else "none used or changed\n"]
    out += [f"RULES at {move.level}", render_table(_rules(move))]
    if move.disputed:
        out.append("DISPUTED FACTS")
        out += [f"- {d.cloud}, {d.fact}: {d.note}" for d in move.disputed]
        out.append("")
    out.append("EXIT PLAN")
    for step in move.steps:
        out += _step_lines(step)
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def _md_table(rows: list[tuple[str, ...]]) -> list[str]:
    head, *body = rows
    lines = ["| " + " | ".join(h.lower() for h in head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in body]
    return lines


def to_markdown(move: Move) -> str:
    """The same sections in Markdown, the exit plan as a numbered list with shell blocks."""
    lines = [f"### {_headline(move)}", ""]
    for side in (move.source, move.target):
        if not side.compiles:
            lines += [f"**{side.stack} does not compile:** " + _md("; ".join(side.problems)), ""]
    lines += ["#### Where", "", *_md_table(_placements(move.source, move.target)), ""]
    lines += ["#### Parts", "", *_md_table(_parts(move)), ""]
    features = _features(move)
    if len(features) > 1:
        lines += ["#### Features", "", *_md_table(features), ""]
    lines += [f"#### Rules at {move.level}", "", *_md_table(_rules(move)), ""]
    if move.disputed:
        lines += ["#### Disputed facts", ""]
        lines += [f"- **{d.cloud}**, {d.fact}: {d.note}" for d in move.disputed]
        lines.append("")
    lines += ["#### Exit plan", ""]
    for step in move.steps:
        title = f"{step.number}. **{step.title}**" + (f" (`{step.part}`)" if step.part else "")
        lines.append(title)
        if step.blocked:
            lines.append(f"   - **Blocked:** {step.blocked}")
        if step.commands:
            lines += ["   ```sh", *(f"   {c}" for c in step.commands), "   ```"]
        lines += [f"   - {note}" for note in step.notes]
    return "\n".join(lines) + "\n"
