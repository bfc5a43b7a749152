"""The platform's private network: address space, subnets, allowed ingress and egress."""

from __future__ import annotations

from enum import StrEnum
from ipaddress import IPv4Network
from typing import Self

from pydantic import Field, field_validator, model_validator

from souverain.model.base import Part, canonical
from souverain.model.located import Location, raise_located
from souverain.model.names import Name


class SubnetPurpose(StrEnum):
    """What a subnet carries; adapters use it to place resources."""

    COMPUTE = "compute"
    STORAGE = "storage"
    MANAGEMENT = "management"
    INGRESS = "ingress"


class Protocol(StrEnum):
    """IP protocols an ingress rule can allow."""

    TCP = "tcp"
    UDP = "udp"
    ICMP = "icmp"


class Subnet(Part):
    """A subnet of the platform network."""

    name: Name
    cidr: IPv4Network
    purpose: SubnetPurpose = SubnetPurpose.COMPUTE


class IngressRule(Part):
    """Traffic allowed into the platform's nodes. Nothing is allowed unless described."""

    description: str = Field(min_length=1, max_length=255)
    protocol: Protocol = Protocol.TCP
    port: int | None = Field(default=None, ge=1, le=65535)
    port_to: int | None = Field(default=None, ge=1, le=65535)
    sources: list[IPv4Network] = Field(min_length=1)

    @model_validator(mode="after")
    def _ports_fit_protocol(self) -> Self:
        if self.protocol is Protocol.ICMP:
            if self.port is not None or self.port_to is not None:
                raise ValueError("icmp has no ports; remove 'port' and 'port_to'")
        elif self.port is None:
            raise ValueError(f"{self.protocol} rules need 'port' (1-65535)")
        elif self.port_to is not None and self.port_to < self.port:
            raise ValueError(f"port_to ({self.port_to}) must be >= port ({self.port})")
        canonical(self, "sources")
        return self

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Rules sort by protocol, ports, sources, then description: their order means nothing."""
        low, high = self.port_range or (0, 0)
        return (str(self.protocol), low, high, ",".join(map(str, self.sources)), self.description)

    @property
    def port_range(self) -> tuple[int, int] | None:
        """The first and last port allowed, or None for ICMP."""
        if self.port is None:
            return None
        return (self.port, self.port_to or self.port)


class EgressMode(StrEnum):
    """Outbound traffic policy."""

    ALLOW_ALL = "allow-all"
    RESTRICTED = "restricted"


class Egress(Part):
    """Outbound traffic: everything, or only to the listed destinations."""

    mode: EgressMode = EgressMode.RESTRICTED
    destinations: list[IPv4Network] = Field(default_factory=list)

    @model_validator(mode="after")
    def _destinations_match_mode(self) -> Self:
        if self.mode is EgressMode.ALLOW_ALL and self.destinations:
            raise ValueError("'destinations' only apply with mode 'restricted'; remove them")
        canonical(self, "destinations")
        return self


class Network(Part):
    """The platform network. Subnets must sit inside it and not overlap each other."""

    cidr: IPv4Network
    subnets: list[Subnet] = Field(min_length=1)
    ingress: list[IngressRule] = Field(default_factory=list)
    egress: Egress = Field(default_factory=Egress)
    dns_nameservers: list[str] = Field(default_factory=list)

    @field_validator("cidr")
    @classmethod
    def _private(cls, cidr: IPv4Network) -> IPv4Network:
        if not cidr.is_private:
            raise ValueError(
                f"{cidr} is not a private range; use one inside 10.0.0.0/8, 172.16.0.0/12 "
                "or 192.168.0.0/16"
            )
        if cidr.prefixlen > 28:
            raise ValueError(f"/{cidr.prefixlen} is too small for a platform; use /28 or larger")
        return cidr

    @model_validator(mode="after")
    def _subnets_fit(self) -> Self:
        problems: list[tuple[Location, str, object]] = []
        seen: dict[str, int] = {}
        for i, subnet in enumerate(self.subnets):
            if subnet.name in seen:
                problems.append(
                    (
                        ("subnets", i, "name"),
                        f"duplicates subnets[{seen[subnet.name]}]; give each subnet its own name",
                        subnet.name,
                    )
                )
            seen.setdefault(subnet.name, i)
            if not subnet.cidr.subnet_of(self.cidr):
                problems.append(
                    (
                        ("subnets", i, "cidr"),
                        f"{subnet.cidr} is outside the network {self.cidr}; "
                        f"pick a range inside {self.cidr}",
                        str(subnet.cidr),
                    )
                )
            for j, other in enumerate(self.subnets[:i]):
                if subnet.cidr.overlaps(other.cidr):
                    problems.append(
                        (
                            ("subnets", i, "cidr"),
                            f"{subnet.cidr} overlaps subnets[{j}] "
                            f"({other.cidr}); subnets must not overlap",
                            str(subnet.cidr),
                        )
                    )
        raise_located("Network", problems)
        canonical(self, "ingress", key=IngressRule.sort_key)
        return self
