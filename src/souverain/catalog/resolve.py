"""From neutral requests to a cloud's offerings: which flavor gives N GPUs of a model here.

Adapters call this with the stack's cloud profile and region. A stack may name flavors
itself (required on a generic cloud); names that follow scs-0100 are checked against the
GPU they claim, so a typo cannot silently put a pool on the wrong accelerator.
"""

from __future__ import annotations

from souverain.catalog.clouds import Cloud, GpuFlavor, GpuMode
from souverain.catalog.gpus import gpu_models
from souverain.catalog.lookup import unknown
from souverain.catalog.scs import NVIDIA_GENERATIONS, parse
from souverain.catalog.store import clouds
from souverain.errors import SouverainError


def cloud_profile(cloud_id: str) -> Cloud:
    """The catalogued cloud ``cloud_id``, or an error listing the catalogued ones."""
    catalog = clouds()
    if cloud_id not in catalog:
        raise SouverainError(unknown("cloud", cloud_id, catalog) + "; fix souverain:cloud")
    return catalog[cloud_id]


def check_region(cloud: Cloud, region: str) -> None:
    """Fail unless ``region`` is catalogued for ``cloud`` (a generic profile accepts any)."""
    if cloud.generic or cloud.region(region) is not None:
        return
    raise SouverainError(
        unknown(f"region of {cloud.name}", region, [r.code for r in cloud.regions])
        + "; fix souverain:region"
    )


def resolve_flavor(
    cloud: Cloud,
    region: str,
    gpu: str,
    count: int,
    overrides: dict[str, str],
    override_key: str = "flavors",
) -> str:
    """The flavor giving ``count`` x ``gpu`` in ``region``: the stack's choice, else the catalog's.

    ``override_key`` is the stack-config key of ``overrides``, named in the error.

    Among catalogued flavors the exact GPU count is required, and a family name (``H100``)
    accepts any of its parts; pass-through beats vGPU and fewer vCPUs and less RAM (the
    cheaper flavor) break ties, so the choice is stable.
    """
    chosen = overrides.get(f"{gpu}x{count}") or (overrides.get(gpu) if count == 1 else None)
    if chosen is not None:
        if chosen.startswith("SCS-"):
            check_scs_gpu(chosen, gpu)
        return chosen
    offered = cloud.flavors_in(region)
    fitting = [f for f in cloud.flavors_for(gpu, region) if f.gpu_count == count]
    if fitting:
        return min(fitting, key=_preference).name
    offers = [_describe(f) for f in sorted(offered, key=lambda f: f.name)]
    offers += [f"{v} (stack: {k})" for k, v in sorted(overrides.items())]
    raise SouverainError(
        f"{cloud.name} {region} has no flavor with {count} x {gpu}; it offers: "
        f"{'; '.join(offers) or 'no GPU flavor'}. Change the pool, or name a flavor in the "
        f"stack config: {override_key}.{gpu}x{count}"
    )


def _preference(flavor: GpuFlavor) -> tuple[int, float, float, str]:
    return (
        0 if flavor.mode is GpuMode.PASSTHROUGH else 1,
        flavor.vcpus or 0,
        flavor.ram_gib or 0.0,
        flavor.name,
    )


def _describe(flavor: GpuFlavor) -> str:
    mode = "" if flavor.mode is GpuMode.PASSTHROUGH else " vGPU"
    return f"{flavor.name} ({flavor.gpu_count} x {flavor.gpu}{mode})"


def check_scs_gpu(flavor: str, gpu: str) -> None:
    """Fail if an SCS flavor name states a GPU of another vendor or generation than ``gpu``."""
    parsed = parse(flavor)
    models = gpu_models()
    if parsed.gpu is None:
        raise SouverainError(f"flavor {flavor!r} states no GPU, but the pool asks for {gpu}")
    model = models[gpu]
    # A family has no code of its own; its parts share vendor and generation.
    code = model.scs or next((models[p].scs for p in model.parts if models[p].scs), None)
    if code is None:
        return
    expected = parse(f"SCS-1V-1_{code}").gpu
    assert expected is not None
    if (parsed.gpu.vendor, parsed.gpu.generation) != (expected.vendor, expected.generation):
        generation = NVIDIA_GENERATIONS.get(parsed.gpu.generation or "", parsed.gpu.generation)
        raise SouverainError(
            f"flavor {flavor!r} states a {generation or 'unspecified'} GPU "
            f"({parsed.gpu.code()}), but the pool asks for {gpu} ({code})"
        )
