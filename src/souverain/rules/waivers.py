"""Waivers kept in Git: a reviewed, owned, expiring exception to a rule for some resources."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from souverain.catalog.lookup import unknown
from souverain.documents import read_document
from souverain.errors import SouverainError, problems_from_validation
from souverain.rules.catalogue import RULES
from souverain.rules.model import Violation
from souverain.rules.parts import part_of_path

WAIVERS_FILE = "waivers.yaml"


class Waiver(BaseModel):
    """An exception: which rule, where (glob on URN or field path), who, why, until when."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: str = Field(pattern=r"^SOV-\d{3}$")
    resource: str = Field(
        min_length=1, description="pattern (* and ? wildcards) matched against URN or field path"
    )
    owner: str = Field(min_length=1)
    reason: str = Field(min_length=10)
    expires: date

    @field_validator("rule")
    @classmethod
    def _known_rule(cls, value: str) -> str:
        known = [rule.ID for rule in RULES]
        if value not in known:
            raise ValueError(unknown("rule", value, known))
        return value

    def names(self, location: str) -> bool:
        """Whether the pattern matches a location (a URN or a description field path)."""
        return _glob(self.resource).fullmatch(location) is not None

    def matches(self, violation: Violation) -> bool:
        """Whether this waiver covers the violation: same rule, and its location matches.

        A pattern on a description path also covers the same rule's findings on the
        resources that implement that part (``buckets[0].public_read`` covers the
        public container of ``buckets[0]``): one violation seen twice needs one waiver.
        """
        if self.rule != violation.rule:
            return False
        if self.names(violation.location):
            return True
        part = part_of_path(self.resource)
        return bool(part and violation.part and _glob(part).fullmatch(violation.part))

    def expired(self, today: date) -> bool:
        """A waiver is valid through its expiry date, expired the day after."""
        return today > self.expires


@cache
def _glob(pattern: str) -> re.Pattern[str]:
    # Only * and ? are wildcards: field paths such as buckets[0] keep their brackets.
    return re.compile(re.escape(pattern).replace(r"\*", ".*").replace(r"\?", "."))


class WaiverFile(BaseModel):
    """The ``waivers:`` list of a waiver file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    waivers: list[Waiver] = Field(default_factory=list)


def project_waivers(directory: Path) -> list[Waiver]:
    """The project's ``waivers.yaml``, if it has one: a project may have no waivers."""
    default = directory / WAIVERS_FILE
    return load_waivers(default) if default.exists() else []


def load_waivers(path: Path) -> list[Waiver]:
    """Read a waiver file; a file that is named must exist and name known rules."""
    data = read_document(path, "waiver file")
    try:
        return list(WaiverFile.model_validate(data).waivers)
    except ValidationError as error:
        raise SouverainError(
            f"{path} is not a valid waiver file", problems_from_validation(error)
        ) from None
