"""The whole description: one AI platform, its data class and required sovereignty.

(The module is not called ``platform``: that would shadow the standard-library module
Pulumi itself imports.)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Self

from pydantic import Field, model_validator

from souverain.model.base import Part, canonical
from souverain.model.bucket import Bucket
from souverain.model.classification import DataClass, SovereigntyLevel
from souverain.model.gpu_pool import GpuPool
from souverain.model.key import Key, KeyPurpose
from souverain.model.located import Location, raise_located
from souverain.model.names import MAX_LABEL, LabelKey, LabelValue, Name
from souverain.model.network import Network, SubnetPurpose

Problems = list[tuple[Location, str, object]]


class Platform(Part):
    """An AI platform: network, GPU pools, buckets and keys, with its data class and sovereignty.

    Names are unique per kind; every reference (a bucket's key, a pool's subnet) must resolve;
    physical names (``<platform>-<part>``) must stay valid on every target.

    Pools, buckets and keys are kept sorted by name once validated (errors still point at
    the order written): their order means nothing, so reordering them in a file changes
    neither the plan nor the paths reports and waivers use.
    """

    name: Name = Field(max_length=40)
    data_class: DataClass
    sovereignty: SovereigntyLevel
    owner: str = Field(min_length=1, max_length=128)
    labels: dict[LabelKey, LabelValue] = Field(default_factory=dict)
    network: Network
    gpu_pools: list[GpuPool] = Field(default_factory=list)
    buckets: list[Bucket] = Field(default_factory=list)
    keys: list[Key] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        problems: Problems = []
        for field, parts in (
            ("gpu_pools", self.gpu_pools),
            ("buckets", self.buckets),
            ("keys", self.keys),
        ):
            problems.extend(_duplicates(field, [p.name for p in parts]))
            problems.extend(self._too_long(field, [p.name for p in parts]))
        problems.extend(self._bucket_keys())
        problems.extend(self._pool_subnets())
        raise_located("Platform", problems)
        for field in ("gpu_pools", "buckets", "keys"):
            canonical(self, field, key=lambda part: part.name)
        return self

    def physical_name(self, part: str) -> str:
        """The name a part gets on a cloud: the platform name, a hyphen, the part name."""
        return f"{self.name}-{part}"

    def _too_long(self, field: str, names: Sequence[str]) -> Iterator[tuple[Location, str, object]]:
        for i, name in enumerate(names):
            physical = self.physical_name(name)
            if len(physical) > MAX_LABEL:
                yield (
                    (field, i, "name"),
                    f"{physical!r} (platform name + '-' + name) is {len(physical)} characters; "
                    f"shorten it to at most {MAX_LABEL - len(self.name) - 1}",
                    name,
                )

    def _bucket_keys(self) -> Iterator[tuple[Location, str, object]]:
        keys = {k.name: k for k in self.keys}
        for i, bucket in enumerate(self.buckets):
            ref = bucket.encryption_key
            if ref is None:
                continue
            if ref not in keys:
                known = ", ".join(sorted(keys)) or "none: add one under 'keys'"
                yield (
                    ("buckets", i, "encryption_key"),
                    f"no key named {ref!r} (keys: {known})",
                    ref,
                )
            elif keys[ref].purpose is not KeyPurpose.ENCRYPTION:
                yield (
                    ("buckets", i, "encryption_key"),
                    f"key {ref!r} is a {keys[ref].purpose} key; use an encryption key",
                    ref,
                )

    def _pool_subnets(self) -> Iterator[tuple[Location, str, object]]:
        subnets = sorted(s.name for s in self.network.subnets)
        for i, pool in enumerate(self.gpu_pools):
            if pool.subnet is not None and pool.subnet not in subnets:
                yield (
                    ("gpu_pools", i, "subnet"),
                    f"no subnet named {pool.subnet!r} (subnets: {', '.join(subnets)})",
                    pool.subnet,
                )

    def subnet_of(self, pool: GpuPool) -> str:
        """The subnet a pool's nodes attach to: the one it names, else the first compute subnet."""
        if pool.subnet is not None:
            return pool.subnet
        compute = [s.name for s in self.network.subnets if s.purpose is SubnetPurpose.COMPUTE]
        return compute[0] if compute else self.network.subnets[0].name


def _duplicates(field: str, names: Sequence[str]) -> Iterator[tuple[Location, str, object]]:
    first: dict[str, int] = {}
    for i, name in enumerate(names):
        if name in first:
            yield (
                (field, i, "name"),
                f"{name!r} is already used by {field}[{first[name]}]; names must be unique",
                name,
            )
        first.setdefault(name, i)
