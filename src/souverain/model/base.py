"""Shared configuration of every description model."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Part(BaseModel):
    """Base of all description models: unknown fields are errors, values are immutable.

    Forbidding extra fields turns a typo (``versionning: true``) into an error that names
    the field instead of a silently ignored setting.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)
