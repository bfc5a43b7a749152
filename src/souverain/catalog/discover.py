"""Discover a live OpenStack cloud's GPU offering and write it as a catalog profile.

Flavors are read from Nova with their extra specs; a flavor is a GPU flavor when its SCS
name states a GPU, or when it asks for PCI pass-through (``pci_passthrough:alias``) or
vGPUs (``resources:VGPU``). Whether Barbican and Swift exist is read from the service
catalog. The result is a :class:`Cloud` whose facts all cite the discovery as their
source and its date, ready to be saved in the user's or the project's catalog (see
:mod:`souverain.catalog.store`). Discovery claims no SCS compliance: SCS names on flavors
are parsed, but only the SCS tests say whether a cloud complies.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from souverain.catalog.clouds import Cloud, GpuFlavor, GpuMode, Region, Service
from souverain.catalog.gpus import gpu_models
from souverain.catalog.provenance import Confidence, DatedProvenance
from souverain.catalog.scs import parse
from souverain.errors import SouverainError


@dataclass(frozen=True)
class LiveFlavor:
    """What Nova says about one flavor."""

    name: str
    vcpus: int
    ram_mib: int
    extra_specs: Mapping[str, str]


@dataclass(frozen=True)
class LiveCloud:
    """What discovery read from one cloud: its region, flavors and service types."""

    name: str
    auth_url: str
    region: str
    flavors: list[LiveFlavor]
    service_types: set[str]


def read_cloud(cloud: str) -> LiveCloud:
    """Connect with openstacksdk (clouds.yaml entry or OS_* variables) and read the offering."""
    try:
        import openstack  # the optional 'discover' extra
        from keystoneauth1 import exceptions as ksa
    except ImportError:
        raise SouverainError("discovery needs openstacksdk: install souverain[discover]") from None
    with warnings.catch_warnings():
        # openstacksdk warns about its own internals (InfluxDB, service_type arguments);
        # nothing a user of discovery can act on.
        for category in (
            openstack.warnings.RemovedInSDK50Warning,
            openstack.warnings.RemovedInSDK60Warning,
        ):
            warnings.simplefilter("ignore", category)
        return _read(openstack, ksa, cloud)


def _read(openstack: Any, ksa: Any, cloud: str) -> LiveCloud:
    try:
        conn = openstack.connect(cloud=cloud)
        flavors = [
            LiveFlavor(f.name, f.vcpus, f.ram, dict(f.extra_specs or {}))
            for f in conn.compute.flavors(details=True, get_extra_specs=True)
        ]
        services = {
            str(entry["type"])
            for entry in conn.session.auth.get_access(conn.session).service_catalog.catalog
        }
        return LiveCloud(
            name=cloud,
            auth_url=str(conn.config.auth.get("auth_url", "")),
            region=str(conn.config.region_name or "RegionOne"),
            flavors=flavors,
            service_types=services,
        )
    except (openstack.exceptions.SDKException, ksa.ClientException) as error:
        raise SouverainError(f"cannot read cloud {cloud!r}: {error}") from None


def profile(live: LiveCloud, cloud_id: str, as_of: str) -> Cloud:
    """The catalog profile of a discovered cloud; every fact cites the discovery."""
    source = DatedProvenance(
        source=f"souverain discover of {live.auth_url or live.name} ({as_of})",
        confidence=Confidence.HIGH,
        date=date.fromisoformat(as_of),
    )
    flavors = sorted(
        (f for f in (gpu_flavor(flavor, live.region, source) for flavor in live.flavors) if f),
        key=lambda f: f.name,
    )
    return Cloud(
        id=cloud_id,
        name=live.name,
        api="openstack",
        company=None,
        regions=[Region(code=live.region, provenance=source)],
        services={
            "key_manager": _service("key-manager", "barbican", live.service_types, source),
            "object_storage": _service("object-store", "swift", live.service_types, source),
            "load_balancer": _service("load-balancer", "octavia", live.service_types, source),
        },
        gpu_flavors=flavors,
    )


def _service(kind: str, name: str, available: Iterable[str], source: DatedProvenance) -> Service:
    found = kind in set(available)
    return Service(available=found, kinds=[name] if found else [], provenance=source)


def gpu_flavor(flavor: LiveFlavor, region: str, source: DatedProvenance) -> GpuFlavor | None:
    """The GPU flavor this Nova flavor is, or None when it has no GPU we can name.

    Extra specs say what the scheduler really allocates, so they win over the name; the
    SCS name fills in the model when a PCI alias does not say it, or names the part of
    the family the alias says (an ``nvidia-h100`` alias on a ``GNg-132-80h`` flavor is
    an H100-SXM).
    """
    from_scs = _from_scs(flavor.name) if flavor.name.startswith("SCS-") else None
    found = _from_specs(flavor) or from_scs
    if found is None:
        return None
    model, count, mode = found
    part = from_scs[0] if from_scs else None
    if model is None or (part is not None and part in (gpu_models()[model].parts or [])):
        model = part
    if model is None:
        return None
    return GpuFlavor(
        name=flavor.name,
        gpu=model,
        gpu_count=count,
        vcpus=flavor.vcpus,
        ram_gib=round(flavor.ram_mib / 1024, 2),
        mode=mode,
        regions=[region],
        provenance=source,
    )


Found = tuple[str | None, int, GpuMode]


def _from_specs(flavor: LiveFlavor) -> Found | None:
    alias = flavor.extra_specs.get("pci_passthrough:alias")
    if alias:
        name, _, number = alias.partition(":")
        return model_for_alias(name), int(number or 1), GpuMode.PASSTHROUGH
    vgpus = flavor.extra_specs.get("resources:VGPU")
    if vgpus:
        return model_for_alias(flavor.name), int(vgpus), GpuMode.VGPU
    return None


def model_for_alias(text: str) -> str | None:
    """The GPU model a PCI alias or flavor name refers to (``nvidia-h100`` -> ``H100``)."""
    flat = re.sub(r"[^a-z0-9]", "", text.lower())
    matches = [m for m in gpu_models() if re.sub(r"[^a-z0-9]", "", m.lower()) in flat]
    return max(matches, key=len) if matches else None


def _from_scs(name: str) -> Found | None:
    """Model and count from an SCS name's GPU part: VRAM is per-GPU VRAM times the count."""
    gpu = parse(name).gpu
    if gpu is None:
        return None
    mode = GpuMode.PASSTHROUGH if gpu.passthrough else GpuMode.VGPU
    for model in sorted(gpu_models().values(), key=lambda m: m.name):
        if model.scs is None:
            continue
        base = parse(f"SCS-1V-1_{model.scs}").gpu
        assert base is not None
        if (base.vendor, base.generation) != (gpu.vendor, gpu.generation):
            continue
        if gpu.vram_gib and base.vram_gib and gpu.vram_gib % base.vram_gib == 0:
            count = gpu.vram_gib // base.vram_gib
            if base.units and gpu.units == base.units * count:
                return model.name, count, mode
    return None


def render(cloud: Cloud) -> dict[str, Any]:
    """The profile as plain data for a catalog YAML file (defaults left out)."""
    return cloud.model_dump(mode="json", exclude_defaults=True)
