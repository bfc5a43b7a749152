"""Compare two stacks of one project: every part of the description on both sides.

Parts are found in each plan by the conventions every adapter follows: one component per
part, typed by :class:`~souverain.conventions.Component` and named ``<platform>-<part>``
(the network ``<platform>-net``). Nothing here names a provider's types or properties:
what a resource is comes from the vocabulary, what a pool's nodes are from its adapter.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from souverain.adapters.features import Feature, required_features
from souverain.catalog.clouds import Cloud
from souverain.catalog.provenance import Confidence
from souverain.conventions import Component, Marker
from souverain.errors import SouverainError
from souverain.model.ai_platform import Platform
from souverain.move.exit_plan import exit_plan
from souverain.move.model import (
    Disputed,
    FeatureChange,
    Move,
    Part,
    PartSide,
    RuleChange,
    RuleVerdict,
    SideSummary,
)
from souverain.move.sides import Side, load_side
from souverain.plan.model import Plan, PlannedResource
from souverain.rules.catalogue import RULES
from souverain.rules.config import CheckConfig
from souverain.rules.evaluate import RuleOutcome
from souverain.rules.views import resource_views
from souverain.rules.waivers import Waiver
from souverain.target import Pillar
from souverain.vocabulary.judge import judge
from souverain.vocabulary.kinds import Kind

_COMPONENTS = {
    "network": Component.NETWORK,
    "gpu-pool": Component.GPU_POOL,
    "bucket": Component.BUCKET,
    "key": Component.KEY,
}


def compare_stacks(
    project: Path,
    source: str,
    target: str,
    config: CheckConfig | None = None,
    waivers: list[Waiver] | None = None,
    level: str | None = None,
    today: date | None = None,
) -> Move:
    """What moving the project's platform from stack ``source`` to stack ``target`` means."""
    if source == target:
        raise SouverainError(f"--from and --to both name {source}; name two stacks")
    checks = config or CheckConfig()
    found = waivers or []
    a = load_side(project, source, checks, found, level, today)
    b = load_side(project, target, checks, found, level, today)
    return compare(a, b)


def compare(a: Side, b: Side) -> Move:
    """The move between two loaded sides of the same description."""
    if a.platform != b.platform:
        raise SouverainError(
            f"stacks {a.stack} and {b.stack} deploy different descriptions; "
            "`souverain diff` compares one description on two targets"
        )
    platform = a.platform
    parts = tuple(_part(platform, path, kind, name, a, b) for path, kind, name in _parts(platform))
    move = Move(
        platform=platform.name,
        project=a.config.project,
        level=a.report.level,
        source=_summary(a),
        target=_summary(b),
        parts=parts,
        capabilities=_capabilities(a, b),
        rules=_rules(a, b),
        disputed=_disputed(a, b),
    )
    return replace(move, steps=exit_plan(a, b, move))


def _parts(platform: Platform) -> list[tuple[str, str, str]]:
    """Every part of the description, in its own order: ``(path, kind, name)``."""
    found = [("network", "network", "net")]
    found += [(f"gpu_pools[{i}]", "gpu-pool", p.name) for i, p in enumerate(platform.gpu_pools)]
    found += [(f"buckets[{i}]", "bucket", b.name) for i, b in enumerate(platform.buckets)]
    found += [(f"keys[{i}]", "key", k.name) for i, k in enumerate(platform.keys)]
    return found


def pillar_of_kind(kind: str) -> Pillar:
    """The pillar a kind of part belongs to."""
    return {
        "network": Pillar.NETWORK,
        "gpu-pool": Pillar.COMPUTE,
        "bucket": Pillar.STORAGE,
        "key": Pillar.KEYS,
    }[kind]


