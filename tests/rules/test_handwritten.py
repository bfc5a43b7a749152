"""`souverain check` judges Pulumi programs written without souverain, through the vocabulary."""

from __future__ import annotations

from datetime import date

from souverain.check import run_check
from souverain.rules.config import CheckConfig
from tests.conftest import PROJECT

PROGRAMS = PROJECT / "tests" / "programs"
TODAY = date(2026, 11, 30)


def findings_by_rule(report) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for finding in report.findings:
        if finding.blocking:
            found.setdefault(finding.violation.rule, set()).add(
                finding.violation.location.rsplit("::", 1)[-1]
            )
    return found


def test_a_handwritten_aws_program_fails_naming_each_resource():
    report = run_check(PROGRAMS / "aws-handwritten", "dev", CheckConfig(), [], today=TODAY)
    assert report.exit_code == 1
    assert report.level == "seal-2"  # no description: the default level
    assert findings_by_rule(report) == {
        "SOV-001": {"us"},
        "SOV-002": {"us"},
        "SOV-004": {"training-data"},
        "SOV-005": {"gpu-nodes"},
        "SOV-008": {"training-data"},
        # no backend is declared: the Pulumi CLI would keep state and secrets in Pulumi Cloud
        "SOV-011": {"state.backend", "state.secretsprovider"},
    }
    advisory = {f.violation.rule for f in report.findings if not f.blocking}
    assert "SOV-003" in advisory  # blocking from seal-3 on
    strict = run_check(PROGRAMS / "aws-handwritten", "dev", CheckConfig(), [], "strict", TODAY)
    assert findings_by_rule(strict)["SOV-003"] == {"us"}
    assert report.not_judged == ()


def test_the_equivalent_openstack_program_on_a_european_cloud_passes():
    report = run_check(PROGRAMS / "openstack-handwritten", "dev", CheckConfig(), [], today=TODAY)
    assert report.passed, [f.violation for f in report.findings]
    # only OVHcloud's disputed exposure, which the european level reports without blocking
    assert [(f.violation.rule, f.blocking) for f in report.findings] == [("SOV-003", False)]
    assert report.not_judged == ()
    statuses = {o.rule.ID: o.status for o in report.outcomes}
    for rule in ("SOV-001", "SOV-002", "SOV-004", "SOV-005", "SOV-008", "SOV-011"):
        assert statuses[rule] == "passed", rule


def test_default_providers_take_the_stack_config(tmp_path):
    """A resource without an explicit provider is judged through the package's default one."""
    (tmp_path / "Pulumi.yaml").write_text("name: defaults\nruntime: python\n")
    (tmp_path / "Pulumi.dev.yaml").write_text("config:\n  aws:region: eu-west-3\n")
    (tmp_path / "__main__.py").write_text("import pulumi_aws as aws\naws.s3.Bucket('logs')\n")
    report = run_check(tmp_path, "dev", CheckConfig(), [], today=TODAY)
    residency = [f for f in report.findings if f.violation.rule == "SOV-002"]
    assert residency == []  # eu-west-3 is Paris
    jurisdiction = [f.violation.location for f in report.findings if f.violation.rule == "SOV-001"]
    assert jurisdiction == ["urn:pulumi:dev::defaults::pulumi:providers:aws::default_7_51_1"]
