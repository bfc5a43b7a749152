"""The offline plan of the reference platform: deterministic, engine-faithful, portable."""

from __future__ import annotations

import json

import pulumi
import pytest

from souverain.errors import SouverainError
from souverain.plan.capture import capture_plan, capture_program
from souverain.plan.render import to_json, to_tree
from souverain.project import load_stack, stack_names
from tests.conftest import PROJECT

STACKS = stack_names(PROJECT)


def test_project_has_a_generic_and_a_real_cloud_stack():
    assert {"generic", "ovhcloud-gra11", "open-telekom-cloud-eu-de", "cloudferro-waw3"} <= set(
        STACKS
    )


def _plan_or_error(stack: str) -> str:
    try:
        return to_json(capture_plan(load_stack(PROJECT, stack)))
    except SouverainError as error:
        return error.render()


@pytest.mark.parametrize("stack", STACKS)
def test_plan_is_byte_identical_across_runs(stack):
    assert _plan_or_error(stack) == _plan_or_error(stack)


@pytest.mark.parametrize("stack", ["generic", "ovhcloud-gra11"])
def test_reference_platform_plans_on_clouds_that_offer_everything(stack):
    assert len(json.loads(_plan_or_error(stack))["resources"]) == 35


@pytest.mark.parametrize(
    ("stack", "reasons"),
    [
        (
            "open-telekom-cloud-eu-de",
            ["buckets[0]: needs object-storage", "keys[0]: needs customer-keys"],
        ),
        ("cloudferro-waw3", ["buckets[0]: needs object-storage"]),
    ],
)
def test_clouds_that_lack_a_service_say_which_part_and_why(stack, reasons):
    message = _plan_or_error(stack)
    assert message.startswith("sovereign-ai cannot be deployed to")
    for reason in reasons:
        assert reason in message


def test_urns_follow_the_engine_format():
    plan = capture_plan(load_stack(PROJECT, "generic"))
    by_name = {r.name: r for r in plan.resources if r.custom}
    instance = by_name["sovereign-ai-training-0"]
    assert instance.urn == (
        "urn:pulumi:generic::souverain::souverain:platform:Platform$souverain:platform:GpuPool"
        "$openstack:compute/instance:Instance::sovereign-ai-training-0"
    )
    root = next(r for r in plan.resources if r.type == "souverain:platform:Platform")
    assert root.parent is None
    assert "pulumi:pulumi:Stack" not in root.urn


def _normalised(stack: str) -> list[dict]:
    """The plan with what a cloud switch may change (provider config, region, flavors) removed."""
    plan = json.loads(to_json(capture_plan(load_stack(PROJECT, stack))))
    for resource in plan["resources"]:
        resource["urn"] = resource["urn"].replace(f"urn:pulumi:{stack}::", "urn:pulumi:S::")
        for key in ("parent", "provider"):
            if resource[key]:
                resource[key] = resource[key].replace(f"urn:pulumi:{stack}::", "urn:pulumi:S::")
        resource["dependencies"] = [
            d.replace(f"urn:pulumi:{stack}::", "urn:pulumi:S::") for d in resource["dependencies"]
        ]
        resource["property_dependencies"] = {
            key: [d.replace(f"urn:pulumi:{stack}::", "urn:pulumi:S::") for d in deps]
            for key, deps in resource["property_dependencies"].items()
        }
        if resource["type"] == "pulumi:providers:openstack":
            resource["inputs"] = {}
        resource["inputs"].pop("flavorName", None)
        if resource["type"] == "openstack:networking/router:Router":
            resource["inputs"].pop("externalNetworkId")
    return plan["resources"]


def test_switching_cloud_changes_only_provider_region_and_flavors():
    generic, ovh = _normalised("generic"), _normalised("ovhcloud-gra11")
    assert generic == ovh
    flavors = {
        stack: sorted(
            {
                r.inputs["flavorName"]
                for r in capture_plan(load_stack(PROJECT, stack)).resources
                if "flavorName" in r.inputs
            }
        )
        for stack in ("generic", "ovhcloud-gra11")
    }
    assert flavors["ovhcloud-gra11"] == ["h100-380", "l4-90"]
    assert flavors["generic"] != flavors["ovhcloud-gra11"]


def test_duplicate_urns_are_rejected_like_the_engine(generic_stack):
    def program():
        pulumi.ComponentResource("test:index:Thing", "same")
        pulumi.ComponentResource("test:index:Thing", "same")

    with pytest.raises(SouverainError, match="same URN"):
        capture_program(program, generic_stack)


def test_runs_back_to_back_do_not_leak_state(generic_stack):
    def program():
        pulumi.ComponentResource("test:index:Thing", "only")

    assert len(capture_program(program, generic_stack).resources) == 1
    assert len(capture_program(program, generic_stack).resources) == 1


def test_shell_config_variables_do_not_leak_into_the_plan(monkeypatch):
    monkeypatch.setenv("PULUMI_CONFIG", json.dumps({"souverain:region": "us-east-1"}))
    plan = capture_plan(load_stack(PROJECT, "generic"))
    provider = plan.of_type("pulumi:providers:openstack")[0]
    assert provider.inputs["region"] == "RegionOne"


def test_tree_shows_components_and_protection():
    tree = to_tree(capture_plan(load_stack(PROJECT, "generic")))
    assert tree.startswith("souverain / generic: 35 resources, 4 protected from deletion\n")
    assert (
        "sovereign-ai-datasets  (openstack:objectstorage/container:Container)  [protected]" in tree
    )


def test_unknown_stack_lists_the_known_ones():
    with pytest.raises(SouverainError, match="did you mean 'ovhcloud-gra11'"):
        load_stack(PROJECT, "ovhcloud-gra")


def test_fields_with_no_meaning_on_the_target_are_noted_not_dropped():
    plan = capture_plan(load_stack(PROJECT, "generic"))
    (root,) = plan.of_type("souverain:platform:Platform")
    assert set(root.inputs["notes"]) == {"network.cidr"}
    assert "not applied: network.cidr: openstack: a Neutron network" in to_tree(plan)


def test_reordering_lists_without_meaning_gives_the_same_plan_bytes(generic_stack):
    """Pools, buckets, keys, ingress rules, their sources and egress destinations."""
    from reference_platform import REFERENCE
    from souverain.deploy import deploy
    from souverain.model import Platform

    data = REFERENCE.model_dump(mode="json")
    shuffled = json.loads(json.dumps(data))
    for field in ("gpu_pools", "buckets", "keys"):
        shuffled[field].reverse()
    shuffled["network"]["ingress"].reverse()
    shuffled["network"]["ingress"][0]["sources"] = ["192.168.100.0/24", "10.9.0.0/16"]
    data["network"]["ingress"][1]["sources"] = ["10.9.0.0/16", "192.168.100.0/24"]
    shuffled["network"]["egress"]["destinations"] = ["172.16.0.0/12", "10.0.0.0/8"]
    data["network"]["egress"]["destinations"] = ["10.0.0.0/8", "172.16.0.0/12"]
    plans = [
        to_json(capture_program(lambda d=d: deploy(Platform.model_validate(d)), generic_stack))
        for d in (data, shuffled)
    ]
    assert plans[0] == plans[1]
