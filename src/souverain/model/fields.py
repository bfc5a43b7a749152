"""Field paths of a description: every field a model has, and whether a description sets it.

Paths use ``[]`` for any item of a list and ``{}`` for any value of a map
(``network.subnets[].cidr``, ``gpu_pools[].workload.env{}``), so one path names the same
field in every description. Adapters use them to say which fields mean nothing on their
target; the conformance suite uses them to prove no field is silently dropped.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel


def field_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every leaf field path of ``model``, nested models expanded, in declaration order."""
    found: list[str] = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        nested, suffix = _nested(info.annotation)
        if nested is None:
            found.append(path + suffix)
        else:
            found.extend(field_paths(nested, f"{path}{suffix}."))
    return found


def _nested(annotation: Any) -> tuple[type[BaseModel] | None, str]:
    """The model inside an annotation (through Optional, list and dict), and the path suffix."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _nested(arg)
            if found[0] is not None:
                return found
        return None, ""
    if origin is list:
        inner, suffix = _nested(typing.get_args(annotation)[0])
        return inner, "[]" + suffix
    if origin is dict:
        inner, suffix = _nested(typing.get_args(annotation)[1])
        return inner, "{}" + suffix
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, ""
    return None, ""


def values_at(data: Any, path: str) -> Iterator[Any]:
    """The values a description (as plain data) has at a field path."""
    head, _, rest = path.partition(".")
    key = head.rstrip("[]{}")
    markers = head[len(key) :]
    if not isinstance(data, dict) or data.get(key) is None:
        return
    found = [data[key]]
    for marker in (markers[i : i + 2] for i in range(0, len(markers), 2)):
        found = [
            item
            for value in found
            for item in (value if marker == "[]" else value.values())
            if isinstance(value, list | dict)
        ]
    for value in found:
        if rest:
            yield from values_at(value, rest)
        else:
            yield value


def is_set(data: Any, path: str) -> bool:
    """Whether a description sets a field anywhere (a value that is not None or empty)."""
    return any(v not in (None, "", [], {}) for v in values_at(data, path))


def model_paths(model: type[BaseModel], prefix: str = "") -> dict[str, str]:
    """Where each nested model class sits in ``model``: ``{"Subnet": "network.subnets[]"}``.

    A description written in Python builds its parts one by one, so a part that fails
    validation knows its fields but not where it sits; this gives the path from the root.
    """
    found = {model.__name__: prefix.rstrip(".")}
    for name, info in model.model_fields.items():
        nested, suffix = _nested(info.annotation)
        if nested is not None and nested.__name__ not in found:
            found.update(model_paths(nested, f"{prefix}{name}{suffix}."))
    return found
