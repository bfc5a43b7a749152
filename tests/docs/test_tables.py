"""The docs' tables that restate code agree with the code."""

from __future__ import annotations

import importlib
import re

import pytest

from souverain.rules.catalogue import RULES
from souverain.vocabulary.kinds import DATA_BEARING, Kind
from tests.docs.tables import BLOCK, ROOT, TABLES, doc_files, render


@pytest.mark.parametrize("path", doc_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_generated_tables_match_the_code(path):
    text = path.read_text()
    assert render(text) == text, (
        f"{path.relative_to(ROOT)}: a generated table differs from the code; run `make docs`"
    )


def test_every_table_is_shown_somewhere():
    used = {m["name"] for path in doc_files() for m in BLOCK.finditer(path.read_text())}
    assert used == set(TABLES)


def test_an_edited_table_is_caught():
    rules = ROOT / "docs" / "rules.md"
    text = rules.read_text()
    edited = text.replace("| SOV-001 |", "| SOV-001 (edited) |", 1)
    assert edited != text
    assert render(edited) == text


def test_an_unknown_block_is_refused():
    with pytest.raises(KeyError, match="no generator"):
        render("<!-- generated: nothing-such -->\n<!-- end generated -->")


def _kinds_table() -> dict[str, str]:
    text = (ROOT / "docs" / "rules.md").read_text()
    rows = re.findall(r"^\| `([a-z-]+)` \| [^|]+ \| (yes|no) \|$", text, re.MULTILINE)
    return dict(rows)


def test_the_kinds_table_lists_every_kind_once():
    table = _kinds_table()
    assert sorted(table) == sorted(kind.value for kind in Kind)


def test_the_kinds_table_says_which_kinds_bear_data():
    table = _kinds_table()
    assert {kind for kind, bears in table.items() if bears == "yes"} == {
        kind.value for kind in DATA_BEARING
    }


def test_rule_ranges_name_the_last_rule():
    last = RULES[-1].ID
    for path in doc_files():
        for cited in re.findall(r"SOV-001`? (?:\.\.\.|…) `?(SOV-\d{3})", path.read_text()):
            assert cited == last, f"{path.relative_to(ROOT)} says SOV-001 ... {cited}"


def test_the_stack_table_lists_every_stack():
    text = (ROOT / "docs" / "adapters.md").read_text()
    section = text.split("## The stacks of this project", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", section, re.MULTILINE)
    stacks = [
        p.name[len("Pulumi.") : -len(".yaml")] for p in (ROOT / "stacks").glob("Pulumi.*.yaml")
    ]
    assert sorted(listed) == sorted(stacks)


def _glossary() -> str:
    text = (ROOT / "docs" / "concepts.md").read_text()
    return text.split("## Glossary", 1)[1].split("\n## ", 1)[0]


def test_the_glossary_names_code_that_exists():
    missing = []
    for dotted in re.findall(r"`(souverain\.[\w.]+)`", _glossary()):
        module_name, _, attribute = dotted.rpartition(".")
        try:
            found = getattr(importlib.import_module(module_name), attribute, None)
        except ImportError:
            found = None
        if found is None:
            missing.append(dotted)
    for path in re.findall(r"`((?:src|providers|stacks|policies)/[^`]*)`", _glossary()):
        if not list(ROOT.glob(re.sub(r"<[^>]+>", "*", path.rstrip("/")))):
            missing.append(path)
    assert missing == []
