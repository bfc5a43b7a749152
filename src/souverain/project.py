"""Read a Pulumi project and one stack's config from disk, as the engine would.

The offline plan and check need the same config the engine passes to the program:
``Pulumi.yaml`` defaults, overridden by ``<stackConfigDir>/Pulumi.<stack>.yaml``, with
keys namespaced (``souverain:region``). Reading them here keeps the Pulumi CLI optional.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from souverain.catalog.lookup import unknown
from souverain.documents import read_document
from souverain.errors import SouverainError


@dataclass(frozen=True)
class StackConfig:
    """A project's name and directory, and one stack's config values by full key."""

    project: str
    directory: Path
    stack: str
    values: dict[str, Any]
    source: Path

    def as_engine_strings(self) -> dict[str, str]:
        """The config as the engine hands it to a program: strings, objects as JSON."""
        return {key: _engine_string(value) for key, value in sorted(self.values.items())}


def _engine_string(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True)


def _read_yaml(path: Path, what: str) -> dict[str, Any]:
    data = read_document(path, what)
    if not isinstance(data, dict):
        raise SouverainError(f"{what} {path} must hold a mapping at the top level")
    return data


def _config(data: dict[str, Any], path: Path, what: str) -> dict[str, Any]:
    """The ``config:`` mapping of a project or stack file (none: empty)."""
    config = data.get("config") or {}
    if not isinstance(config, dict):
        raise SouverainError(f"{what} {path}: 'config' must be a mapping of keys to values")
    return config


def stack_names(directory: Path) -> list[str]:
    """The stacks that have a config file in the project's stack config directory."""
    project = _read_yaml(directory / "Pulumi.yaml", "project file")
    config_dir = directory / str(project.get("stackConfigDir", "."))
    return sorted(p.name[len("Pulumi.") : -len(".yaml")] for p in config_dir.glob("Pulumi.*.yaml"))


def load_stack(directory: Path, stack: str) -> StackConfig:
    """Project defaults merged with the stack's own config file."""
    project_file = directory / "Pulumi.yaml"
    if not project_file.exists():
        raise SouverainError(f"no Pulumi.yaml in {directory}; run from a souverain project")
    project = _read_yaml(project_file, "project file")
    name = str(project.get("name", ""))
    values: dict[str, Any] = {}
    for key, spec in _config(project, project_file, "project file").items():
        full = key if ":" in key else f"{name}:{key}"
        if isinstance(spec, dict) and "default" in spec:
            values[full] = spec["default"]
        elif not isinstance(spec, dict):
            values[full] = spec
    stack_file = directory / str(project.get("stackConfigDir", ".")) / f"Pulumi.{stack}.yaml"
    if not stack_file.exists():
        raise SouverainError(unknown("stack", stack, stack_names(directory)))
    stack_data = _read_yaml(stack_file, "stack file")
    for key, value in _config(stack_data, stack_file, "stack file").items():
        values[key if ":" in key else f"{name}:{key}"] = value
    return StackConfig(name, directory, stack, values, stack_file)
