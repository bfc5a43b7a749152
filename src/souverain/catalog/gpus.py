"""Neutral GPU models: what a description asks for, independent of any cloud's flavor names."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, TypeAdapter

from souverain.catalog.provenance import Provenance


class GpuVendor(StrEnum):
    """GPU vendors, with the letter scs-0100 uses for them."""

    NVIDIA = "nvidia"
    AMD = "amd"
    INTEL = "intel"


class GpuModel(BaseModel):
    """One GPU model: its vendor, generation, memory and SCS flavor-name code."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    vendor: GpuVendor
    generation: str
    vram_gib: int
    hbm: bool
    scs: str | None
    provenance: Provenance


@cache
def gpu_models() -> dict[str, GpuModel]:
    """All known GPU models by name, loaded once from the packaged data file."""
    text = resources.files("souverain.catalog").joinpath("data/gpus.yaml").read_text()
    models = TypeAdapter(list[GpuModel]).validate_python(yaml.safe_load(text))
    return {model.name: model for model in models}
