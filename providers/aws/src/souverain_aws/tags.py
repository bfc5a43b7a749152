"""Labels as AWS tags: the platform's labels, the part a resource implements, and its name."""

from __future__ import annotations

from collections.abc import Mapping

from souverain.conventions import Marker, platform_labels
from souverain.model.ai_platform import Platform


def tags(
    platform: Platform, name: str, part: str | None = None, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The platform labels plus the ``part`` marker and ``extra`` labels, with a ``Name`` tag.

    ``Name`` is how the EC2 console titles a resource; it is the physical name.
    """
    labels = {**platform_labels(platform), "Name": name, **(extra or {})}
    if part is not None:
        labels[Marker.PART.key] = part
    return dict(sorted(labels.items()))
