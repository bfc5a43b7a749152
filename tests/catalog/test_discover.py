"""`souverain discover` through the real openstacksdk against a replayed Keystone and Nova."""

from __future__ import annotations

import pytest
import yaml

from souverain.catalog.clouds import Cloud, GpuMode
from souverain.catalog.discover import profile, read_cloud, render
from souverain.errors import SouverainError
from tests.catalog.openstack_replay import REGION, ReplayCloud


def clouds_yaml(tmp_path, monkeypatch, auth_url: str) -> None:
    config = {"clouds": {"replay": {
        "auth_type": "password", "identity_api_version": 3, "region_name": REGION,
        "auth": {"auth_url": auth_url, "username": "demo", "password": "secret",
                 "project_name": "demo", "user_domain_name": "Default",
                 "project_domain_name": "Default"},
    }}}  # fmt: skip
    path = tmp_path / "clouds.yaml"
    path.write_text(yaml.safe_dump(config))
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(path))
    for var in ("OS_CLOUD", "OS_AUTH_URL", "OS_PASSWORD", "OS_USERNAME"):
        monkeypatch.delenv(var, raising=False)


def test_discovery_reads_gpu_flavors_and_services(tmp_path, monkeypatch):
    with ReplayCloud(["key-manager", "object-store"]) as cloud:
        clouds_yaml(tmp_path, monkeypatch, cloud.auth_url)
        live = read_cloud("replay")
    discovered = profile(live, "replay", as_of="2026-11-29")
    flavors = {f.name: f for f in discovered.gpu_flavors}
    assert sorted(flavors) == [
        "SCS-16V-128-200s_GNg-132-80h", "SCS-8V-32_gNl-58-24", "gpu.h100.x2", "vgpu.l4.small",
    ]  # fmt: skip
    assert (flavors["gpu.h100.x2"].gpu, flavors["gpu.h100.x2"].gpu_count) == ("H100", 2)
    # an alias that names no model: the SCS name says what it is, down to the part
    assert flavors["SCS-16V-128-200s_GNg-132-80h"].gpu == "H100-SXM"
    assert flavors["vgpu.l4.small"].mode is GpuMode.VGPU and flavors["vgpu.l4.small"].gpu == "L4"
    assert flavors["SCS-8V-32_gNl-58-24"].mode is GpuMode.VGPU
    assert flavors["gpu.h100.x2"].ram_gib == 256
    assert discovered.services["key_manager"].available
    assert discovered.services["object_storage"].available
    assert discovered.regions[0].code == REGION


def test_missing_services_are_recorded_as_missing(tmp_path, monkeypatch):
    with ReplayCloud([]) as cloud:
        clouds_yaml(tmp_path, monkeypatch, cloud.auth_url)
        discovered = profile(read_cloud("replay"), "replay", as_of="2026-11-29")
    assert not discovered.services["key_manager"].available
    assert not discovered.offers("key_manager", "barbican")


def test_written_profile_loads_back_as_a_catalog_file(tmp_path, monkeypatch):
    with ReplayCloud(["key-manager"]) as cloud:
        clouds_yaml(tmp_path, monkeypatch, cloud.auth_url)
        discovered = profile(read_cloud("replay"), "replay", as_of="2026-11-29")
    text = yaml.safe_dump(render(discovered), sort_keys=True)
    again = Cloud.model_validate(yaml.safe_load(text))
    assert again == discovered
    assert all("souverain discover" in f.provenance.source for f in again.gpu_flavors)


def test_unreachable_cloud_is_a_clear_error(tmp_path, monkeypatch):
    clouds_yaml(tmp_path, monkeypatch, "http://127.0.0.1:9/identity/v3")
    with pytest.raises(SouverainError, match="cannot read cloud 'replay'"):
        read_cloud("replay")
