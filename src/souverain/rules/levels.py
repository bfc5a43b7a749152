"""Levels (permissive to strict) and data-class overlays, loaded from ``data/levels.yaml``."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict

from souverain.catalog.clouds import Jurisdiction
from souverain.catalog.lookup import unknown
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


class Level(BaseModel):
    """What one level requires."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    aliases: list[str]
    residency: list[str]
    jurisdictions: list[Jurisdiction]
    deny_extraterritorial: bool
    mandatory: list[str]
    advisory: list[str]

    def enforcement(self, rule_id: str) -> Enforcement:
        """How this level enforces ``rule_id``."""
        if rule_id in self.mandatory:
            return Enforcement.MANDATORY
        if rule_id in self.advisory:
            return Enforcement.ADVISORY
        return Enforcement.DISABLED


class DataClassOverlay(BaseModel):
    """What a data class adds: certifications required of the cloud, and a minimum level."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    certifications: list[str]
    min_level: SovereigntyLevel


class LevelTable(BaseModel):
    """The whole levels file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    eu_eea: list[str]
    levels: dict[SovereigntyLevel, Level]
    data_classes: dict[DataClass, DataClassOverlay]


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
