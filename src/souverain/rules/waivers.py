"""Waivers kept in Git: a reviewed, owned, expiring exception to a rule for some resources."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from souverain.errors import SouverainError, problems_from_validation
from souverain.rules.model import Violation


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

    def matches(self, violation: Violation) -> bool:
        """Whether this waiver covers the violation (same rule, location matches the glob)."""
        return (
            self.rule == violation.rule
            and _glob(self.resource).fullmatch(violation.location) is not None
        )

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


def load_waivers(path: Path | None) -> list[Waiver]:
    """Read waivers from YAML; no file means no waivers."""
    if path is None or not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return list(WaiverFile.model_validate(data).waivers)
    except yaml.YAMLError as error:
        raise SouverainError(f"{path} is not valid YAML: {error}") from None
    except ValidationError as error:
        raise SouverainError(
            f"{path} is not a valid waiver file", problems_from_validation(error)
        ) from None
