"""The documentation tables that restate code, generated from the code itself.

A table lives in a Markdown file between ``<!-- generated: NAME -->`` and
``<!-- end generated -->``; :data:`TABLES` says how each NAME is rendered. ``make docs``
(``python -m tests.docs.tables``) rewrites every block, and ``test_tables.py`` fails when
a block differs from what the code gives today, so a hand edit or a new rule, level,
command or mapping cannot leave the docs behind.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import typer.main

from souverain.assessment.mappings import mappings
from souverain.rules.catalogue import RULES
from souverain.rules.levels import Enforcement, level_table
from souverain.rules.model import CloudRule, Rule

ROOT = Path(__file__).resolve().parents[2]

BLOCK = re.compile(
    r"(?P<open><!-- generated: (?P<name>[a-z-]+) -->\n)(?P<body>.*?)(?P<close><!-- end generated -->)",
    re.DOTALL,
)


def doc_files() -> list[Path]:
    """Every Markdown file a reader of this repository is pointed to."""
    found = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
    return [path for path in found if path.exists()]


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _commands(group: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """Each visible leaf command under ``group`` (a Typer group: it has ``commands``)."""
    for name, command in sorted(group.commands.items()):
        if command.hidden:
            continue
        if hasattr(command, "commands"):
            yield from _commands(command, f"{prefix}{name} ")
            continue
        yield f"{prefix}{name}", (command.help or "").strip().splitlines()[0]


def commands_table() -> str:
    """Every command of ``souverain.cli:app``, as Typer builds it, with its first help line."""
    from souverain.cli import app

    root = typer.main.get_command(app)
    assert hasattr(root, "commands"), "souverain.cli:app is expected to have subcommands"
    rows = [[f"`souverain {name}`", summary] for name, summary in sorted(_commands(root))]
    return _table(["command", "what it does"], rows)


def _overrides(rule: type[Rule], method: str) -> bool:
    return getattr(rule, method) is not getattr(Rule, method)


def _judges(rule: type[Rule]) -> str:
    """What a rule looks at, read from which entry points it overrides."""
    judged = []
    if issubclass(rule, CloudRule):
        judged.append("the cloud behind each provider object")
    elif rule.KINDS:
        judged.append("resources of kind " + ", ".join(f"`{k}`" for k in sorted(rule.KINDS)))
    elif _overrides(rule, "check_resource"):
        judged.append("every resource it applies to")
    if _overrides(rule, "check_description"):
        judged.append("the description")
    if _overrides(rule, "check_state"):
        judged.append("the state backend and secrets provider")
    return "; ".join(judged)


def rules_table() -> str:
    """Every rule of the registry: ID, title, what it judges, its module."""
    rows = [
        [rule.ID, rule.TITLE, _judges(rule), f"`{rule.__module__.rsplit('.', 1)[-1]}`"]
        for rule in RULES
    ]
    return _table(["ID", "title", "judges", "module"], rows)


def levels_table() -> str:
    """How each level enforces each rule, from ``levels.yaml``."""
    table = level_table()
    levels = list(table.levels)
    header = ["rule"] + [
        f"`{level.value}` ({', '.join(table.levels[level].aliases)})" for level in levels
    ]
    marks = {Enforcement.MANDATORY: "mandatory", Enforcement.ADVISORY: "advisory"}
    rows = [
        [rule.ID] + [marks.get(table.levels[level].enforcement(rule.ID), "-") for level in levels]
        for rule in RULES
    ]
    rows.append(
        ["findings on a disputed fact, at most"]
        + [table.levels[level].disputed.value for level in levels]
    )
    rows.append(
        ["qualification required whatever the data"]
        + [", ".join(table.levels[level].qualifications) or "-" for level in levels]
    )
    return _table(header, rows)


def data_classes_table() -> str:
    """What each data class adds, from ``levels.yaml``."""
    rows = [
        [
            f"`{name.value}`",
            ", ".join(overlay.certifications) or "-",
            f"`{overlay.min_level.value}`",
        ]
        for name, overlay in level_table().data_classes.items()
    ]
    return _table(["data class", "certification the cloud must hold", "least level"], rows)


def mappings_table() -> str:
    """Each rule's EU-CSF objectives and FINOS controls, from ``mappings.yaml``."""
    found = mappings()
    rows = []
    for rule in RULES:
        mapping = found.of(rule.ID)
        if mapping is None:
            rows.append([f"{rule.ID} {rule.TITLE}", "not mapped", "-"])
            continue
        controls = [f"{c} {found.controls.entries[c].title}" for c in mapping.controls]
        rows.append(
            [
                f"{rule.ID} {rule.TITLE}",
                ", ".join(mapping.objectives),
                ", ".join(controls) or "-",
            ]
        )
    return _table(["rule", "EU-CSF objectives", "FINOS Common Cloud Controls"], rows)


TABLES: dict[str, Callable[[], str]] = {
    "commands": commands_table,
    "rules": rules_table,
    "levels": levels_table,
    "data-classes": data_classes_table,
    "mappings": mappings_table,
}


def render(text: str) -> str:
    """``text`` with every generated block rewritten from the code."""

    def fill(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in TABLES:
            raise KeyError(f"no generator for the block {name!r}; known: {sorted(TABLES)}")
        return match["open"] + TABLES[name]() + match["close"]

    return BLOCK.sub(fill, text)


def main() -> int:
    """Rewrite the generated blocks of every documentation file; print what changed."""
    for path in doc_files():
        text = path.read_text()
        rendered = render(text)
        if rendered != text:
            path.write_text(rendered)
            print(f"rewrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
