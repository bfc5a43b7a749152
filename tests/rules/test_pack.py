"""The policy pack's policies, called with the arguments the engine passes them.

The pack's ``__main__`` is not imported (constructing PolicyPack serves forever); the
policies it serves are built here and called with pulumi_policy's own argument classes.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from pulumi_policy import (
    PolicyCustomTimeouts,
    PolicyProviderResource,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    StackValidationArgs,
)

from souverain.check import stack_policy_config
from souverain.rules.catalogue import RULES
from souverain.rules.config import CheckConfig, config_schema
from souverain.rules.pack import DESCRIPTION_POLICY, build_policies, policy_name
from tests.conftest import MINIMAL, PROJECT

POLICIES = {p.name: p for p in build_policies()}


def options(protect: bool = False) -> PolicyResourceOptions:
    return PolicyResourceOptions(protect, [], None, [], PolicyCustomTimeouts(0, 0, 0), [])


def run(name: str, args) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    POLICIES[name].validate(args, lambda message, urn=None: found.append((message, urn)))
    return found


def resource_args(type_, props, provider=None, protect=False, config=None):
    urn = f"urn:pulumi:s::p::{type_}::r"
    return ResourceValidationArgs(type_, props, urn, "r", options(protect), provider, config or {})


def test_one_policy_per_resource_rule_and_one_for_the_description():
    expected = {policy_name(r) for r in RULES if r.RESOURCE_TYPES} | {DESCRIPTION_POLICY}
    assert set(POLICIES) == expected


def test_aws_provider_is_denied_by_jurisdiction_policy():
    aws = PolicyProviderResource(
        "pulumi:providers:aws",
        {"region": "eu-west-3"},
        "urn:pulumi:s::p::pulumi:providers:aws::default",
        "default",
    )
    args = resource_args("aws:s3/bucket:Bucket", {}, provider=aws)
    assert run("sov-001", args) == []  # the resource inherits; its provider object is judged
    provider_args = resource_args("pulumi:providers:aws", {"region": "eu-west-3"})
    [(message, urn)] = run("sov-001", provider_args)
    assert message.startswith("[SOV-001]") and "US jurisdiction" in message
    assert urn == provider_args.urn


def test_config_carries_the_level_and_target():
    container = {"metadata": {}, "containerRead": ".r:*"}
    assert run("sov-004", resource_args("openstack:objectstorage/container:Container", container))
    os_provider = resource_args(
        "pulumi:providers:openstack",
        {"region": "RegionOne"},
        config={"cloud": "generic-openstack", "level": "seal-3"},
    )
    assert any("no known controlling company" in m for m, _ in run("sov-001", os_provider))
    relaxed = resource_args(
        "pulumi:providers:openstack",
        {"region": "RegionOne"},
        config={"cloud": "generic-openstack", "level": "seal-0"},
    )
    assert not run("sov-002", relaxed)  # no residency requirement at seal-0


def test_unprotected_data_is_reported():
    args = resource_args("openstack:keymanager/orderV1:OrderV1", {"type": "key"}, protect=False)
    assert [m for m, _ in run("sov-008", args)] == [
        "[SOV-008] not protected: a delete or replace would destroy data"
    ]
    assert not run(
        "sov-008",
        resource_args("openstack:keymanager/orderV1:OrderV1", {"type": "key"}, protect=True),
    )


def test_description_policy_reads_the_recorded_description():
    description = {**MINIMAL, "buckets": [{"name": "datasets"}]}
    root = PolicyResource(
        "souverain:platform:Platform",
        {"description": description},
        "urn:pulumi:s::p::souverain:platform:Platform::demo",
        "demo",
        options(),
        None,
        None,
        [],
        {},
    )
    found = run(
        DESCRIPTION_POLICY, StackValidationArgs([root], {"level": "european", "cloud": "ovhcloud"})
    )
    assert [m for m, _ in found] == [
        "[SOV-004] buckets[0].encryption_key: bucket 'datasets' has no encryption key; add a key and reference it"
    ]


def test_generated_engine_config_matches_the_level_and_validates():
    document = stack_policy_config(PROJECT, "ovhcloud-gra11", CheckConfig(), level="european")
    assert set(document) == set(POLICIES)
    assert document["sov-003"]["enforcementLevel"] == "advisory"  # seal-2 only warns on exposure
    assert document["sov-001"]["enforcementLevel"] == "mandatory"
    assert (
        document["sov-001"]["cloud"] == "ovhcloud"
        and document["sov-001"]["dataClass"] == "confidential"
    )
    schema = config_schema()
    for settings in document.values():
        jsonschema.validate({k: v for k, v in settings.items() if k != "enforcementLevel"}, schema)


def test_pack_files_are_in_place():
    pack = PROJECT / "policies"
    assert "runtime:" in (pack / "PulumiPolicy.yaml").read_text()
    main = (pack / "__main__.py").read_text()
    assert "build_policies()" in main and "PolicyPack(" in main
    assert json.loads(json.dumps(config_schema()))["properties"]["level"]
    assert Path(pack / "__main__.py").is_file()


def test_description_policy_honours_rule_overrides_from_the_config():
    description = {**MINIMAL, "buckets": [{"name": "datasets"}]}
    root = PolicyResource(
        "souverain:platform:Platform", {"description": description},
        "urn:pulumi:s::p::souverain:platform:Platform::demo", "demo", options(), None, None, [], {},
    )  # fmt: skip
    config = {"level": "european", "cloud": "ovhcloud", "rules": {"SOV-004": "advisory"}}
    assert run(DESCRIPTION_POLICY, StackValidationArgs([root], config)) == []
