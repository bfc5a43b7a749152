"""What rules look at and what they say.

Rules see resources the way the Pulumi engine shows them to a policy pack (wire property
names, the provider object with its properties, the protect flag), whether they run in
the engine or offline on a captured plan. A rule is a small class with a stable ID and
two optional entry points: one per resource, one for the description itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Any, ClassVar

from souverain.model.ai_platform import Platform

if TYPE_CHECKING:
    from souverain.rules.context import RuleContext


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

    @property
    def package(self) -> str:
        """The package of the resource type (``openstack`` for ``openstack:compute/...``)."""
        if self.type.startswith("pulumi:providers:"):
            return self.type.rsplit(":", 1)[-1]
        return self.type.split(":", 1)[0]

    @property
    def is_provider(self) -> bool:
        """Whether this resource is itself a provider object."""
        return self.type.startswith("pulumi:providers:")

    @property
    def stands_for_its_cloud(self) -> bool:
        """Whether rules about the cloud judge this resource itself.

        That is a provider object, or a custom resource whose provider object is not
        visible. Other resources inherit the verdict on their provider object, so each
        cloud is reported once.
        """
        return self.custom and (self.is_provider or self.provider is None)


@dataclass(frozen=True, order=True)
class Violation:
    """A rule finding: which rule, where (a URN or a description field path), and why."""

    rule: str
    location: str
    message: str
    resource_type: str = ""


@dataclass
class Rule:
    """Base of every rule. Subclasses set the class attributes and override what applies."""

    ID: ClassVar[str]
    TITLE: ClassVar[str]
    RATIONALE: ClassVar[str]
    REMEDIATION: ClassVar[str]
    RESOURCE_TYPES: ClassVar[tuple[str, ...]] = ()
    options: dict[str, Any] = field(default_factory=dict)

    def applies_to(self, resource: ResourceView) -> bool:
        """Whether the resource's type matches one of the rule's type patterns."""
        return any(fnmatchcase(resource.type, pattern) for pattern in self.RESOURCE_TYPES)

    def check_resource(self, resource: ResourceView, ctx: RuleContext) -> Iterable[str]:
        """Messages for what is wrong with one applicable resource (none: it passes)."""
        return ()

    def check_description(self, platform: Platform, ctx: RuleContext) -> Iterable[tuple[str, str]]:
        """``(field path, message)`` for what is wrong in the description itself."""
        return ()
