"""Helpful lookups: an unknown name gets the closest known names as suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(wanted: str, known: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for the closest known names, or ``""`` if none is close."""
    names = sorted(known)
    by_lower = {name.lower(): name for name in names}
    close = difflib.get_close_matches(wanted.lower(), list(by_lower), n=3, cutoff=0.6)
    if not close:
        return ""
    return "; did you mean " + " or ".join(repr(by_lower[c]) for c in close) + "?"


def unknown(kind: str, wanted: str, known: Iterable[str]) -> str:
    """Explain that ``wanted`` is not a known ``kind``, with suggestions and the valid names."""
    names = sorted(known)
    return f"unknown {kind} {wanted!r}{did_you_mean(wanted, names)} (known: {', '.join(names)})"
