"""What a rule knows besides the resource: the level, the data class, the target cloud.

A resource's cloud is found from the package that reaches it: a package that names its
cloud (``aws``) decides, unless the region belongs to another profile of the same API
(the AWS European Sovereign Cloud); a package of an API family (``openstack``, ``kubernetes``) is
matched to the stack's cloud profile, or to the catalogued cloud of that family that
has its region.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from souverain.catalog.clouds import Cloud, Region
from souverain.catalog.store import clouds
from souverain.model.classification import DataClass, SovereigntyLevel
from souverain.rules.levels import DataClassOverlay, Enforcement, Level, level_table
from souverain.vocabulary.facts import UNKNOWN
from souverain.vocabulary.judge import Judged


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
    conditions_met: frozenset[str] = frozenset()
    """Catalog conditions (``cloud/condition``) the check config states the user meets."""

    def enforcement(self, rule_id: str) -> Enforcement:
        """How a rule is enforced: the config's override, else what the level says."""
        return self.overrides.get(rule_id) or self.spec.enforcement(rule_id)

    @property
    def spec(self) -> Level:
        """The requirements of the level."""
        return level_table().levels[self.level]

    @property
    def allowed_countries(self) -> list[str]:
        """Where data may be at this level (empty: anywhere), adequacy decisions included."""
        return level_table().allowed_countries(self.level)

    def disputed_enforcement(self, rule_id: str) -> Enforcement:
        """How a finding of ``rule_id`` resting on a disputed fact is enforced."""
        return self.enforcement(rule_id).at_most(self.spec.disputed)

    @property
    def overlay(self) -> DataClassOverlay | None:
        """The data-class overlay, when the data class is known."""
        return None if self.data_class is None else level_table().data_classes[self.data_class]

    def cloud_of(self, resource: Judged) -> Cloud | None:
        """The catalogued cloud a resource lives on, or None when it cannot be told."""
        package = resource.reach
        if package is not None and package.cloud is not None:
            return self._named(package.cloud, self.region_of(resource))
        hinted = self.catalog.get(self.cloud) if self.cloud else None
        region = self.region_of(resource)
        if hinted is not None and (hinted.generic or region is None or hinted.region(region)):
            return hinted
        if region is None or package is None:
            return hinted
        matches = [
            c
            for c in self.catalog.values()
            if c.api == package.api and not c.generic and c.region(region)
        ]
        return matches[0] if len(matches) == 1 else None

    def _named(self, cloud_id: str, region: str | None) -> Cloud | None:
        """The cloud a package names, or the one profile of the same API that has the region.

        A provider package can reach clouds run apart from its main one (the AWS European
        Sovereign Cloud is another partition of the aws package): the region tells them
        apart.
        """
        named = self.catalog.get(cloud_id)
        if named is None or region is None or named.region(region) is not None:
            return named
        siblings = [
            c
            for c in self.catalog.values()
            if c.api == named.api and c.id != named.id and not c.generic and c.region(region)
        ]
        return siblings[0] if len(siblings) == 1 else named

    def region_of(self, resource: Judged) -> str | None:
        """The region a resource is in: its own, its provider object's, or the stack's."""
        for found in (
            resource.facts.region,
            resource.provider.facts.region if resource.provider else None,
        ):
            if found and found != UNKNOWN:
                return found
        return self.region

    def region_facts(self, resource: Judged) -> tuple[Cloud | None, str | None, Region | None]:
        """The cloud, region code and catalogued region (if any) of a resource."""
        cloud = self.cloud_of(resource)
        region = self.region_of(resource)
        return cloud, region, (cloud.region(region) if cloud and region else None)
