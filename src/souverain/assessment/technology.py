"""Facts about the technology a platform is deployed through, from ``data/technologies.yaml``.

They are not about one cloud: the software behind an API family (open source or not,
governed by whom) and the home country of a GPU vendor. A family or vendor with no entry
is assessed as unknown.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from souverain.catalog.clouds import ApiFamily
from souverain.catalog.gpus import GpuVendor
from souverain.catalog.provenance import DatedProvenance
from souverain.documents import parse_yaml


class Interfaces(StrEnum):
    """How open the interfaces of an API family are."""

    OPEN_SPECIFICATION = "open-specification"
    """Published, versioned, implemented by several providers."""
    VENDOR_CONTROLLED = "vendor-controlled"
    """Documented, but specified and changed by one vendor."""


class _Fact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    provenance: DatedProvenance


class ApiSoftware(_Fact):
    """The software behind an API family: its licence and who governs it."""

    name: str
    open_source: bool
    licence: str | None = None
    governance: str = Field(min_length=3)
    independent: bool = Field(description="governed by an entity independent of any provider")
    interfaces: Interfaces

    @property
    def outcome(self) -> str:
        """``open-independent``, ``open-single-vendor`` or ``closed``."""
        if not self.open_source:
            return "closed"
        return "open-independent" if self.independent else "open-single-vendor"


class GpuVendorFact(_Fact):
    """The company behind a GPU vendor name, and its home country."""

    company: str
    home_country: str = Field(pattern=r"^[A-Z]{2}$")


class Technologies(BaseModel):
    """The whole technologies file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    apis: dict[ApiFamily, ApiSoftware]
    gpu_vendors: dict[GpuVendor, GpuVendorFact]


@cache
def technologies() -> Technologies:
    """The packaged technology facts, loaded once."""
    text = resources.files("souverain.assessment").joinpath("data/technologies.yaml").read_text()
    return Technologies.model_validate(parse_yaml(text, "technologies.yaml"))
