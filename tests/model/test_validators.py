"""Every validator of the description: one passing and one failing case each."""

from __future__ import annotations

import pytest

from souverain.errors import SouverainError
from souverain.model.loading import platform_from_data


def paths(data) -> list[str]:
    with pytest.raises(SouverainError) as caught:
        platform_from_data(data)
    return [p.path for p in caught.value.problems]


def test_minimal_description_is_valid(minimal):
    platform = platform_from_data(minimal)
    assert platform.name == "demo"
    assert platform.buckets[0].versioning is True
    assert platform.buckets[0].public_read is False
    assert platform.gpu_pools[0].public is False


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("ml-platform", True),
        ("a1", True),
        ("ML", False),
        ("1abc", False),
        ("a_b", False),
        ("a--b", False),
        ("abc-", False),
        ("x" * 41, False),
    ],
)
def test_platform_name_is_a_dns_label(minimal, name, ok):
    minimal["name"] = name
    if ok:
        assert platform_from_data(minimal).name == name
    else:
        assert paths(minimal) == ["name"]


def test_name_error_suggests_a_valid_spelling(minimal):
    minimal["name"] = "My_Platform"
    with pytest.raises(SouverainError) as caught:
        platform_from_data(minimal)
    assert "'my-platform'" in str(caught.value)


def test_unknown_field_is_named(minimal):
    minimal["buckets"][0]["versionning"] = True
    assert paths(minimal) == ["buckets[0].versionning"]


def test_subnet_must_be_inside_network(minimal):
    minimal["network"]["subnets"][0]["cidr"] = "10.1.0.0/24"
    assert paths(minimal) == ["network.subnets[0].cidr"]


def test_subnets_must_not_overlap(minimal):
    minimal["network"]["subnets"].append({"name": "storage", "cidr": "10.0.1.128/25"})
    assert paths(minimal) == ["network.subnets[1].cidr"]
    minimal["network"]["subnets"][1]["cidr"] = "10.0.2.0/24"
    assert len(platform_from_data(minimal).network.subnets) == 2


def test_subnet_names_are_unique(minimal):
    minimal["network"]["subnets"].append({"name": "compute", "cidr": "10.0.2.0/24"})
    assert paths(minimal) == ["network.subnets[1].name"]


def test_network_must_be_private(minimal):
    minimal["network"]["cidr"] = "8.8.0.0/16"
    assert paths(minimal) == ["network.cidr"]


def test_ingress_needs_port_except_icmp(minimal):
    minimal["network"]["ingress"] = [{"description": "ssh", "sources": ["10.9.0.0/24"]}]
    assert paths(minimal) == ["network.ingress[0]"]
    minimal["network"]["ingress"] = [
        {"description": "ping", "protocol": "icmp", "sources": ["10.9.0.0/24"]}
    ]
    assert platform_from_data(minimal).network.ingress[0].port_range is None


def test_ingress_port_range_is_ordered(minimal):
    minimal["network"]["ingress"] = [
        {"description": "x", "port": 9000, "port_to": 8000, "sources": ["10.9.0.0/24"]}
    ]
    assert paths(minimal) == ["network.ingress[0]"]
    minimal["network"]["ingress"][0]["port_to"] = 9100
    assert platform_from_data(minimal).network.ingress[0].port_range == (9000, 9100)


def test_egress_destinations_only_when_restricted(minimal):
    minimal["network"]["egress"] = {"mode": "allow-all", "destinations": ["10.0.0.0/8"]}
    assert paths(minimal) == ["network.egress"]
    minimal["network"]["egress"] = {"mode": "restricted", "destinations": ["10.0.0.0/8"]}
    assert platform_from_data(minimal).network.egress.destinations


def test_gpu_model_must_be_known_with_suggestion(minimal):
    minimal["gpu_pools"][0]["gpu"] = "H1000"
    with pytest.raises(SouverainError) as caught:
        platform_from_data(minimal)
    assert caught.value.problems[0].path == "gpu_pools[0].gpu"
    assert "did you mean 'H100'" in caught.value.problems[0].message


@pytest.mark.parametrize(
    ("field", "value"),
    [("gpus_per_node", 0), ("gpus_per_node", 17), ("boot_disk_gib", 5), ("max_nodes", 0)],
)
def test_pool_sizes_are_sane(minimal, field, value):
    minimal["gpu_pools"][0][field] = value
    assert paths(minimal) == [f"gpu_pools[0].{field}"]


