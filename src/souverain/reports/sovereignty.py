"""The sovereignty report of one stack: what runs where, the level it reaches, and why.

``souverain report --stack S`` builds it from what the other commands already compute:
the stack planned and checked (:func:`souverain.move.sides.load_side`, which also places
each pillar on the catalog), the parts of the description found in the plan by the
conventions (:func:`souverain.move.compare.part_children`), the check re-run at every
SEAL level to find the highest it passes, and the catalog facts behind each claim. The
renderers (:mod:`souverain.reports.page`) turn it into an HTML page with a picture, or
Markdown; the same stack gives the same bytes on the same day.

Another report can be added as a section without touching this module's logic: an
:class:`Assessment` (per-objective levels, such as an assessment against the Cloud
Sovereignty Framework) is rendered when given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from souverain.catalog.clouds import Cloud
from souverain.catalog.provenance import DatedProvenance
from souverain.catalog.store import clouds
from souverain.check import check_plan
from souverain.conventions import Component
from souverain.model.ai_platform import Platform
from souverain.move.compare import part_children
from souverain.move.model import Placement
from souverain.move.sides import Side, load_side
from souverain.project import load_stack
from souverain.rules.config import CheckConfig
from souverain.rules.evaluate import Finding, Report
from souverain.rules.levels import level_table
from souverain.rules.waivers import Waiver
from souverain.state import Place, StateSettings, locate_backend, locate_secrets, read_state
from souverain.target import Pillar

PASS, ADVISORY, WAIVED, FAIL, UNPLACED = "pass", "advisory", "waived", "fail", "not placed"
"""Verdicts of a part, from best to worst (the worst finding decides)."""
_ORDER = [PASS, WAIVED, ADVISORY, FAIL, UNPLACED]

_KINDS = {
    "network": (Component.NETWORK, Pillar.NETWORK),
    "gpu-pool": (Component.GPU_POOL, Pillar.COMPUTE),
    "bucket": (Component.BUCKET, Pillar.STORAGE),
    "key": (Component.KEY, Pillar.KEYS),
}


@dataclass(frozen=True)
class PartView:
    """One part of the description: where it runs, what it is there, and its verdict."""

    path: str
    kind: str
    name: str
    physical: str
    pillar: str
    place: Placement
    summary: str
    resources: int
    verdict: str
    rules: tuple[str, ...] = ()
    """Every rule with a finding on the part."""
    blocking: tuple[str, ...] = ()
    """The rules whose findings on the part fail the check."""
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Location:
    """A cloud region the platform runs in, with the parts there."""

    cloud: str
    cloud_name: str
    region: str | None
    city: str | None
    country: str | None
    jurisdiction: str | None
    company: str | None
    adapters: tuple[str, ...]
    parts: tuple[PartView, ...]

    @property
    def verdict(self) -> str:
        """The worst verdict of its parts."""
        return worst(p.verdict for p in self.parts)


@dataclass(frozen=True)
class LevelResult:
    """The check at one SEAL level: whether it passes, and how many findings block."""

    level: str
    meaning: str
    passed: bool
    blocking: int


@dataclass(frozen=True)
class RuleView:
    """One rule with its findings: what it asks, why, and how to fix it."""

    id: str
    title: str
    enforcement: str
    status: str
    rationale: str
    remediation: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class WaiverView:
    """A waiver of the project: who owns it, until when, and what became of it."""

    waiver: Waiver
    state: str


@dataclass(frozen=True)
class CertificationView:
    """A certification a cloud of the platform holds, the offering it covers, its conditions."""

    cloud: str
    name: str
    version: str | None
    scope: str
    covers: bool
    conditions: tuple[tuple[str, str, bool], ...]
    """``(id, what to do, stated met)``."""
    provenance: DatedProvenance


@dataclass(frozen=True)
class Claim:
    """A catalog fact the report relies on, with its source."""

    subject: str
    fact: str
    value: str
    provenance: DatedProvenance


@dataclass(frozen=True)
class StateView:
    """Where the stack's state and secrets live, and how SOV-011 judges them."""

    settings: StateSettings
    backend: Place
    secrets: Place
    verdict: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Objective:
    """One objective of an assessment and the level it reaches."""

    id: str
    name: str
    level: str
    summary: str


