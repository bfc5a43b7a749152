"""The framework as data: typed, sourced, weights that sum to 100%, IDs that cannot be mixed up."""

from __future__ import annotations

import copy
from importlib import resources

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from souverain.assessment.framework import (
    OBJECTIVES,
    Framework,
    ObjectiveId,
    RuleId,
    Weighting,
    framework,
)
from souverain.assessment.mappings import Mappings, mappings
from souverain.assessment.probes import PROBES, problems
from souverain.assessment.technology import technologies
from souverain.catalog.provenance import DatedProvenance
from souverain.documents import parse_yaml
from souverain.errors import SouverainError
from souverain.rules.catalogue import RULES


def _raw() -> dict:
    text = resources.files("souverain.assessment").joinpath("data/objectives.yaml").read_text()
    return parse_yaml(text, "objectives.yaml")


def _entries(node: object, path: str = ""):
    """Every model in the data that stands for an entry: it has a provenance field."""
    if isinstance(node, BaseModel):
        if "provenance" in type(node).model_fields:
            yield path, node
        for name in type(node).model_fields:
            yield from _entries(getattr(node, name), f"{path}.{name}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _entries(item, f"{path}[{i}]")
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _entries(value, f"{path}.{key}")


def test_the_data_loads_into_typed_models_in_the_frameworks_order():
    data = framework()
    assert list(data.objectives) == [f"SOV-{n}" for n in range(1, 9)]
    assert [s.level for s in data.seal_levels] == [0, 1, 2, 3, 4]
    assert data.framework.version == "1.2.1"
    assert "09579818-64a6-4dd5-9577-446ab6219113" in data.framework.uri


@pytest.mark.parametrize("source", [framework, technologies, mappings])
def test_every_entry_carries_a_dated_source(source):
    found = list(_entries(source()))
    assert found
    for path, entry in found:
        provenance = entry.provenance
        assert isinstance(provenance, DatedProvenance), path
        assert len(provenance.source) > 10 and provenance.date is not None, path


def test_every_objective_and_criterion_is_an_entry_with_a_source():
    paths = {path for path, _ in _entries(framework())}
    for objective_id, objective in framework().objectives.items():
        assert f".objectives.{objective_id}" in paths
        for i in range(len(objective.criteria)):
            assert f".objectives.{objective_id}.criteria[{i}]" in paths


@pytest.mark.parametrize(
    "drop",
    [
        lambda d: d["objectives"]["SOV-2"]["criteria"][1].pop("provenance"),
        lambda d: d["objectives"]["SOV-5"].pop("provenance"),
        lambda d: d["seal_levels"][3].pop("provenance"),
        lambda d: d["weightings"]["v1.2.1"].pop("provenance"),
        lambda d: d["objectives"]["SOV-8"].pop("requirements_provenance"),
    ],
)
def test_an_entry_without_a_source_does_not_load(drop):
    data = copy.deepcopy(_raw())
    drop(data)
    with pytest.raises(ValidationError, match="provenance"):
        Framework.model_validate(data)


def test_the_weights_sum_to_100_percent_in_every_weighting():
    for name, weighting in framework().weightings.items():
        assert sum(weighting.weights.values()) == 100, name
        assert list(weighting.weights) == list(OBJECTIVES), name


def test_the_default_weights_are_those_of_the_v1_2_1_framework_as_misp_carries_them():
    # MISP/misp-taxonomies sov/machinetag.json, predicate "weight": sov-1-15 ... sov-8-5.
    weights = framework().weighting().weights
    assert list(weights.values()) == [15, 10, 10, 15, 20, 15, 10, 5]
    assert framework().weightings["v1.2.1"].provenance.disputed  # the calculator says otherwise


def test_weights_that_do_not_sum_to_100_are_refused():
    weighting = _raw()["weightings"]["v1.2.1"] | {"weights": dict.fromkeys(OBJECTIVES, 12)}
    with pytest.raises(ValidationError, match="sum to 96%"):
        Weighting.model_validate(weighting)


def test_objective_ids_and_rule_ids_cannot_be_mistaken_for_each_other():
    objective, rule = TypeAdapter(ObjectiveId), TypeAdapter(RuleId)
    for rule_class in RULES:
        rule.validate_python(rule_class.ID)
        with pytest.raises(ValidationError):
            objective.validate_python(rule_class.ID)
    for objective_id in OBJECTIVES:
        with pytest.raises(ValidationError):
            rule.validate_python(objective_id)


def test_every_rule_is_mapped_to_objectives_and_named_controls():
    data = mappings()
    assert {r.ID for r in RULES} == set(data.rules)
    for rule_id, mapping in data.rules.items():
        assert mapping.objectives, rule_id
        assert all(c in data.controls.entries for c in mapping.controls), rule_id
    assert data.of("SOV-002").controls == ["CCC.Core.CN06"]
    assert "CCC.Core.CN11" in data.of("SOV-004").controls


def test_a_mapping_naming_an_unlisted_control_or_a_rule_as_objective_is_refused():
    text = resources.files("souverain.assessment").joinpath("data/mappings.yaml").read_text()
    raw = parse_yaml(text, "mappings.yaml")
    unlisted = copy.deepcopy(raw)
    unlisted["rules"]["SOV-002"]["controls"] = ["CCC.Core.CN99"]
    with pytest.raises(ValidationError, match="not listed"):
        Mappings.model_validate(unlisted)
    confused = copy.deepcopy(raw)
    confused["rules"]["SOV-002"]["objectives"] = ["SOV-003"]
    with pytest.raises(ValidationError):
        Mappings.model_validate(confused)


def test_every_criterion_names_a_probe_and_maps_every_outcome_it_can_return():
    assert problems(framework()) == []
    used = {c.evidence for o in framework().objectives.values() for c in o.criteria}
    assert used == set(PROBES)


def test_data_that_does_not_fit_the_probes_is_refused_with_each_problem():
    data = copy.deepcopy(_raw())
    criteria = data["objectives"]["SOV-2"]["criteria"]
    criteria[0]["evidence"] = "nothing-reads-this"
    criteria[1]["answers"][0]["when"] = []  # "exposed" no longer maps to an answer
    found = [str(p) for p in problems(Framework.model_validate(data))]
    assert found == [
        "SOV-2 governing-law: no probe named 'nothing-reads-this'",
        "SOV-2 extraterritorial-laws: outcomes ['exposed'] of extraterritorial-reach map to no answer",
    ]
    from souverain.assessment.probes import checked

    with pytest.raises(SouverainError, match="does not fit the probes"):
        checked(Framework.model_validate(data))


def test_each_objective_lists_every_calculator_criterion_once():
    counts = {
        "SOV-1": 8,
        "SOV-2": 6,
        "SOV-3": 5,
        "SOV-4": 6,
        "SOV-5": 7,
        "SOV-6": 5,
        "SOV-7": 7,
        "SOV-8": 4,
    }
    for objective_id, objective in framework().objectives.items():
        numbers = sorted(
            [c.calculator for c in objective.criteria]
            + [n.calculator for n in objective.not_assessed]
        )
        assert numbers == list(range(1, counts[objective_id] + 1)), objective_id


def test_an_unknown_fact_takes_the_lowest_answer_of_a_criterion():
    for objective in framework().objectives.values():
        for criterion in objective.criteria:
            lowest = criterion.unknown_answer
            assert lowest.seal == min(a.seal for a in criterion.answers)
            assert lowest.points == 0
