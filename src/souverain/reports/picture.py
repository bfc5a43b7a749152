"""The platform drawn as an inline SVG.

Each cloud region is a frame, each part a box in its verdict's colour, the network drawn
around its GPU pools, and where the state lives below.

Plain SVG text, no script, no external font or image: the page that holds it makes no
request. Sizes are computed from the parts, so the same report gives the same bytes.
"""

from __future__ import annotations

from html import escape
from textwrap import wrap

from souverain.reports.sovereignty import (
    ADVISORY,
    FAIL,
    PASS,
    UNPLACED,
    WAIVED,
    Location,
    PartView,
    SovereigntyReport,
    StateView,
)

COLOURS = {
    PASS: ("#2e7d32", "#e8f5e9"),
    ADVISORY: ("#b26a00", "#fff4e0"),
    WAIVED: ("#5e35b1", "#ede7f6"),
    FAIL: ("#c62828", "#ffebee"),
    UNPLACED: ("#616161", "#eeeeee"),
}
"""Verdict: (stroke and text colour, fill)."""

LABELS = {
    PASS: "passes",
    ADVISORY: "advisory findings",
    WAIVED: "waived findings",
    FAIL: "blocking findings",
    UNPLACED: "not placed",
}
KIND_NAMES = {"network": "network", "gpu-pool": "GPU pool", "bucket": "bucket", "key": "key"}

WIDTH = 1000
MARGIN = 16
BOX_W, BOX_H, GAP = 214, 88, 14
HEADER = 58
FONT = "font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif"


def _text(
    x: float,
    y: float,
    content: str,
    size: int = 13,
    weight: str = "normal",
    fill: str = "#212121",
    anchor: str = "start",
) -> str:
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}" font-weight="{weight}" '
        f'fill="{fill}" text-anchor="{anchor}">{escape(content)}</text>'
    )


SHORT = {ADVISORY: "advisory", WAIVED: "waived", FAIL: "blocks"}


def _verdict_line(part: PartView) -> str:
    if part.verdict == PASS:
        return "passes every rule"
    if part.verdict == UNPLACED:
        return "not placed: " + (part.problems[0] if part.problems else "no plan")
    shown = part.blocking if part.verdict == FAIL else part.rules
    more = len(part.rules) - len(shown)
    return f"{SHORT[part.verdict]}: {', '.join(shown)}" + (f" +{more}" if more else "")


def _box(part: PartView, x: float, y: float) -> str:
    stroke, fill = COLOURS[part.verdict]
    title = (
        f"{KIND_NAMES[part.kind]} {part.name} ({part.physical}): {part.summary}; "
        f"{part.place.where()}; {_verdict_line(part)}"
    )
    lines = wrap(part.summary, 29)[:2]
    out = [
        f'<g class="part verdict-{part.verdict.replace(" ", "-")}">',
        f"<title>{escape(title)}</title>",
        f'<rect x="{x:g}" y="{y:g}" width="{BOX_W}" height="{BOX_H}" rx="8" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="2"/>',
        f'<rect x="{x:g}" y="{y:g}" width="8" height="{BOX_H}" rx="3" fill="{stroke}"/>',
        _text(x + 16, y + 20, f"{KIND_NAMES[part.kind]} {part.name}", 14, "bold"),
    ]
    out += [
        _text(x + 16, y + 38 + 15 * i, line, 12, fill="#424242") for i, line in enumerate(lines)
    ]
    verdict = _verdict_line(part)
    if len(verdict) > 30:
        verdict = verdict[:29] + "…"
    out.append(_text(x + 16, y + BOX_H - 10, verdict, 11, "bold", stroke))
    out.append("</g>")
    return "\n".join(out)


