"""The sovereignty report: what it says about a stack, in HTML and Markdown, and that the
page needs nothing from anywhere."""

from __future__ import annotations

import re
from datetime import date

import pytest

from souverain.reports.page import to_html, to_markdown
from souverain.reports.sovereignty import (
    FAIL,
    PASS,
    UNPLACED,
    build_report,
)
from souverain.rules.config import CheckConfig
from souverain.rules.waivers import Waiver
from tests.conftest import PROJECT
from tests.test_cli import souverain

TODAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def ovhcloud():
    return build_report(PROJECT, "ovhcloud-gra11", CheckConfig(), [], "european", TODAY)


@pytest.fixture(scope="module")
def aws():
    waiver = Waiver(
        rule="SOV-003",
        resource="urn:pulumi:aws-eu-west-3::*",
        owner="ml-platform-team",
        reason="the move to OVHcloud is planned for this quarter",
        expires=date(2027, 3, 31),
    )
    return build_report(PROJECT, "aws-eu-west-3", CheckConfig(), [waiver], "strict", TODAY)


def test_every_part_is_placed_with_its_country_and_verdict(ovhcloud):
    assert [p.path for p in ovhcloud.parts] == [
        "network", "gpu_pools[0]", "gpu_pools[1]", "buckets[0]", "buckets[1]", "buckets[2]",
        "keys[0]",
    ]  # fmt: skip
    for part in ovhcloud.parts:
        assert (part.place.cloud, part.place.region, part.place.country) == (
            "ovhcloud", "GRA11", "FR",
        )  # fmt: skip
        assert part.place.jurisdiction == "eu"
        assert part.verdict == "advisory"  # the disputed exposure, reported at european
        assert part.rules == ("SOV-003",)
    (location,) = ovhcloud.locations
    assert (location.cloud_name, location.city, location.adapters) == (
        "OVHcloud Public Cloud", "Gravelines", ("openstack",),
    )  # fmt: skip
    training = next(p for p in ovhcloud.parts if p.name == "training")
    assert training.summary == "2 x 1 H100 (h100-380)"


def test_the_level_reached_is_the_highest_that_passes(ovhcloud, aws):
    assert [(r.level, r.passed) for r in ovhcloud.levels] == [
        ("seal-0", True), ("seal-1", True), ("seal-2", True), ("seal-3", False), ("seal-4", False),
    ]  # fmt: skip
    assert (ovhcloud.required, ovhcloud.reached, ovhcloud.passed) == ("seal-2", "seal-2", True)
    assert (aws.required, aws.reached, aws.passed) == ("seal-3", "seal-1", False)


def test_a_failing_stack_colours_its_parts_and_keeps_its_waivers(aws):
    assert {p.verdict for p in aws.parts} == {FAIL}
    assert all("SOV-001" in p.rules for p in aws.parts)
    (waiver,) = aws.waivers
    assert waiver.waiver.owner == "ml-platform-team"
    assert waiver.state == "covers 1 finding"
    assert aws.state is not None and aws.state.verdict == PASS  # file://~ from Pulumi.yaml


def test_certifications_and_claims_name_their_sources(ovhcloud):
    hds = next(c for c in ovhcloud.certifications if c.name == "HDS")
    assert hds.covers and [i for i, _, _ in hds.conditions] == [
        "hds-support-level",
        "hds-project-option",
    ]
    facts = {(c.subject, c.fact): c for c in ovhcloud.claims}
    assert facts[("OVHcloud Public Cloud", "region GRA11")].value == "Gravelines, FR"
    exposure = facts[("OVHcloud Public Cloud", "exposure to non-EU law")]
    assert str(exposure.provenance.confidence) == "disputed"
    assert ("OVHcloud Public Cloud", "GPU size h100-380") in facts
    assert all(c.provenance.source for c in ovhcloud.claims)


def test_a_stack_that_does_not_compile_is_still_reported():
    found = build_report(PROJECT, "open-telekom-cloud-eu-de", CheckConfig(), [], today=TODAY)
    assert not found.compiles and found.levels == () and found.reached is None
    buckets = [p for p in found.parts if p.kind == "bucket"]
    assert {p.verdict for p in buckets} == {UNPLACED}
    assert any("Swift" in problem for problem in buckets[0].problems)
    assert "does not compile" in to_html(found)


def test_the_page_is_self_contained_and_deterministic(ovhcloud):
    page = to_html(ovhcloud)
    assert page == to_html(ovhcloud)
    assert "default-src 'none'" in page  # the page forbids itself any request
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page and "<script" not in page
    assert page.count("<svg") == 1 and "Gravelines, FR" in page
    for section in ("where", "state", "findings", "rules", "waivers", "certifications", "claims"):
        assert f'id="{section}"' in page


def test_markdown_carries_the_same_sections(aws):
    text = to_markdown(aws)
    assert "SEAL level reached: **seal-1** (required seal-3)" in text
    assert "| GPU pool training (`sovereign-ai-training`) |" in text
    assert "| SOV-003 | `urn:pulumi:aws-eu-west-3::*` | ml-platform-team |" in text
    assert "## Catalog claims and their sources" in text


def test_the_assessment_is_a_section_of_the_report(ovhcloud):
    """The stack's EU-CSF self-assessment, objective by objective, with the overall SEAL."""
    from dataclasses import replace

    from souverain.assessment.section import report_section
    from souverain.assessment.stacks import assess_stacks

    (assessment,) = assess_stacks(
        PROJECT, ["ovhcloud-gra11"], CheckConfig(), "european", today=TODAY
    )
    section = report_section(assessment)
    assert [o.id for o in section.objectives] == [f"SOV-{n}" for n in range(1, 9)]
    assert section.overall is not None and section.overall.startswith("SEAL-")
    page = to_html(replace(ovhcloud, assessment=section))
    assert 'id="assessment"' in page and "SOV-3 Data" in page
    assert "self-assessment" in to_markdown(replace(ovhcloud, assessment=section))
    assert 'id="assessment"' not in to_html(ovhcloud)


@pytest.mark.slow  # runs the CLI in a new process
def test_the_command_writes_html_or_markdown(tmp_path):
    page = tmp_path / "report.html"
    result = souverain("report", "--stack", "ovhcloud-gra11", "--level", "european",
                       "--output", str(page))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "PASSED at seal-2, reached seal-2" in result.stderr
    assert page.read_text().startswith("<!DOCTYPE html>")
    notes = tmp_path / "report.md"
    assert souverain("report", "-s", "aws-eu-west-3", "--output", str(notes)).returncode == 0
    assert notes.read_text().startswith("# Sovereignty report: sovereign-ai on aws-eu-west-3")
