"""Which part of the description a finding concerns, on the description or on a resource.

A public bucket is found twice: on ``buckets[0].public_read`` in the description, and on
the container that implements it. Both name the part ``buckets[0]``, so one waiver
written for either covers both. Resources name their part through the adapter
conventions: the component type in their URN and the ``souverain-part`` label.
"""

from __future__ import annotations

import re
from typing import Any

from souverain.conventions import Component
from souverain.model.ai_platform import Platform

_PART = re.compile(r"^(network|(?:gpu_pools|buckets|keys)\[[^\]]*\])")
_COMPONENT = re.compile(r"souverain:platform:(Network|GpuPool|Bucket|Key)")


def part_of_path(path: str) -> str:
    """The part a description path (or path pattern) is in: ``buckets[0]``, ``network``..."""
    match = _PART.match(path)
    return match.group(1) if match else ""


def part_paths(platform: Platform) -> dict[tuple[str, str | None], str]:
    """``(component type, part name)`` of each part, to its description path."""
    paths: dict[tuple[str, str | None], str] = {(Component.NETWORK.value, "net"): "network"}
    for kind, field, names in (
        (Component.GPU_POOL, "gpu_pools", [p.name for p in platform.gpu_pools]),
        (Component.BUCKET, "buckets", [b.name for b in platform.buckets]),
        (Component.KEY, "keys", [k.name for k in platform.keys]),
    ):
        for index, name in enumerate(names):
            paths[(kind.value, name)] = f"{field}[{index}]"
    return paths


def component_of(urn: str) -> str:
    """The innermost souverain component a resource's URN is under, or ``""``."""
    found = _COMPONENT.findall(urn.split("::")[2] if urn.count("::") >= 3 else "")
    return f"souverain:platform:{found[-1]}" if found else ""


def description_paths(data: Any, prefix: str = "") -> list[str]:
    """Every concrete field path of a description's data (``buckets[0].public_read``...)."""
    paths: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            paths.append(path)
            paths += description_paths(value, path)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            path = f"{prefix}[{index}]"
            paths.append(path)
            paths += description_paths(value, path)
    return paths
