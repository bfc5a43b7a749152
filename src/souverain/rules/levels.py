"""Levels (seal-0 to seal-4) and data-class overlays, loaded from ``data/levels.yaml``.

The file is sourced data like the catalog: each level carries the framework text it rests
on and the reasoning where souverain interprets it (adequacy decisions, disputed facts,
the qualification the strictest level requires).
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from souverain.catalog.clouds import Jurisdiction
from souverain.catalog.lookup import unknown
from souverain.catalog.provenance import DatedProvenance
from souverain.documents import parse_yaml
from souverain.errors import SouverainError
from souverain.model.classification import DataClass, SovereigntyLevel

DEFAULT_LEVEL = SovereigntyLevel.SEAL_2
"""The level a check runs at when neither the caller, a config nor a description names one
(``european``): the same for `souverain check` and the policy pack."""


class Enforcement(StrEnum):
    """What a violation does: block (mandatory), warn (advisory), or nothing (disabled)."""

    MANDATORY = "mandatory"
    ADVISORY = "advisory"
    DISABLED = "disabled"

    def at_most(self, other: Enforcement) -> Enforcement:
        """The weaker of the two."""
        order = [Enforcement.DISABLED, Enforcement.ADVISORY, Enforcement.MANDATORY]
        return min(self, other, key=order.index)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Adequacy(_Strict):
    """An EU adequacy decision for a third country."""

    decision: str
    provenance: DatedProvenance


class Qualification(_Strict):
    """A qualification a level may require, the least version, and why it counts."""

    version: str | None = None
    why: str
    provenance: DatedProvenance


class Level(_Strict):
    """What one level requires, with its source and the reasoning where it is interpreted."""

    aliases: list[str]
    meaning: str
    source: DatedProvenance
    reasoning: str
    residency: list[str]
    adequacy: bool = Field(description="countries with an EU adequacy decision count as allowed")
    jurisdictions: list[Jurisdiction]
    deny_extraterritorial: bool
    qualifications: list[str] = Field(
        description="required of the offering used, whatever the data class"
    )
    disputed: Enforcement = Field(
        description="how findings resting on a disputed fact are enforced, at most"
    )
    mandatory: list[str]
    advisory: list[str]

    def enforcement(self, rule_id: str) -> Enforcement:
        """How this level enforces ``rule_id``."""
        if rule_id in self.mandatory:
            return Enforcement.MANDATORY
        if rule_id in self.advisory:
            return Enforcement.ADVISORY
        return Enforcement.DISABLED


class DataClassOverlay(_Strict):
    """What a data class adds: certifications required of the cloud, and a minimum level."""

    certifications: list[str]
    min_level: SovereigntyLevel


class LevelTable(_Strict):
    """The whole levels file."""

    framework: DatedProvenance
    eu_eea: list[str]
    adequacy: dict[str, Adequacy]
    qualifications: dict[str, Qualification]
    levels: dict[SovereigntyLevel, Level]
    data_classes: dict[DataClass, DataClassOverlay]

    @model_validator(mode="after")
    def _qualifications_are_described(self) -> Self:
        for level, spec in self.levels.items():
            missing = [q for q in spec.qualifications if q not in self.qualifications]
            if missing:
                raise ValueError(f"{level}: qualifications {missing} are not described")
        return self

    def allowed_countries(self, level: SovereigntyLevel) -> list[str]:
        """The countries data may be in at ``level`` (empty: anywhere)."""
        spec = self.levels[level]
        if not spec.residency:
            return []
        return spec.residency + (sorted(self.adequacy) if spec.adequacy else [])

    def least_version(self, certification: str) -> str | None:
        """The least version of ``certification`` that counts (SecNumCloud: 3.2)."""
        found = self.qualifications.get(certification)
        return found.version if found else None


@cache
def level_table() -> LevelTable:
    """The packaged level definitions, loaded once."""
    text = resources.files("souverain.rules").joinpath("data/levels.yaml").read_text()
    return LevelTable.model_validate(parse_yaml(text, "levels.yaml"))


def resolve_level(name: str) -> SovereigntyLevel:
    """A level by its SEAL name or alias (``european`` is ``seal-2``)."""
    table = level_table()
    for level, spec in table.levels.items():
        if name == level.value or name in spec.aliases:
            return level
    names = [lvl.value for lvl in table.levels] + [
        a for s in table.levels.values() for a in s.aliases
    ]
    raise SouverainError(unknown("level", name, names))
