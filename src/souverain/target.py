"""Where a description is deployed: adapters, cloud profile, region and options per pillar.

The target comes from stack config (``stacks/Pulumi.<stack>.yaml``), never from the
description, so moving a platform to another cloud is a config change. One reader,
:func:`read_target`, serves the running program, the offline plan and the check alike:

```yaml
souverain:adapter: kubernetes        # the adapter of every pillar...
souverain:cloud: ovhcloud
souverain:region: GRA11              # optional where the target has no regions
souverain:pillars:                   # ...unless a pillar is routed elsewhere
  storage: openstack                 # an adapter name, or {adapter, cloud, region}
  keys: openstack
souverain:kubernetes: {...}          # each adapter's own options, under its name
souverain:openstack: {...}
```
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from souverain.catalog.lookup import did_you_mean
from souverain.errors import Problem, SouverainError, problems_from_validation
from souverain.model.names import Name

CONFIG_NAMESPACE = "souverain"
_SETTINGS = ("adapter", "cloud", "region", "protectData", "pillars")


class Pillar(StrEnum):
    """The parts of a platform a stack can send to different adapters, in deploy order.

    Keys come first (buckets and nodes reference them); the network and the compute that
    attaches to it always share one adapter.
    """

    KEYS = "keys"
    NETWORK = "network"
    STORAGE = "storage"
    COMPUTE = "compute"


_FIELD_PILLARS = {
    "network": Pillar.NETWORK,
    "gpu_pools": Pillar.COMPUTE,
    "buckets": Pillar.STORAGE,
    "keys": Pillar.KEYS,
}


def pillar_of(path: str) -> Pillar | None:
    """The pillar a description field belongs to; None for platform-wide fields (labels...)."""
    return _FIELD_PILLARS.get(path.split(".", 1)[0].rstrip("[]{}"))


class Target(BaseModel):
    """What one adapter deploys to: its cloud profile, region and options."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    adapter: Name
    cloud: str = Field(min_length=1)
    region: str | None = Field(default=None, min_length=1)
    protect_data: bool = True
    options: dict[str, Any] = Field(default_factory=dict)


class _Route(BaseModel):
    """A pillar's own placement in ``souverain:pillars``; unset fields are the stack's."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    adapter: Name
    cloud: str | None = Field(default=None, min_length=1)
    region: str | None = Field(default=None, min_length=1)


class StackTarget(BaseModel):
    """The whole target of one stack: a default placement and per-pillar routes."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    adapter: Name
    cloud: str = Field(min_length=1)
    region: str | None = Field(default=None, min_length=1)
    protect_data: bool = Field(default=True, alias="protectData")
    pillars: dict[Pillar, Name | _Route] = Field(default_factory=dict)
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _routes_fit(self) -> Self:
        if self.target(Pillar.NETWORK).adapter != self.target(Pillar.COMPUTE).adapter:
            raise ValueError(
                "network and compute must go to the same adapter (compute attaches to the "
                "network); route both, or neither"
            )
        seen: dict[str, Target] = {}
        for pillar in Pillar:
            target = self.target(pillar)
            first = seen.setdefault(target.adapter, target)
            if (first.cloud, first.region) != (target.cloud, target.region):
                raise ValueError(
                    f"the {target.adapter} adapter is given {first.cloud} {first.region or ''} "
                    f"and {target.cloud} {target.region or ''}; an adapter serves one cloud "
                    "and region per stack"
                )
        return self

    def target(self, pillar: Pillar) -> Target:
        """Where one pillar goes."""
        route = self.pillars.get(pillar, self.adapter)
        if isinstance(route, str):
            route = _Route(adapter=route)
        cloud = route.cloud or self.cloud
        region = route.region if route.cloud or route.region else self.region
        return Target(
            adapter=route.adapter,
            cloud=cloud,
            region=region,
            protect_data=self.protect_data,
            options=self.options.get(route.adapter, {}),
        )

    def by_adapter(self) -> dict[str, tuple[Target, frozenset[Pillar]]]:
        """Each adapter with its target and pillars; the keys' adapter first, then by name."""
        grouped: dict[str, set[Pillar]] = {}
        for pillar in Pillar:
            grouped.setdefault(self.target(pillar).adapter, set()).add(pillar)
        keys = self.target(Pillar.KEYS).adapter
        order = sorted(grouped, key=lambda name: (name != keys, name))
        return {
            name: (
                self.target(min(grouped[name], key=list(Pillar).index)),
                frozenset(grouped[name]),
            )
            for name in order
        }


def read_target(config: Mapping[str, str], stack: str = "this stack") -> StackTarget:
    """The stack's target from its config, as the engine passes it (strings, objects as JSON).

    Keys are full (``souverain:region``). Each adapter's options live under a key named
    after it (``souverain:openstack``); the adapter validates them itself.
    """
    prefix = f"{CONFIG_NAMESPACE}:"
    values: dict[str, Any] = {}
    for key, raw in config.items():
        if key.startswith(prefix):
            values[key[len(prefix) :]] = _decode(raw)
    if values.get("region") == "":
        del values["region"]  # the project's default: the target has no region
    data: dict[str, Any] = {k: v for k, v in values.items() if k in _SETTINGS}
    data["options"] = {k: v for k, v in values.items() if k not in _SETTINGS}
    stray = [
        Problem(
            f"{prefix}{key}",
            f"unknown setting{did_you_mean(key, _SETTINGS)}; use one of {', '.join(_SETTINGS)}, "
            "or an adapter's name for its options (an object)",
        )
        for key, value in sorted(data["options"].items())
        if not isinstance(value, dict)
    ]
    summary = f"the stack config of {stack} does not name a valid target"
    if stray:
        raise SouverainError(summary, stray)
    try:
        return StackTarget.model_validate(data)
    except ValidationError as error:
        raise SouverainError(summary, problems_from_validation(error, prefix=prefix)) from None


def _decode(raw: str) -> Any:
    """A config value: objects, lists and booleans arrive as JSON text, the rest as strings."""
    if raw in ("true", "false") or raw[:1] in ("{", "["):
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            return raw
    return raw
