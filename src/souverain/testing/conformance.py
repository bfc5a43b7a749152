"""One conformance suite every adapter passes, under Pulumi mocks.

Mix :class:`AdapterConformance` into a test class and name the adapter::

    class TestMyAdapter(AdapterConformance):
        adapter = MyAdapter            # target defaults to MyAdapter.example_target()

The suite compiles a description that uses every field, with the features the adapter
declares unsupported stripped, and checks what every adapter owes its users: each pillar
becomes its components; every resource is known to the vocabulary and carries the
labels; data-bearing resources are protected; nothing is public unless described; plans
are deterministic; unsupported features fail at compile time naming the field and the
reason; and every field of the description changes the plan, fails with a reason, or is
declared not applicable, never silently ignored.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from souverain.adapters.contract import Adapter
from souverain.adapters.features import Feature, required_features
from souverain.conventions import PLATFORM_TYPE, Component
from souverain.deploy import deploy
from souverain.errors import SouverainError
from souverain.model.ai_platform import Platform
from souverain.model.fields import field_paths
from souverain.plan.capture import capture_program
from souverain.plan.model import Plan
from souverain.plan.render import to_json
from souverain.project import StackConfig
from souverain.rules.context import RuleContext
from souverain.rules.levels import DEFAULT_LEVEL
from souverain.rules.sov005_public_exposure import NoPublicExposure
from souverain.rules.views import resource_views
from souverain.target import CONFIG_NAMESPACE, Target
from souverain.vocabulary.judge import Judged, judge
from souverain.vocabulary.kinds import DATA_BEARING

SSH_KEYS = (
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHkq7pZ0i8I3q3y0c1pY8m9t2n1sV4b5x6c7d8e9f0a1 ops@example",
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ2m3n4b5v6c7x8z9a0s1d2f3g4h5j6k7l8q9w0e1r2t ml@example",
)

FULL: dict[str, Any] = {
    "name": "conform",
    "data_class": "confidential",
    "sovereignty": "seal-3",
    "owner": "platform-team",
    "labels": {"cost-center": "research"},
    "network": {
        "cidr": "10.30.0.0/16",
        "subnets": [
            {"name": "compute", "cidr": "10.30.1.0/24", "purpose": "compute"},
            {"name": "storage", "cidr": "10.30.2.0/24", "purpose": "storage"},
        ],
        "ingress": [
            {"description": "ssh from the vpn", "port": 22, "sources": ["192.168.100.0/24"]}
        ],
        "egress": {"mode": "restricted", "destinations": ["10.0.0.0/8"]},
        "dns_nameservers": ["10.30.0.53"],
    },
    "gpu_pools": [
        {
            "name": "train",
            "gpu": "H100",
            "gpus_per_node": 1,
            "min_nodes": 2,
            "max_nodes": 4,
            "image": "Ubuntu 24.04",
            "boot_disk_gib": 150,
            "confidential_computing": True,
            "ssh_public_key": SSH_KEYS[0],
            "workload": {
                "image": "registry.example.eu/ml/trainer:1.0",
                "command": ["python", "-m", "train"],
                "port": 8080,
                "env": {"EPOCHS": "3"},
            },
        }
    ],
    "buckets": [
        {
            "name": "datasets",
            "encryption_key": "data",
            "lifecycle": [{"prefix": "tmp/", "expire_after_days": 7}],
        },
        {
            "name": "archive",
            "encryption_key": "data",
            "retention": {"days": 30, "mode": "governance"},
        },
    ],
    "keys": [
        {"name": "data", "rotation_days": 90},
        {"name": "signing", "purpose": "signing"},
    ],
}
"""A description that uses every field and every feature."""

Change = Callable[[dict[str, Any]], None]


_POOL_FIELDS = {
    Feature.CONFIDENTIAL_COMPUTING: "confidential_computing",
    Feature.PUBLIC_ADDRESSES: "public",
    Feature.SSH_ACCESS: "ssh_public_key",
    Feature.BOOT_DISK_SIZE: "boot_disk_gib",
    Feature.WORKLOADS: "workload",
}
_PARENTS: dict[Feature, set[Feature]] = {
    Feature.OBJECT_VERSIONING: {Feature.OBJECT_STORAGE},
    Feature.OBJECT_LOCK: {Feature.OBJECT_STORAGE, Feature.OBJECT_VERSIONING},
    Feature.OBJECT_LIFECYCLE: {Feature.OBJECT_STORAGE},
    Feature.BUCKET_ENCRYPTION: {Feature.OBJECT_STORAGE, Feature.CUSTOMER_KEYS},
    Feature.KEY_ROTATION: {Feature.CUSTOMER_KEYS},
    Feature.SIGNING_KEYS: {Feature.CUSTOMER_KEYS},
    **{f: {Feature.GPU_POOLS} for f in _POOL_FIELDS},
    Feature.AUTOSCALING: {Feature.GPU_POOLS},
    Feature.BARE_NODES: {Feature.GPU_POOLS},
}
"""What a feature needs present to be tried at all (its part, and what it builds on)."""
_PART_FEATURES = {
    "gpu_pools": Feature.GPU_POOLS,
    "buckets": Feature.OBJECT_STORAGE,
    "keys": Feature.CUSTOMER_KEYS,
}
_BUCKET_FIELDS = {
    Feature.OBJECT_LOCK: "retention",
    Feature.OBJECT_LIFECYCLE: "lifecycle",
    Feature.BUCKET_ENCRYPTION: "encryption_key",
}


def _strip(feature: Feature, data: dict[str, Any]) -> None:
    """Remove what makes a description need ``feature``."""
    pools, buckets, keys = data["gpu_pools"], data["buckets"], data["keys"]
    if feature in _POOL_FIELDS:
        for pool in pools:
            pool.pop(_POOL_FIELDS[feature], None)
    elif feature in _BUCKET_FIELDS:
        for bucket in buckets:
            bucket.pop(_BUCKET_FIELDS[feature], None)
    elif feature is Feature.GPU_POOLS:
        pools.clear()
    elif feature is Feature.AUTOSCALING:
        for pool in pools:
            pool["max_nodes"] = pool["min_nodes"]
    elif feature is Feature.RESTRICTED_EGRESS:
        data["network"]["egress"] = {"mode": "allow-all"}
    elif feature is Feature.ICMP_INGRESS:
        data["network"]["ingress"] = [
            r for r in data["network"]["ingress"] if r.get("protocol") != "icmp"
        ]
    elif feature is Feature.BARE_NODES:
        pools[:] = [p for p in pools if p.get("workload")]
    elif feature is Feature.OBJECT_STORAGE:
        buckets.clear()
    elif feature is Feature.OBJECT_VERSIONING:
        for bucket in buckets:
            bucket.pop("retention", None)  # object lock needs versioning
            bucket["versioning"] = False
    elif feature is Feature.CUSTOMER_KEYS:
        keys.clear()
        for bucket in buckets:
            bucket.pop("encryption_key", None)
    elif feature is Feature.KEY_ROTATION:
        for key in keys:
            key.pop("rotation_days", None)
    elif feature is Feature.SIGNING_KEYS:
        for key in keys:
            key["purpose"] = "encryption"


def _set(path: str, value: Any) -> Change:
    """A change that sets ``a.b[0].c`` to ``value``."""

    def change(data: dict[str, Any]) -> None:
        *parents, last = re.findall(r"[^.\[\]]+", path)
        node: Any = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value

    return change


def _swap_purposes(data: dict[str, Any]) -> None:
    first, second = data["network"]["subnets"][:2]
    first["purpose"], second["purpose"] = second["purpose"], first["purpose"]


def _rename_subnet(data: dict[str, Any]) -> None:
    data["network"]["subnets"][0]["name"] = "gpus"
    for pool in data["gpu_pools"]:
        if pool.get("subnet") == "compute":
            pool["subnet"] = "gpus"


def _rename_key(data: dict[str, Any]) -> None:
    data["keys"][0]["name"] = "datakey"
    for bucket in data["buckets"]:
        if bucket.get("encryption_key") == "data":
            bucket["encryption_key"] = "datakey"


def _more_nodes(data: dict[str, Any]) -> None:
    pool = data["gpu_pools"][0]
    pool["min_nodes"] = 3
    pool["max_nodes"] = max(pool["max_nodes"], 3)


def _toggle_purpose(data: dict[str, Any]) -> None:
    key = data["keys"][1]  # the key no bucket uses
    key["purpose"] = "encryption" if key.get("purpose") == "signing" else "signing"


def _retention(**retention: Any) -> Change:
    def change(data: dict[str, Any]) -> None:
        data["buckets"][0].update(versioning=True, retention=retention)

    return change


def _add_lifecycle(**rule: Any) -> Change:
    return _set("buckets.0.lifecycle", [{"prefix": "tmp/", "expire_after_days": 7, **rule}])


MUTATIONS: dict[str, Change] = {
    "name": _set("name", "conform-b"),
    "data_class": _set("data_class", "personal"),
    "sovereignty": _set("sovereignty", "seal-4"),
    "owner": _set("owner", "another-team"),
    "labels{}": _set("labels", {"cost-center": "production"}),
    "network.cidr": _set("network.cidr", "10.30.0.0/15"),
    "network.subnets[].name": _rename_subnet,
    "network.subnets[].cidr": _set("network.subnets.0.cidr", "10.30.3.0/24"),
    "network.subnets[].purpose": _swap_purposes,
    "network.ingress[].description": _set("network.ingress.0.description", "ssh from the office"),
    "network.ingress[].protocol": _set("network.ingress.0.protocol", "udp"),
    "network.ingress[].port": _set("network.ingress.0.port", 2222),
    "network.ingress[].port_to": _set("network.ingress.0.port_to", 23),
    "network.ingress[].sources[]": _set("network.ingress.0.sources", ["192.168.200.0/24"]),
    "network.egress.mode": _set("network.egress", {"mode": "allow-all"}),
    "network.egress.destinations[]": _set("network.egress.destinations", ["172.16.0.0/12"]),
    "network.dns_nameservers[]": _set("network.dns_nameservers", ["10.30.0.54"]),
    "gpu_pools[].name": _set("gpu_pools.0.name", "tune"),
    "gpu_pools[].gpu": _set("gpu_pools.0.gpu", "L4"),
    "gpu_pools[].gpus_per_node": _set("gpu_pools.0.gpus_per_node", 2),
    "gpu_pools[].min_nodes": _more_nodes,
    "gpu_pools[].max_nodes": _set("gpu_pools.0.max_nodes", 5),
    "gpu_pools[].image": _set("gpu_pools.0.image", "Debian 12"),
    "gpu_pools[].boot_disk_gib": _set("gpu_pools.0.boot_disk_gib", 300),
    "gpu_pools[].subnet": _set("gpu_pools.0.subnet", "storage"),
    "gpu_pools[].confidential_computing": _set("gpu_pools.0.confidential_computing", True),
    "gpu_pools[].public": _set("gpu_pools.0.public", True),
    "gpu_pools[].ssh_public_key": _set("gpu_pools.0.ssh_public_key", SSH_KEYS[1]),
    "gpu_pools[].workload.image": _set(
        "gpu_pools.0.workload", {"image": "registry.example.eu/ml/trainer:2.0"}
    ),
    "gpu_pools[].workload.command[]": _set(
        "gpu_pools.0.workload",
        {"image": "registry.example.eu/ml/trainer:1.0", "command": ["python", "-m", "tune"]},
    ),
    "gpu_pools[].workload.port": _set(
        "gpu_pools.0.workload", {"image": "registry.example.eu/ml/trainer:1.0", "port": 9090}
    ),
    "gpu_pools[].workload.env{}": _set(
        "gpu_pools.0.workload",
        {"image": "registry.example.eu/ml/trainer:1.0", "env": {"EPOCHS": "5"}},
    ),
    "buckets[].name": _set("buckets.0.name", "corpus"),
    "buckets[].versioning": _set("buckets.0.versioning", False),
    "buckets[].retention.days": _retention(days=60),
    "buckets[].retention.mode": _retention(days=30, mode="compliance"),
    "buckets[].encryption_key": _set("buckets.0.encryption_key", None),
    "buckets[].public_read": _set("buckets.0.public_read", True),
    "buckets[].lifecycle[].prefix": _add_lifecycle(prefix="logs/"),
    "buckets[].lifecycle[].expire_after_days": _add_lifecycle(expire_after_days=30),
    "buckets[].lifecycle[].noncurrent_expire_after_days": _add_lifecycle(
        noncurrent_expire_after_days=14
    ),
    "keys[].name": _rename_key,
    "keys[].algorithm": _set("keys.0.algorithm", "rsa-4096"),
    "keys[].purpose": _toggle_purpose,
    "keys[].rotation_days": _set("keys.0.rotation_days", 30),
}
"""One change per field of the description, each meaningful on its own."""


def stack_config(target: Target, name: str = "conformance") -> StackConfig:
    """The stack config a target reads back from, as a stack file would give it."""
    values: dict[str, Any] = {
        f"{CONFIG_NAMESPACE}:adapter": target.adapter,
        f"{CONFIG_NAMESPACE}:cloud": target.cloud,
        f"{CONFIG_NAMESPACE}:protectData": target.protect_data,
        f"{CONFIG_NAMESPACE}:{target.adapter}": target.options,
    }
    if target.region is not None:
        values[f"{CONFIG_NAMESPACE}:region"] = target.region
    directory = Path.cwd()
    return StackConfig(name, directory, name, values, directory / f"Pulumi.{name}.yaml")


def plan_on(platform: Platform, target: Target, adapter: Adapter) -> Plan:
    """Compile a description for one target under mocks, through the stack config reader."""
    return capture_program(
        lambda: deploy(platform, adapters={adapter.name: adapter}), stack_config(target)
    )


def flattened(plan: Plan) -> dict[str, str]:
    """The plan as ``urn/field/...`` -> value, without the root's copy of the description.

    The root component records the description itself, so it would mirror any change.
    """
    found: dict[str, str] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(f"{prefix}/{key}", item)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(f"{prefix}/{index}", item)
        else:
            found[prefix] = json.dumps(value)

    for resource in json.loads(to_json(plan))["resources"]:
        if resource["type"] == PLATFORM_TYPE:
            resource["inputs"] = {}
        walk(resource["urn"], resource)
    return found


def differences(first: dict[str, str], second: dict[str, str]) -> set[str]:
    """The paths whose values differ between two flattened plans."""
    return {k for k in first.keys() | second.keys() if first.get(k) != second.get(k)}


def _general(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)


class AdapterConformance:
    """The shared suite. Subclasses set ``adapter``, and ``target`` to test another one."""

    adapter: ClassVar[type[Adapter]]
    target: ClassVar[Target | None] = None

    # -- fixtures of the suite ---------------------------------------------------------

    def the_target(self) -> Target:
        """The target under test."""
        return self.target or self.adapter.example_target()

    def unsupported(self) -> dict[Feature, str]:
        """What the adapter says it cannot do on the target."""
        return self.adapter().unsupported_features(self.the_target())

    def supported_data(self, keep: Feature | None = None) -> dict[str, Any]:
        """FULL with every unsupported feature stripped, but ``keep`` and the part it needs."""
        kept = {keep, *_PARENTS.get(keep, set())} if keep is not None else set()
        data = copy.deepcopy(FULL)
        for feature in self.unsupported():
            if feature not in kept:
                _strip(feature, data)
        return data

    def supported(self) -> Platform:
        """The description this adapter must compile on its target."""
        return Platform.model_validate(self.supported_data())

    def judged(self, platform: Platform | None = None) -> tuple[Plan, list[Judged]]:
        """A plan and its resources judged through the vocabulary."""
        plan = plan_on(platform or self.supported(), self.the_target(), self.adapter())
        return plan, judge(resource_views(plan))

    # -- the suite -----------------------------------------------------------------------

    def test_each_pillar_becomes_its_components(self) -> None:
        platform = self.supported()
        plan, _ = self.judged(platform)
        components = {(r.type, r.name) for r in plan.resources if not r.custom}
        expected = {(Component.PLATFORM.value, platform.name)}
        expected.add((Component.NETWORK.value, platform.physical_name("net")))
        expected |= {
            (Component.GPU_POOL.value, platform.physical_name(p.name)) for p in platform.gpu_pools
        }
        expected |= {
            (Component.BUCKET.value, platform.physical_name(b.name)) for b in platform.buckets
        }
        expected |= {(Component.KEY.value, platform.physical_name(k.name)) for k in platform.keys}
        missing = sorted(expected - components)
        assert not missing, f"components missing for parts of the description: {missing}"

    def test_every_resource_is_known_to_the_vocabulary(self) -> None:
        _, judged = self.judged()
        unknown = sorted(r.type for r in judged if r.not_judged)
        assert not unknown, f"types no mapping file knows, so no rule can judge them: {unknown}"

    def test_labelled_resources_carry_the_platform_labels(self) -> None:
        _, judged = self.judged()
        unlabelled = sorted(
            f"{r.name} ({r.type})"
            for r in judged
            if r.custom and not r.is_provider and r.facts.taggable and not _traceable(r)
        )
        assert not unlabelled, f"resources without the platform labels: {unlabelled}"

    def test_data_bearing_resources_are_protected(self) -> None:
        _, judged = self.judged()
        exposed = sorted(
            f"{r.name} ({r.kind})" for r in judged if r.kind in DATA_BEARING and not r.protected
        )
        assert not exposed, f"data-bearing resources not protected from deletion: {exposed}"

    def test_nothing_is_public_unless_described(self) -> None:
        _, judged = self.judged()
        found = _exposure(judged)
        assert not found, f"public without being described: {found}"
        public = [r for r in judged if r.facts.public or r.kind == "public-address"]
        assert not public, f"public resources in a private description: {[r.name for r in public]}"

    def test_described_exposure_is_marked(self) -> None:
        if Feature.PUBLIC_ADDRESSES in self.unsupported() or not self.supported().gpu_pools:
            return
        data = self.supported_data()
        data["gpu_pools"][0]["public"] = True
        _, judged = self.judged(Platform.model_validate(data))
        public = [r for r in judged if r.facts.public or r.kind == "public-address"]
        assert public, "a pool described as public got no public address or exposure"
        found = _exposure(judged)
        assert not found, f"described exposure lacks the public marker: {found}"

    def test_plans_are_deterministic(self) -> None:
        platform, target = self.supported(), self.the_target()
        first, second = (to_json(plan_on(platform, target, self.adapter())) for _ in range(2))
        assert first == second, "two plans of the same description and target differ"

    def test_unsupported_features_fail_at_compile_time_with_the_field(self) -> None:
        needed = required_features(Platform.model_validate(FULL))
        for feature, reason in self.unsupported().items():
            if feature not in needed:
                continue
            data = self.supported_data(keep=feature)
            platform = Platform.model_validate(data)
            where = required_features(platform)[feature]
            try:
                plan_on(platform, self.the_target(), self.adapter())
            except SouverainError as error:
                text = error.render()
                assert where in text and reason in text, (
                    f"{feature} fails without naming {where} and the reason: {text}"
                )
            else:
                raise AssertionError(f"{feature} is declared unsupported but {where} compiled")

    def test_every_field_is_used_or_declared(self) -> None:
        paths = field_paths(Platform)
        assert sorted(MUTATIONS) == sorted(paths), "the suite's mutations must cover every field"
        target = self.the_target()
        declared = self.adapter().not_applicable(target)
        base = flattened(plan_on(self.supported(), target, self.adapter()))
        # What changes between two identical runs says nothing about a field.
        noise = differences(base, flattened(plan_on(self.supported(), target, self.adapter())))
        ignored = []
        for path in paths:
            if path in declared:
                continue
            # A field of a part the adapter cannot deploy at all is tried with the part present.
            whole = _PART_FEATURES.get(path.split("[", 1)[0])
            data = self.supported_data(whole if whole in self.unsupported() else None)
            MUTATIONS[path](data)
            try:
                plan = plan_on(Platform.model_validate(data), target, self.adapter())
                changed = bool(differences(base, flattened(plan)) - noise)
            except SouverainError as error:
                # Refused at compile time: it must name this field (or the part holding it).
                changed = any(path.startswith(_general(p.path)) for p in error.problems)
            if not changed:
                ignored.append(path)
        assert not ignored, (
            "fields that change nothing in the plan, with no unsupported feature or "
            f"not-applicable reason declared: {ignored}"
        )


def _traceable(resource: Judged) -> bool:
    from souverain.conventions import TRACEABILITY

    return all(resource.facts.marker(m) for m in TRACEABILITY)


def _exposure(judged: list[Judged]) -> list[str]:
    """SOV-005's findings on these resources, as ``name: message``."""
    rule = NoPublicExposure()
    ctx = RuleContext(level=DEFAULT_LEVEL)
    return sorted(
        f"{r.name}: {message}"
        for r in judged
        if rule.applies_to(r)
        for message in rule.check_resource(r, ctx)
    )


def installed_suites() -> dict[str, type[AdapterConformance]]:
    """One conformance test class per installed adapter, named ``Test<Name>Conformance``.

    A test module runs them all with ``globals().update(installed_suites())``.
    """
    from souverain.adapters.registry import available_adapters, load_adapter

    suites: dict[str, type[AdapterConformance]] = {}
    for name in available_adapters():
        adapter = type(load_adapter(name))
        title = "".join(part.capitalize() for part in re.split(r"[^a-z0-9]", name))
        suite = type(f"Test{title}Conformance", (AdapterConformance,), {"adapter": adapter})
        suites[suite.__name__] = suite
    return suites
