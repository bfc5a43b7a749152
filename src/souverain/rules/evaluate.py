"""Run rules over resources and a description, and turn violations into a report.

This is the offline entry point; the policy pack calls the same rule methods from the
engine. Waivers are applied here, after evaluation, so a rule never knows about them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from souverain.conventions import Marker
from souverain.model.ai_platform import Platform
from souverain.rules.catalogue import RULES
from souverain.rules.context import RuleContext
from souverain.rules.levels import Enforcement
from souverain.rules.model import Rule, Violation
from souverain.rules.parts import component_of, description_paths, part_of_path, part_paths
from souverain.rules.waivers import Waiver
from souverain.vocabulary.judge import Judged


@dataclass(frozen=True)
class Finding:
    """A violation, how it is enforced, and the waiver that covers it (if any)."""

    violation: Violation
    enforcement: Enforcement
    waiver: Waiver | None = None

    @property
    def blocking(self) -> bool:
        """Mandatory and not waived: this finding fails the check."""
        return self.enforcement is Enforcement.MANDATORY and self.waiver is None


@dataclass(frozen=True)
class RuleOutcome:
    """One rule's result: enforcement, how many targets it looked at, and what it found."""

    rule: type[Rule]
    enforcement: Enforcement
    checked: int
    findings: tuple[Finding, ...]

    @property
    def status(self) -> str:
        """``passed``, ``failed``, ``skipped`` (disabled) or ``unknown`` (nothing to check)."""
        if self.enforcement is Enforcement.DISABLED:
            return "skipped"
        if self.findings:
            return "failed"
        return "passed" if self.checked else "unknown"


@dataclass(frozen=True)
class WaiverUse:
    """What became of the waivers of a run, beyond the findings they cover."""

    expired: tuple[Waiver, ...] = ()
    unused: tuple[Waiver, ...] = ()
    """Valid waivers that covered no finding."""
    unmatched: tuple[Waiver, ...] = ()
    """Waivers whose pattern names no resource and no description field at all (a typo)."""


@dataclass(frozen=True)
class Report:
    """Everything a check found, sorted, ready for any output format."""

    project: str
    stack: str
    level: str
    resources: int
    outcomes: tuple[RuleOutcome, ...]
    waivers: WaiverUse = field(default_factory=WaiverUse)
    sources: Mapping[str, str] = field(default_factory=dict)
    not_judged: tuple[tuple[str, str], ...] = ()
    """``(urn, type)`` of cloud resources no mapping knows: no rule could judge them."""

    @property
    def findings(self) -> list[Finding]:
        """All findings, by rule then location."""
        return [f for outcome in self.outcomes for f in outcome.findings]

    @property
    def passed(self) -> bool:
        """No blocking finding and no expired waiver."""
        return not self.waivers.expired and not any(f.blocking for f in self.findings)

    @property
    def exit_code(self) -> int:
        """0 when the check passes, 1 otherwise."""
        return 0 if self.passed else 1


def not_judged(resources: Sequence[Judged]) -> tuple[tuple[str, str], ...]:
    """The cloud resources of unmapped types, by URN."""
    return tuple(sorted((r.urn, r.type) for r in resources if r.not_judged))


def violations_of(
    rule: Rule, resources: Sequence[Judged], platform: Platform | None, ctx: RuleContext
) -> tuple[list[Violation], int]:
    """One rule over the description and every applicable resource: violations and count."""
    found: list[Violation] = []
    checked = 0
    parts = part_paths(platform) if platform is not None else {}
    if platform is not None:
        described = list(rule.check_description(platform, ctx))
        checked += type(rule).check_description is not Rule.check_description
        found += [
            Violation(rule.ID, path, message, "description", part_of_path(path))
            for path, message in described
        ]
    for resource in resources:
        if rule.applies_to(resource):
            checked += 1
            messages = list(rule.check_resource(resource, ctx))
            if messages:
                key = (component_of(resource.urn), resource.facts.marker(Marker.PART))
                found += [
                    Violation(rule.ID, resource.urn, message, resource.type, parts.get(key, ""))
                    for message in messages
                ]
    return sorted(set(found)), checked


def evaluate(
    resources: Sequence[Judged],
    platform: Platform | None,
    ctx: RuleContext,
    enforcement: Mapping[str, Enforcement],
    waivers: Sequence[Waiver] = (),
    today: date | None = None,
) -> tuple[tuple[RuleOutcome, ...], WaiverUse]:
    """Outcomes of every rule, and what became of the waivers."""
    day = today or date.today()
    valid = [w for w in waivers if not w.expired(day)]
    used: set[Waiver] = set()
    outcomes = []
    for rule_class in RULES:
        level = enforcement.get(rule_class.ID, Enforcement.DISABLED)
        if level is Enforcement.DISABLED:
            outcomes.append(RuleOutcome(rule_class, level, 0, ()))
            continue
        violations, checked = violations_of(rule_class(), resources, platform, ctx)
        findings = []
        for violation in violations:
            waiver = next((w for w in valid if w.matches(violation)), None)
            if waiver is not None:
                used.add(waiver)
            findings.append(Finding(violation, level, waiver))
        outcomes.append(RuleOutcome(rule_class, level, checked, tuple(findings)))
    locations = [r.urn for r in resources]
    if platform is not None:
        locations += description_paths(platform.model_dump(mode="json"))
    return tuple(outcomes), WaiverUse(
        expired=tuple(w for w in waivers if w.expired(day)),
        unused=tuple(w for w in valid if w not in used),
        unmatched=tuple(w for w in waivers if not any(w.names(loc) for loc in locations)),
    )
