"""The levels table and the rule catalogue agree: no rule is silently off everywhere."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from souverain.model.classification import SovereigntyLevel
from souverain.rules.catalogue import RULES
from souverain.rules.levels import DEFAULT_LEVEL, Enforcement, level_table, resolve_level

RULES_DIR = Path(__file__).resolve().parents[2] / "src" / "souverain" / "rules"


@pytest.mark.parametrize("rule", RULES, ids=[r.ID for r in RULES])
def test_every_rule_is_enforced_at_the_strictest_level(rule):
    strictest = level_table().levels[max(SovereigntyLevel)]
    assert strictest.enforcement(rule.ID) is not Enforcement.DISABLED, (
        f"{rule.ID} is missing from levels.yaml: it would be disabled at every level"
    )


def test_the_levels_table_names_only_known_rules():
    known = {rule.ID for rule in RULES}
    for name, level in level_table().levels.items():
        listed = set(level.mandatory) | set(level.advisory)
        assert listed <= known, f"{name} names unknown rules {sorted(listed - known)}"
        assert not set(level.mandatory) & set(level.advisory), name


def test_one_default_level():
    assert resolve_level("european") is DEFAULT_LEVEL


def test_no_rule_module_names_a_provider_type_or_property():
    """Rules judge kinds; provider tokens and property names live in the mapping files."""
    offenders = []
    for module in sorted(RULES_DIR.glob("sov*.py")):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if any(
                    f"{pkg}:" in text for pkg in ("openstack", "aws", "azure", "gcp", "kubernetes")
                ):
                    offenders.append(f"{module.name}: {text!r}")
    assert not offenders, offenders
