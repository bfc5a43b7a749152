"""Where a fact came from, when its source said so, and how sure we are of it.

Every fact in the catalog carries a :class:`DatedProvenance`; a fact without a source or a
date does not load. The undated :class:`Provenance` serves data whose sources are pinned by
version instead (the vocabulary's mapping files cite an SDK release).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Confidence(StrEnum):
    """How far a fact can be trusted.

    - ``high``: from the provider's or standard's own documentation.
    - ``medium``: from the provider's own material, but old or indirect.
    - ``low``: from a third party, or from a single unconfirmed source.
    - ``disputed``: sources disagree; the ``note`` says how, giving both sides.
    """

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    DISPUTED = "disputed"


class Provenance(BaseModel):
    """The source of a fact (document, page or repository path) and confidence."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str = Field(min_length=3)
    confidence: Confidence
    note: str | None = None

    @model_validator(mode="after")
    def _disputes_are_explained(self) -> Self:
        if self.confidence is Confidence.DISPUTED and not self.note:
            raise ValueError("a disputed fact needs a 'note' saying how the sources disagree")
        return self

    @property
    def disputed(self) -> bool:
        """Whether sources disagree on the fact."""
        return self.confidence is Confidence.DISPUTED


class DatedProvenance(Provenance):
    """A catalog fact's provenance: its source, and the date that source bears.

    ``date`` is the source's own date (a page's update, a repository's last commit, a
    decision's publication) or, for a source that bears none, the day it was read. It is
    what ``souverain catalog --stale DAYS`` compares with today: clouds change, and an old
    source is a fact to check again.

    A fact without a date still loads, so that a profile maintained elsewhere is not
    refused, but it is stale whatever the threshold, and the catalog's tests require a
    date on every packaged fact.
    """

    date: dt.date | None = None

    def age_days(self, today: dt.date) -> int | None:
        """How many days old the source is on ``today`` (None: the fact has no date)."""
        return None if self.date is None else (today - self.date).days

    def citation(self) -> str:
        """The source with its date, as a finding names it."""
        return f"{self.source} ({self.date.isoformat()})" if self.date else self.source
