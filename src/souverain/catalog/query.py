"""Search the catalog: which regions offer a GPU, under which law, with which certificates."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from souverain.adapters.registry import available_adapters, load_adapter
from souverain.catalog.clouds import Cloud, GpuFlavor, GpuMode, Jurisdiction
from souverain.catalog.gpus import gpu_models, satisfies
from souverain.catalog.lookup import unknown
from souverain.catalog.store import clouds, origins
from souverain.errors import SouverainError


@dataclass(frozen=True)
class Offer:
    """One cloud region as the catalog knows it, and the installed adapters that reach it."""

    cloud: str
    name: str
    api: str
    jurisdiction: str | None
    region: str
    country: str | None
    gpus: list[str]
    certifications: list[str]
    adapters: list[str]
    scs_compatible: bool
    origin: str

    def as_dict(self) -> dict[str, object]:
        """Plain data for JSON output."""
        return asdict(self)


def find_offers(
    gpu: str | None = None,
    jurisdiction: str | None = None,
    certification: str | None = None,
    project: Path | None = None,
) -> list[Offer]:
    """Cloud regions matching every given filter, sorted by cloud then region.

    A profile without regions (a Kubernetes cluster named by its context) is listed once,
    region ``-``, so that users see it and the adapters that reach it.
    """
    if gpu is not None and gpu not in gpu_models():
        raise SouverainError(unknown("GPU model", gpu, gpu_models()))
    if jurisdiction is not None and jurisdiction not in {j.value for j in Jurisdiction}:
        raise SouverainError(unknown("jurisdiction", jurisdiction, [j.value for j in Jurisdiction]))
    offers = []
    installed = [load_adapter(name) for name in available_adapters()]
    layer = origins(project)
    for cloud in sorted(clouds(project).values(), key=lambda c: c.id):
        if jurisdiction is not None and (
            cloud.company is None or cloud.company.jurisdiction != jurisdiction
        ):
            continue
        if certification is not None and not cloud.certified(certification):
            continue
        adapters = sorted(a.name for a in installed if a.reaches(cloud) is None)
        places = [(r.code, r.country) for r in sorted(cloud.regions, key=lambda r: r.code)]
        for code, country in places or [("-", None)]:
            flavors = cloud.flavors_in(code)
            if gpu is None or any(satisfies(gpu, f.gpu) for f in flavors) or _nodes(cloud, gpu):
                offers.append(_offer(cloud, code, country, flavors, adapters, layer[cloud.id]))
    return offers


def _nodes(cloud: Cloud, gpu: str) -> bool:
    """Whether a managed Kubernetes of the cloud offers ``gpu`` nodes."""
    service = cloud.services.get("managed_kubernetes")
    return service is not None and any(satisfies(gpu, g) for g in service.gpus)


def _offer(
    cloud: Cloud,
    region: str,
    country: str | None,
    flavors: list[GpuFlavor],
    adapters: list[str],
    origin: str,
) -> Offer:
    counts: dict[str, set[int]] = {}
    for flavor in flavors:
        label = flavor.gpu + (" vGPU" if flavor.mode is GpuMode.VGPU else "")
        counts.setdefault(label, set()).add(flavor.gpu_count)
    gpus = [f"{label} x{','.join(map(str, sorted(n)))}" for label, n in sorted(counts.items())]
    return Offer(
        cloud=cloud.id,
        name=cloud.name,
        api=str(cloud.api),
        jurisdiction=str(cloud.company.jurisdiction) if cloud.company else None,
        region=region,
        country=country,
        gpus=gpus,
        certifications=sorted(c.name for c in cloud.certifications if c.covers_profile),
        adapters=adapters,
        scs_compatible=cloud.scs_compatible_in(region),
        origin=origin,
    )
