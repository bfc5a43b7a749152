"""Clouds as sourced data: who controls them, where they run, what they offer and are certified for.

One YAML file per cloud under ``data/clouds/`` (and in user and project catalogs, see
:mod:`souverain.catalog.store`). Every fact carries a :class:`DatedProvenance`; the models
make it a required field, so a fact without a source and a date does not load. A fact
the sources disagree on is kept, marked ``disputed``, with both sides in its note: rules
report it rather than pick a side silently.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from souverain.catalog.gpus import gpu_models, satisfies
from souverain.catalog.lookup import unknown
from souverain.catalog.provenance import DatedProvenance
from souverain.model.located import Location, raise_located


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

    provenance: DatedProvenance


class Exposure(_Fact):
    """A non-EU law that can reach the company's data, and the entity it reaches it through.

    Its provenance says how sure that is: ``disputed`` when a court, the provider and
    observers disagree (the note gives both sides), which rules report as a dispute.
    """

    law: str = Field(min_length=3)
    through: str | None = Field(default=None, description="the subsidiary or entity it binds")


class Company(_Fact):
    """The company that controls the cloud, and the law that can reach it.

    ``extraterritorial_laws`` are established exposures of the company itself (a US
    parent under the CLOUD Act); ``exposures`` are those with their own sources, such as a
    foreign court order served on a subsidiary.
    """

    name: str
    home_country: str = Field(pattern=r"^[A-Z]{2}$")
    jurisdiction: Jurisdiction
    extraterritorial_laws: list[str] = Field(default_factory=list)
    exposures: list[Exposure] = Field(default_factory=list)
    ownership: str | None = None


class Region(_Fact):
    """A region: its code as the cloud's API spells it, and where it is (None: not known)."""

    code: str
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    city: str | None = None


class Service(_Fact):
    """One service offering; ``kinds`` name the implementations (``barbican``, ``swift``...).

    ``available`` is None when it depends on the deployment and no source can say (a
    generic profile): such a service counts as not offered until discovery or the stack
    says otherwise. ``regions`` limits it to some regions (empty: every region). ``gpus``
    are the neutral GPU models it offers as nodes (a managed Kubernetes' GPU node pools),
    only where a source says so.
    """

    available: bool | None
    kinds: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    gpus: list[str] = Field(default_factory=list)
    endpoint: str | None = Field(
        default=None,
        description="the service's public endpoint, with {region} for the region's code",
    )
    note: str | None = None

    def offered_in(self, region: str | None) -> bool:
        """Whether it is offered in ``region`` (None: in some region)."""
        if not self.available:
            return False
        return region is None or not self.regions or _has(self.regions, region)

    def endpoint_in(self, region: str) -> str | None:
        """The endpoint of the service in ``region``, when the catalog knows it."""
        return self.endpoint.replace("{region}", region) if self.endpoint else None


class GpuFlavor(_Fact):
    """A flavor with GPUs. ``regions`` empty means offered, as far as known, in every region.

    ``gpu`` names a part (``H100-PCIE``) when the source says which, else the family.
    """

    name: str
    gpu: str
    gpu_count: int = Field(ge=1)
    vcpus: int | None = Field(default=None, ge=1)
    ram_gib: float | None = Field(default=None, gt=0)
    mode: GpuMode = GpuMode.PASSTHROUGH
    regions: list[str] = Field(default_factory=list)


class Condition(BaseModel):
    """Something the user must do for a fact to hold for them (an option, a support level).

    Reports state it; a check config can state it is met (``conditionsMet``), by
    ``<cloud id>/<id>``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    text: str = Field(min_length=3)


class Certification(_Fact):
    """A certification or qualification, with the offering it covers and its conditions.

    ``covers_profile`` says whether it covers the offering this profile deploys to: OVHcloud
    holds SecNumCloud for its VMware private cloud, not for its OpenStack public cloud.
    ``conditions`` are what a customer must do for it to apply to their use (OVHcloud's
    HDS needs a support level and an option enabled per project).
    """

    name: str
    version: str | None = None
    scope: str
    covers_profile: bool
    date: str | None = None
    conditions: list[Condition] = Field(default_factory=list)

    def at_least(self, version: str | None) -> bool:
        """Whether this certification's version is ``version`` or later (None: any)."""
        if version is None:
            return True
        if self.version is None:
            return False
        return _version(self.version) >= _version(version)


class StaffLocation(StrEnum):
    """Where the people who operate or support an offering work."""

    EU = "eu"
    """All of them in the EU/EEA."""
    MOSTLY_EU = "mostly-eu"
    """Most of them in the EU/EEA, with escalation to teams outside it."""
    GLOBAL = "global"
    """Most of them outside the EU/EEA."""


class Operations(_Fact):
    """Who operates and supports the offering, and from where, as a source states it.

    Recorded only where a source says so: an offering without it is assessed as unknown,
    never assumed to be supported from Europe.
    """

    operated_by: str = Field(min_length=3)
    support: StaffLocation


class Metric(_Fact):
    """A figure a provider publishes (a PUE, a renewable share), with what it covers.

    ``scope`` says what the figure measures (a global average, one site, a fiscal year),
    since a group-wide average says little about the one region a platform uses.
    """

    value: float = Field(gt=0)
    scope: str = Field(min_length=3)


