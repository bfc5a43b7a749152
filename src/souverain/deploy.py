"""The one call a Pulumi program makes: deploy a description to the stack's target."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi

from souverain.adapters.registry import load_adapter
from souverain.errors import SouverainError
from souverain.model.ai_platform import Platform
from souverain.target import CONFIG_NAMESPACE, Target

PLATFORM_TYPE = "souverain:platform:Platform"
"""The root component of every deployment. Its ``description`` input is the validated
description itself, so policies and `souverain check` see exactly what was deployed."""


def current_target() -> Target:
    """The target named by the running stack's config (``souverain:*`` keys)."""
    config = pulumi.Config(CONFIG_NAMESPACE)
    values: dict[str, Any] = {}
    for key in ("adapter", "cloud", "region"):
        value = config.get(key)
        if value is not None:
            values[key] = value
    protect = config.get_bool("protectData")
    if protect is not None:
        values["protectData"] = protect
    adapter = values.get("adapter")
    if adapter:
        values[adapter] = config.get_object(adapter) or {}
    return Target.from_config(values, stack=pulumi.get_stack())


def record(platform: Platform, build: Callable[[pulumi.Resource], None]) -> None:
    """Register the root component carrying the description, and ``build`` the parts under it.

    The description is both an input (what `souverain check` reads from a plan) and an
    output (what the engine shows stack policies) of the root component.
    """
    description = platform.model_dump(mode="json")
    root = pulumi.ComponentResource(PLATFORM_TYPE, platform.name, {"description": description})
    build(root)
    root.register_outputs({"description": description})


def deploy(platform: Platform, target: Target | None = None) -> None:
    """Compile ``platform`` for ``target`` (default: the stack's) and register its resources.

    A :class:`SouverainError` becomes a :class:`pulumi.RunError`, which the engine prints
    as a plain message rather than a Python traceback.
    """
    try:
        resolved = target or current_target()
        adapter = load_adapter(resolved.adapter)
        adapter.check_supported(platform, resolved)
        record(platform, lambda root: adapter.deploy(platform, resolved, root))
    except SouverainError as error:
        raise pulumi.RunError(error.render()) from error