@dataclass(frozen=True)
class Assessment:
    """An assessment rendered as a section of the report, when one is given.

    The report does not compute it: ``souverain assess`` (or any tool) does, and hands its
    objectives here (:mod:`souverain.assessment.section`).
    """

    title: str
    objectives: tuple[Objective, ...]
    overall: str
    source: str


@dataclass(frozen=True)
class SovereigntyReport:
    """Everything the report page shows, sorted and computed once."""

    project: str
    stack: str
    platform: Platform
    today: date
    required: str
    reached: str | None
    levels: tuple[LevelResult, ...]
    passed: bool
    compiles: bool
    problems: tuple[str, ...]
    locations: tuple[Location, ...]
    parts: tuple[PartView, ...]
    state: StateView | None
    rules: tuple[RuleView, ...]
    waivers: tuple[WaiverView, ...]
    certifications: tuple[CertificationView, ...]
    claims: tuple[Claim, ...]
    check: Report
    platform_findings: tuple[Finding, ...] = ()
    assessment: Assessment | None = field(default=None)

    @property
    def findings(self) -> list[Finding]:
        """Every finding of the check at the required level."""
        return self.check.findings


def worst(verdicts: Iterable[str]) -> str:
    """The worst of some verdicts (``pass`` when there are none)."""
    return max(verdicts, key=_ORDER.index, default=PASS)


def verdict_of(findings: Iterable[Finding]) -> str:
    """A verdict from findings: blocking fails, advisory warns, waived is noted."""
    return worst(
        FAIL if f.blocking else WAIVED if f.waiver is not None else ADVISORY for f in findings
    )


def build_report(
    project: Path,
    stack: str,
    config: CheckConfig,
    waivers: list[Waiver],
    level: str | None = None,
    today: date | None = None,
    assess: Callable[[Side], Assessment] | None = None,
) -> SovereigntyReport:
    """Plan and check ``stack``, place every part, and find the highest level it reaches.

    ``assess`` turns the planned stack into the assessment section, so the stack is
    planned once for both.
    """
    day = today or date.today()
    if config.state is None:
        stack_file = load_stack(project, stack).source
        config = config.model_copy(update={"state": read_state(project, stack_file)})
    side = load_side(project, stack, config, waivers, level, day)
    report = side.report
    platform = side.platform
    parts = tuple(_parts(side, report))
    locations = _locations(side, parts)
    levels = _levels(side, config, waivers, day)
    reached = None
    for result in levels:
        if not result.passed:
            break
        reached = result.level
    state = _state(side, report)
    described = {p.path for p in parts}
    platform_findings = tuple(
        f
        for f in report.findings
        if not f.violation.location.startswith(("urn:", "state."))
        and f.violation.part not in described
    )
    return SovereigntyReport(
        project=side.config.project,
        stack=stack,
        platform=platform,
        today=day,
        required=report.level,
        reached=reached,
        levels=levels,
        passed=report.passed,
        compiles=side.plan is not None,
        problems=tuple(str(p) for p in side.problems),
        locations=locations,
        parts=parts,
        state=state,
        rules=tuple(
            RuleView(
                o.rule.ID,
                o.rule.TITLE,
                str(o.enforcement),
                o.status,
                o.rule.RATIONALE,
                o.rule.REMEDIATION,
                o.findings,
            )
            for o in report.outcomes
        ),
        waivers=_waivers(report, waivers, day),
        certifications=_certifications(side, config),
        claims=_claims(side, state),
        check=report,
        platform_findings=platform_findings,
        assessment=assess(side) if assess else None,
    )


