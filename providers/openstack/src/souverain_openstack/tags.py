"""Traceability labels as Neutron tags: Neutron stores plain strings, so ``key=value``."""

from __future__ import annotations

from collections.abc import Mapping

from souverain.conventions import platform_labels
from souverain.model.ai_platform import Platform


def tags(platform: Platform, extra: Mapping[str, str] | None = None) -> list[str]:
    """The platform labels, plus ``extra`` labels, as Neutron tags."""
    labels = {**platform_labels(platform), **(extra or {})}
    return [f"{key}={value}" for key, value in sorted(labels.items())]
