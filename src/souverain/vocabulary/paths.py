"""Property paths of the mapping files: ``spec.template.spec.containers[*].image``.

A path walks plain data (as the engine shows resource properties): ``.`` separates keys,
``[*]`` steps into every element of a list, ``[N]`` into one. ``.`` alone is the value
itself. Missing keys give no values, so a path never fails on data it does not match.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
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


def values(data: Any, path: str) -> list[Any]:
    """Every value at ``path`` in ``data`` (none when a key is missing).

    A list, walked without generators: the judge reads several paths of every resource of
    a plan, and most of them are one or two plain keys.
    """
    found: list[Any] = []
    _walk(data, steps(path), 0, found)
    return found


def _walk(data: Any, path: tuple[str | int | None, ...], at: int, found: list[Any]) -> None:
    end = len(path)
    while at < end:
        step = path[at]
        if isinstance(step, str):
            # dict first: plan properties are plain dicts, and the ABC check costs more.
            if not (type(data) is dict or isinstance(data, Mapping)) or step not in data:
                return
            data = data[step]
        elif not isinstance(data, list | tuple):
            return
        elif step is None:
            for item in data:
                _walk(item, path, at + 1, found)
            return
        elif step < len(data):
            data = data[step]
        else:
            return
        at += 1
    if data is not None:
        found.append(data)


def first(data: Any, paths: tuple[str, ...] | list[str]) -> Any:
    """The first value found at any of ``paths``, in order, or None."""
    for path in paths:
        for value in values(data, path):
            return value
    return None
