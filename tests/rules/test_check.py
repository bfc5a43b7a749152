"""`souverain check` end to end on captured plans: verdicts, rule IDs, exit codes, waivers."""

from __future__ import annotations

import copy
import json
from datetime import date

import pulumi
import pytest

from souverain.check import check_plan, run_check
from souverain.deploy import deploy
from souverain.errors import SouverainError
from souverain.model.loading import platform_from_data
from souverain.plan.capture import capture_program
from souverain.project import load_stack
from souverain.rules.config import CheckConfig, load_config
from souverain.rules.waivers import Waiver, load_waivers
from tests.conftest import MINIMAL, PROJECT

TODAY = date(2026, 11, 29)
OVH = load_stack(PROJECT, "ovhcloud-gra11")


def check_program(program, level="european", waivers=(), config=None):
    plan = capture_program(program, OVH)
    return check_plan(plan, OVH, config or CheckConfig(), list(waivers), level=level, today=TODAY)


def blocking_ids(report) -> set[str]:
    return {f.violation.rule for f in report.findings if f.blocking}


def reference_with(**changes):
    data = copy.deepcopy(MINIMAL)
    data.update(changes)
    return platform_from_data(data)


def test_reference_platform_on_ovhcloud_passes_the_european_level():
    report = run_check(PROJECT, "ovhcloud-gra11", CheckConfig(), [], level="european", today=TODAY)
    assert report.passed and report.exit_code == 0
    assert report.resources == 35
    statuses = {o.rule.ID: o.status for o in report.outcomes}
    assert statuses["SOV-001"] == statuses["SOV-004"] == statuses["SOV-008"] == "passed"


def test_reference_platform_at_its_own_level_is_blocked_by_the_disputed_exposure():
    """At seal-3 a disputed exposure blocks; the finding names the dispute and its sources."""
    report = run_check(PROJECT, "ovhcloud-gra11", CheckConfig(), [], today=TODAY)
    assert report.level == "seal-3" and not report.passed
    assert blocking_ids(report) == {"SOV-003"}
    (finding,) = [f for f in report.findings if f.violation.rule == "SOV-003"]
    assert "Canadian Criminal Code" in finding.violation.message
    assert "(disputed)" in finding.violation.message
    dispute = finding.violation.dispute
    assert "Ontario" in dispute and "judicial review" in dispute
    assert "heise.de/-11092029" in dispute and "The Register 2025-11-27" in dispute


def test_a_disputed_exposure_is_advisory_at_the_european_level():
    report = run_check(PROJECT, "ovhcloud-gra11", CheckConfig(), [], "european", TODAY)
    disputed = [f for f in report.findings if f.violation.dispute]
    assert [f.violation.rule for f in disputed] == ["SOV-003"]
    assert not disputed[0].blocking and report.passed


def test_aws_resources_fail_jurisdiction_and_exposure():
    def program():
        deploy(reference_with())
        aws = pulumi.ProviderResource("aws", "aws-us", {"region": "us-east-1"})
        pulumi.CustomResource(
            "aws:s3/bucket:Bucket", "shadow-copy", {}, pulumi.ResourceOptions(provider=aws)
        )

    report = check_program(program, level="strict")
    assert report.exit_code == 1
    assert {"SOV-001", "SOV-002", "SOV-003", "SOV-004", "SOV-007", "SOV-008"} <= blocking_ids(
        report
    )
    aws = [f for f in report.findings if f.violation.location.endswith("::aws-us")]
    assert {f.violation.rule for f in aws} == {"SOV-001", "SOV-002", "SOV-003"}


def test_us_region_fails_residency():
    def program():
        deploy(reference_with())
        pulumi.ProviderResource("aws", "aws-eu", {"region": "eu-central-1"})
        pulumi.ProviderResource("aws", "aws-us", {"region": "us-east-1"})

    report = check_program(program, level="permissive")
    residency = {
        f.violation.location.rsplit("::", 1)[-1]
        for f in report.findings
        if f.violation.rule == "SOV-002"
    }
    assert residency == {"aws-us"}
    assert report.exit_code == 1


def test_public_bucket_fails_exposure():
    report = check_program(
        lambda: deploy(
            reference_with(
                buckets=[{"name": "datasets", "encryption_key": "data", "public_read": True}]
            )
        )
    )
    assert blocking_ids(report) == {"SOV-005"}
    exposure = [f for f in report.findings if f.violation.rule == "SOV-005"]
    locations = {f.violation.location.rsplit("::", 1)[-1] for f in exposure}
    assert locations == {"buckets[0].public_read", "demo-datasets"}


