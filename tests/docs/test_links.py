"""Every relative link in the docs resolves, anchors included; the README stays a map."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.docs.tables import ROOT, doc_files

PENDING = frozenset({"docs/placement.md", "docs/import.md", "docs/s3.md", "docs/scaleway.md"})
"""Pages written alongside this one, on other branches, that the docs already link to.

A link to one of them is accepted while it does not exist. Once a page exists it is
checked like any other, and ``test_pending_pages_are_still_pending`` fails until it is
removed from this set: the set is empty once they have all landed.
"""

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def links(text: str) -> list[str]:
    """The targets of Markdown links outside code blocks."""
    return LINK.findall(FENCE.sub("", text))


def anchors(text: str) -> set[str]:
    """GitHub's anchors for the headings of a Markdown page."""
    found = set()
    for heading in re.findall(r"^#{1,6} (.+)$", FENCE.sub("", text), re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        found.add(slug)
    return found


def broken(page: Path) -> list[str]:
    """The relative links of ``page`` that point at nothing, with why."""
    problems = []
    for target in links(page.read_text()):
        if re.match(r"^[a-z]+:", target):
            continue
        file_part, _, anchor = target.partition("#")
        resolved = (page.parent / file_part).resolve() if file_part else page
        relative = resolved.relative_to(ROOT).as_posix() if resolved.is_relative_to(ROOT) else ""
        if not resolved.exists():
            if relative not in PENDING:
                problems.append(f"{target}: no such file")
            continue
        if anchor and resolved.suffix == ".md" and anchor not in anchors(resolved.read_text()):
            problems.append(f"{target}: no heading #{anchor}")
    return problems


@pytest.mark.parametrize("page", doc_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(page):
    assert broken(page) == []


def test_a_broken_link_is_caught(tmp_path):
    (tmp_path / "rules.md").write_text((ROOT / "docs" / "rules.md").read_text())
    probe = tmp_path / "probe.md"
    probe.write_text("[x](nowhere.md) [y](rules.md#no-such-heading) [z](rules.md#waivers)\n")
    assert broken(probe) == [
        "nowhere.md: no such file",
        "rules.md#no-such-heading: no heading #no-such-heading",
    ]


def test_pending_pages_are_still_pending():
    landed = sorted(page for page in PENDING if (ROOT / page).exists())
    assert landed == [], f"{landed} exist now: remove them from PENDING in {__file__}"


def test_the_readme_is_a_map():
    lines = (ROOT / "README.md").read_text().splitlines()
    assert len(lines) <= 200, f"README.md has {len(lines)} lines; move the detail to docs/"


def test_every_page_in_docs_is_linked_from_the_readme():
    readme = set(links((ROOT / "README.md").read_text()))
    missing = [
        p.name for p in sorted((ROOT / "docs").glob("*.md")) if f"docs/{p.name}" not in readme
    ]
    assert missing == []


def test_make_targets_named_in_the_docs_exist():
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))
    for page in doc_files():
        for target in re.findall(r"(?:^|`)make ([a-z][a-z-]*)", page.read_text(), re.MULTILINE):
            assert target in targets, f"{page.relative_to(ROOT)} names `make {target}`"


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / "README.md").read_text()
    assert re.search(r"^make test$", (ROOT / ".ci" / "run").read_text(), re.MULTILINE)


REPOSITORY_PATH = re.compile(
    r"`((?:src|tests|providers|scripts|stacks|policies|templates|engine|bench|catalog|\.ci)/[^`\s]*)`"
)


def missing_paths(root: Path, text: str) -> list[str]:
    """The repository paths named in ``text`` (in backticks) that match nothing under ``root``.

    ``<name>`` and ``{a,b}`` stand for any name, as in the recipes.
    """
    missing = []
    for named in REPOSITORY_PATH.findall(text):
        pattern = re.sub(r"<[^>]+>|\{[^}]*\}", "*", named.rstrip("/"))
        if not any(root.glob(pattern)):
            missing.append(named)
    return missing


@pytest.mark.parametrize("page", doc_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_repository_paths_named_in_the_docs_exist(page):
    assert missing_paths(ROOT, page.read_text()) == []


def test_a_vanished_path_is_caught(tmp_path):
    (tmp_path / "src" / "pkg").mkdir(parents=True)
    (tmp_path / "src" / "pkg" / "kept.py").write_text("")
    text = "`src/pkg/kept.py` `src/pkg/<name>.py` `src/pkg/` `src/pkg/gone.py` `tests/<x>/`"
    assert missing_paths(tmp_path, text) == ["src/pkg/gone.py", "tests/<x>/"]
