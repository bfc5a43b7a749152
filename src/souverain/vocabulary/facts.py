"""Read the facts rules judge from one resource's properties, through its type's mapping."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from ipaddress import ip_network
from typing import Any

from souverain.conventions import Marker
from souverain.vocabulary.mapping import (
    LABEL_PREFIX,
    Condition,
    PackageMapping,
    RuleSpec,
    TypeMapping,
)
from souverain.vocabulary.paths import first, values

WORLD = "0.0.0.0/0"
UNKNOWN = "(known after apply)"
"""How an unknown value reads (the engine's preview, or the offline plan)."""


@dataclass(frozen=True)
class FirewallRule:
    """Traffic one rule allows: direction, source ranges, and port ranges.

    ``ports`` is None for every port, and empty for a protocol without ports (ICMP).
    """

    direction: str
    sources: tuple[str, ...]
    ports: tuple[tuple[int, int], ...] | None
    at: str = ""

    @property
    def from_anywhere(self) -> bool:
        """Whether a source is the whole Internet (``0.0.0.0/0`` or ``::/0``)."""
        return any(source == WORLD for source in self.sources)


@dataclass(frozen=True)
class Facts:
    """What the mapping says about one resource; empty when its type is not mapped."""

    region: str | None = None
    labels: Mapping[str, str] | None = None
    encryption_key: str | None = None
    key_material: bool = False
    public: tuple[str, ...] = ()
    images: tuple[str, ...] = ()
    container_images: tuple[str, ...] = ()
    privileged: tuple[str, ...] = ()
    deletion_protection: bool = False
    firewall_rules: tuple[FirewallRule, ...] = field(default=())
    unknown: frozenset[str] = frozenset()
    """Facets that cannot be read yet: their whole container is unknown in a preview."""

    @property
    def taggable(self) -> bool:
        """Whether the type carries labels or tags at all."""
        return self.labels is not None

    def marker(self, marker: Marker) -> str | None:
        """The value of a souverain marker label, if the resource carries it."""
        return None if self.labels is None else self.labels.get(marker.key)


def read_facts(props: Mapping[str, Any], package: PackageMapping, spec: TypeMapping) -> Facts:
    """The facts of one resource of a mapped type; only the facets its mapping names are read."""
    unknown: set[str] = set()
    labels = None
    if spec.labels is not None:
        raw = values(props, spec.labels.at)
        labels = _labels(raw, spec.labels.form)
        if UNKNOWN in raw:
            unknown.add("labels")
    found: dict[str, Any] = {"labels": labels}
    region_paths = (
        package.provider.region if spec.kind == "provider" else spec.region or package.region
    )
    if region_paths:
        found["region"] = _string(first(props, region_paths))
    if spec.encryption_key:
        found["encryption_key"] = _string(_first_value(props, labels, spec.encryption_key))
        from_labels = any(p.startswith(LABEL_PREFIX) for p in spec.encryption_key)
        if found["encryption_key"] is None and from_labels and "labels" in unknown:
            unknown.add("encryption_key")
    if spec.key_material:
        found["key_material"] = any(
            _present(v) for v in _all_values(props, labels, spec.key_material)
        )
    if spec.public:
        found["public"] = _holding(props, spec.public)
    if spec.images:
        found["images"] = tuple(_strings(_all_values(props, labels, spec.images)))
    if spec.container_images:
        found["container_images"] = tuple(
            _strings(_all_values(props, labels, spec.container_images))
        )
    if spec.privileged:
        found["privileged"] = _holding(props, spec.privileged)
    if spec.deletion_protection:
        found["deletion_protection"] = bool(_holding(props, spec.deletion_protection))
    if spec.firewall_rules:
        found["firewall_rules"] = tuple(r for rs in spec.firewall_rules for r in _rules(props, rs))
    return Facts(**found, unknown=frozenset(unknown))


def _labels(raw: list[Any], form: str) -> dict[str, str]:
    labels: dict[str, str] = {}
    for found in raw:
        if form == "map" and isinstance(found, Mapping):
            labels.update({str(k): str(v) for k, v in found.items()})
        elif form == "key=value" and isinstance(found, list):
            for tag in found:
                if isinstance(tag, str) and "=" in tag:
                    key, _, value = tag.partition("=")
                    labels[key] = value
        elif form == "key-value-list" and isinstance(found, list):
            for item in found:
                if isinstance(item, Mapping) and "key" in item:
                    labels[str(item["key"])] = str(item.get("value", ""))
    return labels


def _all_values(
    props: Mapping[str, Any], labels: Mapping[str, str] | None, paths: list[str]
) -> Iterator[Any]:
    for path in paths:
        if path.startswith(LABEL_PREFIX):
            value = (labels or {}).get(Marker(path.removeprefix(LABEL_PREFIX)).key)
            if value is not None:
                yield value
        else:
            yield from values(props, path)


def _first_value(
    props: Mapping[str, Any], labels: Mapping[str, str] | None, paths: list[str]
) -> Any:
    return next((v for v in _all_values(props, labels, paths) if _present(v)), None)


def _present(value: Any) -> bool:
    return value not in (None, "", [], {})


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _strings(found: Iterator[Any]) -> Iterator[str]:
    return (v for v in found if isinstance(v, str) and v)


def _holding(props: Mapping[str, Any], conditions: list[Condition]) -> tuple[str, ...]:
    return tuple(c.says for c in conditions if c.holds(props))


def _rules(props: Mapping[str, Any], spec: RuleSpec) -> Iterator[FirewallRule]:
    for index, rule in enumerate(values(props, spec.at)):
        if not isinstance(rule, Mapping):
            continue
        if any(condition.holds(rule) for condition in spec.allows_nothing):
            continue
        direction = spec.direction or (
            "ingress" if first(rule, [spec.direction_at or ""]) in spec.ingress else "egress"
        )
        sources = tuple(_source(s, spec.world) for path in spec.sources for s in values(rule, path))
        yield FirewallRule(
            direction=direction,
            sources=tuple(s for s in sources if s),
            ports=_ports(rule, spec),
            at="" if spec.at == "." else f"{spec.at.replace('[*]', '')}[{index}]",
        )


def _source(value: Any, world: list[str]) -> str:
    if not isinstance(value, str):
        return ""
    if value in world:
        return WORLD
    try:
        return WORLD if ip_network(value, strict=False).prefixlen == 0 else value
    except ValueError:
        return value


def _ports(rule: Mapping[str, Any], spec: RuleSpec) -> tuple[tuple[int, int], ...] | None:
    """Port ranges of a rule; None means every port (no ports given, or 'all traffic').

    A rule for a protocol without ports (ICMP) has no range at all.
    """
    if spec.portless is not None and spec.portless.holds(rule):
        return ()
    if spec.all_ports is not None and spec.all_ports.holds(rule):
        return None
    ranges: list[tuple[int, int]] = []
    if spec.from_port or spec.to_port:
        low = _port(first(rule, [spec.from_port or ""]))
        high = _port(first(rule, [spec.to_port or ""]))
        if low is None and high is None:
            return None
        ranges.append((low or 1, high or low or 65535))
    for path in spec.ports:
        for value in values(rule, path):
            parsed = _range(value)
            if parsed is None:
                return None
            ranges.append(parsed)
    return tuple(ranges) or None


def _port(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value)
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _range(value: Any) -> tuple[int, int] | None:
    """``22``, ``"22"``, ``"1000-2000"`` or ``"1000:2000"``; None for ``*`` or unreadable (all)."""
    single = _port(value)
    if single is not None:
        return (single, single)
    if isinstance(value, str):
        low, _, high = value.replace(":", "-").partition("-")
        if low.isdigit() and high.isdigit():
            return (int(low), int(high))
    return None
