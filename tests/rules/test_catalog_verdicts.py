"""Verdicts that rest on the catalog: conditions, qualifications, adequacy, user catalogs."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from souverain.catalog.query import find_offers
from souverain.check import run_check
from souverain.plan.capture import capture_plan
from souverain.project import load_stack
from souverain.reports.machine import to_json, to_junit, to_sarif
from souverain.reports.text import to_markdown, to_table
from souverain.rules.config import CheckConfig
from souverain.rules.levels import level_table
from souverain.rules.sov002_residency import DataResidency
from souverain.rules.sov006_certification import CertificationForDataClass
from souverain.testing import as_resource, check_rule, provider
from tests.conftest import MINIMAL, PROJECT

TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def health_on_ovhcloud():
    config = CheckConfig(data_class="health")
    return run_check(PROJECT, "ovhcloud-gra11", config, [], level="european", today=TODAY)


@pytest.mark.parametrize("render", [to_table, to_json, to_sarif, to_junit, to_markdown])
def test_a_conditional_certification_states_its_conditions_in_every_format(
    health_on_ovhcloud, render
):
    assert not [f for f in health_on_ovhcloud.findings if f.violation.rule == "SOV-006"]
    text = render(health_on_ovhcloud)
    assert "ovhcloud/hds-project-option" in text and "ovhcloud/hds-support-level" in text
    assert "Healthcare data hosting and HDS certification for this project" in text


@pytest.mark.parametrize("render", [to_table, to_json, to_sarif, to_junit, to_markdown])
def test_a_disputed_finding_names_its_dispute_in_every_format(health_on_ovhcloud, render):
    assert "heise.de/-11092029" in render(health_on_ovhcloud)


def test_a_check_config_can_state_a_condition_met():
    config = CheckConfig.model_validate(
        {"dataClass": "health", "conditionsMet": ["ovhcloud/hds-project-option"]}
    )
    report = run_check(PROJECT, "ovhcloud-gra11", config, [], level="european", today=TODAY)
    met = {c.condition: c.met for c in report.conditions}
    assert met == {"ovhcloud/hds-project-option": True, "ovhcloud/hds-support-level": False}
    sarif = json.loads(to_sarif(report))["runs"][0]["results"]
    kinds = {
        r["properties"]["condition"]: r["kind"]
        for r in sarif
        if "condition" in r.get("properties", {})
    }
    assert kinds == {"ovhcloud/hds-project-option": "pass", "ovhcloud/hds-support-level": "review"}


def _sov006(cloud: str, region: str, level: str) -> set[tuple[str, str]]:
    resources = [as_resource(provider("openstack", "os", region=region))]
    return check_rule(CertificationForDataClass, resources, level=level, cloud=cloud)


def test_the_strictest_level_requires_secnumcloud_3_2_whatever_the_data():
    (found,) = _sov006("ovhcloud", "GRA11", "full")
    assert "SecNumCloud 3.2 is required (level seal-4 requires it" in found[1]
    assert "19.6" in found[1] and "OVHcloud Public Cloud does not hold it" in found[1]
    # qualified, but the source does not say under which version: not enough
    assert _sov006("ovhcloud-bare-metal-pod", "-", "full")
    assert _sov006("ovhcloud", "GRA11", "strict") == set()


def test_a_secnumcloud_3_2_offering_passes_the_strictest_level():
    resources = [as_resource(provider("openstack", "os", region="cloudgouv-eu-west-1"))]
    found = check_rule(
        CertificationForDataClass, resources, level="full", cloud="outscale-cloudgouv"
    )
    assert found == set()


@pytest.mark.parametrize(
    ("level", "passes"), [("permissive", True), ("european", False), ("strict", False)]
)
def test_uk_and_swiss_regions_pass_residency_by_adequacy_at_seal_1_only(level, passes):
    for cloud, region in (("ovhcloud", "UK1"), ("infomaniak", "dc3-a")):
        resources = [as_resource(provider("openstack", "os", region=region))]
        found = check_rule(DataResidency, resources, level=level, cloud=cloud)
        assert (found == set()) is passes, (cloud, found)


def test_levels_carry_their_source_and_reasoning():
    table = level_table()
    for level, spec in table.levels.items():
        assert "Cloud Sovereignty Framework" in spec.source.source, level
        assert spec.reasoning.strip() and spec.meaning.strip(), level
    assert set(table.adequacy) == {"CH", "GB"}
    assert table.qualifications["SecNumCloud"].version == "3.2"


def _project(tmp_path: Path, cloud: str, region: str, description: dict) -> Path:
    (tmp_path / "Pulumi.yaml").write_text("name: demo\nruntime: python\n")
    (tmp_path / "__main__.py").write_text(
        "from souverain.deploy import deploy\n"
        "from souverain.model.loading import platform_from_data\n"
        f"deploy(platform_from_data({description!r}))\n"
    )
    (tmp_path / "Pulumi.site.yaml").write_text(
        f"config:\n  souverain:adapter: openstack\n  souverain:cloud: {cloud}\n"
        f"  souverain:region: {region}\n"
        "  souverain:openstack: {cloud: c, externalNetwork: ext}\n"
    )
    return tmp_path


def test_a_canadian_region_of_a_european_cloud_fails_residency_naming_the_country(tmp_path):
    l4 = {**MINIMAL, "gpu_pools": [{"name": "serve", "gpu": "L4", "image": "Ubuntu 24.04"}]}
    project = _project(tmp_path, "ovhcloud", "BHS5", l4)
    report = run_check(project, "site", CheckConfig(), [], level="european", today=TODAY)
    residency = [f for f in report.findings if f.violation.rule == "SOV-002"]
    assert residency and all(f.blocking for f in residency)
    assert "region BHS5 (Beauharnois) is in Canada (CA)" in residency[0].violation.message
    assert report.exit_code == 1


PROJECT_PROFILE = """\
# A private region of OVHcloud this team uses, and a key manager it discovered there.
extends: ovhcloud
regions:
  - {code: PRIV1, country: FR, city: Roubaix, provenance: {source: "team discovery", confidence: high, date: 2026-11-20}}
"""


def test_a_project_profile_is_used_by_plan_check_and_catalog(tmp_path, monkeypatch):
    l4 = {**MINIMAL, "gpu_pools": [{"name": "serve", "gpu": "L4", "image": "Ubuntu 24.04"}]}
    project = _project(tmp_path, "ovhcloud", "PRIV1", l4)
    (project / "catalog" / "clouds").mkdir(parents=True)
    (project / "catalog" / "clouds" / "ovhcloud.yaml").write_text(PROJECT_PROFILE)
    plan = capture_plan(load_stack(project, "site"))
    assert "l4-90" in {r.inputs.get("flavorName") for r in plan.resources}
    report = run_check(project, "site", CheckConfig(), [], level="european", today=TODAY)
    assert not [f for f in report.findings if f.violation.rule == "SOV-002"]
    offers = [o for o in find_offers(project=project) if o.cloud == "ovhcloud"]
    assert {o.origin for o in offers} == {"project"} and "PRIV1" in {o.region for o in offers}
    assert "PRIV1" not in {o.region for o in find_offers(project=tmp_path / "elsewhere")}
