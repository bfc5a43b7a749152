"""Shared configuration of every description model."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict


class Part(BaseModel):
    """Base of all description models: unknown fields are errors, values are immutable.

    Forbidding extra fields turns a typo (``versionning: true``) into an error that names
    the field instead of a silently ignored setting.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


def canonical(model: BaseModel, field: str, key: Callable[[Any], Any] = str) -> None:
    """Sort a list field whose order carries no meaning, in place, once it is validated.

    Descriptions are frozen for their users; this runs only inside their own validators,
    after every check that reports positions has run.
    """
    object.__setattr__(model, field, sorted(getattr(model, field), key=key))
