"""Every catalog fact carries a source and a confidence; a fact without one does not load."""

from __future__ import annotations

import copy

import pytest
import yaml
from pydantic import BaseModel, ValidationError

from souverain.catalog.clouds import Cloud
from souverain.catalog.gpus import gpu_models
from souverain.catalog.provenance import Provenance
from souverain.catalog.store import clouds

REQUIRED = {
    "ovhcloud", "open-telekom-cloud", "cleura", "elastx", "cloudferro", "binero", "syseleven",
    "plusserver", "infomaniak", "fuga", "aws", "azure", "gcp", "generic-openstack",
}  # fmt: skip


def facts(node: object, path: str = ""):
    """Yield (path, model) for every fact-bearing model under ``node``."""
    if isinstance(node, BaseModel):
        if "provenance" in type(node).model_fields:
            yield path, node
        for name in type(node).model_fields:
            yield from facts(getattr(node, name), f"{path}.{name}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from facts(item, f"{path}[{i}]")


def test_catalog_covers_the_required_clouds():
    assert set(clouds()) >= REQUIRED


@pytest.mark.parametrize("cloud_id", sorted(REQUIRED))
def test_every_fact_has_a_source_and_a_confidence(cloud_id):
    cloud = clouds()[cloud_id]
    found = list(facts(cloud))
    assert found, "a cloud with no sourced fact"
    for path, fact in found:
        provenance = fact.provenance
        assert isinstance(provenance, Provenance), path
        assert provenance.source.strip(), path
        assert provenance.confidence, path


def test_every_region_flavor_and_certification_is_a_sourced_fact():
    for cloud in clouds().values():
        for field in ("regions", "gpu_flavors", "certifications"):
            for item in getattr(cloud, field):
                assert item.provenance.source


def test_gpu_models_are_sourced():
    for model in gpu_models().values():
        assert model.provenance.source and model.provenance.confidence


def test_a_fact_without_provenance_does_not_load():
    data = yaml.safe_load(clouds()["ovhcloud"].model_dump_json())
    broken = copy.deepcopy(data)
    del broken["gpu_flavors"][0]["provenance"]
    with pytest.raises(ValidationError, match="provenance"):
        Cloud.model_validate(broken)
    broken = copy.deepcopy(data)
    broken["regions"][0]["provenance"] = {"source": "somewhere"}
    with pytest.raises(ValidationError, match="confidence"):
        Cloud.model_validate(broken)


def test_disputed_facts_must_say_why():
    with pytest.raises(ValidationError, match="disputed"):
        Provenance(source="two pages", confidence="disputed")
    assert Provenance(source="two pages", confidence="disputed", note="1 vs 4 GPUs").note


def test_flavors_name_known_gpus_and_catalogued_regions():
    data = yaml.safe_load(clouds()["open-telekom-cloud"].model_dump_json())
    data["gpu_flavors"][0]["regions"] = ["eu-ch2"]
    with pytest.raises(ValidationError, match="not catalogued"):
        Cloud.model_validate(data)
    data["gpu_flavors"][0].update(regions=[], gpu="H1000")
    with pytest.raises(ValidationError, match="unknown GPU model"):
        Cloud.model_validate(data)


def test_certification_scope_is_explicit():
    ovh = clouds()["ovhcloud"]
    assert ovh.certified("HDS")
    assert not ovh.certified("SecNumCloud")  # held for its VMware offer, not this profile


def test_non_european_references_are_exposed_to_extraterritorial_law():
    for cloud_id in ("aws", "azure", "gcp"):
        company = clouds()[cloud_id].company
        assert company is not None and company.jurisdiction == "us"
        assert any("CLOUD Act" in law for law in company.extraterritorial_laws)
