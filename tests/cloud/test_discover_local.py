"""`souverain discover` against the local OpenStack: its GPU flavors and services, read live."""

from __future__ import annotations

import pytest

from souverain.catalog.clouds import GpuMode
from souverain.catalog.discover import profile, read_cloud

pytestmark = pytest.mark.cloud


def test_discover_reads_the_local_cloud(local_cloud, monkeypatch):
    monkeypatch.setenv("OS_CLIENT_CONFIG_FILE", str(local_cloud))
    found = profile(read_cloud("local"), "local", as_of="2026-11-29")
    flavors = {f.name: f for f in found.gpu_flavors}
    assert (flavors["h100-380"].gpu, flavors["h100-380"].gpu_count) == ("H100", 1)
    assert (flavors["h100-760"].gpu, flavors["h100-760"].gpu_count) == ("H100", 2)
    assert flavors["l4-90"].gpu == "L4"
    assert flavors["SCS-16V-128-200s_GNg-132-80h"].gpu == "H100-SXM"
    assert flavors["SCS-8V-32-50s_gNl-58-24"].mode is GpuMode.VGPU
    assert "SCS-2V-4-20s" not in flavors  # no GPU
    assert found.offers("key_manager", "barbican") and found.offers("object_storage", "swift")
