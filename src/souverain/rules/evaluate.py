"""Run rules over resources and a description, and turn violations into a report.

This is the offline entry point; the policy pack calls the same rule methods from the
engine. Waivers are applied here, after evaluation, so a rule never knows about them. A
finding that rests on a disputed fact is enforced at most as the level's ``disputed``
policy says; a pass that depends on a condition is kept in its outcome, so every report
states the condition.
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
from souverain.rules.model import Condition, Conditional, Disputed, Rule, Said, Violation
from souverain.rules.parts import component_of, description_paths, part_of_path, part_paths
from souverain.rules.waivers import Waiver
from souverain.state import SETTINGS, StateSettings
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
    conditions: tuple[Condition, ...] = ()

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
    state: StateSettings | None = None
    """Where the stack's state and secrets live, as judged (None: not judged)."""

    @property
    def findings(self) -> list[Finding]:
        """All findings, by rule then location."""
        return [f for outcome in self.outcomes for f in outcome.findings]

    @property
    def conditions(self) -> list[Condition]:
        """The conditions passes depend on, by rule then condition."""
        return [c for outcome in self.outcomes for c in outcome.conditions]

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


@dataclass(frozen=True)
class Judgement:
    """One rule over one plan: its violations, the conditions its passes depend on, a count."""

    violations: list[Violation]
    conditions: list[Condition]
    checked: int


def judgement_of(
    rule: Rule,
    resources: Sequence[Judged],
    platform: Platform | None,
    ctx: RuleContext,
    state: StateSettings | None = None,
) -> Judgement:
    """One rule over the description, every applicable resource and the stack's state settings.

    A condition is kept once per rule (the first location that depends on it): it is the
    same switch to turn on wherever the cloud is used.
    """
    said: list[tuple[str, str, str, Said]] = []
    checked = 0
    parts = part_paths(platform) if platform is not None else {}
    if platform is not None:
        described = list(rule.check_description(platform, ctx))
        checked += type(rule).check_description is not Rule.check_description
        said += [(path, "description", part_of_path(path), what) for path, what in described]
    if state is not None:
        stated = list(rule.check_state(state, ctx))
        checked += type(rule).check_state is not Rule.check_state
        said += [(setting, "stack", "", what) for setting, what in stated]
    for resource in resources:
        if rule.applies_to(resource):
            checked += 1
            answers = list(rule.check_resource(resource, ctx))
            if answers:
                key = (component_of(resource.urn), resource.facts.marker(Marker.PART))
                said += [(resource.urn, resource.type, parts.get(key, ""), w) for w in answers]
    violations: set[Violation] = set()
    conditions: dict[str, Condition] = {}
    for location, kind, part, what in said:
        if isinstance(what, Conditional):
            found = Condition(
                rule.ID,
                what.condition,
                what.message,
                location,
                what.condition in ctx.conditions_met,
            )
            if what.condition not in conditions or location < conditions[what.condition].location:
                conditions[what.condition] = found
        elif isinstance(what, Disputed):
            violations.add(
                Violation(rule.ID, location, what.message, kind, part=part, dispute=what.dispute)
            )
        else:
            violations.add(Violation(rule.ID, location, what, kind, part=part))
    return Judgement(sorted(violations), sorted(conditions.values()), checked)


def violations_of(
    rule: Rule,
    resources: Sequence[Judged],
    platform: Platform | None,
    ctx: RuleContext,
    state: StateSettings | None = None,
) -> tuple[list[Violation], int]:
    """One rule over the description, every applicable resource and the state: violations, count."""
    judged = judgement_of(rule, resources, platform, ctx, state)
    return judged.violations, judged.checked


def enforcement_of(violation: Violation, level: Enforcement, ctx: RuleContext) -> Enforcement:
    """How one violation is enforced: its rule's level, at most the disputed policy if disputed."""
    return level.at_most(ctx.spec.disputed) if violation.dispute else level


def evaluate(
    resources: Sequence[Judged],
    platform: Platform | None,
    ctx: RuleContext,
    enforcement: Mapping[str, Enforcement],
    waivers: Sequence[Waiver] = (),
    today: date | None = None,
    state: StateSettings | None = None,
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
        judged = judgement_of(rule_class(), resources, platform, ctx, state)
        findings = []
        for violation in judged.violations:
            waiver = next((w for w in valid if w.matches(violation)), None)
            if waiver is not None:
                used.add(waiver)
            findings.append(Finding(violation, enforcement_of(violation, level, ctx), waiver))
        outcomes.append(
            RuleOutcome(
                rule_class, level, judged.checked, tuple(findings), tuple(judged.conditions)
            )
        )
    locations = [r.urn for r in resources]
    if platform is not None:
        locations += description_paths(platform.model_dump(mode="json"))
    if state is not None:
        locations += SETTINGS
    return tuple(outcomes), WaiverUse(
        expired=tuple(w for w in waivers if w.expired(day)),
        unused=tuple(w for w in valid if w not in used),
        unmatched=tuple(w for w in waivers if not any(w.names(loc) for loc in locations)),
    )
