"""Print a plan as a resource tree (for people) or as sorted JSON (for tools and diffs)."""

from __future__ import annotations

import json

from souverain.conventions import PLATFORM_TYPE
from souverain.plan.model import Plan, PlannedResource


def to_json(plan: Plan) -> str:
    """Deterministic JSON: resources by URN, keys sorted, one trailing newline."""
    return json.dumps(plan.model_dump(mode="json"), indent=2, sort_keys=True) + "\n"


def to_tree(plan: Plan) -> str:
    """The resource tree as ``pulumi stack`` shows it: components with their children."""
    children: dict[str | None, list[PlannedResource]] = {}
    for resource in plan.resources:
        children.setdefault(resource.parent, []).append(resource)
    protected = sum(r.protect for r in plan.resources)
    lines = [
        f"{plan.project} / {plan.stack}: {len(plan.resources)} resources, "
        f"{protected} protected from deletion"
    ]

    def walk(parent: str | None, indent: str) -> None:
        items = sorted(children.get(parent, []), key=lambda r: (r.custom, r.type, r.name))
        for i, resource in enumerate(items):
            last = i == len(items) - 1
            flags = "  [protected]" if resource.protect else ""
            lines.append(
                f"{indent}{'└─ ' if last else '├─ '}{resource.name}  ({resource.type}){flags}"
            )
            walk(resource.urn, indent + ("   " if last else "│  "))

    walk(None, "")
    for root in plan.of_type(PLATFORM_TYPE):
        notes = root.inputs.get("notes") or {}
        lines += [f"not applied: {path}: {reason}" for path, reason in sorted(notes.items())]
    return "\n".join(lines) + "\n"
