"""The policy pack's policies, called with the arguments the engine passes them.

The pack's ``__main__`` is not imported (constructing PolicyPack serves forever); the
policies it serves are built here and called with pulumi_policy's own argument classes.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from pulumi_policy import (
    EnforcementLevel,
    PolicyCustomTimeouts,
    PolicyProviderResource,
    PolicyResource,
    PolicyResourceOptions,
    StackValidationArgs,
)

from souverain.check import stack_policy_config
from souverain.rules.catalogue import RULES
from souverain.rules.config import CheckConfig, config_schema, inline_schema
from souverain.rules.pack import COVERAGE_POLICY, NOTES_POLICY, build_policies, policy_name
from tests.conftest import MINIMAL, PROJECT

POLICIES = {p.name: p for p in build_policies()}
ROOT_URN = "urn:pulumi:s::p::souverain:platform:Platform::demo"


def options(protect: bool = False) -> PolicyResourceOptions:
    return PolicyResourceOptions(protect, [], None, [], PolicyCustomTimeouts(0, 0, 0), [])


def run(name: str, resources, config=None) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    args = StackValidationArgs(resources, config or {})
    POLICIES[name].validate(args, lambda message, urn=None: found.append((message, urn)))
    return found


def provider(package: str, props, name: str = "default") -> PolicyProviderResource:
    return PolicyProviderResource(
        f"pulumi:providers:{package}",
        props,
        f"urn:pulumi:s::p::pulumi:providers:{package}::{name}",
        name,
    )


def as_resource(view: PolicyProviderResource) -> PolicyResource:
    return PolicyResource(
        view.resource_type, view.props, view.urn, view.name, options(), None, None, [], {}
    )


def res(type_, props, via=None, protect=False, name="r", deps=None) -> PolicyResource:
    urn = f"urn:pulumi:s::p::{type_}::{name}"
    return PolicyResource(type_, props, urn, name, options(protect), via, None, [], deps or {})


def root(description) -> PolicyResource:
    return PolicyResource(
        "souverain:platform:Platform", {"description": description}, ROOT_URN, "demo",
        options(), None, None, [], {},
    )  # fmt: skip


def test_one_policy_per_rule_and_one_each_for_coverage_and_notes():
    assert set(POLICIES) == {policy_name(r) for r in RULES} | {COVERAGE_POLICY, NOTES_POLICY}


def test_defaults_follow_the_default_level():
    assert POLICIES["sov-001"].enforcement_level is EnforcementLevel.MANDATORY
    assert POLICIES["sov-003"].enforcement_level is EnforcementLevel.ADVISORY
    assert POLICIES[COVERAGE_POLICY].enforcement_level is EnforcementLevel.ADVISORY
    assert POLICIES[NOTES_POLICY].enforcement_level is EnforcementLevel.ADVISORY


def test_aws_provider_is_denied_by_jurisdiction_policy():
    aws = provider("aws", {"region": "eu-west-3"})
    bucket = res("aws:s3/bucket:Bucket", {}, via=aws)
    found = run("sov-001", [as_resource(aws), bucket])
    # The bucket inherits; its provider object is judged, once.
    [(message, urn)] = found
    assert message.startswith("[SOV-001]") and "US jurisdiction" in message
    assert urn == aws.urn


def test_config_carries_the_level_and_target():
    os_provider = provider("openstack", {"region": "RegionOne"})
    container = res(
        "openstack:objectstorage/container:Container", {"metadata": {}}, via=os_provider
    )
    assert run("sov-004", [as_resource(os_provider), container])
    strict = {"cloud": "generic-openstack", "level": "seal-3"}
    found = run("sov-001", [as_resource(os_provider)], strict)
    assert any("no known controlling company" in m for m, _ in found)
    relaxed = {"cloud": "generic-openstack", "level": "seal-0"}
    assert not run("sov-002", [as_resource(os_provider)], relaxed)  # no residency at seal-0


def test_unprotected_data_is_reported():
    key = res(
        "openstack:keymanager/orderV1:OrderV1", {"type": "key"}, via=provider("openstack", {})
    )
    assert [m for m, _ in run("sov-008", [key])] == [
        "[SOV-008] not protected: a delete or replace would destroy data"
    ]
    protected = res(
        "openstack:keymanager/orderV1:OrderV1", {"type": "key"}, via=provider("openstack", {}),
        protect=True,
    )  # fmt: skip
    assert not run("sov-008", [protected])


def test_rule_policies_read_the_recorded_description():
    description = {**MINIMAL, "buckets": [{"name": "datasets"}]}
    found = run("sov-004", [root(description)], {"level": "european", "cloud": "ovhcloud"})
    assert found == [
        (
            "[SOV-004] buckets[0].encryption_key: bucket 'datasets' has no encryption key; "
            "add a key and reference it",
            ROOT_URN,
        )
    ]


def test_rule_overrides_from_the_config_are_the_engine_level():
    document = stack_policy_config(
        PROJECT, "ovhcloud-gra11", CheckConfig(rules={"SOV-004": "advisory"}), level="european"
    )
    assert document["sov-004"]["enforcementLevel"] == "advisory"


def test_unmapped_resources_are_reported_by_the_coverage_policy():
    odd = res("acme:things/widget:Widget", {}, via=provider("acme", {}), name="w")
    found = run(COVERAGE_POLICY, [odd])
    assert found == [
        (
            "not judged: no mapping knows acme:things/widget:Widget, so no rule could judge it",
            odd.urn,
        )
    ]


def test_an_invalid_recorded_description_is_reported_once():
    broken = root({"name": "Not Valid"})
    assert run("sov-004", [broken]) == []
    [(message, _)] = run(COVERAGE_POLICY, [broken])
    assert "does not validate" in message


def test_generated_engine_config_matches_the_level_and_validates():
    document = stack_policy_config(PROJECT, "ovhcloud-gra11", CheckConfig(), level="european")
    assert set(document) == set(POLICIES)
    assert document["sov-003"]["enforcementLevel"] == "advisory"  # seal-2 only warns on exposure
    assert document["sov-001"]["enforcementLevel"] == "mandatory"
    assert (
        document["sov-001"]["cloud"] == "ovhcloud"
        and document["sov-001"]["dataClass"] == "confidential"
    )
    schema = inline_schema()
    assert "$defs" not in json.dumps(schema)
    for settings in document.values():
        jsonschema.validate({k: v for k, v in settings.items() if k != "enforcementLevel"}, schema)


def test_pack_schema_is_the_check_config_schema():
    declared = POLICIES["sov-001"].config_schema.properties
    assert set(declared) == set(config_schema()["properties"])
    assert declared["dataClass"]["anyOf"][0]["enum"] == [
        "public", "internal", "confidential", "personal", "health", "defence"
    ]  # fmt: skip


def test_pack_files_are_in_place():
    pack = PROJECT / "policies"
    assert "runtime:" in (pack / "PulumiPolicy.yaml").read_text()
    main = (pack / "__main__.py").read_text()
    assert "build_policies()" in main and "PolicyPack(" in main
    assert Path(pack / "__main__.py").is_file()


def test_the_pack_judges_the_state_from_the_config_policy_config_writes():
    """`souverain policy-config` writes where the state lives; SOV-011 judges it in the engine."""
    document = stack_policy_config(PROJECT, "ovhcloud-gra11", CheckConfig(), "european")
    assert document["sov-011"]["state"]["backend"] == "file://~"
    assert document["sov-011"]["state"]["backendSource"] == "backend.url in Pulumi.yaml"
    assert run("sov-011", [root(MINIMAL)], document["sov-011"]) == []
    cloud = {
        **document["sov-011"],
        "state": {"backend": "https://api.pulumi.com", "backendSource": "PULUMI_BACKEND_URL"},
    }
    found = run("sov-011", [root(MINIMAL)], cloud)
    assert [message.split(":")[0] for message, _ in found] == [
        "[SOV-011] state.backend",
        "[SOV-011] state.secretsprovider",
    ]
    assert "Pulumi Corporation under US jurisdiction" in found[0][0]
