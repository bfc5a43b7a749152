"""What a rule knows besides the resource: the level, the data class, the target cloud.

A resource's cloud is found from its provider: the package names AWS, Azure or GCP
directly; an OpenStack or Kubernetes provider is matched to the stack's cloud profile,
or to the catalogued cloud that has its region.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from souverain.catalog.clouds import Api, Cloud, Region, clouds
from souverain.model.classification import DataClass, SovereigntyLevel
from souverain.rules.levels import DataClassOverlay, Enforcement, Level, level_table
from souverain.rules.model import ResourceView

_PACKAGE_CLOUDS = {
    "aws": "aws",
    "azure": "azure",
    "azure-native": "azure",
    "gcp": "gcp",
    "google-native": "gcp",
}
_PACKAGE_APIS = {"openstack": Api.OPENSTACK}


@dataclass(frozen=True)
class RuleContext:
    """Everything rules need beyond the resource, fixed for one evaluation."""

    level: SovereigntyLevel
    data_class: DataClass | None = None
    cloud: str | None = None
    region: str | None = None
    allowed_images: tuple[str, ...] = ()
    allowed_registries: tuple[str, ...] = ()
    overrides: Mapping[str, Enforcement] = field(default_factory=dict)
    catalog: Mapping[str, Cloud] = field(default_factory=clouds)

    def enforcement(self, rule_id: str) -> Enforcement:
        """How a rule is enforced: the config's override, else what the level says."""
        return self.overrides.get(rule_id) or self.spec.enforcement(rule_id)

    @property
    def spec(self) -> Level:
        """The requirements of the level."""
        return level_table().levels[self.level]

    @property
    def overlay(self) -> DataClassOverlay | None:
        """The data-class overlay, when the data class is known."""
        return None if self.data_class is None else level_table().data_classes[self.data_class]

    def cloud_of(self, resource: ResourceView) -> Cloud | None:
        """The catalogued cloud a resource lives on, or None when it cannot be told."""
        package = resource.provider.package if resource.provider else resource.package
        if package in _PACKAGE_CLOUDS:
            return self.catalog.get(_PACKAGE_CLOUDS[package])
        hinted = self.catalog.get(self.cloud) if self.cloud else None
        region = self.region_of(resource)
        if hinted is not None and (hinted.generic or region is None or hinted.region(region)):
            return hinted
        if region is None or package not in _PACKAGE_APIS:
            return hinted
        matches = [
            c
            for c in self.catalog.values()
            if c.api is _PACKAGE_APIS[package] and not c.generic and c.region(region)
        ]
        return matches[0] if len(matches) == 1 else None

    def region_of(self, resource: ResourceView) -> str | None:
        """The region a resource is in: its own ``region``, its provider's, or the stack's."""
        own = _string(resource.props.get("region"))
        if own:
            return own
        if resource.provider is not None:
            from_provider = _string(resource.provider.props.get("region"))
            if from_provider:
                return from_provider
        return self.region

    def region_facts(
        self, resource: ResourceView
    ) -> tuple[Cloud | None, str | None, Region | None]:
        """The cloud, region code and catalogued region (if any) of a resource."""
        cloud = self.cloud_of(resource)
        region = self.region_of(resource)
        return cloud, region, (cloud.region(region) if cloud and region else None)


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) and value and not value.startswith("(") else None