def _row(parts: list[PartView], x: float, y: float, width: float) -> tuple[list[str], float]:
    """Boxes laid out left to right, wrapping; returns the SVG and the height used."""
    per_row = max(1, int((width + GAP) // (BOX_W + GAP)))
    out = []
    for index, part in enumerate(parts):
        column, line = index % per_row, index // per_row
        out.append(_box(part, x + column * (BOX_W + GAP), y + line * (BOX_H + GAP)))
    rows = (len(parts) + per_row - 1) // per_row
    return out, rows * BOX_H + max(rows - 1, 0) * GAP


def _location(location: Location, y: float) -> tuple[list[str], float]:
    stroke, _ = COLOURS[location.verdict]
    x, width = MARGIN, WIDTH - 2 * MARGIN
    inner_x, inner_w = x + 16, width - 32
    body: list[str] = []
    cursor = y + HEADER
    network = next((p for p in location.parts if p.kind == "network"), None)
    pools = [p for p in location.parts if p.kind == "gpu-pool"]
    others = [p for p in location.parts if p.kind in ("bucket", "key")]
    if network is not None:
        net_stroke, net_fill = COLOURS[network.verdict]
        boxes, height = _row(pools, inner_x + 16, cursor + 44, inner_w - 32) if pools else ([], 0)
        net_h = 44 + height + (16 if pools else 0)
        body.append(
            f'<g class="part network verdict-{network.verdict.replace(" ", "-")}">'
            f"<title>{escape('network ' + network.physical + ': ' + network.summary)}; "
            f"{escape(_verdict_line(network))}</title>"
            f'<rect x="{inner_x:g}" y="{cursor:g}" width="{inner_w:g}" height="{net_h:g}" rx="10" '
            f'fill="{net_fill}" fill-opacity="0.45" stroke="{net_stroke}" stroke-width="2" '
            f'stroke-dasharray="8 5"/>'
            + _text(inner_x + 14, cursor + 20, f"network {network.physical}", 14, "bold")
            + _text(inner_x + 14, cursor + 36, network.summary, 12, fill="#424242")
            + _text(
                inner_x + inner_w - 14,
                cursor + 20,
                _verdict_line(network),
                12,
                "bold",
                net_stroke,
                "end",
            )
            + "</g>"
        )
        body += boxes
        cursor += net_h + GAP
    elif pools:
        others = pools + others
    if others:
        boxes, height = _row(others, inner_x, cursor, inner_w)
        body += boxes
        cursor += height + GAP
    total = cursor - y + 2
    where = location.cloud_name + (f" · {location.region}" if location.region else "")
    place = ", ".join(p for p in (location.city, location.country) if p) or "country not catalogued"
    law = (
        f"{location.company} · {location.jurisdiction.upper()} jurisdiction"
        if location.company and location.jurisdiction
        else "no known controlling company"
    )
    frame = [
        f'<g class="location" data-cloud="{escape(location.cloud)}">',
        f'<rect x="{x}" y="{y:g}" width="{width}" height="{total:g}" rx="14" fill="#fafbfc" '
        f'stroke="{stroke}" stroke-width="3"/>',
        _text(x + 16, y + 24, f"{where} ({place})", 17, "bold"),
        _text(
            x + 16, y + 44, f"{law} · adapters: {', '.join(location.adapters)}", 13, fill="#424242"
        ),
    ]
    return [*frame, *body, "</g>"], total


def _state(state: StateView, y: float) -> tuple[list[str], float]:
    stroke, fill = COLOURS[state.verdict]
    x, width = MARGIN, WIDTH - 2 * MARGIN
    verdict = "passes SOV-011" if state.verdict == PASS else f"{LABELS[state.verdict]}: SOV-011"
    lines = [
        f"state: {state.backend.describe()}",
        f"secrets: {state.secrets.describe()}",
    ]
    out = [
        '<g class="state">',
        f"<title>{escape('; '.join(lines))}</title>",
        f'<rect x="{x}" y="{y:g}" width="{width}" height="84" rx="10" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="2"/>',
        _text(x + 16, y + 22, "Pulumi state and secrets", 14, "bold"),
        _text(x + width - 16, y + 22, verdict, 12, "bold", stroke, "end"),
    ]
    for index, line in enumerate(lines):
        shown = line if len(line) <= 130 else line[:129] + "…"
        out.append(_text(x + 16, y + 44 + 18 * index, shown, 12, fill="#424242"))
    out.append("</g>")
    return out, 84


def platform_svg(report: SovereigntyReport) -> str:
    """The picture of the platform, as an ``<svg>`` element sized to its content."""
    body: list[str] = []
    y: float = MARGIN
    for location in report.locations:
        drawn, height = _location(location, y)
        body += drawn
        y += height + GAP
    if report.state is not None:
        drawn, height = _state(report.state, y)
        body += drawn
        y += height + GAP
    legend_x: float = MARGIN
    for verdict in (PASS, ADVISORY, WAIVED, FAIL, UNPLACED):
        stroke, fill = COLOURS[verdict]
        body.append(
            f'<rect x="{legend_x:g}" y="{y + 4:g}" width="16" height="16" rx="3" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="2"/>'
        )
        body.append(_text(legend_x + 22, y + 17, LABELS[verdict], 12))
        legend_x += 36 + 7.5 * len(LABELS[verdict])
    height = y + 30
    title = f"{report.platform.name} on stack {report.stack}"
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height:g}" '
            f'width="{WIDTH}" height="{height:g}" style="{FONT};max-width:100%;height:auto" '
            f'aria-label="{escape(title)}">',
            f"<title>{escape(title)}</title>",
            *body,
            "</svg>",
        ]
    )
