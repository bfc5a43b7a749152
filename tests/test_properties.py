"""Properties that hold for any input, checked with hypothesis (fixed seed, bounded examples).

- A generated valid description always plans, and gives the same bytes twice.
- A generated invalid one always fails with a SouverainError naming a field, never anything
  else (the CLI turns that, and only that, into exit 2).
- Any bytes given to the document loader give data or a SouverainError.
- Any resource properties given to the vocabulary and the rules are judged without crashing.
"""

from __future__ import annotations

import copy
import ipaddress
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from souverain.deploy import deploy
from souverain.documents import read_document
from souverain.errors import SouverainError
from souverain.model.loading import platform_from_data
from souverain.plan.capture import capture_program
from souverain.plan.render import to_json
from souverain.rules.catalogue import RULES
from souverain.rules.context import RuleContext
from souverain.rules.evaluate import evaluate
from souverain.rules.levels import resolve_level
from souverain.testing import resource
from souverain.vocabulary.judge import judge

pytestmark = pytest.mark.slow  # hypothesis plans and judges hundreds of generated examples

FIXED = settings(
    derandomize=True,  # the same examples on every run: CI is reproducible
    deadline=None,
    max_examples=20,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

names = st.from_regex(r"[a-z][a-z0-9]{1,8}", fullmatch=True)
ports = st.integers(min_value=1, max_value=65535)


@st.composite
def descriptions(draw: st.DrawFn) -> dict[str, Any]:
    """Valid descriptions within what the generic OpenStack stack can deploy."""
    second = draw(st.integers(min_value=0, max_value=250))
    network = ipaddress.ip_network(f"10.{second}.0.0/16")
    subnets = [
        {"name": f"net{i}", "cidr": str(list(network.subnets(new_prefix=24))[i]),
         "purpose": draw(st.sampled_from(["compute", "storage", "management", "ingress"]))}
        for i in range(draw(st.integers(min_value=1, max_value=3)))
    ]  # fmt: skip
    ingress = [
        {
            "description": f"rule {i}",
            "protocol": protocol,
            **({"port": draw(ports)} if protocol != "icmp" else {}),
            "sources": [f"192.168.{draw(st.integers(0, 255))}.0/24"],
        }
        for i, protocol in enumerate(
            draw(st.lists(st.sampled_from(["tcp", "udp", "icmp"]), max_size=3))
        )
    ]
    pool_names = draw(st.lists(names, min_size=0, max_size=3, unique=True))
    pools = []
    for name in pool_names:
        count = draw(st.integers(min_value=1, max_value=3))
        pool: dict[str, Any] = {
            "name": name,
            "gpu": draw(st.sampled_from(["H100", "L4"])),
            "min_nodes": count,
            "max_nodes": count,
            "image": "Ubuntu 24.04",
            "public": draw(st.booleans()),
        }
        if draw(st.booleans()):
            pool["workload"] = {
                "image": "registry.example.eu/team/app:1",
                "command": draw(st.lists(names, max_size=3)),
            }
        pools.append(pool)
    keys = [{"name": "data"}] if draw(st.booleans()) else []
    buckets = [
        {
            "name": f"b{name}",
            "versioning": draw(st.booleans()),
            **({"encryption_key": "data"} if keys else {}),
        }
        for name in draw(st.lists(names, max_size=3, unique=True))
    ]
    return {
        "name": draw(names),
        "data_class": draw(st.sampled_from(["public", "internal", "confidential", "personal"])),
        "sovereignty": draw(st.sampled_from(["seal-2", "seal-3", "seal-4"])),
        "owner": draw(names),
        "labels": draw(st.dictionaries(names, names, max_size=3)),
        "network": {
            "cidr": str(network),
            "subnets": subnets,
            "ingress": ingress,
            "egress": draw(
                st.sampled_from([{"mode": "allow-all"}, {"destinations": ["10.0.0.0/8"]}])
            ),
        },
        "gpu_pools": pools,
        "keys": keys,
        "buckets": buckets,
    }


CORRUPTIONS: list[tuple[str, Any]] = [
    ("name", "Not A Name"),
    ("name", 42),
    ("data_class", "secret"),
    ("sovereignty", "seal-9"),
    ("owner", ""),
    ("network", "10.0.0.0/16"),
    ("gpu_pools", {"name": "x"}),
    ("buckets", [{"name": "a"}]),
    ("keys", [{"name": "k", "algorithm": "des"}]),
    ("labels", {"souverain-platform": "x"}),
    ("surprise", True),
]


@FIXED
@given(data=descriptions())
def test_valid_descriptions_always_plan_and_give_the_same_bytes(data, generic_stack):
    platform = platform_from_data(data)
    plans = [to_json(capture_program(lambda: deploy(platform), generic_stack)) for _ in range(2)]
    assert plans[0] == plans[1]
    assert json.loads(plans[0])["resources"]


@FIXED
@given(data=descriptions(), corruption=st.sampled_from(CORRUPTIONS))
def test_invalid_descriptions_always_name_a_field(data, corruption):
    field, value = corruption
    broken = copy.deepcopy(data)
    broken[field] = value
    with pytest.raises(SouverainError) as caught:
        platform_from_data(broken)
    assert caught.value.problems
    assert all(p.path for p in caught.value.problems)


@FIXED
@given(content=st.binary(max_size=2048) | st.text(max_size=2048).map(str.encode))
def test_any_bytes_give_data_or_one_clear_error(content, tmp_path_factory):
    path = Path(tmp_path_factory.mktemp("doc")) / "document.yaml"
    path.write_bytes(content)
    try:
        read_document(path, "description")
    except SouverainError as error:
        assert str(path) in error.render()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
TYPES = [
    "openstack:networking/secGroupRule:SecGroupRule",
    "openstack:objectstorage/container:Container",
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:s3/bucket:Bucket",
    "azure-native:network:NetworkSecurityGroup",
    "gcp:compute/firewall:Firewall",
    "kubernetes:apps/v1:Deployment",
    "kubernetes:core/v1:Service",
    "acme:thing:Thing",
]


@FIXED
@given(
    found=st.lists(
        st.tuples(
            st.sampled_from(TYPES), st.dictionaries(st.text(max_size=12), json_values, max_size=6)
        ),
        max_size=6,
    )
)
def test_rules_judge_any_properties_without_crashing(found):
    views = [resource(t, props, name=f"r{i}") for i, (t, props) in enumerate(found)]
    ctx = RuleContext(level=resolve_level("strict"))
    outcomes, _ = evaluate(judge(views), None, ctx, {r.ID: ctx.enforcement(r.ID) for r in RULES})
    assert len(outcomes) == len(RULES)
