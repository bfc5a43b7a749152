"""Facts whose source is old: what ``souverain catalog --stale DAYS`` lists to check again."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from souverain.catalog.gpus import gpu_models
from souverain.catalog.provenance import DatedProvenance
from souverain.catalog.store import clouds


@dataclass(frozen=True)
class StaleFact:
    """One fact: where it is (profile and path), its source, the source's date and age.

    ``date`` and ``age_days`` are None for a fact with no date, which is always stale.
    """

    profile: str
    path: str
    source: str
    date: str | None
    age_days: int | None

    def as_dict(self) -> dict[str, object]:
        """Plain data for JSON output."""
        return asdict(self)


def dated_facts(node: object, path: str = "") -> Iterator[tuple[str, DatedProvenance]]:
    """``(path, provenance)`` of every dated fact under ``node``, in field order."""
    if isinstance(node, BaseModel):
        provenance = getattr(node, "provenance", None)
        if isinstance(provenance, DatedProvenance):
            yield path or ".", provenance
        for name in type(node).model_fields:
            if name != "provenance":
                yield from dated_facts(getattr(node, name), f"{path}.{name}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            key = getattr(item, "code", None) or getattr(item, "name", None) or i
            yield from dated_facts(item, f"{path}[{key}]")
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from dated_facts(value, f"{path}.{key}")


def stale_facts(days: int, today: date, project: Path | None = None) -> list[StaleFact]:
    """Facts of every profile and GPU model whose source is more than ``days`` old, or undated."""
    subjects: list[tuple[str, object]] = [(f"cloud {i}", c) for i, c in clouds(project).items()]
    subjects += [(f"gpu {name}", model) for name, model in gpu_models().items()]
    found = []
    for subject, node in sorted(subjects, key=lambda s: s[0]):
        for path, provenance in dated_facts(node):
            age = provenance.age_days(today)
            if age is None or age > days:
                when = provenance.date.isoformat() if provenance.date else None
                found.append(StaleFact(subject, path, provenance.source, when, age))
    # Undated facts first, then the oldest sources.
    return sorted(
        found, key=lambda f: (f.age_days is not None, -(f.age_days or 0), f.profile, f.path)
    )