def test_unencrypted_bucket_fails_customer_keys():
    report = check_program(lambda: deploy(reference_with(buckets=[{"name": "datasets"}])))
    assert blocking_ids(report) == {"SOV-004"}
    assert report.exit_code == 1


def _waiver(expires: date) -> Waiver:
    return Waiver(
        rule="SOV-005",
        resource="buckets[0].public_read",
        owner="web-team",
        reason="public model card site, reviewed 2026-11",
        expires=expires,
    )


def test_one_waiver_covers_a_violation_seen_on_the_description_and_its_resource():
    public = reference_with(
        buckets=[{"name": "datasets", "encryption_key": "data", "public_read": True}]
    )
    report = check_program(lambda: deploy(public), waivers=[_waiver(date(2027, 3, 31))])
    assert report.passed
    waived = {
        f.violation.location.rsplit("::", 1)[-1]: f.waiver
        for f in report.findings
        if f.violation.rule == "SOV-005"
    }
    assert set(waived) == {"buckets[0].public_read", "demo-datasets"}  # the container too
    assert all(w is not None and w.owner == "web-team" for w in waived.values())
    assert report.waivers.unused == () and report.waivers.unmatched == ()


def test_unused_and_unmatched_waivers_are_reported_in_every_format():
    from souverain.reports.machine import to_json, to_junit, to_sarif
    from souverain.reports.text import to_markdown, to_table

    stray = Waiver(
        rule="SOV-005",
        resource="buckets[7].public_read",
        owner="web-team",
        reason="a bucket that no longer exists",
        expires=date(2027, 3, 31),
    )
    report = check_program(
        lambda: deploy(reference_with()), waivers=[_waiver(date(2027, 3, 31)), stray]
    )
    assert report.waivers.unused == (_waiver(date(2027, 3, 31)), stray)
    assert report.waivers.unmatched == (stray,)
    assert report.passed  # reported, not failing
    for text in (to_table(report), to_markdown(report), to_junit(report), to_sarif(report)):
        assert "buckets[0].public_read (owner web-team, until 2027-03-31): unused" in text
        assert "buckets[7].public_read (owner web-team, until 2027-03-31): matches no" in text
    assert (
        json.loads(to_json(report))["waivers"]["unmatched"][0]["resource"]
        == "buckets[7].public_read"
    )


def test_a_waiver_for_an_unknown_rule_is_refused():
    with pytest.raises(ValueError, match="unknown rule 'SOV-099'"):
        Waiver(rule="SOV-099", resource="*", owner="me", reason="typo in the id", expires=TODAY)


def test_expired_waiver_fails_the_check():
    public = reference_with(
        buckets=[{"name": "datasets", "encryption_key": "data", "public_read": True}]
    )
    report = check_program(lambda: deploy(public), waivers=[_waiver(date(2026, 11, 28))])
    assert report.exit_code == 1
    assert report.waivers.expired == (_waiver(date(2026, 11, 28)),)
    assert all(f.waiver is None for f in report.findings)  # an expired waiver waives nothing


def test_waiver_is_valid_through_its_expiry_day():
    assert not _waiver(TODAY).expired(TODAY)
    assert _waiver(TODAY).expired(date(2026, 11, 30))


def test_rule_enforcement_can_be_overridden_in_config():
    config = CheckConfig(rules={"SOV-005": "advisory"})
    public = reference_with(
        buckets=[{"name": "datasets", "encryption_key": "data", "public_read": True}]
    )
    report = check_program(lambda: deploy(public), config=config)
    assert report.passed and report.findings


def test_config_and_waiver_files_are_validated(tmp_path):
    bad = tmp_path / "check.yaml"
    bad.write_text("level: strictest\nrules: {SOV-999: mandatory}\nallowedImages: nope\n")
    with pytest.raises(SouverainError) as caught:
        load_config(bad)
    paths = {p.path for p in caught.value.problems}
    assert paths == {"level", "rules", "allowedImages"}
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n  - {rule: SOV-5, resource: x, owner: me, reason: short, expires: soon}\n"
    )
    with pytest.raises(SouverainError) as caught:
        load_waivers(waivers)
    assert {p.path for p in caught.value.problems} == {
        "waivers[0].rule",
        "waivers[0].reason",
        "waivers[0].expires",
    }


def test_report_is_deterministic():
    from souverain.reports.machine import to_json, to_sarif

    first = run_check(PROJECT, "generic", CheckConfig(), [], today=TODAY)
    second = run_check(PROJECT, "generic", CheckConfig(), [], today=TODAY)
    assert to_json(first) == to_json(second)
    assert to_sarif(first) == to_sarif(second)
    assert json.loads(to_json(first))["passed"] is False
