"""The contract every adapter implements.

An adapter is small: it says which features it cannot offer on a target (with the reason,
so users learn what to change), and it turns a validated description into Pulumi
resources. Everything else (validation, feature checks, error reporting) is shared.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

import pulumi

from souverain.adapters.features import Feature, required_features
from souverain.errors import Problem, SouverainError
from souverain.model.ai_platform import Platform
from souverain.target import Target


class Adapter(ABC):
    """Compiles a description to one family of clouds."""

    name: ClassVar[str]

    @abstractmethod
    def unsupported_features(self, target: Target) -> dict[Feature, str]:
        """The features this adapter cannot provide on ``target``, each with the reason."""

    @abstractmethod
    def deploy(self, platform: Platform, target: Target, root: pulumi.Resource) -> None:
        """Register the platform's resources under ``root`` (inside a running program)."""

    def check_supported(self, platform: Platform, target: Target) -> None:
        """Fail with one error listing every feature the description needs and the target lacks."""
        missing = self.unsupported_features(target)
        problems = sorted(
            Problem(
                where,
                f"needs {feature}, which the {self.name} adapter cannot provide "
                f"on {target.cloud}: {missing[feature]}",
            )
            for feature, where in required_features(platform).items()
            if feature in missing
        )
        if problems:
            raise SouverainError(
                f"{platform.name} cannot be deployed to {target.cloud} ({target.region})", problems
            )
