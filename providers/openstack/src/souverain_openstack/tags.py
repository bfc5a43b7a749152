"""Traceability labels: every resource says which platform, data class and owner it serves."""

from __future__ import annotations

from souverain.model.ai_platform import Platform


def labels(platform: Platform) -> dict[str, str]:
    """The labels every resource of ``platform`` carries, sorted for stable plans."""
    base = {
        "souverain-platform": platform.name,
        "souverain-data-class": str(platform.data_class),
        "souverain-sovereignty": str(platform.sovereignty),
        "souverain-owner": platform.owner,
    }
    return dict(sorted({**platform.labels, **base}.items()))


def tags(platform: Platform) -> list[str]:
    """The labels as Neutron tags (``key=value`` strings)."""
    return [f"{key}={value}" for key, value in labels(platform).items()]
