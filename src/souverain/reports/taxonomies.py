"""What each rule serves outside souverain, for every report: EU-CSF objectives, FINOS controls.

The mappings are data (``souverain/assessment/data/mappings.yaml``). SARIF carries them as
taxonomies (one per catalog, each objective or control a taxon) and as relationships of
each rule to its taxa, so code-scanning and compliance tools group findings by objective
or control; the other formats name them beside the rule. Objectives are written with the
catalog's prefix (``EU-CSF SOV-3``), so they cannot be mistaken for rule IDs (``SOV-003``).
"""

from __future__ import annotations

from typing import Any

from souverain.assessment.framework import framework
from souverain.assessment.mappings import mappings


def serves(rule_id: str) -> str:
    """``EU-CSF SOV-3 Data & AI; FINOS-CCC CCC.Core.CN06``: what a rule serves, or ``""``."""
    mapping = mappings().of(rule_id)
    if mapping is None:
        return ""
    data = framework()
    short = data.framework.short
    parts = [f"{short} {o} {data.objectives[o].short}" for o in mapping.objectives]
    controls = mappings().controls
    parts += [f"{controls.short} {c}" for c in mapping.controls]
    return "; ".join(parts)


def mapping_dict(rule_id: str) -> dict[str, list[str]]:
    """A rule's objectives and controls as plain data (empty lists when unmapped)."""
    mapping = mappings().of(rule_id)
    if mapping is None:
        return {"objectives": [], "controls": []}
    return {"objectives": list(mapping.objectives), "controls": list(mapping.controls)}


def _taxon_name(title: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in title.replace("&", "and").split())


def sarif_taxonomies() -> list[dict[str, Any]]:
    """The two taxonomies of a run: the framework's objectives, then the FINOS controls."""
    data = framework()
    info = data.framework
    controls = mappings().controls
    return [
        {
            "name": info.short,
            "fullName": f"{info.name} v{info.version}",
            "organization": info.publisher,
            "version": info.version,
            "informationUri": info.uri,
            "shortDescription": {"text": f"The eight sovereignty objectives of the {info.name}."},
            "taxa": [
                {
                    "id": objective_id,
                    "name": _taxon_name(objective.name),
                    "shortDescription": {"text": objective.name},
                    "fullDescription": {"text": objective.description},
                    "properties": {
                        "weight": data.weighting().weights[objective_id],
                        "source": objective.provenance.citation(),
                    },
                }
                for objective_id, objective in data.objectives.items()
            ],
        },
        {
            "name": controls.short,
            "fullName": controls.catalog,
            "organization": controls.organization,
            "informationUri": controls.uri,
            "shortDescription": {"text": f"Controls of the {controls.catalog} rules map to."},
            "properties": {"source": controls.provenance.citation()},
            "taxa": [
                {
                    "id": control_id,
                    "name": _taxon_name(control.title),
                    "shortDescription": {"text": control.title},
                    "fullDescription": {"text": control.objective},
                    "properties": {"catalog": control.catalog},
                }
                for control_id, control in sorted(controls.entries.items())
            ],
        },
    ]


def supported_taxonomies() -> list[dict[str, Any]]:
    """References from the tool to the run's taxonomies, by name and index."""
    return [{"name": t["name"], "index": i} for i, t in enumerate(sarif_taxonomies())]


def sarif_relationships(rule_id: str) -> list[dict[str, Any]]:
    """A rule's relationships to the taxa it serves (none for an unmapped rule)."""
    mapping = mappings().of(rule_id)
    if mapping is None:
        return []
    objectives = list(framework().objectives)
    controls = sorted(mappings().controls.entries)
    found = [
        _relationship(o, objectives.index(o), framework().framework.short, 0)
        for o in mapping.objectives
    ]
    found += [
        _relationship(c, controls.index(c), mappings().controls.short, 1) for c in mapping.controls
    ]
    return found


def _relationship(taxon: str, index: int, taxonomy: str, taxonomy_index: int) -> dict[str, Any]:
    return {
        "target": {
            "id": taxon,
            "index": index,
            "toolComponent": {"name": taxonomy, "index": taxonomy_index},
        },
        "kinds": ["relevant"],
    }