def test_min_nodes_not_above_max(minimal):
    minimal["gpu_pools"][0].update(min_nodes=3, max_nodes=2)
    assert paths(minimal) == ["gpu_pools[0]"]
    minimal["gpu_pools"][0].update(min_nodes=2, max_nodes=3)
    assert platform_from_data(minimal).gpu_pools[0].max_nodes == 3


def test_ssh_key_format(minimal):
    minimal["gpu_pools"][0]["ssh_public_key"] = "not a key"
    assert paths(minimal) == ["gpu_pools[0].ssh_public_key"]
    from tests.conftest import SSH_KEY

    minimal["gpu_pools"][0]["ssh_public_key"] = SSH_KEY
    assert platform_from_data(minimal).gpu_pools[0].ssh_public_key == SSH_KEY


def test_pool_subnet_reference_resolves(minimal):
    minimal["gpu_pools"][0]["subnet"] = "storage"
    assert paths(minimal) == ["gpu_pools[0].subnet"]
    minimal["gpu_pools"][0]["subnet"] = "compute"
    assert platform_from_data(minimal).gpu_pools[0].subnet == "compute"


def test_bucket_key_reference_resolves(minimal):
    minimal["buckets"][0]["encryption_key"] = "missing"
    assert paths(minimal) == ["buckets[0].encryption_key"]


def test_bucket_key_must_be_an_encryption_key(minimal):
    minimal["keys"][0]["purpose"] = "signing"
    assert paths(minimal) == ["buckets[0].encryption_key"]


def test_bucket_name_length_with_platform_prefix(minimal):
    minimal["buckets"][0]["name"] = "b" * 60
    assert paths(minimal) == ["buckets[0].name"]
    minimal["buckets"][0]["name"] = "b" * 58
    assert platform_from_data(minimal).buckets[0].name == "b" * 58


def test_bucket_name_at_least_three_characters(minimal):
    minimal["buckets"][0]["name"] = "ab"
    assert paths(minimal) == ["buckets[0].name"]


def test_retention_needs_versioning(minimal):
    minimal["buckets"][0].update(versioning=False, retention={"days": 30})
    assert paths(minimal) == ["buckets[0]"]
    minimal["buckets"][0]["versioning"] = True
    assert platform_from_data(minimal).buckets[0].retention.days == 30


def test_lifecycle_rule_must_do_something(minimal):
    minimal["buckets"][0]["lifecycle"] = [{"prefix": "tmp/"}]
    assert paths(minimal) == ["buckets[0].lifecycle[0]"]
    minimal["buckets"][0]["lifecycle"] = [{"prefix": "tmp/", "expire_after_days": 7}]
    assert platform_from_data(minimal).buckets[0].lifecycle[0].expire_after_days == 7


@pytest.mark.parametrize("field", ["gpu_pools", "buckets", "keys"])
def test_names_unique_per_kind(minimal, field):
    minimal[field].append(dict(minimal[field][0]))
    assert f"{field}[1].name" in paths(minimal)


def test_key_rotation_bounds(minimal):
    minimal["keys"][0]["rotation_days"] = 0
    assert paths(minimal) == ["keys[0].rotation_days"]


def test_labels_follow_kubernetes_rules(minimal):
    minimal["labels"] = {"Bad Key": "x"}
    assert paths(minimal) == ["labels.Bad Key"]
    minimal["labels"] = {"team": "bad value!"}
    assert paths(minimal) == ["labels.team"]
    minimal["labels"] = {"team": "ml"}
    assert platform_from_data(minimal).labels == {"team": "ml"}


def test_data_class_is_ordered():
    from souverain.model import DataClass, SovereigntyLevel

    assert DataClass.HEALTH > DataClass.PERSONAL > DataClass.PUBLIC
    assert SovereigntyLevel.SEAL_4 >= SovereigntyLevel.SEAL_3
    assert not SovereigntyLevel.SEAL_1 >= SovereigntyLevel.SEAL_2


def test_description_must_be_a_mapping():
    with pytest.raises(SouverainError, match="expected a mapping"):
        platform_from_data(["not", "a", "mapping"])
