"""The command line: thin commands, clear errors, exit codes, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import PROJECT

pytestmark = pytest.mark.slow  # each test runs the CLI in a new process


def souverain(*args: str, cwd=PROJECT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from souverain.cli import main; main()", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_plan_prints_the_tree():
    result = souverain("plan", "--stack", "ovhcloud-gra11")
    assert result.returncode == 0, result.stderr
    assert "sovereign-ai-training-0  (openstack:compute/instance:Instance)" in result.stdout


def test_plan_json_is_parseable_and_sorted():
    result = souverain("plan", "-s", "generic", "--format", "json")
    urns = [r["urn"] for r in json.loads(result.stdout)["resources"]]
    assert urns == sorted(urns)


def test_schema_is_json_schema():
    schema = json.loads(souverain("schema").stdout)
    assert schema["title"] == "Platform"
    assert {"network", "gpu_pools", "buckets", "keys"} <= set(schema["properties"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("plan", "--stack", "nope"), "unknown stack 'nope'"),
        (("validate", "missing.yaml"), "description missing.yaml does not exist"),
        (("validate", "tests/model/invalid/pool-unknown-gpu.yaml"), "gpu_pools[0].gpu"),
    ],
)
def test_errors_are_messages_not_tracebacks(args, message):
    result = souverain(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_yaml_is_reported(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: [unclosed\n")
    result = souverain("validate", str(bad))
    assert result.returncode == 2 and "is not valid YAML" in result.stderr


def test_bad_stack_config_names_the_key(tmp_path):
    (tmp_path / "stacks").mkdir()
    (tmp_path / "Pulumi.yaml").write_text((PROJECT / "Pulumi.yaml").read_text())
    (tmp_path / "__main__.py").write_text((PROJECT / "__main__.py").read_text())
    (tmp_path / "reference_platform.py").write_text((PROJECT / "reference_platform.py").read_text())
    (tmp_path / "stacks" / "Pulumi.broken.yaml").write_text(
        "config:\n  souverain:adapter: openstack\n  souverain:region: GRA11\n"
        "  souverain:openstack:\n    externalNetwork: Ext-Net\n"
    )
    result = souverain("plan", "-s", "broken", cwd=tmp_path)
    assert result.returncode == 2
    assert "souverain:cloud" in result.stderr
    assert "Traceback" not in result.stderr


def test_catalog_json_is_deterministic_and_filtered():
    args = ("catalog", "--gpu", "H100", "--jurisdiction", "eu", "--format", "json")
    first, second = souverain(*args), souverain(*args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    offers = json.loads(first.stdout)
    assert {o["cloud"] for o in offers} == {"ovhcloud", "open-telekom-cloud", "scaleway"}
    assert all(o["jurisdiction"] == "eu" for o in offers)


def test_catalog_certification_filter_and_table():
    result = souverain("catalog", "--certification", "HDS")
    lines = result.stdout.splitlines()
    assert lines[0].split()[:5] == ["CLOUD", "API", "REGION", "COUNTRY", "LAW"]
    assert {line.split()[0] for line in lines[1:]} == {"cloud-temple", "ovhcloud", "scaleway"}


def test_catalog_unknown_gpu_suggests():
    result = souverain("catalog", "--gpu", "H10")
    assert result.returncode == 2 and "did you mean 'H100'" in result.stderr


def test_discover_writes_a_loadable_profile_to_the_user_catalog(tmp_path, monkeypatch):
    import yaml

    from souverain.catalog.clouds import Cloud
    from tests.catalog.openstack_replay import ReplayCloud
    from tests.catalog.test_discover import clouds_yaml

    user = tmp_path / "user"
    monkeypatch.setenv("SOUVERAIN_USER_CATALOG", str(user))
    with ReplayCloud(["key-manager", "object-store"]) as cloud:
        clouds_yaml(tmp_path, monkeypatch, cloud.auth_url)
        result = souverain("discover", "--cloud", "replay", "--as-of", "2026-11-29")
        again = souverain("discover", "--cloud", "replay", "--as-of", "2026-11-29")
        printed = souverain("discover", "--cloud", "replay", "--to", "stdout")
    assert result.returncode == 0, result.stderr
    written = user / "clouds" / "replay.yaml"
    loaded = Cloud.model_validate(yaml.safe_load(written.read_text()))
    assert loaded.id == "replay" and len(loaded.gpu_flavors) == 4
    assert again.returncode == 2 and "--force" in again.stderr  # never silently replaced
    assert Cloud.model_validate(yaml.safe_load(printed.stdout)).id == "replay"
    listed = souverain("catalog", "--format", "json")
    assert {o["origin"] for o in json.loads(listed.stdout) if o["cloud"] == "replay"} == {"user"}


def test_check_passes_the_reference_platform_on_ovhcloud():
    result = souverain("check", "--stack", "ovhcloud-gra11", "--level", "european")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASSED: souverain/ovhcloud-gra11 at seal-2" in result.stdout


def test_check_fails_the_generic_stack_with_rule_ids(tmp_path):
    out = tmp_path / "report.sarif"
    result = souverain("check", "-s", "generic", "--format", "sarif", "--output", str(out))
    assert result.returncode == 1
    assert "FAILED" in result.stderr
    ids = {r["ruleId"] for r in json.loads(out.read_text())["runs"][0]["results"]}
    assert ids == {"SOV-001", "SOV-002"}


def test_check_reads_waivers_from_the_project(tmp_path):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n"
        "  - {rule: SOV-001, resource: '*', owner: ops, reason: lab cloud without a company, expires: 2020-01-01}\n"
    )
    result = souverain("check", "-s", "generic", "--waivers", str(waivers), "--format", "json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["waivers"]["expired"][0]["owner"] == "ops"


def test_check_rejects_an_unknown_level():
    result = souverain("check", "-s", "ovhcloud-gra11", "--level", "paranoid")
    assert result.returncode == 2 and "unknown level 'paranoid'" in result.stderr


def test_policy_config_is_json_for_the_engine():
    result = souverain("policy-config", "-s", "ovhcloud-gra11", "--level", "strict")
    document = json.loads(result.stdout)
    assert document["sov-003"]["enforcementLevel"] == "mandatory"


def test_assess_compares_stacks_side_by_side():
    result = souverain("assess", "--compare", "ovhcloud-gra11", "aws-eu-west-3", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [s["stack"] for s in data["stacks"]] == ["ovhcloud-gra11", "aws-eu-west-3"]
    legal = [next(o for o in s["objectives"] if o["id"] == "SOV-2") for s in data["stacks"]]
    assert legal[0]["seal"] > legal[1]["seal"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("assess", "--compare", "ovhcloud-gra11"), "--compare needs at least two stacks"),
        (("assess", "ovhcloud-gra11", "aws-eu-west-3"), "with --compare"),
        (("assess", "-s", "ovhcloud-gra11", "--weights", "v9"), "unknown weighting 'v9'"),
    ],
)
def test_assess_errors_are_messages(args, message):
    result = souverain(*args)
    assert result.returncode == 2 and message in result.stderr
    assert "Traceback" not in result.stderr
