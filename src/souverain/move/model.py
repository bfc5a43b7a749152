"""What a move between two stacks is made of: placements, parts, rules and the exit plan.

Where each pillar goes, what each part of the description becomes on each side, how every
rule judges each side, and the ordered steps of the move.

Plain frozen dataclasses, sorted where order is not the description's, so that the same
two stacks always give the same report, byte for byte, in every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Placement:
    """Where one pillar of a stack goes, with the catalog's facts about that place."""

    pillar: str
    adapter: str
    cloud: str
    cloud_name: str
    region: str | None
    country: str | None
    jurisdiction: str | None
    company: str | None

    def where(self) -> str:
        """``cloud region, country`` for people."""
        region = f" {self.region}" if self.region else ""
        return f"{self.cloud_name}{region}, {self.country or 'country unknown'}"


@dataclass(frozen=True)
class PartSide:
    """What one part of the description becomes on one side of the move."""

    stack: str
    adapter: str
    where: str
    placed: bool
    resources: tuple[tuple[str, int], ...] = ()
    protected: int = 0
    size: str | None = None
    size_origin: str | None = None
    encryption: str | None = None
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeatureChange:
    """One capability of a part's pillar, on each side: ``None`` when offered, else why not.

    ``needed`` names the field that needs it, when the part uses it.
    """

    feature: str
    needed: str | None
    source: str | None
    target: str | None

    @property
    def change(self) -> str:
        """``kept``, ``lost``, ``gained`` or ``missing`` (on neither side)."""
        if self.source is None and self.target is None:
            return "kept"
        if self.source is None:
            return "lost"
        if self.target is None:
            return "gained"
        return "missing"


@dataclass(frozen=True)
class Part:
    """One element of the description and what it becomes on both sides."""

    path: str
    kind: str
    name: str
    physical: str
    pillar: str
    source: PartSide
    target: PartSide
    features: tuple[FeatureChange, ...] = ()


@dataclass(frozen=True)
class RuleVerdict:
    """How one rule judges one side: its status, enforcement and findings."""

    status: str
    enforcement: str
    findings: int
    blocking: int
    messages: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleChange:
    """One rule on both sides."""

    rule: str
    title: str
    source: RuleVerdict
    target: RuleVerdict

    @property
    def change(self) -> str:
        """``fixed``, ``broken``, ``same`` or ``unknown``.

        Judged on blocking findings, then on any finding; ``unknown`` when one side has
        nothing to judge (its plan does not compile).
        """
        judged = ("passed", "failed")
        if (self.source.status in judged) != (self.target.status in judged):
            return "unknown"
        before, after = self.source.blocking, self.target.blocking
        if before and not after:
            return "fixed"
        if after and not before:
            return "broken"
        if self.source.findings and not self.target.findings:
            return "fixed"
        if self.target.findings and not self.source.findings:
            return "broken"
        return "same"


@dataclass(frozen=True)
class Disputed:
    """A catalog fact the move relies on whose sources disagree."""

    cloud: str
    fact: str
    note: str


@dataclass(frozen=True)
class Step:
    """One step of the exit plan: what to do, the commands where one exists, and caveats.

    ``blocked`` says why the step cannot be done yet (the target cannot host the part).
    """

    number: int
    title: str
    part: str | None = None
    commands: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    blocked: str | None = None


@dataclass(frozen=True)
class SideSummary:
    """One stack: its placements, whether it compiles, and its overall verdict."""

    stack: str
    placements: tuple[Placement, ...]
    compiles: bool
    problems: tuple[str, ...]
    passed: bool
    resources: int


@dataclass(frozen=True)
class Move:
    """Everything ``souverain diff`` reports about moving a platform between two stacks."""

    platform: str
    project: str
    level: str
    source: SideSummary
    target: SideSummary
    parts: tuple[Part, ...]
    capabilities: tuple[tuple[str, FeatureChange], ...]
    rules: tuple[RuleChange, ...]
    disputed: tuple[Disputed, ...]
    steps: tuple[Step, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON, with the derived changes spelled out."""
        return {
            "platform": self.platform,
            "project": self.project,
            "level": self.level,
            "from": _summary(self.source),
            "to": _summary(self.target),
            "parts": [
                {
                    "path": p.path,
                    "kind": p.kind,
                    "name": p.name,
                    "physical_name": p.physical,
                    "pillar": p.pillar,
                    "from": _part_side(p.source),
                    "to": _part_side(p.target),
                    "features": [_feature(f) for f in p.features],
                }
                for p in self.parts
            ],
            "capabilities": [{"pillar": pillar, **_feature(f)} for pillar, f in self.capabilities],
            "rules": [
                {
                    "rule": r.rule,
                    "title": r.title,
                    "from": _verdict(r.source),
                    "to": _verdict(r.target),
                    "change": r.change,
                }
                for r in self.rules
            ],
            "verdict": {
                "from": "passed" if self.source.passed else "failed",
                "to": "passed" if self.target.passed else "failed",
            },
            "disputed": [{"cloud": d.cloud, "fact": d.fact, "note": d.note} for d in self.disputed],
            "exit_plan": [
                {
                    "step": s.number,
                    "title": s.title,
                    "part": s.part,
                    "commands": list(s.commands),
                    "notes": list(s.notes),
                    "blocked": s.blocked,
                }
                for s in self.steps
            ],
        }


def _summary(side: SideSummary) -> dict[str, Any]:
    return {
        "stack": side.stack,
        "compiles": side.compiles,
        "problems": list(side.problems),
        "verdict": "passed" if side.passed else "failed",
        "resources": side.resources,
        "placements": [
            {
                "pillar": p.pillar,
                "adapter": p.adapter,
                "cloud": p.cloud,
                "cloud_name": p.cloud_name,
                "region": p.region,
                "country": p.country,
                "jurisdiction": p.jurisdiction,
                "company": p.company,
            }
            for p in side.placements
        ],
    }


def _part_side(side: PartSide) -> dict[str, Any]:
    return {
        "stack": side.stack,
        "adapter": side.adapter,
        "where": side.where,
        "placed": side.placed,
        "resources": {t: n for t, n in side.resources},
        "protected": side.protected,
        "size": side.size,
        "size_origin": side.size_origin,
        "encryption": side.encryption,
        "problems": list(side.problems),
        "notes": list(side.notes),
    }


def _feature(change: FeatureChange) -> dict[str, Any]:
    return {
        "feature": change.feature,
        "needed_by": change.needed,
        "from": "offered" if change.source is None else change.source,
        "to": "offered" if change.target is None else change.target,
        "change": change.change,
    }


def _verdict(verdict: RuleVerdict) -> dict[str, Any]:
    return {
        "status": verdict.status,
        "enforcement": verdict.enforcement,
        "findings": verdict.findings,
        "blocking": verdict.blocking,
        "messages": list(verdict.messages),
    }
