"""What makes the loopback cloud look like a European GPU cloud.

Flavors, an image, an external network and quotas; and the clouds.yaml that points at it.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import yaml
from config import REGION, url
from identity import DEMO_PASSWORD, DEMO_PROJECT, DEMO_USER, admin_connection

IMAGE = "Ubuntu 24.04"
EXTERNAL_NETWORK = "public"
# name: (vCPUs, RAM GiB, disk GB, extra specs). Provider-style names as OVHcloud spells
# them, and scs-0100 names; each asks for the GPU its name states.
FLAVORS: dict[str, tuple[int, int, int, dict[str, str]]] = {
    "h100-380": (30, 380, 200, {"pci_passthrough:alias": "nvidia-h100:1"}),
    "h100-760": (60, 760, 200, {"pci_passthrough:alias": "nvidia-h100:2"}),
    "l4-90": (22, 90, 100, {"pci_passthrough:alias": "nvidia-l4:1"}),
    "SCS-16V-128-200s_GNg-132-80h": (16, 128, 200, {"pci_passthrough:alias": "nvidia-h100:1"}),
    "SCS-8V-32-100s_GNl-58-24": (8, 32, 100, {"pci_passthrough:alias": "nvidia-l4:1"}),
    # (flavor names are unique case-insensitively: the vGPU twin differs in its disk too)
    "SCS-8V-32-50s_gNl-58-24": (8, 32, 50, {"resources:VGPU": "1"}),
    "SCS-2V-4-20s": (2, 4, 20, {}),
}


def prepare(conn: Any = None) -> None:
    """Idempotently create flavors, the image, the external network and open quotas."""
    conn = conn or admin_connection()
    for name, (vcpus, ram_gib, disk, specs) in FLAVORS.items():
        flavor = conn.compute.find_flavor(name)
        if flavor is None:
            flavor = conn.compute.create_flavor(
                name=name, vcpus=vcpus, ram=ram_gib * 1024, disk=disk
            )
        specs = {**specs, "scs:name-v2": name} if name.startswith("SCS-") else specs
        if specs:
            conn.compute.create_flavor_extra_specs(flavor, specs)
    if conn.image.find_image(IMAGE) is None:
        conn.create_image(
            IMAGE, data=io.BytesIO(b"\0" * 1024 * 1024), disk_format="raw", container_format="bare",
            visibility="public", wait=True, meta={"os_distro": "ubuntu", "os_version": "24.04"},
        )  # fmt: skip
    network = conn.network.find_network(EXTERNAL_NETWORK)
    if network is None:
        network = conn.network.create_network(
            name=EXTERNAL_NETWORK, is_router_external=True, is_shared=False,
            provider_network_type="flat", provider_physical_network="public",
        )  # fmt: skip
        # TEST-NET-3 (RFC 5737): documentation addresses; nothing here is routed anywhere.
        conn.network.create_subnet(
            network_id=network.id, name=f"{EXTERNAL_NETWORK}-v4", cidr="203.0.113.0/24",
            ip_version=4, gateway_ip="203.0.113.1", is_dhcp_enabled=False,
            allocation_pools=[{"start": "203.0.113.10", "end": "203.0.113.250"}],
        )  # fmt: skip
    project = conn.identity.find_project(DEMO_PROJECT)
    conn.set_compute_quotas(project.id, instances=-1, cores=-1, ram=-1, key_pairs=-1, server_groups=-1,
                            server_group_members=-1)  # fmt: skip


def write_client_config(root: Path) -> Path:
    """A clouds.yaml with the `local` entry (the demo project) and `local-admin`."""

    def entry(user: str, password: str, project: str) -> dict[str, Any]:
        return {
            "region_name": REGION, "identity_api_version": 3,
            "auth": {"auth_url": url("keystone", "/v3"), "username": user, "password": password,
                     "project_name": project, "user_domain_name": "Default", "project_domain_name": "Default"},
        }  # fmt: skip

    from config import ADMIN_PASSWORD

    path = root / "clouds.yaml"
    path.write_text(yaml.safe_dump({"clouds": {
        "local": entry(DEMO_USER, DEMO_PASSWORD, DEMO_PROJECT),
        "local-admin": entry("admin", ADMIN_PASSWORD, "admin"),
    }}, sort_keys=True))  # fmt: skip
    return path
