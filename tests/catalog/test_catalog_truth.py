"""What the review of the catalog changed: each verdict-changing fact pinned by a test."""

from __future__ import annotations

from datetime import date

from souverain.adapters.features import Feature
from souverain.catalog.gpus import gpu_models, satisfies
from souverain.catalog.staleness import stale_facts
from souverain.catalog.store import clouds, using_project
from souverain.target import Target
from souverain_openstack.adapter import OpenStackAdapter
from tests.conftest import PROJECT


def test_the_catalog_has_at_least_23_profiles():
    assert len(clouds()) >= 23


def test_ovhcloud_exposure_is_recorded_as_disputed_with_both_sides():
    (exposure,) = clouds()["ovhcloud"].company.exposures
    assert exposure.provenance.disputed
    assert "Ontario" in exposure.provenance.note and "19.6" in exposure.provenance.note
    assert "heise.de" in exposure.provenance.source


def test_ovhcloud_hds_holds_under_two_conditions():
    hds = clouds()["ovhcloud"].certification("HDS")
    assert hds is not None
    assert [c.id for c in hds.conditions] == ["hds-support-level", "hds-project-option"]


def test_scs_compatibility_holds_only_where_the_scs_tests_run():
    syseleven = clouds()["syseleven"]
    assert syseleven.scs_compatible_in("dus2") and syseleven.scs_compatible_in("ham1")
    assert not any(syseleven.scs_compatible_in(r) for r in ("cbk", "dbl", "fes"))
    assert not clouds()["ovhcloud"].scs_compatible_in("GRA11")


def _generic_target() -> Target:
    options = {"cloud": "x", "externalNetwork": "public"}
    return Target(adapter="openstack", cloud="generic-openstack", region="R", options=options)


def test_the_shipped_generic_profile_assumes_no_key_manager_and_no_swift(tmp_path):
    with using_project(tmp_path):  # no project catalog: the packaged profile alone
        missing = OpenStackAdapter().unsupported_features(_generic_target())
    assert Feature.CUSTOMER_KEYS in missing and Feature.OBJECT_STORAGE in missing
    assert "no Barbican key manager in the catalog" in missing[Feature.CUSTOMER_KEYS]


def test_this_project_states_what_its_generic_targets_offer():
    with using_project(PROJECT):
        missing = OpenStackAdapter().unsupported_features(_generic_target())
    assert Feature.CUSTOMER_KEYS not in missing and Feature.OBJECT_STORAGE not in missing


def test_non_eu_regions_of_european_clouds_are_catalogued():
    assert clouds()["ovhcloud"].region("BHS5").country == "CA"
    assert clouds()["ionos"].region("us/las").country == "US"


def test_gpu_parts_are_split_under_a_family_name():
    models = gpu_models()
    assert models["H100"].parts == ["H100-SXM", "H100-PCIE"]
    assert satisfies("H100", "H100-PCIE") and satisfies("H100", "H100")
    assert not satisfies("H100-SXM", "H100-PCIE") and not satisfies("H100", "H100-NVL")
    assert models["V100"].parts == ["V100-16G", "V100-32G"]
    assert models["A30"].hbm
    otc = clouds()["open-telekom-cloud"]
    assert {f.gpu for f in otc.flavors_for("H100", "eu-de")} == {"H100-PCIE"}
    assert otc.flavors_for("H100-SXM", "eu-de") == []


def test_gpu_feature_discovery_labels_are_sourced_or_missing():
    models = gpu_models()
    assert models["H100-SXM"].gpu_product.values == ["NVIDIA-H100-80GB-HBM3"]
    assert models["L4"].gpu_product.values == ["NVIDIA-L4"]
    assert models["A30"].gpu_product is None  # no source shows it: missing, not guessed
    for model in models.values():
        if model.gpu_product is not None:
            assert model.gpu_product.provenance.source and model.gpu_product.provenance.date


def test_managed_kubernetes_is_limited_to_the_regions_that_offer_it():
    service = clouds()["cloudferro"].services["managed_kubernetes"]
    assert service.offered_in("FRA1-3") and not service.offered_in("WAW3-1")


def test_non_openstack_clouds_name_the_api_they_speak():
    apis = {cloud_id: clouds()[cloud_id].api for cloud_id in ("scaleway", "outscale", "ionos")}
    assert apis == {"scaleway": "scaleway", "outscale": "outscale", "ionos": "ionos"}
    assert clouds()["local-kubernetes"].api == clouds()["generic-kubernetes"].api == "kubernetes"


def test_stale_facts_are_listed_oldest_first():
    facts = stale_facts(365, date(2026, 11, 30))
    assert facts and all(f.age_days is None or f.age_days > 365 for f in facts)
    ages = [f.age_days for f in facts if f.age_days is not None]
    assert ages == sorted(ages, reverse=True)
    assert not [f for f in stale_facts(10**6, date(2026, 11, 30)) if f.profile != "cloud aws"]


def test_sustainability_figures_keep_their_own_sources_and_disputes():
    aws = clouds()["aws"].sustainability
    assert aws.pue.value == 1.14 and aws.pue.provenance.confidence == "high"
    assert aws.renewable_share.provenance.disputed
    assert "22%" in aws.renewable_share.provenance.note
    assert "global" in aws.pue.scope  # a group-wide average, not the region's


def test_who_supports_an_offering_is_recorded_only_where_a_source_says():
    operations = clouds()["aws-european-sovereign-cloud"].operations
    assert operations.support == "eu" and "whitepaper" in operations.provenance.source
    assert clouds()["aws"].operations is None and clouds()["ovhcloud"].operations is None
