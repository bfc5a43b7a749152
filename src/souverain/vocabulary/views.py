"""Resources as a policy sees them, whether from the engine or from an offline plan.

Wire property names, the provider object with its properties, the protect flag, and
which resources each property depends on: the same shape in both places, so a rule
cannot tell where it runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

PROVIDER_PREFIX = "pulumi:providers:"


@dataclass(frozen=True)
class ProviderView:
    """The provider object a resource is created through."""

    urn: str
    type: str
    props: Mapping[str, Any]

    @property
    def package(self) -> str:
        """The provider package (``openstack``, ``aws``...)."""
        return self.type.rsplit(":", 1)[-1]


@dataclass(frozen=True)
class ResourceView:
    """One resource as a policy sees it."""

    urn: str
    type: str
    name: str
    props: Mapping[str, Any]
    protect: bool = False
    provider: ProviderView | None = None
    custom: bool = True
    property_dependencies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def is_provider(self) -> bool:
        """Whether this resource is itself a provider object."""
        return self.type.startswith(PROVIDER_PREFIX)
