"""Resolving (GPU model, count) to a cloud's flavor in a region."""

from __future__ import annotations

import pytest

from souverain.catalog.resolve import check_region, cloud_profile, resolve_flavor
from souverain.catalog.store import clouds
from souverain.errors import SouverainError


def test_h100_on_ovhcloud_gra():
    assert resolve_flavor(clouds()["ovhcloud"], "GRA11", "H100", 1, {}) == "h100-380"


def test_h100_on_open_telekom_cloud_eu_de():
    otc = clouds()["open-telekom-cloud"]
    assert resolve_flavor(otc, "eu-de", "H100", 1, {}) == "p5s.5xlarge.12"
    assert resolve_flavor(otc, "eu-de", "H100", 4, {}) == "p5s.20xlarge.12"


def test_cheapest_exact_fit_wins():
    otc = clouds()["open-telekom-cloud"]
    # pi5e.2xlarge.4 (8 vCPU) and pi5e.4xlarge.4 (16 vCPU) both give 1 x L4.
    assert resolve_flavor(otc, "eu-de", "L4", 1, {}) == "pi5e.2xlarge.4"


def test_missing_gpu_lists_what_the_region_has():
    with pytest.raises(SouverainError) as caught:
        resolve_flavor(clouds()["cloudferro"], "WAW3-1", "H100", 1, {})
    message = str(caught.value)
    assert "has no flavor with 1 x H100" in message
    assert "vm.a6000.1 (1 x RTX-A6000 vGPU)" in message


def test_missing_count_lists_the_other_counts():
    with pytest.raises(SouverainError, match=r"h100-760 \(2 x H100\)"):
        resolve_flavor(clouds()["ovhcloud"], "GRA11", "H100", 3, {})


def test_stack_override_wins_and_scs_names_are_checked():
    generic = clouds()["generic-openstack"]
    assert resolve_flavor(generic, "RegionOne", "H100", 1, {"H100": "SCS-8V-64_GNg-132-80h"}) == (
        "SCS-8V-64_GNg-132-80h"
    )
    with pytest.raises(SouverainError, match="states a ampere GPU"):
        resolve_flavor(generic, "RegionOne", "H100", 1, {"H100": "SCS-8V-64_GNa-108h-80h"})
    with pytest.raises(SouverainError, match="RAM part"):
        resolve_flavor(generic, "RegionOne", "H100", 1, {"H100": "SCS-8V-lots_GNg-132-80h"})


def test_unknown_cloud_and_region_get_suggestions():
    with pytest.raises(SouverainError, match="did you mean 'ovhcloud'"):
        cloud_profile("ovh-cloud")
    with pytest.raises(SouverainError, match="known: BHS5, DE1, EU-SOUTH-MIL, EU-WEST-PAR, GRA11"):
        check_region(clouds()["ovhcloud"], "SGP1")
    check_region(clouds()["generic-openstack"], "anything")  # generic accepts every region
