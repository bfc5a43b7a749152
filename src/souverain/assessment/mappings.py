"""Each rule mapped to the framework objectives and the outside controls it serves.

Loaded from ``data/mappings.yaml``, so mapping a new rule is a line of data. Reports use
it to name, beside every rule, the EU-CSF objectives (``SOV-1`` ... ``SOV-8``) and the
FINOS Common Cloud Controls (``CCC.Core.CN06`` ...) it answers to, so findings land in
compliance tooling that already speaks those catalogs.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from souverain.assessment.framework import ObjectiveId, RuleId
from souverain.catalog.provenance import DatedProvenance
from souverain.documents import parse_yaml

ControlId = Annotated[str, Field(pattern=r"^CCC\.[A-Za-z0-9]+\.CN\d{2}$")]
"""A FINOS Common Cloud Controls control, as its catalog spells it (``CCC.Core.CN06``)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Control(_Strict):
    """One FINOS control: its title, the catalog it belongs to, and its objective."""

    title: str
    catalog: str
    objective: str


class ControlCatalog(_Strict):
    """The FINOS controls rules are mapped to, with the commit they were read at."""

    catalog: str
    short: str
    organization: str
    uri: str
    provenance: DatedProvenance
    entries: dict[ControlId, Control]


class RuleMapping(_Strict):
    """What one rule serves: framework objectives (at least one) and FINOS controls."""

    objectives: list[ObjectiveId] = Field(min_length=1)
    controls: list[ControlId] = Field(default_factory=list)
    why: str = Field(min_length=3)


class Mappings(_Strict):
    """The whole mappings file."""

    controls: ControlCatalog
    rules: dict[RuleId, RuleMapping]

    @model_validator(mode="after")
    def _controls_are_listed(self) -> Self:
        for rule, mapping in self.rules.items():
            unknown = [c for c in mapping.controls if c not in self.controls.entries]
            if unknown:
                raise ValueError(f"{rule}: controls {unknown} are not listed under controls")
        return self

    def of(self, rule_id: str) -> RuleMapping | None:
        """The mapping of ``rule_id`` (None for a rule not mapped yet)."""
        return self.rules.get(rule_id)

    def serving(self, objective: str) -> list[str]:
        """The rules that serve ``objective``, in ID order."""
        return sorted(r for r, m in self.rules.items() if objective in m.objectives)


@cache
def mappings() -> Mappings:
    """The packaged rule mappings, loaded once."""
    text = resources.files("souverain.assessment").joinpath("data/mappings.yaml").read_text()
    return Mappings.model_validate(parse_yaml(text, "mappings.yaml"))
