"""The EU Cloud Sovereignty Framework as typed data, loaded from ``data/objectives.yaml``.

Every entry carries its source: the objectives, weights and SEAL levels (MISP's ``sov``
taxonomy, which cites the framework), the criteria and the points and SEAL of each answer
(a transcription of the Commission's assessment calculator), and the per-objective
requirements (the Implementation guidance). Where souverain maps a fact to an answer, the
criterion's ``judgement`` says how and why.

Objective IDs have one digit (``SOV-1``) and rule IDs three (``SOV-001``): the patterns
below refuse one where the other is expected.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from souverain.catalog.provenance import DatedProvenance
from souverain.documents import parse_yaml

ObjectiveId = Annotated[str, Field(pattern=r"^SOV-[1-8]$")]
"""A framework objective: ``SOV-`` and one digit."""

RuleId = Annotated[str, Field(pattern=r"^SOV-\d{3}$")]
"""A souverain rule: ``SOV-`` and three digits, never to be read as an objective."""

Seal = Annotated[int, Field(ge=0, le=4)]
"""A SEAL level, 0 (no sovereignty) to 4 (full digital sovereignty)."""

OBJECTIVES = tuple(f"SOV-{n}" for n in range(1, 9))


def seal_code(level: int) -> str:
    """``SEAL-2``: how the framework writes a level."""
    return f"SEAL-{level}"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Answer(_Strict):
    """One answer of a calculator criterion: its label, its points, the SEAL it grants.

    ``when`` lists the evidence outcomes souverain maps to this answer; an answer no
    outcome reaches is still listed, so a report can say what the next level needs.
    """

    label: str = Field(min_length=1)
    points: float = Field(ge=0)
    seal: Seal
    when: list[str] = Field(default_factory=list)


class Criterion(_Strict):
    """A criterion souverain answers from facts: the calculator's, with its own mapping."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    calculator: int = Field(ge=1, description="the criterion's number in its objective")
    factor: str = Field(min_length=3)
    evidence: str = Field(pattern=r"^[a-z][a-z0-9-]*$", description="the probe that answers it")
    answers: list[Answer] = Field(min_length=2)
    judgement: str = Field(min_length=3)
    provenance: DatedProvenance

    @model_validator(mode="after")
    def _outcomes_map_once(self) -> Self:
        outcomes = [o for a in self.answers for o in a.when]
        repeated = sorted({o for o in outcomes if outcomes.count(o) > 1})
        if repeated:
            raise ValueError(f"criterion {self.id}: outcomes {repeated} map to several answers")
        if not outcomes:
            raise ValueError(f"criterion {self.id}: no answer is reached by any outcome")
        return self

    @property
    def outcomes(self) -> set[str]:
        """The evidence outcomes this criterion maps."""
        return {o for a in self.answers for o in a.when}

    @property
    def max_points(self) -> float:
        """The points of its best answer."""
        return max(a.points for a in self.answers)

    @property
    def unknown_answer(self) -> Answer:
        """The answer an unknown fact takes: the lowest SEAL, then the fewest points."""
        return min(self.answers, key=lambda a: (a.seal, a.points))

    def answer_for(self, outcome: str) -> Answer:
        """The answer an evidence outcome maps to."""
        return next(a for a in self.answers if outcome in a.when)


class NotAssessed(_Strict):
    """A calculator criterion public facts cannot answer, and why; listed, never scored."""

    calculator: int = Field(ge=1)
    factor: str = Field(min_length=3)
    why: str = Field(min_length=3)


class Objective(_Strict):
    """One of the eight sovereignty objectives, its criteria and its SEAL requirements."""

    name: str
    short: str
    description: str
    provenance: DatedProvenance
    requirements: dict[Seal, str] = Field(
        description="what the Implementation guidance asks of the objective at a SEAL level"
    )
    requirements_provenance: DatedProvenance
    criteria: list[Criterion] = Field(min_length=1)
    not_assessed: list[NotAssessed] = Field(default_factory=list)

    @model_validator(mode="after")
    def _criteria_are_distinct(self) -> Self:
        numbers = [c.calculator for c in self.criteria] + [n.calculator for n in self.not_assessed]
        if len(numbers) != len(set(numbers)):
            raise ValueError(f"{self.name}: a calculator criterion is listed twice")
        ids = [c.id for c in self.criteria]
        if len(ids) != len(set(ids)):
            raise ValueError(f"{self.name}: criterion ids repeat")
        return self


class SealLevel(_Strict):
    """A SEAL level with the framework's name and definition."""

    level: Seal
    name: str
    definition: str
    provenance: DatedProvenance


class Weighting(_Strict):
    """A set of objective weights, in percent, with its source."""

    description: str
    weights: dict[ObjectiveId, int]
    provenance: DatedProvenance

    @model_validator(mode="after")
    def _complete_and_whole(self) -> Self:
        if sorted(self.weights) != list(OBJECTIVES):
            raise ValueError(f"weights must name {', '.join(OBJECTIVES)} exactly")
        if sum(self.weights.values()) != 100:
            raise ValueError(f"weights sum to {sum(self.weights.values())}%, not 100%")
        return self


class ScoreRule(_Strict):
    """How the framework scores and sets the overall SEAL, and how souverain applies it."""

    formula: str
    overall: str
    provenance: DatedProvenance
    judgement: str


class FrameworkInfo(_Strict):
    """The framework document: name, version, publisher, where it is published."""

    name: str
    short: str
    version: str
    publisher: str
    uri: str
    provenance: DatedProvenance


class Framework(_Strict):
    """The whole objectives file."""

    framework: FrameworkInfo
    score: ScoreRule
    calculator: DatedProvenance
    weightings: dict[str, Weighting]
    default_weighting: str
    seal_levels: list[SealLevel]
    requirements_source: DatedProvenance
    objectives: dict[ObjectiveId, Objective]

    @model_validator(mode="after")
    def _complete(self) -> Self:
        if list(self.objectives) != list(OBJECTIVES):
            raise ValueError(f"objectives must be {', '.join(OBJECTIVES)}, in order")
        if [s.level for s in self.seal_levels] != [0, 1, 2, 3, 4]:
            raise ValueError("seal_levels must be 0 to 4, in order")
        if self.default_weighting not in self.weightings:
            raise ValueError(f"default weighting {self.default_weighting!r} is not defined")
        return self

    def weighting(self, name: str | None = None) -> Weighting:
        """The weighting ``name``, else the default one."""
        return self.weightings[name or self.default_weighting]

    def seal_name(self, level: int) -> str:
        """The framework's name of a SEAL level."""
        return self.seal_levels[level].name


@cache
def framework() -> Framework:
    """The packaged framework data, loaded once."""
    text = resources.files("souverain.assessment").joinpath("data/objectives.yaml").read_text()
    return Framework.model_validate(parse_yaml(text, "objectives.yaml"))
