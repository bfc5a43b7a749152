"""Every catalog fact carries a source, a date and a confidence.

A fact without a source or a confidence does not load; one without a date loads (a profile
kept elsewhere is not refused) but fails the test below.
"""

from __future__ import annotations

import copy
from importlib import resources
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from souverain.catalog.clouds import Cloud
from souverain.catalog.gpus import gpu_models
from souverain.catalog.provenance import Provenance
from souverain.catalog.staleness import dated_facts
from souverain.catalog.store import clouds

REQUIRED = {
    "ovhcloud", "open-telekom-cloud", "cleura", "elastx", "cloudferro", "binero", "syseleven",
    "plusserver", "infomaniak", "fuga", "aws", "azure", "gcp", "generic-openstack",
    "cloud-and-heat", "cnds", "regio-cloud", "scaleup", "leafcloud", "open-telekom-cloud-swiss",
    "ovhcloud-bare-metal-pod", "outscale", "outscale-cloudgouv", "scaleway", "stackit", "ionos",
    "cloud-temple", "s3ns", "local-kubernetes", "generic-kubernetes",
}  # fmt: skip
PACKAGED = sorted(
    p.stem
    for p in Path(str(resources.files("souverain.catalog").joinpath("data/clouds"))).iterdir()
)


def test_catalog_covers_the_required_clouds():
    assert set(clouds()) >= REQUIRED


@pytest.mark.parametrize("cloud_id", PACKAGED)
def test_every_fact_has_a_source_a_date_and_a_confidence(cloud_id):
    cloud = clouds()[cloud_id]
    found = list(dated_facts(cloud))
    assert found, "a cloud with no sourced fact"
    for path, provenance in found:
        assert provenance.source.strip(), path
        assert provenance.confidence, path
        assert provenance.date is not None, f"{path}: no date"


def test_every_gpu_model_fact_has_a_date():
    for model in gpu_models().values():
        for path, provenance in dated_facts(model):
            assert provenance.date is not None, f"{model.name}{path}"


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
    with pytest.raises(ValidationError, match=r"gpu_flavors\.0\.regions"):
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
