"""A captured plan: every resource the program registers, with what the engine would see."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class PlannedResource(BaseModel):
    """One registered resource (custom, component or provider)."""

    model_config = ConfigDict(frozen=True)

    urn: str
    type: str
    name: str
    custom: bool
    parent: str | None
    provider: str | None
    protect: bool
    inputs: dict[str, Any]
    dependencies: list[str]
    property_dependencies: dict[str, list[str]] = {}


class Plan(BaseModel):
    """All resources of one stack, sorted by URN so the same input gives the same bytes."""

    model_config = ConfigDict(frozen=True)

    project: str
    stack: str
    resources: list[PlannedResource]

    def of_type(self, type_: str) -> list[PlannedResource]:
        """The resources of one Pulumi type, in URN order."""
        return [r for r in self.resources if r.type == type_]
