"""One reader of stack config for the program, the plan and the check; pillar routing."""

from __future__ import annotations

import json

import pytest

from souverain.deploy import compile_adapters
from souverain.errors import SouverainError
from souverain.model.loading import platform_from_data
from souverain.plan.capture import capture_plan
from souverain.project import load_stack
from souverain.target import Pillar, StackTarget, read_target
from tests.conftest import PROJECT


def config(**values) -> dict[str, str]:
    """Stack config as the engine passes it: full keys, objects as JSON text."""
    return {f"souverain:{k}": v if isinstance(v, str) else json.dumps(v) for k, v in values.items()}


def test_one_adapter_for_every_pillar_by_default():
    target = read_target(config(adapter="openstack", cloud="ovhcloud", region="GRA11"))
    assert {p: target.target(p).adapter for p in Pillar} == dict.fromkeys(Pillar, "openstack")
    assert list(target.by_adapter()) == ["openstack"]


def test_targets_without_regions_work():
    target = read_target(config(adapter="kubernetes", cloud="local-kubernetes", kubernetes={}))
    assert target.region is None
    assert target.target(Pillar.COMPUTE).region is None


def test_pillars_go_to_their_adapters_keys_first():
    target = read_target(
        config(
            adapter="kubernetes",
            cloud="ovhcloud",
            region="GRA11",
            pillars={"storage": "openstack", "keys": "openstack"},
            openstack={"externalNetwork": "Ext-Net"},
            kubernetes={"context": "mks"},
        )
    )
    routes = target.by_adapter()
    assert list(routes) == ["openstack", "kubernetes"]  # the keys' adapter runs first
    assert routes["openstack"][1] == {Pillar.KEYS, Pillar.STORAGE}
    assert routes["openstack"][0].options == {"externalNetwork": "Ext-Net"}
    assert routes["kubernetes"][1] == {Pillar.NETWORK, Pillar.COMPUTE}


def test_a_pillar_may_name_its_own_cloud():
    target = read_target(
        config(
            adapter="openstack",
            cloud="ovhcloud",
            region="GRA11",
            pillars={"storage": {"adapter": "aws", "cloud": "aws", "region": "eu-west-3"}},
        )
    )
    storage = target.target(Pillar.STORAGE)
    assert (storage.adapter, storage.cloud, storage.region) == ("aws", "aws", "eu-west-3")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"adapter": "openstack", "cloud": "x", "pillars": {"network": "kubernetes"}},
            "network and compute must go to the same adapter",
        ),
        (
            {
                "adapter": "openstack",
                "cloud": "ovhcloud",
                "region": "GRA11",
                "pillars": {"storage": {"adapter": "openstack", "region": "SBG5"}},
            },
            "an adapter serves one cloud and region per stack",
        ),
        ({"adapter": "openstack", "cloud": "x", "regoin": "GRA11"}, "souverain:regoin"),
        ({"cloud": "x"}, "souverain:adapter"),
        ({"adapter": "openstack", "cloud": "x", "pillars": {"gpu": "openstack"}}, "pillars.gpu"),
    ],
)
def test_bad_targets_name_the_key(values, expected):
    with pytest.raises(SouverainError) as caught:
        read_target(config(**values))
    assert expected in caught.value.render()


def test_an_adapter_refuses_a_cloud_whose_api_it_does_not_speak(minimal):
    target = StackTarget(adapter="openstack", cloud="aws", region="eu-west-3")
    with pytest.raises(SouverainError) as caught:
        compile_adapters(platform_from_data(minimal), target)
    message = caught.value.render()
    assert message == (
        "the openstack adapter cannot deploy to Amazon Web Services: Amazon Web Services "
        "speaks aws; the openstack adapter speaks openstack; adapters that can: aws; "
        "fix souverain:adapter or souverain:cloud"
    )


def test_an_aws_cloud_on_the_openstack_adapter_fails_before_any_resource(tmp_path):
    (tmp_path / "stacks").mkdir()
    for name in ("Pulumi.yaml", "__main__.py", "reference_platform.py"):
        (tmp_path / name).write_text((PROJECT / name).read_text())
    (tmp_path / "stacks" / "Pulumi.aws.yaml").write_text(
        "config:\n  souverain:adapter: openstack\n  souverain:cloud: aws\n"
        "  souverain:region: eu-west-3\n  souverain:openstack: {externalNetwork: x}\n"
    )
    with pytest.raises(SouverainError, match="cannot deploy to Amazon Web Services") as caught:
        capture_plan(load_stack(tmp_path, "aws"))
    assert caught.value.problems == ()  # one message, not a resource error
