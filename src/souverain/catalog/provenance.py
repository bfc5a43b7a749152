"""Where a catalog fact came from and how sure we are of it.

Every fact in the catalog carries a :class:`Provenance`; a fact without one does not load.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Confidence(StrEnum):
    """How far a fact can be trusted.

    - ``high``: from the provider's or standard's own documentation.
    - ``medium``: from the provider's own material, but old or indirect.
    - ``low``: from a third party, or from a single unconfirmed source.
    - ``disputed``: sources disagree; the ``note`` says how.
    """

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    DISPUTED = "disputed"


class Provenance(BaseModel):
    """The source of a fact (document, page or repository path, with its date) and confidence."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str = Field(min_length=3)
    confidence: Confidence
    note: str | None = None

    @model_validator(mode="after")
    def _disputes_are_explained(self) -> Self:
        if self.confidence is Confidence.DISPUTED and not self.note:
            raise ValueError("a disputed fact needs a 'note' saying how the sources disagree")
        return self