def _part(platform: Platform, path: str, kind: str, name: str, a: Side, b: Side) -> Part:
    pillar = pillar_of_kind(kind)
    needs = part_features(platform, path, kind)
    features = tuple(
        FeatureChange(str(f), where, _reason(a, f), _reason(b, f))
        for f, where in sorted(needs.items(), key=lambda item: str(item[0]))
    )
    return Part(
        path=path,
        kind=kind,
        name=name if kind != "network" else "network",
        physical=platform.physical_name(name),
        pillar=str(pillar),
        source=_part_side(a, platform, path, kind, name, features, "source"),
        target=_part_side(b, platform, path, kind, name, features, "target"),
        features=features,
    )


def part_features(platform: Platform, path: str, kind: str) -> dict[Feature, str]:
    """The features one part needs, each with the first field that needs it."""
    pillar = pillar_of_kind(kind)
    index = int(path.split("[")[1].rstrip("]")) if "[" in path else 0
    only: dict[str, list[object]] = {"gpu_pools": [], "buckets": [], "keys": []}
    field = {"gpu-pool": "gpu_pools", "bucket": "buckets", "key": "keys"}.get(kind)
    if field is not None:
        only[field] = [getattr(platform, field)[index]]
    single = platform.model_copy(update=only)
    needs: dict[Feature, str] = {}
    for feature, where in required_features(single).items():
        if feature.pillar is pillar:
            needs[feature] = where.replace(f"{field}[0]", path, 1) if field else where
    return needs


def _reason(side: Side, feature: Feature) -> str | None:
    try:
        return side.unsupported(feature)
    except SouverainError as error:
        return error.summary


def _part_side(
    side: Side,
    platform: Platform,
    path: str,
    kind: str,
    name: str,
    features: tuple[FeatureChange, ...],
    which: str,
) -> PartSide:
    pillar = pillar_of_kind(kind)
    placement = side.placement(pillar)
    physical = platform.physical_name(name)
    children = part_children(side.plan, _COMPONENTS[kind], physical) if side.plan else None
    problems = [
        f"needs {f.feature}: {reason}"
        for f in features
        if (reason := f.source if which == "source" else f.target) is not None
    ]
    problems += [
        str(p)
        for p in side.problems
        if p.path == path or p.path.startswith((path + ".", path + "["))
    ]
    if kind == "gpu-pool" and name in side.size_problems:
        reason = side.size_problems[name]
        if not any(reason in known for known in problems):
            problems.append(reason)
    if side.plan is None and not problems:
        problems.append("not planned: the stack's plan stops at other parts")
    general = _general(path)
    notes = tuple(
        f"{field}: {reason}"
        for field, reason in sorted(side.notes().items())
        if field == general or field.startswith((general + ".", general + "["))
    )
    size = side.sizes.get(name) if kind == "gpu-pool" else None
    return PartSide(
        stack=side.stack,
        adapter=placement.adapter,
        where=placement.where(),
        placed=children is not None,
        resources=tuple(sorted(Counter(r.type for r in children or []).items())),
        protected=sum(r.protect for r in children or []),
        size=size,
        size_origin=_size_origin(
            side.cloud(pillar), placement.region, size, side.target.target(pillar).options
        )
        if size
        else None,
        encryption=_encryption(side.plan, children) if kind == "bucket" and children else None,
        problems=tuple(dict.fromkeys(problems)),
        notes=notes,
    )


def _general(path: str) -> str:
    """``gpu_pools[1]`` as the field path every pool shares: ``gpu_pools[]``."""
    return path.split("[")[0] + "[]" if "[" in path else path


def part_children(plan: Plan, component: Component, name: str) -> list[PlannedResource] | None:
    """The cloud resources under a part's component, or None when the plan has no such part."""
    root = next(
        (
            r
            for r in plan.resources
            if r.type == component.value and r.name == name and not r.custom
        ),
        None,
    )
    if root is None:
        return None
    below: dict[str | None, list[PlannedResource]] = {}
    for resource in plan.resources:
        below.setdefault(resource.parent, []).append(resource)
    found: list[PlannedResource] = []
    stack = [root.urn]
    while stack:
        for child in below.get(stack.pop(), []):
            stack.append(child.urn)
            if child.custom:
                found.append(child)
    return sorted(found, key=lambda r: r.urn)