def _parts(side: Side, report: Report) -> Iterable[PartView]:
    platform = side.platform
    found = [("network", "network", "net")]
    found += [(f"gpu_pools[{i}]", "gpu-pool", p.name) for i, p in enumerate(platform.gpu_pools)]
    found += [(f"buckets[{i}]", "bucket", b.name) for i, b in enumerate(platform.buckets)]
    found += [(f"keys[{i}]", "key", k.name) for i, k in enumerate(platform.keys)]
    for path, kind, name in found:
        component, pillar = _KINDS[kind]
        physical = platform.physical_name(name)
        children = part_children(side.plan, component, physical) if side.plan else None
        providers = {r.provider for r in children or [] if r.provider}
        own = [
            f
            for f in report.findings
            if f.violation.part == path
            or (f.violation.location in providers and not f.violation.part)
        ]
        problems = tuple(
            str(p)
            for p in side.problems
            if p.path == path or p.path.startswith((path + ".", path + "["))
        )
        if kind == "gpu-pool" and name in side.size_problems:
            problems += (side.size_problems[name],)
        verdict = UNPLACED if children is None else verdict_of(own)
        yield PartView(
            path=path,
            kind=kind,
            name="network" if kind == "network" else name,
            physical=physical,
            pillar=str(pillar),
            place=side.placement(pillar),
            summary=_summary(platform, kind, path, side),
            resources=len(children or []),
            verdict=verdict,
            rules=tuple(sorted({f.violation.rule for f in own})),
            blocking=tuple(sorted({f.violation.rule for f in own if f.blocking})),
            problems=problems,
        )


def _summary(platform: Platform, kind: str, path: str, side: Side) -> str:
    """What the part is, in a few words."""
    if kind == "network":
        network = platform.network
        sources = sorted({str(s) for rule in network.ingress for s in rule.sources})
        reach = f"ingress from {', '.join(sources)}" if sources else "no ingress"
        return f"{network.cidr}, {len(network.subnets)} subnets, {reach}"
    index = int(path.split("[")[1].rstrip("]"))
    if kind == "gpu-pool":
        pool = platform.gpu_pools[index]
        nodes = (
            f"{pool.min_nodes}"
            if pool.min_nodes == pool.max_nodes
            else f"{pool.min_nodes}-{pool.max_nodes}"
        )
        size = side.sizes.get(pool.name)
        exposed = ", public" if pool.public else ""
        return (
            f"{nodes} x {pool.gpus_per_node} {pool.gpu}" + (f" ({size})" if size else "") + exposed
        )
    if kind == "bucket":
        bucket = platform.buckets[index]
        key = f"key {bucket.encryption_key}" if bucket.encryption_key else "no key of the team's"
        public = ", public read" if bucket.public_read else ", private"
        return f"encrypted with {key}{public}"
    found = platform.keys[index]
    return f"{found.algorithm}, {found.purpose}"


def _locations(side: Side, parts: Sequence[PartView]) -> tuple[Location, ...]:
    """Parts grouped by the cloud and region they run in, in the description's order."""
    groups: dict[tuple[str, str | None], list[PartView]] = {}
    for part in parts:
        groups.setdefault((part.place.cloud, part.place.region), []).append(part)
    found = []
    for (cloud_id, region), members in groups.items():
        place = members[0].place
        cloud = side.cloud(Pillar(members[0].pillar))
        catalogued = cloud.region(region) if region else None
        found.append(
            Location(
                cloud=cloud_id,
                cloud_name=place.cloud_name,
                region=region,
                city=catalogued.city if catalogued else None,
                country=place.country,
                jurisdiction=place.jurisdiction,
                company=place.company,
                adapters=tuple(sorted({p.place.adapter for p in members})),
                parts=tuple(members),
            )
        )
    return tuple(found)


def _levels(
    side: Side, config: CheckConfig, waivers: list[Waiver], today: date
) -> tuple[LevelResult, ...]:
    """The check at every level, lowest first (none when the plan does not compile)."""
    if side.plan is None:
        return ()
    table = level_table()
    results = []
    for level, spec in table.levels.items():
        found = check_plan(side.plan, side.config, config, waivers, str(level), today)
        results.append(
            LevelResult(
                str(level), spec.meaning, found.passed, sum(f.blocking for f in found.findings)
            )
        )
    return tuple(results)


def _state(side: Side, report: Report) -> StateView | None:
    if report.state is None:
        return None
    catalog = clouds(side.config.directory)
    backend = locate_backend(report.state, catalog)
    secrets = locate_secrets(report.state, backend, catalog)
    findings = tuple(f for f in report.findings if f.violation.location.startswith("state."))
    return StateView(report.state, backend, secrets, verdict_of(findings), findings)


