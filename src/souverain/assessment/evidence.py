"""What an assessment looks at, and what it says it saw.

A :class:`StackView` is one stack as the assessment sees it: the description, the clouds
its pillars go to (with their catalogued facts), and the resources the offline plan really
deploys (judged through the vocabulary, as rules judge them). A probe reads it and returns
:class:`Evidence`: for each subject (a cloud, or the platform), the outcome a criterion
maps to an answer, or None when the facts needed are missing, with the sourced facts that
led there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from souverain.catalog.clouds import Cloud
from souverain.catalog.provenance import Confidence, DatedProvenance
from souverain.model.ai_platform import Platform
from souverain.rules.context import RuleContext
from souverain.vocabulary.judge import Judged

UNKNOWN = "unknown"
"""The confidence of a criterion whose fact is missing: weaker than any sourced one."""

_ORDER = [c.value for c in Confidence] + [UNKNOWN]


def weakest(confidences: Iterable[str]) -> str:
    """The weakest of some confidences (``high`` for none): disputed and unknown last."""
    return max(confidences, key=_ORDER.index, default=Confidence.HIGH.value)


@dataclass(frozen=True)
class Fact:
    """One sourced statement behind an answer: what it says, its source, how sure it is.

    Facts from the catalog carry their source's date; facts from the plan carry the stack
    they were planned from and no date (the plan is computed, not published).
    """

    statement: str
    source: str
    confidence: str
    date: str | None = None
    note: str | None = None
    context: bool = False
    """Shown for the reader beside the facts that decide the answer; its confidence does
    not weigh on the answer's."""

    @classmethod
    def sourced(cls, statement: str, provenance: DatedProvenance, context: bool = False) -> Fact:
        """A statement resting on a catalog fact's provenance."""
        return cls(
            statement,
            provenance.source,
            provenance.confidence.value,
            provenance.date.isoformat() if provenance.date else None,
            provenance.note,
            context,
        )

    def as_dict(self) -> dict[str, str | bool | None]:
        """Plain data for JSON."""
        return {
            "statement": self.statement,
            "source": self.source,
            "confidence": self.confidence,
            "date": self.date,
            "note": self.note,
            "context": self.context,
        }


def unique(facts: Iterable[Fact]) -> tuple[Fact, ...]:
    """The facts in order, each once (several pools of one vendor cite it once)."""
    return tuple(dict.fromkeys(facts))


@dataclass(frozen=True)
class Evidence:
    """What a probe found for one subject: an outcome (None: unknown), why, and the facts."""

    subject: str
    outcome: str | None
    reason: str
    facts: tuple[Fact, ...] = ()

    @property
    def confidence(self) -> str:
        """The weakest confidence of the facts that decide it; ``unknown`` when it is."""
        if self.outcome is None:
            return UNKNOWN
        return weakest(f.confidence for f in self.facts if not f.context)


@dataclass(frozen=True)
class Placed:
    """One cloud and region a stack uses, and the pillars routed there."""

    cloud: Cloud
    region: str | None
    pillars: tuple[str, ...]

    @property
    def where(self) -> str:
        """``OVHcloud Public Cloud GRA11``: the cloud and its region."""
        return f"{self.cloud.name} {self.region}" if self.region else self.cloud.name


@dataclass(frozen=True)
class StackView:
    """One stack as the assessment sees it.

    ``resources`` are the plan's judged resources, or, when the description cannot be
    planned there, one stand-in provider object per adapter (as `souverain diff` uses), so
    that where the stack would place data is still judged. ``context`` resolves a
    resource's cloud and region with the catalog given to the assessment.
    """

    stack: str
    project: str
    platform: Platform
    placements: tuple[Placed, ...]
    resources: tuple[Judged, ...]
    planned: bool
    context: RuleContext
    catalog: Mapping[str, Cloud]
    conditions_met: frozenset[str] = frozenset()

    def placed(self, pillar: str) -> list[Placed]:
        """The placements a pillar is routed to (one)."""
        return [p for p in self.placements if pillar in p.pillars]

    def context_of(self, resource: Judged) -> RuleContext:
        """The rule context that places ``resource`` on the right cloud.

        A stack routing pillars to several clouds has one placement per API family; a
        resource reached through a package of that family is on that placement's cloud and,
        unless it sets its own, in that placement's region. Otherwise the stack's context
        decides, as it does for the rules.
        """
        reach = resource.reach
        if reach is None:
            return self.context
        named = self.catalog.get(reach.cloud) if reach.cloud else None
        api = reach.api or (named.api if named else None)
        matching = [p for p in self.placements if p.cloud.api == api]
        if len(matching) != 1:
            return self.context
        placed = matching[0]
        return replace(self.context, cloud=placed.cloud.id, region=placed.region)


@dataclass(frozen=True)
class Probe:
    """How one kind of evidence is read.

    ``outcomes`` are every outcome it can return, which the criteria using it must map;
    ``reads`` names the catalog facts it reads (``company.home_country``...), so a changed
    fact is known to touch only the objectives whose criteria read it; ``needs`` says what
    fact settles an unknown.
    """

    name: str
    outcomes: frozenset[str]
    reads: frozenset[str]
    needs: str
    collect: Callable[[StackView], list[Evidence]]
