"""Raise validation errors located at the field that is wrong, from cross-field checks.

Checks that look at several fields at once (a subnet against its network, a bucket's key
against the platform's keys) would otherwise report their error on the whole object; this
module lets them point at the exact field, as a per-field validator does.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

Location = tuple[int | str, ...]


def raise_located(title: str, problems: Sequence[tuple[Location, str, object]]) -> None:
    """Raise one ValidationError with a problem per (location, message, input); no-op if none."""
    if not problems:
        return
    details = [
        InitErrorDetails(
            type=PydanticCustomError("souverain", "{message}", {"message": message}),
            loc=loc,
            input=value,
        )
        for loc, message, value in problems
    ]
    raise ValidationError.from_exception_data(title, details)
