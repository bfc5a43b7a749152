"""Object storage for datasets, checkpoints and model weights."""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from pydantic import Field, model_validator

from souverain.model.base import Part
from souverain.model.names import Name


class RetentionMode(StrEnum):
    """Object-lock modes, as S3 defines them."""

    GOVERNANCE = "governance"
    COMPLIANCE = "compliance"


class Retention(Part):
    """Write-once retention (object lock): objects cannot be deleted before ``days`` pass."""

    days: int = Field(ge=1, le=36500)
    mode: RetentionMode = RetentionMode.GOVERNANCE


class LifecycleRule(Part):
    """Expire objects under a prefix after a number of days."""

    prefix: str = Field(default="", max_length=1024)
    expire_after_days: int | None = Field(default=None, ge=1, le=36500)
    noncurrent_expire_after_days: int | None = Field(default=None, ge=1, le=36500)

    @model_validator(mode="after")
    def _does_something(self) -> Self:
        if self.expire_after_days is None and self.noncurrent_expire_after_days is None:
            raise ValueError(
                "a lifecycle rule needs 'expire_after_days' or 'noncurrent_expire_after_days'"
            )
        return self


class Bucket(Part):
    """A bucket. Versioned and private by default; encrypted with a described key."""

    name: Name = Field(min_length=3)
    versioning: bool = True
    retention: Retention | None = None
    encryption_key: Name | None = None
    public_read: bool = False
    lifecycle: list[LifecycleRule] = Field(default_factory=list)

    @model_validator(mode="after")
    def _retention_needs_versioning(self) -> Self:
        if self.retention is not None and not self.versioning:
            raise ValueError("retention (object lock) needs versioning; set versioning: true")
        return self
