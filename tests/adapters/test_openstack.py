"""The OpenStack adapter's resources for each pillar: types, key inputs, parents, protection."""

from __future__ import annotations

import pytest

from souverain.adapters.features import Feature
from souverain.deploy import compile_adapters
from souverain.errors import SouverainError
from souverain.model.loading import platform_from_data
from souverain.target import StackTarget, Target
from souverain_openstack.adapter import OpenStackAdapter
from tests.conftest import SSH_KEY

NETWORK = "openstack:networking/network:Network"
SUBNET = "openstack:networking/subnet:Subnet"
ROUTER = "openstack:networking/router:Router"
RULE = "openstack:networking/secGroupRule:SecGroupRule"
GROUP = "openstack:networking/secGroup:SecGroup"
INSTANCE = "openstack:compute/instance:Instance"
PORT = "openstack:networking/port:Port"
FLOATING = "openstack:networking/floatingIp:FloatingIp"
CONTAINER = "openstack:objectstorage/container:Container"
ORDER = "openstack:keymanager/orderV1:OrderV1"
PROVIDER = "pulumi:providers:openstack"


def component(plan, name):
    return next(r for r in plan.resources if not r.custom and r.name == name)


def test_every_resource_uses_the_explicit_provider(minimal, plan_for):
    plan = plan_for(platform_from_data(minimal))
    provider = plan.of_type(PROVIDER)
    assert len(provider) == 1
    assert provider[0].inputs["region"] == "RegionOne"
    assert provider[0].inputs["cloud"] == "openstack"
    custom = [r for r in plan.resources if r.custom and r.type != PROVIDER]
    assert custom and all(r.provider == provider[0].urn for r in custom)


def test_network_pillar(minimal, plan_for):
    plan = plan_for(platform_from_data(minimal))
    net = component(plan, "demo-net")
    assert net.type == "souverain:platform:Network"
    for type_ in (NETWORK, SUBNET, ROUTER, GROUP):
        assert [r.parent for r in plan.of_type(type_)] == [net.urn]
    subnet = plan.of_type(SUBNET)[0]
    assert subnet.inputs["cidr"] == "10.0.1.0/24"
    assert plan.of_type(ROUTER)[0].inputs["externalNetworkId"] == "public-id"
    assert plan.of_type(GROUP)[0].inputs["deleteDefaultRules"] is True
    tags = plan.of_type(NETWORK)[0].inputs["tags"]
    assert "souverain-data-class=confidential" in tags
    assert "souverain-owner=team" in tags


def test_nothing_open_to_the_world_unless_described(minimal, plan_for):
    plan = plan_for(platform_from_data(minimal))
    prefixes = [r.inputs.get("remoteIpPrefix") for r in plan.of_type(RULE)]
    assert "0.0.0.0/0" not in prefixes
    ingress = [r for r in plan.of_type(RULE) if r.inputs["direction"] == "ingress"]
    assert all("remoteGroupId" in r.inputs for r in ingress)  # only the peers rule


def test_described_ingress_becomes_rules(minimal, plan_for):
    minimal["network"]["ingress"] = [
        {"description": "ssh", "port": 22, "sources": ["192.168.1.0/24", "192.168.2.0/24"]}
    ]
    minimal["network"]["egress"] = {"mode": "allow-all"}
    plan = plan_for(platform_from_data(minimal))
    rules = {r.name: r.inputs for r in plan.of_type(RULE)}
    assert rules["demo-nodes-ingress-0-1"]["remoteIpPrefix"] == "192.168.2.0/24"
    assert rules["demo-nodes-ingress-0-0"]["portRangeMin"] == 22
    assert rules["demo-nodes-egress-0"]["remoteIpPrefix"] == "0.0.0.0/0"


def test_gpu_pool_pillar(minimal, plan_for):
    minimal["gpu_pools"][0].update(min_nodes=3, max_nodes=3, ssh_public_key=SSH_KEY)
    plan = plan_for(platform_from_data(minimal))
    pool = component(plan, "demo-train")
    instances = plan.of_type(INSTANCE)
    assert [i.name for i in instances] == ["demo-train-0", "demo-train-1", "demo-train-2"]
    assert all(i.parent == pool.urn for i in instances)
    first = instances[0].inputs
    assert first["flavorName"] == "SCS-16V-128-200s_GNg-132-80h"
    assert first["blockDevices"][0]["volumeSize"] == 100  # the adapter's default
    assert "userData" not in first  # no workload described
    assert first["networks"] == [{"port": "demo-train-0-port-id"}]
    assert first["metadata"]["souverain-part"] == "train"
    assert first["metadata"]["souverain-image"] == "Ubuntu 24.04"
    assert first["keyPair"] == "demo-train-key"
    group = plan.of_type("openstack:compute/serverGroup:ServerGroup")[0]
    assert group.inputs["policies"] == "anti-affinity"
    assert plan.of_type(FLOATING) == []  # private by default
    assert len(plan.of_type(PORT)) == 3


