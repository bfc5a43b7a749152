"""The contract every adapter implements.

An adapter is small: it says which clouds it can reach, which features it cannot offer
on a target (with the reason, so users learn what to change), which fields have no
meaning there, and it turns a validated description into Pulumi resources for the
pillars a stack sends it. Everything else (validation, feature checks, pillar routing,
error reporting) is shared. The conventions it must follow (component types, labels,
markers) live in :mod:`souverain.conventions`.

The module an entry point names should import no provider SDK at the top: the registry
imports every adapter class to tell which can reach a cloud, and ``deploy`` is the place
to import the SDK.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from souverain.adapters.features import Feature
from souverain.catalog.clouds import Cloud
from souverain.model.ai_platform import Platform
from souverain.target import Pillar, Target

if TYPE_CHECKING:
    import pulumi


@dataclass(frozen=True)
class KeyHandle:
    """A key one adapter created, for the parts another adapter (or itself) encrypts with it.

    ``ref`` is the key's reference in its key manager (a Barbican secret reference, a KMS
    key ARN), usually a Pulumi output; ``label`` is its name there, known before it is
    created, which is what labels record (a label holding an output is unknown in a
    preview, and some providers then hide the whole label map); ``resource`` is what
    depends on it.
    """

    name: str
    adapter: str
    ref: Any
    label: str
    resource: Any = None


KeyRing = MutableMapping[str, KeyHandle]
"""Keys by description name, filled by the adapter of the keys pillar."""


class Adapter(ABC):
    """Compiles a description to one family of clouds.

    ``speaks`` names the API families of catalogued clouds it can deploy to; ``pillars``
    what it can deploy at all (a Kubernetes adapter has no key manager of its own).
    """

    name: ClassVar[str]
    speaks: ClassVar[frozenset[str]]
    pillars: ClassVar[frozenset[Pillar]]

    def reaches(self, cloud: Cloud) -> str | None:
        """None when this adapter can deploy to ``cloud``, else why not."""
        if cloud.api in self.speaks:
            return None
        return f"{cloud.name} speaks {cloud.api}; the {self.name} adapter speaks " + ", ".join(
            sorted(self.speaks)
        )

    @abstractmethod
    def unsupported_features(self, target: Target) -> dict[Feature, str]:
        """The features this adapter cannot provide on ``target``, each with the reason."""

    def not_applicable(self, target: Target) -> dict[str, str]:
        """Description fields that mean nothing on ``target``, each with the reason.

        Keys are field paths with ``[]`` for any list item (``network.subnets[].cidr``).
        They are neither errors nor silently dropped: the plan records them as notes.
        """
        return {}

    def sizes(self, platform: Platform, target: Target) -> dict[str, str]:
        """What each GPU pool's nodes are on ``target`` (a flavor, an instance type), by pool.

        Reports that compare targets (``souverain diff``) show it; it raises the error
        ``deploy`` would raise for a pool that cannot be placed. Adapters without such a
        notion (a cluster that schedules pods) return nothing.
        """
        return {}

    @abstractmethod
    def deploy(
        self,
        platform: Platform,
        target: Target,
        pillars: frozenset[Pillar],
        root: pulumi.Resource,
        keys: KeyRing,
    ) -> None:
        """Register the resources of ``pillars`` under ``root`` (inside a running program).

        The adapter of the keys pillar runs first and fills ``keys``; the others read it.
        """

    @classmethod
    @abstractmethod
    def example_target(cls) -> Target:
        """A target this adapter deploys to under mocks, for the conformance suite."""