def _size_origin(cloud: Cloud, region: str | None, size: str, options: dict[str, Any]) -> str:
    """Where a pool's size comes from: the catalog (with its confidence), or the stack.

    Otherwise it is the adapter's own sizing (a pod's share of a node, on a cluster).
    """
    offered = cloud.flavors_in(region) if region else cloud.gpu_flavors
    flavor = next((f for f in offered if f.name == size), None)
    if flavor is not None:
        return f"catalog, {flavor.provenance.confidence}"
    if size in json.dumps(options):
        return f"named by the stack; not in the catalog for {cloud.name} {region or ''}".strip()
    return "the adapter's sizing from the pool"


def _encryption(plan: Plan | None, children: list[PlannedResource]) -> str | None:
    """How a bucket's data is encrypted, as its resources say (the ``encryption`` marker)."""
    if plan is None:
        return None
    urns = {r.urn for r in children}
    for judged in judge(resource_views(plan)):
        if judged.urn in urns and judged.kind is Kind.BUCKET:
            how = judged.facts.marker(Marker.ENCRYPTION)
            if how:
                return how
            return "customer key" if judged.facts.encryption_key else "provider-managed"
    return None


def _summary(side: Side) -> SideSummary:
    return SideSummary(
        stack=side.stack,
        placements=tuple(side.placement(p) for p in Pillar),
        compiles=side.plan is not None,
        problems=tuple(str(p) for p in side.problems),
        passed=side.report.passed,
        resources=len(side.plan.resources) if side.plan else 0,
    )


def _capabilities(a: Side, b: Side) -> tuple[tuple[str, FeatureChange], ...]:
    """Every feature one side offers and the other does not, by pillar, used or not."""
    found = []
    for feature in sorted(Feature, key=lambda f: (list(Pillar).index(f.pillar), str(f))):
        change = FeatureChange(str(feature), None, _reason(a, feature), _reason(b, feature))
        if change.change in ("lost", "gained"):
            found.append((str(feature.pillar), change))
    return tuple(found)


def _rules(a: Side, b: Side) -> tuple[RuleChange, ...]:
    before = {o.rule.ID: o for o in a.report.outcomes}
    after = {o.rule.ID: o for o in b.report.outcomes}
    return tuple(
        RuleChange(rule.ID, rule.TITLE, _verdict(before[rule.ID]), _verdict(after[rule.ID]))
        for rule in sorted(RULES, key=lambda r: r.ID)
    )


def _verdict(outcome: RuleOutcome) -> RuleVerdict:
    return RuleVerdict(
        status=outcome.status,
        enforcement=str(outcome.enforcement),
        findings=len(outcome.findings),
        blocking=sum(f.blocking for f in outcome.findings),
        messages=tuple(sorted({f.violation.message for f in outcome.findings})),
    )


def _disputed(a: Side, b: Side) -> tuple[Disputed, ...]:
    """The disputed catalog facts each side relies on: its clouds' companies, regions, sizes."""
    found: set[Disputed] = set()
    for side in (a, b):
        for pillar in Pillar:
            cloud = side.cloud(pillar)
            routed = side.routed(pillar)
            company = cloud.company
            if company is not None and company.provenance.confidence is Confidence.DISPUTED:
                found.add(
                    Disputed(cloud.name, "controlling company", company.provenance.note or "")
                )
            region = cloud.region(routed.region) if routed.region else None
            if region is not None and region.provenance.confidence is Confidence.DISPUTED:
                found.add(
                    Disputed(cloud.name, f"region {region.code}", region.provenance.note or "")
                )
            if pillar is Pillar.COMPUTE:
                for size in side.sizes.values():
                    flavor = next((f for f in cloud.gpu_flavors if f.name == size), None)
                    if flavor and flavor.provenance.confidence is Confidence.DISPUTED:
                        found.add(
                            Disputed(cloud.name, f"GPU size {size}", flavor.provenance.note or "")
                        )
    return tuple(sorted(found, key=lambda d: (d.cloud, d.fact)))