def test_public_pool_gets_floating_ips(minimal, plan_for):
    minimal["gpu_pools"][0]["public"] = True
    plan = plan_for(platform_from_data(minimal))
    assert [r.inputs["pool"] for r in plan.of_type(FLOATING)] == ["public"]


def test_storage_pillar_private_versioned_protected(minimal, plan_for):
    plan = plan_for(platform_from_data(minimal))
    (container,) = plan.of_type(CONTAINER)
    assert container.parent == component(plan, "demo-datasets").urn
    assert container.protect is True
    assert container.inputs["versioning"] is True
    assert "containerRead" not in container.inputs
    assert container.inputs["forceDestroy"] is False
    assert container.inputs["metadata"]["souverain-encryption"] == "client-side"


def test_public_read_only_when_described(minimal, plan_for):
    minimal["buckets"][0]["public_read"] = True
    plan = plan_for(platform_from_data(minimal))
    assert plan.of_type(CONTAINER)[0].inputs["containerRead"] == ".r:*,.rlistings"


def test_keys_pillar_generated_in_barbican_and_protected(minimal, plan_for):
    plan = plan_for(platform_from_data(minimal))
    (order,) = plan.of_type(ORDER)
    assert order.protect is True
    assert order.inputs["type"] == "key"
    assert order.inputs["meta"]["algorithm"] == "aes"
    assert order.inputs["meta"]["bitLength"] == 256
    assert "payload" not in order.inputs
    (container,) = plan.of_type(CONTAINER)
    assert order.urn in container.dependencies  # the bucket records the key that protects it


def test_protection_can_be_turned_off_explicitly(minimal, plan_for, generic_stack):
    from dataclasses import replace

    stack = replace(generic_stack, values={**generic_stack.values, "souverain:protectData": False})
    plan = plan_for(platform_from_data(minimal), stack)
    assert not any(r.protect for r in plan.resources)


def test_missing_flavor_lists_what_the_region_offers(minimal, plan_for):
    minimal["gpu_pools"][0]["gpu"] = "A100-80G"
    with pytest.raises(SouverainError) as caught:
        plan_for(platform_from_data(minimal))
    message = str(caught.value)
    assert "gpu_pools[0]" in message
    assert "SCS-16V-128-200s_GNg-132-80h (stack: H100)" in message
    assert "souverain:openstack.flavors.A100-80Gx1" in message


def test_unsupported_features_fail_with_reasons(minimal):
    minimal["gpu_pools"][0].update(max_nodes=4, confidential_computing=True)
    minimal["buckets"][0]["retention"] = {"days": 30}
    platform = platform_from_data(minimal)
    target = StackTarget(
        adapter="openstack",
        cloud="generic-openstack",
        region="r",
        options={"openstack": {"externalNetwork": "x"}},
    )
    with pytest.raises(SouverainError) as caught:
        compile_adapters(platform, target)
    paths = [p.path for p in caught.value.problems]
    assert paths == [
        "buckets[0].retention",
        "gpu_pools[0].confidential_computing",
        "gpu_pools[0].max_nodes",
    ]
    assert "kubernetes adapter" in str(caught.value)


def test_no_key_manager_means_no_keys(minimal):
    platform = platform_from_data(minimal)
    target = StackTarget(
        adapter="openstack",
        cloud="generic-openstack",
        region="r",
        options={"openstack": {"externalNetwork": "x", "keyManager": False}},
    )
    with pytest.raises(SouverainError) as caught:
        compile_adapters(platform, target)
    # Buckets use whichever key manager the keys pillar goes to; here there is none.
    assert {p.path for p in caught.value.problems} == {"keys[0]"}


def test_bad_options_name_the_config_key(minimal, plan_for, generic_stack):
    from dataclasses import replace

    values = {**generic_stack.values, "souverain:openstack": {"flavours": {}}}
    with pytest.raises(SouverainError) as caught:
        plan_for(platform_from_data(minimal), replace(generic_stack, values=values))
    message = str(caught.value)
    assert "souverain:openstack.flavours" in message
    assert "souverain:openstack.externalNetwork" in message or "external_network" in message


def test_key_manager_defaults_to_the_catalog():
    otc = Target(
        adapter="openstack", cloud="open-telekom-cloud", region="eu-de",
        options={"externalNetwork": "x"},
    )  # fmt: skip
    missing = OpenStackAdapter().unsupported_features(otc)
    assert "Barbican" in missing[Feature.CUSTOMER_KEYS]
    explicit = otc.model_copy(update={"options": {"externalNetwork": "x", "keyManager": True}})
    assert Feature.CUSTOMER_KEYS not in OpenStackAdapter().unsupported_features(explicit)


def test_clouds_without_cinder_boot_from_the_image(minimal, plan_for, generic_stack):
    from dataclasses import replace

    options = {**generic_stack.values["souverain:openstack"], "bootFromVolume": False}
    stack = replace(generic_stack, values={**generic_stack.values, "souverain:openstack": options})
    instance = plan_for(platform_from_data(minimal), stack).of_type(INSTANCE)[0].inputs
    assert instance["imageId"] == "Ubuntu 24.04-id"
    assert "blockDevices" not in instance
