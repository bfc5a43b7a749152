"""Every rule against its fixtures: tests/rules/<ID>/{pass,fail}/*.yaml.

A fixture may also say where the stack's state and secrets live (``state``: backend URL,
secrets provider, and where each was read). A pass fixture must yield no violation; a fail fixture must yield exactly the listed
locations, each message containing the listed text. Every rule has at least one of each.
Resources are engine-shaped (wire property names); ``depends`` records a property
dependency on an earlier resource of the fixture, by name.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from souverain.rules.catalogue import RULES, rule_by_id
from souverain.testing import as_resource, check_rule, provider, resource
from tests.conftest import MINIMAL

HERE = Path(__file__).parent
FIXTURES = sorted(HERE.glob("SOV-*/*/*.yaml"))


def load(path: Path) -> tuple[list[Any], dict[str, Any] | None, dict[str, Any], list[list[str]]]:
    data = yaml.safe_load(path.read_text()) or {}
    providers = {
        key: provider(spec.pop("package"), key, **spec)
        for key, spec in (data.get("providers") or {}).items()
    }
    resources = []
    by_name = {}
    for item in data.get("resources") or []:
        if "provider" in item:
            resources.append(as_resource(providers[item["provider"]]))
            continue
        made = resource(
            item["type"],
            item.get("props"),
            name=item.get("name"),
            protect=item.get("protect", False),
            via=providers.get(item.get("via", "")),
            depends={key: by_name[name] for key, name in (item.get("depends") or {}).items()},
        )
        by_name[made.name] = made
        resources.append(made)
    description = None
    if "description" in data:
        description = {**copy.deepcopy(MINIMAL), **(data["description"] or {})}
    context = dict(data.get("context") or {})
    if "state" in data:
        context["state"] = data["state"]
    return resources, description, context, data.get("expect") or []


@pytest.mark.parametrize(
    "path", FIXTURES, ids=[f"{p.parent.parent.name}-{p.parent.name}-{p.stem}" for p in FIXTURES]
)
def test_rule_fixture(path: Path):
    rule = rule_by_id(path.parent.parent.name)
    resources, description, context, expect = load(path)
    found = check_rule(rule, resources, description, **context)
    if path.parent.name == "pass":
        assert found == set(), f"{path.name}: unexpected {found}"
        return
    assert {loc for loc, _ in found} == {loc for loc, _ in expect}, found
    for location, text in expect:
        messages = [m for loc, m in found if loc == location]
        assert any(text in m for m in messages), f"{location}: {text!r} not in {messages}"


@pytest.mark.parametrize("rule", RULES, ids=[r.ID for r in RULES])
def test_every_rule_has_passing_and_failing_fixtures(rule):
    assert list((HERE / rule.ID / "pass").glob("*.yaml")), f"{rule.ID} has no pass fixture"
    assert list((HERE / rule.ID / "fail").glob("*.yaml")), f"{rule.ID} has no fail fixture"
