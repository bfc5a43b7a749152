"""The one call a Pulumi program makes: deploy a description to the stack's target.

Each pillar goes to the adapter the stack routes it to (one adapter for all by default).
Before any resource is registered, every adapter must reach its cloud and offer every
feature the description needs of it; all problems are reported at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

import pulumi
from pulumi.runtime.config import CONFIG, get_config_env

from souverain.adapters.contract import Adapter, KeyRing
from souverain.adapters.features import required_features
from souverain.adapters.registry import adapters_reaching, load_adapter
from souverain.catalog.resolve import cloud_profile
from souverain.conventions import PLATFORM_TYPE
from souverain.errors import Problem, SouverainError
from souverain.model.ai_platform import Platform
from souverain.model.fields import is_set
from souverain.target import Pillar, StackTarget, Target, pillar_of, read_target


class NotDeployable(SouverainError):
    """A description that cannot be compiled for its stack's target, with the description.

    Raised in place of the adapters' error, with the same summary and problems, so that a
    caller comparing targets (``souverain diff``) still knows what was described.
    """

    def __init__(self, error: SouverainError, platform: Platform) -> None:
        super().__init__(error.summary, error.problems)
        self.platform = platform


def program_config() -> dict[str, str]:
    """The running program's config as the engine passes it (all keys, string values)."""
    env = get_config_env() if os.environ.get("PULUMI_CONFIG") else {}
    return {**env, **CONFIG.get()}


def current_target() -> StackTarget:
    """The target named by the running stack's config (``souverain:*`` keys)."""
    return read_target(program_config(), stack=pulumi.get_stack())


def record(
    platform: Platform,
    build: Callable[[pulumi.Resource], None],
    notes: Mapping[str, str] | None = None,
) -> None:
    """Register the root component carrying the description, and ``build`` the parts under it.

    The description is both an input (what `souverain check` reads from a plan) and an
    output (what the engine shows stack policies) of the root component; ``notes`` say
    which fields mean nothing on this target, and why.
    """
    description = platform.model_dump(mode="json")
    inputs = {"description": description, "notes": dict(sorted((notes or {}).items()))}
    root = pulumi.ComponentResource(PLATFORM_TYPE, platform.name, inputs)
    build(root)
    root.register_outputs(inputs)


def compile_adapters(
    platform: Platform, target: StackTarget, adapters: Mapping[str, Adapter] | None = None
) -> list[tuple[Adapter, Target, frozenset[Pillar]]]:
    """The adapters of a stack with their targets and pillars, checked before any resource.

    Fails with one error listing every cloud an adapter cannot reach and every feature the
    description needs that the adapter of its pillar cannot provide. ``adapters`` are used
    before the installed ones (an adapter under test need not be installed).
    """
    given = adapters or {}
    chosen = [
        (given.get(name) or load_adapter(name), routed, pillars)
        for name, (routed, pillars) in target.by_adapter().items()
    ]
    problems: list[Problem] = []
    for adapter, routed, _ in chosen:
        cloud = cloud_profile(routed.cloud)
        reason = adapter.reaches(cloud)
        if reason is not None:
            others = ", ".join(adapters_reaching(cloud)) or "none installed"
            raise SouverainError(
                f"the {adapter.name} adapter cannot deploy to {cloud.name}: {reason}; "
                f"adapters that can: {others}; fix souverain:adapter or souverain:cloud"
            )
    by_name = {adapter.name: (adapter, routed) for adapter, routed, _ in chosen}
    missing = {
        name: adapter.unsupported_features(routed) for name, (adapter, routed) in by_name.items()
    }
    for feature, where in required_features(platform).items():
        routed = target.target(feature.pillar)
        reason = missing[routed.adapter].get(feature)
        if reason is not None:
            problems.append(
                Problem(
                    where,
                    f"needs {feature}, which the {routed.adapter} adapter cannot provide "
                    f"on {routed.cloud}: {reason}",
                )
            )
    if problems:
        where = target.cloud + (f" ({target.region})" if target.region else "")
        raise SouverainError(f"{platform.name} cannot be deployed to {where}", sorted(problems))
    return chosen


def not_applied(
    platform: Platform, chosen: list[tuple[Adapter, Target, frozenset[Pillar]]]
) -> dict[str, str]:
    """The fields the description sets that mean nothing where they go, with the reason."""
    data = platform.model_dump(mode="json")
    notes: dict[str, str] = {}
    for adapter, routed, pillars in chosen:
        for path, reason in adapter.not_applicable(routed).items():
            pillar = pillar_of(path)
            if (pillar is None or pillar in pillars) and is_set(data, path):
                notes[path] = f"{adapter.name}: {reason}"
    return notes


def deploy(
    platform: Platform,
    target: StackTarget | None = None,
    adapters: Mapping[str, Adapter] | None = None,
) -> None:
    """Compile ``platform`` for ``target`` (default: the stack's) and register its resources.

    A :class:`SouverainError` becomes a :class:`pulumi.RunError`, which the engine prints
    as a plain message rather than a Python traceback; its cause is a
    :class:`NotDeployable` that keeps the description.
    """
    try:
        resolved = target or current_target()
        chosen = compile_adapters(platform, resolved, adapters)
        notes = not_applied(platform, chosen)
        keys: KeyRing = {}

        def build(root: pulumi.Resource) -> None:
            for adapter, routed, pillars in chosen:
                adapter.deploy(platform, routed, pillars, root, keys)

        record(platform, build, notes)
    except SouverainError as error:
        failure = NotDeployable(error, platform)
        failure.__cause__ = error
        raise pulumi.RunError(error.render()) from failure
