"""Neutral GPU models: what a description asks for, independent of any cloud's flavor names.

A model is either one part (``H100-SXM``: 132 SMs, HBM3) or a family that names several
parts (``H100``: any 80 GB H100). Parts differ in what they deliver, so flavors name the
part when a source says which; a family name lets a description ask for "any of them",
and matches flavors whose source only says the family.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator

from souverain.catalog.provenance import DatedProvenance
from souverain.documents import parse_yaml


class GpuVendor(StrEnum):
    """GPU vendors, with the letter scs-0100 uses for them."""

    NVIDIA = "nvidia"
    AMD = "amd"
    INTEL = "intel"


class ProductLabels(BaseModel):
    """The ``nvidia.com/gpu.product`` values NVIDIA's GPU feature discovery sets for a model.

    GPU feature discovery labels each Kubernetes node with the product name the driver
    reports, spaces turned into dashes; a Kubernetes adapter selects nodes by it. A model
    whose value no source shows has no labels (missing, never guessed).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    values: list[str] = Field(min_length=1)
    provenance: DatedProvenance


class GpuModel(BaseModel):
    """One GPU model: vendor, generation, memory, SCS code, node labels, and family parts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    vendor: GpuVendor
    generation: str
    vram_gib: int
    hbm: bool
    scs: str | None
    parts: list[str] = Field(
        default_factory=list, description="for a family: the parts any of which satisfies it"
    )
    gpu_product: ProductLabels | None = None
    provenance: DatedProvenance

    def satisfied_by(self, offered: str) -> bool:
        """Whether a flavor with GPU ``offered`` gives what asking for this model means."""
        return offered == self.name or offered in self.parts


class _Table(BaseModel):
    models: list[GpuModel]

    @model_validator(mode="after")
    def _families_are_parts_of_one_generation(self) -> Self:
        by_name = {m.name: m for m in self.models}
        for model in self.models:
            for part in model.parts:
                found = by_name.get(part)
                if found is None:
                    raise ValueError(f"{model.name}: part {part!r} is not a known model")
                if (found.vendor, found.generation) != (model.vendor, model.generation):
                    raise ValueError(f"{model.name}: part {part} is of another generation")
        return self


@cache
def gpu_models() -> dict[str, GpuModel]:
    """All known GPU models and families by name, loaded once from the packaged data file."""
    text = resources.files("souverain.catalog").joinpath("data/gpus.yaml").read_text()
    models = TypeAdapter(list[GpuModel]).validate_python(parse_yaml(text, "gpus.yaml"))
    table = _Table(models=models)
    return {model.name: model for model in table.models}


def satisfies(asked: str, offered: str) -> bool:
    """Whether a flavor with GPU ``offered`` serves a pool asking for ``asked``."""
    model = gpu_models().get(asked)
    return offered == asked if model is None else model.satisfied_by(offered)
