"""Where cloud profiles come from: the package, the user's catalog, the project's catalog.

Profiles load in three layers, each overriding the one before:

1. **packaged**: ``souverain/catalog/data/clouds/*.yaml``, shipped with souverain;
2. **user**: ``$SOUVERAIN_USER_CATALOG/clouds``, else ``$XDG_CONFIG_HOME/souverain/catalog/clouds``,
   else ``~/.config/souverain/catalog/clouds``; where ``souverain discover`` writes;
3. **project**: ``<project>/catalog/clouds``, next to ``Pulumi.yaml``, kept in Git with the stacks.

A profile whose ``id`` a lower layer already has replaces it whole. A profile with
``extends: <id>`` starts from that profile as the lower layers (and the plain profiles of
its own layer) define it: mappings are merged key by key, regions, flavors and
certifications item by item (by ``code`` or ``name``), anything else is replaced. So a
project can add a region to a shipped cloud, or state what its own deployment offers,
without copying the whole profile.

The project is the one the caller names (``--project``, the stack being planned), else the
nearest directory at or above the working directory that holds a ``Pulumi.yaml``, which is
where the engine runs a program and its policy pack.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from souverain.catalog.clouds import Cloud
from souverain.documents import read_document
from souverain.errors import SouverainError, problems_from_validation

PROJECT_CATALOG = "catalog"
"""The catalog directory of a project, next to its ``Pulumi.yaml``."""

_MERGED_BY = {"regions": "code", "gpu_flavors": "name", "certifications": "name"}
_project: ContextVar[Path | None] = ContextVar("souverain_catalog_project", default=None)


@dataclass(frozen=True)
class Layer:
    """One catalog layer: its name (packaged, user, project) and its ``clouds`` directory."""

    name: str
    clouds: Path


def user_catalog() -> Path:
    """The user's catalog directory (it may not exist yet)."""
    explicit = os.environ.get("SOUVERAIN_USER_CATALOG")
    if explicit:
        return Path(explicit)
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "souverain" / "catalog"


def find_project(start: Path) -> Path | None:
    """The nearest directory at or above ``start`` holding a ``Pulumi.yaml``."""
    for folder in (start, *start.parents):
        if (folder / "Pulumi.yaml").is_file():
            return folder
    return None


@contextmanager
def using_project(project: Path) -> Iterator[None]:
    """Within the block, catalog look-ups without an explicit project use ``project``'s."""
    token = _project.set(project)
    try:
        yield
    finally:
        _project.reset(token)


def current_project() -> Path | None:
    """The project set by :func:`using_project`, else the one around the working directory."""
    return _project.get() or find_project(Path.cwd())


def layers(project: Path | None = None) -> list[Layer]:
    """The catalog layers, lowest precedence first."""
    packaged = Path(str(resources.files("souverain.catalog").joinpath("data/clouds")))
    found = [Layer("packaged", packaged), Layer("user", user_catalog() / "clouds")]
    chosen = project or current_project()
    if chosen is not None:
        found.append(Layer("project", chosen / PROJECT_CATALOG / "clouds"))
    return found


def clouds(project: Path | None = None) -> dict[str, Cloud]:
    """Every cloud profile by id, the layers merged (see the module docstring)."""
    return {cloud_id: cloud for cloud_id, (cloud, _) in _loaded(project).items()}


def origins(project: Path | None = None) -> dict[str, str]:
    """For each profile id, the layer it comes from (``project``, ``user`` or ``packaged``)."""
    return {cloud_id: layer for cloud_id, (_, layer) in _loaded(project).items()}


def _loaded(project: Path | None) -> dict[str, tuple[Cloud, str]]:
    signature = tuple(
        (layer.name, str(path), path.stat().st_mtime_ns, path.stat().st_size)
        for layer in layers(project)
        for path in _files(layer.clouds)
    )
    return _load(signature)


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


@cache
def _load(signature: tuple[tuple[str, str, int, int], ...]) -> dict[str, tuple[Cloud, str]]:
    raw: dict[str, dict[str, Any]] = {}
    layer_of: dict[str, str] = {}
    where: dict[str, Path] = {}
    by_layer: dict[str, list[Path]] = {}
    for layer, name, _, _ in signature:
        by_layer.setdefault(layer, []).append(Path(name))
    for layer, paths in by_layer.items():
        documents = [(path, _read(path)) for path in paths]
        plain = [(p, d) for p, d in documents if "extends" not in d]
        extending = [(p, d) for p, d in documents if "extends" in d]
        for path, data in plain + extending:
            base_id = data.pop("extends", None)
            if base_id is not None:
                if base_id not in raw:
                    raise SouverainError(
                        f"catalog file {path} extends {base_id!r}, which no lower layer "
                        f"defines (known: {', '.join(sorted(raw))})"
                    )
                data = merge(raw[base_id], data)
            cloud_id = str(data.get("id", path.stem))
            raw[cloud_id], layer_of[cloud_id], where[cloud_id] = data, layer, path
    loaded: dict[str, tuple[Cloud, str]] = {}
    for cloud_id, data in raw.items():
        try:
            loaded[cloud_id] = (Cloud.model_validate(data), layer_of[cloud_id])
        except ValidationError as error:
            raise SouverainError(
                f"catalog file {where[cloud_id]} is invalid", problems_from_validation(error)
            ) from None
    return loaded


def _read(path: Path) -> dict[str, Any]:
    data = read_document(path, "catalog file")
    if not isinstance(data, dict):
        raise SouverainError(f"catalog file {path} must hold a mapping (a cloud profile)")
    return data


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``override`` laid over ``base``.

    Services merge by key; regions, flavors and certifications by their code or name;
    anything else is replaced.
    """
    merged = dict(base)
    for key, value in override.items():
        old = merged.get(key)
        if key in _MERGED_BY and isinstance(old, list) and isinstance(value, list):
            ident = _MERGED_BY[key]
            items = {item[ident]: item for item in old}
            items.update({item[ident]: item for item in value})
            merged[key] = list(items.values())
        elif key == "services" and isinstance(old, dict) and isinstance(value, dict):
            merged[key] = {**old, **value}
        else:
            merged[key] = value
    return merged
