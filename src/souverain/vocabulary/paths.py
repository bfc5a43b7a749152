"""Property paths of the mapping files: ``spec.template.spec.containers[*].image``.

A path walks plain data (as the engine shows resource properties): ``.`` separates keys,
``[*]`` steps into every element of a list, ``[N]`` into one. ``.`` alone is the value
itself. Missing keys give no values, so a path never fails on data it does not match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

_STEP = re.compile(r"([^.\[\]]+)|\[(\*|\d+)\]")


@cache
def steps(path: str) -> tuple[str | int | None, ...]:
    """The steps of a path: keys, list indexes, and None for ``[*]``; validated once."""
    if path == ".":
        return ()
    found: list[str | int | None] = []
    position = 0
    for match in _STEP.finditer(path):
        between = path[position : match.start()]
        if between not in ("", ".") or (between == "." and not found):
            raise ValueError(f"malformed property path {path!r} at {position}")
        key, index = match.groups()
        found.append(key if key is not None else (None if index == "*" else int(index)))
        position = match.end()
    if position != len(path) or not found:
        raise ValueError(f"malformed property path {path!r}")
    return tuple(found)


def values(data: Any, path: str) -> Iterator[Any]:
    """Every value at ``path`` in ``data`` (none when a key is missing)."""
    yield from _walk(data, steps(path))


def _walk(data: Any, rest: tuple[str | int | None, ...]) -> Iterator[Any]:
    if not rest:
        if data is not None:
            yield data
        return
    step, tail = rest[0], rest[1:]
    if isinstance(step, str):
        if isinstance(data, Mapping) and step in data:
            yield from _walk(data[step], tail)
    elif isinstance(data, list | tuple):
        if step is None:
            for item in data:
                yield from _walk(item, tail)
        elif step < len(data):
            yield from _walk(data[step], tail)


def first(data: Any, paths: tuple[str, ...] | list[str]) -> Any:
    """The first value found at any of ``paths``, in order, or None."""
    for path in paths:
        for value in values(data, path):
            return value
    return None
