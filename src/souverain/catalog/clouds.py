"""Clouds as sourced data: who controls them, where they run, what they offer and are certified for.

One YAML file per cloud under ``data/clouds/``. Every fact carries a :class:`Provenance`;
the models make it a required field, so a fact without a source does not load.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from souverain.catalog.gpus import gpu_models
from souverain.catalog.provenance import Provenance
from souverain.errors import SouverainError, problems_from_validation


class Jurisdiction(StrEnum):
    """The legal bloc a cloud's controlling company is under."""

    EU = "eu"
    EFTA = "efta"
    UK = "uk"
    US = "us"


ApiFamily = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
"""The API family a cloud exposes, which decides the adapters that can reach it.

Open on purpose: an adapter names the families it speaks (``openstack``, ``kubernetes``,
``aws``, ``scaleway``...), and a profile names its own; no core list needs editing.
"""

ServiceKind = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
"""A kind of service a cloud offers: ``object_storage``, ``key_manager``, ``load_balancer``,
``managed_kubernetes``, ``encrypted_volumes``, ``confidential_computing``, or one an
adapter reads."""


class GpuMode(StrEnum):
    """Whether a flavor passes whole GPUs through or shares them as vGPUs."""

    PASSTHROUGH = "passthrough"
    VGPU = "vgpu"


class _Fact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    provenance: Provenance


class Company(_Fact):
    """The company that controls the cloud, and the law that can reach it."""

    name: str
    home_country: str = Field(pattern=r"^[A-Z]{2}$")
    jurisdiction: Jurisdiction
    extraterritorial_laws: list[str] = Field(default_factory=list)
    ownership: str | None = None


class Region(_Fact):
    """A region: its code as the cloud's API spells it, and where it is (None: not known)."""

    code: str
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    city: str | None = None


class Service(_Fact):
    """One service offering; ``kind`` names the implementation (``barbican``, ``swift``...)."""

    available: bool
    kinds: list[str] = Field(default_factory=list)
    endpoint: str | None = Field(
        default=None,
        description="the service's public endpoint, with {region} for the region's code",
    )
    note: str | None = None

    def endpoint_in(self, region: str) -> str | None:
        """The endpoint of the service in ``region``, when the catalog knows it."""
        return self.endpoint.replace("{region}", region) if self.endpoint else None


class GpuFlavor(_Fact):
    """A flavor with GPUs. ``regions`` empty means offered, as far as known, in every region."""

    name: str
    gpu: str
    gpu_count: int = Field(ge=1)
    vcpus: int | None = Field(default=None, ge=1)
    ram_gib: float | None = Field(default=None, gt=0)
    mode: GpuMode = GpuMode.PASSTHROUGH
    regions: list[str] = Field(default_factory=list)


class Certification(_Fact):
    """A certification or qualification, with the offering it covers.

    ``covers_profile`` says whether it covers the offering this profile deploys to: OVHcloud
    holds SecNumCloud for its VMware private cloud, not for its OpenStack public cloud.
    """

    name: str
    scope: str
    covers_profile: bool
    date: str | None = None


class Cloud(BaseModel):
    """A cloud profile: one provider offering that stacks can target."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    name: str
    api: ApiFamily
    scs_compatible: bool = False
    company: Company | None
    regions: list[Region] = Field(default_factory=list)
    services: dict[ServiceKind, Service] = Field(
        default_factory=dict, description="what the cloud offers beyond compute and networking"
    )
    gpu_flavors: list[GpuFlavor] = Field(default_factory=list)
    certifications: list[Certification] = Field(default_factory=list)
    generic: bool = Field(
        default=False, description="a template for any cloud of its API family, not one provider"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Cloud:
        known = {r.code for r in self.regions}
        models = gpu_models()
        for flavor in self.gpu_flavors:
            if flavor.gpu not in models:
                raise ValueError(f"flavor {flavor.name}: unknown GPU model {flavor.gpu!r}")
            missing = [r for r in flavor.regions if r not in known]
            if missing:
                raise ValueError(f"flavor {flavor.name}: regions {missing} are not catalogued")
        return self

    def region(self, code: str) -> Region | None:
        """The region with this code, matched case-insensitively as cloud APIs do."""
        return next((r for r in self.regions if r.code.lower() == code.lower()), None)

    def flavors_in(self, region: str) -> list[GpuFlavor]:
        """The GPU flavors offered in ``region`` (those not limited to other regions)."""
        return [
            f
            for f in self.gpu_flavors
            if not f.regions or region.lower() in {r.lower() for r in f.regions}
        ]

    def offers(self, service: str, kind: str) -> bool:
        """Whether ``service`` (a key of ``services``) is available as ``kind``.

        A service the catalog has no fact about counts as offered: the catalog records
        what is known missing, and an unknown must not block a generic cloud.
        """
        fact = self.services.get(service)
        if fact is None:
            return True
        return fact.available and (not fact.kinds or kind in fact.kinds)

    def certified(self, name: str) -> bool:
        """Whether the cloud holds ``name`` for the offering this profile deploys to."""
        return any(c.name == name and c.covers_profile for c in self.certifications)


@cache
def clouds() -> dict[str, Cloud]:
    """Every catalogued cloud profile by id, loaded once from the packaged data files."""
    folder = resources.files("souverain.catalog").joinpath("data/clouds")
    loaded: dict[str, Cloud] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        try:
            cloud = Cloud.model_validate(yaml.safe_load(entry.read_text()))
        except ValidationError as error:
            raise SouverainError(
                f"catalog file {entry.name} is invalid", problems_from_validation(error)
            ) from None
        loaded[cloud.id] = cloud
    return loaded
