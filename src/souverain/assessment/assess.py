"""From evidence to the framework's picture: a SEAL per objective, the score, the headline.

Each criterion takes the answer its evidence maps to, on every subject it judges (each
cloud a stack uses, or the platform); the weakest answer counts, as the framework's
overall SEAL is a minimum. A subject whose fact is missing takes the criterion's lowest
answer: an unknown fact lowers the level and the confidence, it never raises them.

An objective's SEAL is the lowest of its criteria's; its score is its points over the most
its assessed criteria can give. The sovereignty score is the weighted sum of those, as the
framework computes it; the overall SEAL is the lowest objective's.
"""

from __future__ import annotations

from dataclasses import dataclass

from souverain.assessment.evidence import UNKNOWN, Evidence, Placed, StackView, weakest
from souverain.assessment.framework import Answer, Criterion, Framework, Objective, Weighting
from souverain.assessment.mappings import mappings
from souverain.assessment.probes import PROBES, checked
from souverain.rules.evaluate import Report


@dataclass(frozen=True)
class CriterionResult:
    """One criterion's answer, and the evidence of every subject behind it."""

    criterion: Criterion
    answer: Answer
    evidence: tuple[Evidence, ...]

    @property
    def known(self) -> bool:
        """Whether every subject's fact was found."""
        return bool(self.evidence) and all(e.outcome is not None for e in self.evidence)

    @property
    def confidence(self) -> str:
        """The weakest confidence of the evidence; ``unknown`` when a fact is missing."""
        return weakest(e.confidence for e in self.evidence) if self.evidence else UNKNOWN

    @property
    def needs(self) -> str:
        """What fact would settle it, when it is unknown."""
        return PROBES[self.criterion.evidence].needs


@dataclass(frozen=True)
class RuleVerdict:
    """A rule that serves an objective, and what the check of the stack said of it."""

    rule: str
    title: str
    status: str
    findings: int


@dataclass(frozen=True)
class Gap:
    """What one criterion needs for the next level."""

    criterion: str
    needs: str


@dataclass(frozen=True)
class NextLevel:
    """The next SEAL level of an objective: what the framework asks, and what is missing."""

    seal: int
    framework: str | None
    gaps: tuple[Gap, ...]


@dataclass(frozen=True)
class ObjectiveResult:
    """One objective for one stack: its criteria's answers, its level, score and rules."""

    id: str
    objective: Objective
    weight: int
    criteria: tuple[CriterionResult, ...]
    rules: tuple[RuleVerdict, ...]

    @property
    def seal(self) -> int:
        """The lowest SEAL of its criteria."""
        return min(c.answer.seal for c in self.criteria)

    @property
    def score(self) -> float:
        """Its points over the most its assessed criteria can give, from 0 to 1."""
        best = sum(c.criterion.max_points for c in self.criteria)
        return sum(c.answer.points for c in self.criteria) / best

    @property
    def contribution(self) -> float:
        """What it adds to the sovereignty score, in percentage points."""
        return self.score * self.weight

    @property
    def confidence(self) -> str:
        """The weakest confidence of its criteria."""
        return weakest(c.confidence for c in self.criteria)

    @property
    def binding(self) -> tuple[CriterionResult, ...]:
        """The criteria at the objective's level: those that hold it there."""
        return tuple(c for c in self.criteria if c.answer.seal == self.seal)

    @property
    def next_level(self) -> NextLevel | None:
        """What the next SEAL level needs (None at SEAL-4)."""
        target = self.seal + 1
        if target > 4:
            return None
        gaps = []
        for result in self.criteria:
            if result.answer.seal >= target:
                continue
            better = [a for a in result.criterion.answers if a.seal >= target]
            if not better:
                needs = f"no answer of this criterion reaches SEAL-{target}"
            else:
                step = min(better, key=lambda a: a.points)
                needs = f'"{step.label}" (SEAL-{step.seal})'
            if not result.known:
                needs = f"a sourced fact: {result.needs}; then {needs}"
            gaps.append(Gap(result.criterion.id, needs))
        return NextLevel(target, self.objective.requirements.get(target), tuple(gaps))


@dataclass(frozen=True)
class Assessment:
    """One stack against the framework: every objective, the score and the overall SEAL."""

    stack: str
    project: str
    platform: str
    placements: tuple[Placed, ...]
    planned: bool
    problems: tuple[str, ...]
    weighting_id: str
    weighting: Weighting
    objectives: tuple[ObjectiveResult, ...]

    @property
    def score(self) -> float:
        """The sovereignty score in percent: the weighted sum of the objectives' scores."""
        return sum(o.contribution for o in self.objectives)

    @property
    def seal(self) -> int:
        """The overall SEAL: the lowest objective's."""
        return min(o.seal for o in self.objectives)

    @property
    def lowest(self) -> tuple[ObjectiveResult, ...]:
        """The objectives at the overall SEAL: the headline."""
        return tuple(o for o in self.objectives if o.seal == self.seal)


def judge_criterion(criterion: Criterion, view: StackView) -> CriterionResult:
    """A criterion's evidence on the view, and the weakest answer it maps to."""
    evidence = tuple(PROBES[criterion.evidence].collect(view))
    answers = [
        criterion.answer_for(e.outcome) if e.outcome is not None else criterion.unknown_answer
        for e in evidence
    ] or [criterion.unknown_answer]
    return CriterionResult(criterion, min(answers, key=lambda a: (a.seal, a.points)), evidence)


def _verdicts(objective_id: str, report: Report) -> tuple[RuleVerdict, ...]:
    serving = set(mappings().serving(objective_id))
    return tuple(
        RuleVerdict(o.rule.ID, o.rule.TITLE, o.status, len(o.findings))
        for o in report.outcomes
        if o.rule.ID in serving
    )


def assess(
    view: StackView,
    report: Report,
    data: Framework,
    weighting: str | None = None,
    problems: tuple[str, ...] = (),
) -> Assessment:
    """The assessment of one stack, from its view and the check of its plan."""
    checked(data)
    weights = data.weighting(weighting)
    objectives = tuple(
        ObjectiveResult(
            objective_id,
            objective,
            weights.weights[objective_id],
            tuple(judge_criterion(c, view) for c in objective.criteria),
            _verdicts(objective_id, report),
        )
        for objective_id, objective in data.objectives.items()
    )
    return Assessment(
        stack=view.stack,
        project=view.project,
        platform=view.platform.name,
        placements=view.placements,
        planned=view.planned,
        problems=problems,
        weighting_id=weighting or data.default_weighting,
        weighting=weights,
        objectives=objectives,
    )
