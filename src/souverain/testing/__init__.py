"""Helpers and a pytest fixture for rule authors: write a rule, give resources, assert violations.

No CLI, no cloud, no Pulumi engine::

    def test_my_rule(rule_check):
        bucket = resource("openstack:objectstorage/container:Container", {"metadata": {}})
        assert rule_check(MyRule, [bucket]) == {("bucket", "the container names no ...")}

Registered as a pytest plugin (entry point ``pytest11``), so installing souverain makes
the ``rule_check`` fixture available in any project.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pytest

from souverain.model.ai_platform import Platform
from souverain.reports.common import short_location
from souverain.rules.context import RuleContext
from souverain.rules.evaluate import violations_of
from souverain.rules.levels import resolve_level
from souverain.rules.model import Rule
from souverain.state import StateSettings
from souverain.vocabulary.judge import judge
from souverain.vocabulary.views import ProviderView, ResourceView

STACK = "test"
PROJECT = "project"


def provider(package: str, name: str = "default", **props: Any) -> ProviderView:
    """A provider object of ``package`` (``aws``, ``openstack``...) with its properties."""
    return ProviderView(
        urn=f"urn:pulumi:{STACK}::{PROJECT}::pulumi:providers:{package}::{name}",
        type=f"pulumi:providers:{package}",
        props=props,
    )


def resource(
    type_: str,
    props: Mapping[str, Any] | None = None,
    *,
    name: str | None = None,
    protect: bool = False,
    via: ProviderView | None = None,
    depends: Mapping[str, ResourceView] | None = None,
) -> ResourceView:
    """A resource as a policy sees it; ``name`` defaults to the last part of the type.

    ``depends`` maps a property to the resource its value comes from (an attachment's
    ``bucket``, say), as the engine records property dependencies.
    """
    label = name or type_.rsplit(":", 1)[-1].lower()
    return ResourceView(
        urn=f"urn:pulumi:{STACK}::{PROJECT}::{type_}::{label}",
        type=type_,
        name=label,
        props=dict(props or {}),
        protect=protect,
        provider=via,
        property_dependencies={key: (target.urn,) for key, target in (depends or {}).items()},
    )


def as_resource(view: ProviderView) -> ResourceView:
    """A provider object as a resource of its own (the engine checks providers too)."""
    return ResourceView(view.urn, view.type, view.urn.rsplit("::", 1)[-1], view.props)


def check_rule(
    rule: type[Rule],
    resources: Iterable[ResourceView] = (),
    description: Platform | Mapping[str, Any] | None = None,
    level: str = "strict",
    state: StateSettings | Mapping[str, Any] | None = None,
    **context: Any,
) -> set[tuple[str, str]]:
    """Run one rule; return ``(location, message)`` pairs, locations shortened to names/paths.

    ``state`` is where the stack's state and secrets live (``backend``, ``secretsProvider``
    and where each was read), for rules that judge it.
    """
    platform = (
        Platform.model_validate(description) if isinstance(description, Mapping) else description
    )
    settings = StateSettings.model_validate(state) if isinstance(state, Mapping) else state
    ctx = RuleContext(level=resolve_level(level), **context)
    violations, _ = violations_of(rule(), judge(list(resources)), platform, ctx, settings)
    return {(short_location(v.location), v.message) for v in violations}


@pytest.fixture
def rule_check() -> Any:
    """The :func:`check_rule` helper, as a fixture."""
    return check_rule