class Report(_Fact):
    """A report in which a provider publishes its environmental figures."""

    name: str = Field(min_length=3)


class Sustainability(BaseModel):
    """Energy and environmental facts, each with its own source: any may be missing."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pue: Metric | None = Field(default=None, description="power usage effectiveness")
    renewable_share: Metric | None = Field(
        default=None, description="share of the electricity from renewable sources (0 to 1)"
    )
    report: Report | None = None


class ScsStatus(StrEnum):
    """How a cloud stands with the Sovereign Cloud Stack compliance tests."""

    CERTIFIED = "certified"
    LISTED = "listed"
    ASSUMED = "assumed"
    """A generic profile: a template for clouds that pass the tests, not a test result."""


class ScsCompliance(_Fact):
    """SCS-compatible IaaS compliance, for the regions the SCS tests cover only."""

    status: ScsStatus
    regions: list[str] = Field(default_factory=list)


class Cloud(BaseModel):
    """A cloud profile: one provider offering that stacks can target."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    name: str
    api: ApiFamily
    scs: ScsCompliance | None = None
    company: Company | None
    regions: list[Region] = Field(default_factory=list)
    services: dict[ServiceKind, Service] = Field(
        default_factory=dict, description="what the cloud offers beyond compute and networking"
    )
    gpu_flavors: list[GpuFlavor] = Field(default_factory=list)
    certifications: list[Certification] = Field(default_factory=list)
    operations: Operations | None = None
    sustainability: Sustainability | None = None
    generic: bool = Field(
        default=False, description="a template for any cloud of its API family, not one provider"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Cloud:
        """Every flavor and service names catalogued regions and GPU models, at its field."""
        known = {r.code for r in self.regions}
        models = gpu_models()
        problems: list[tuple[Location, str, object]] = []

        def catalogued(where: Location, regions: list[str]) -> None:
            missing = [r for r in regions if r not in known]
            if missing:
                problems.append(
                    (where, f"regions {missing} are not among the profile's regions", missing)
                )

        for i, flavor in enumerate(self.gpu_flavors):
            if flavor.gpu not in models:
                problems.append(
                    (
                        ("gpu_flavors", i, "gpu"),
                        unknown("GPU model", flavor.gpu, models),
                        flavor.gpu,
                    )
                )
            catalogued(("gpu_flavors", i, "regions"), flavor.regions)
        for kind, service in self.services.items():
            catalogued(("services", kind, "regions"), service.regions)
            strange = [g for g in service.gpus if g not in models]
            if strange:
                problems.append(
                    (("services", kind, "gpus"), f"unknown GPU models {strange}", strange)
                )
        if self.scs is not None:
            catalogued(("scs", "regions"), self.scs.regions)
        for i, cert in enumerate(self.certifications):
            ids = [c.id for c in cert.conditions]
            if len(ids) != len(set(ids)):
                problems.append((("certifications", i, "conditions"), "condition ids repeat", ids))
        raise_located("Cloud", problems)
        return self

    def region(self, code: str) -> Region | None:
        """The region with this code, matched case-insensitively as cloud APIs do."""
        return next((r for r in self.regions if r.code.lower() == code.lower()), None)

    def flavors_in(self, region: str) -> list[GpuFlavor]:
        """The GPU flavors offered in ``region`` (those not limited to other regions)."""
        return [f for f in self.gpu_flavors if not f.regions or _has(f.regions, region)]

    def flavors_for(self, gpu: str, region: str) -> list[GpuFlavor]:
        """The flavors in ``region`` that serve a pool asking for ``gpu`` (a part or family)."""
        return [f for f in self.flavors_in(region) if satisfies(gpu, f.gpu)]

    def offers(self, service: str, kind: str, region: str | None = None) -> bool:
        """Whether ``service`` (a key of ``services``) is available as ``kind``.

        A provider profile records what is known missing, so a service it has no fact
        about counts as offered. A generic profile knows nothing of any one cloud: there a
        service counts only when its fact says so, and a service whose availability
        depends on the deployment (``available: null``) never counts.
        """
        fact = self.services.get(service)
        if fact is None:
            return not self.generic
        return fact.offered_in(region) and (not fact.kinds or kind in fact.kinds)

    def certification(self, name: str, version: str | None = None) -> Certification | None:
        """The certification ``name`` (at least ``version``) covering this offering, if held."""
        return next(
            (
                c
                for c in self.certifications
                if c.name == name and c.covers_profile and c.at_least(version)
            ),
            None,
        )

    def certified(self, name: str, version: str | None = None) -> bool:
        """Whether the cloud holds ``name`` for the offering this profile deploys to."""
        return self.certification(name, version) is not None

    def scs_compatible_in(self, region: str) -> bool:
        """Whether SCS compliance holds in ``region``: tested there, or a generic template."""
        if self.scs is None:
            return False
        return self.generic or _has(self.scs.regions, region)


def _has(regions: list[str], region: str) -> bool:
    return region.lower() in {r.lower() for r in regions}


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".") if part.isdigit())