def _waivers(report: Report, waivers: list[Waiver], today: date) -> tuple[WaiverView, ...]:
    covering: dict[Waiver, int] = {}
    for finding in report.findings:
        if finding.waiver is not None:
            covering[finding.waiver] = covering.get(finding.waiver, 0) + 1
    unmatched = set(report.waivers.unmatched)
    views = []
    for waiver in waivers:
        if waiver.expired(today):
            state = "expired: it fails the check"
        elif waiver in covering:
            count = covering[waiver]
            state = f"covers {count} finding{'s' if count != 1 else ''}"
        elif waiver in unmatched:
            state = "matches no resource and no description field"
        else:
            state = "unused: it covers no finding"
        views.append(WaiverView(waiver, state))
    return tuple(views)


def _clouds(side: Side) -> list[Cloud]:
    seen: dict[str, Cloud] = {}
    for pillar in Pillar:
        cloud = side.cloud(pillar)
        seen.setdefault(cloud.id, cloud)
    return list(seen.values())


def _certifications(side: Side, config: CheckConfig) -> tuple[CertificationView, ...]:
    met = set(config.conditions_met)
    return tuple(
        CertificationView(
            cloud=cloud.name,
            name=cert.name,
            version=cert.version,
            scope=cert.scope,
            covers=cert.covers_profile,
            conditions=tuple((c.id, c.text, f"{cloud.id}/{c.id}" in met) for c in cert.conditions),
            provenance=cert.provenance,
        )
        for cloud in _clouds(side)
        for cert in cloud.certifications
    )


def _claims(side: Side, state: StateView | None) -> tuple[Claim, ...]:
    """Every catalog fact the report states, with its source."""
    claims: list[Claim] = []
    used = _clouds(side)
    for cloud in used:
        company = cloud.company
        if company is not None:
            claims.append(
                Claim(
                    cloud.name,
                    "controlling company",
                    f"{company.name}, {company.home_country}, {company.jurisdiction.upper()} "
                    "jurisdiction" + (f" ({company.ownership})" if company.ownership else ""),
                    company.provenance,
                )
            )
            claims += [
                Claim(
                    cloud.name,
                    "exposure to non-EU law",
                    exposure.law + (f", through {exposure.through}" if exposure.through else ""),
                    exposure.provenance,
                )
                for exposure in company.exposures
            ]
        regions = {side.routed(p).region for p in Pillar if side.routed(p).cloud == cloud.id} - {
            None
        }
        for code in sorted(r for r in regions if r):
            region = cloud.region(code)
            if region is not None:
                where = ", ".join(x for x in (region.city, region.country) if x) or "not known"
                claims.append(Claim(cloud.name, f"region {region.code}", where, region.provenance))
        for kind, service in sorted(cloud.services.items()):
            if kind in ("object_storage", "key_manager", "managed_kubernetes"):
                offered = "offered" if service.available else "not offered"
                value = f"{offered}" + (f" ({', '.join(service.kinds)})" if service.kinds else "")
                claims.append(Claim(cloud.name, kind.replace("_", " "), value, service.provenance))
        for size in sorted(set(side.sizes.values())):
            flavor = next((f for f in cloud.gpu_flavors if f.name == size), None)
            if flavor is not None:
                claims.append(
                    Claim(
                        cloud.name,
                        f"GPU size {flavor.name}",
                        f"{flavor.gpu_count} x {flavor.gpu}"
                        + (f" in {', '.join(flavor.regions)}" if flavor.regions else ""),
                        flavor.provenance,
                    )
                )
        claims += [
            Claim(cloud.name, f"certification {c.name}", c.scope, c.provenance)
            for c in cloud.certifications
        ]
        if cloud.scs is not None:
            claims.append(
                Claim(cloud.name, "SCS compliance", str(cloud.scs.status), cloud.scs.provenance)
            )
    if state is not None:
        ids = {cloud.id for cloud in used}
        for place in (state.backend, state.secrets):
            if place.provenance is not None:
                claims.append(
                    Claim(
                        place.service,
                        f"where the {place.what} is kept",
                        place.describe(),
                        place.provenance,
                    )
                )
            company = place.company
            if company is not None and (place.cloud is None or place.cloud.id not in ids):
                claims.append(
                    Claim(
                        place.cloud.name if place.cloud else place.service,
                        "controlling company",
                        f"{company.name}, {company.home_country}, "
                        f"{company.jurisdiction.upper()} jurisdiction",
                        company.provenance,
                    )
                )
                if place.cloud is not None:
                    ids.add(place.cloud.id)
    return tuple(claims)
