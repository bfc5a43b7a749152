"""Check configuration: the level, the target, per-rule enforcement and allowed sources.

The same settings feed `souverain check` (from a YAML/JSON file and the stack) and the
Pulumi policy pack (from ``--policy-pack-config``); the JSON Schema of this model
validates both.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic.alias_generators import to_camel

from souverain.catalog.clouds import Cloud
from souverain.catalog.store import clouds
from souverain.documents import read_document
from souverain.errors import SouverainError, problems_from_validation
from souverain.model.ai_platform import Platform
from souverain.model.classification import DataClass
from souverain.rules.catalogue import RULES
from souverain.rules.context import RuleContext
from souverain.rules.levels import DEFAULT_LEVEL, Enforcement, resolve_level
from souverain.state import StateSettings

DEFAULT_IMAGES = (
    "Ubuntu *",
    "Debian *",
    "Rocky Linux *",
    "AlmaLinux *",
    "openSUSE *",
    "SLES *",
    "Flatcar *",
    "Fedora CoreOS *",
)

ConditionId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*/[a-z][a-z0-9-]*$")]


class CheckConfig(BaseModel):
    """Settings of one check run. Unset fields come from the stack and the description."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=to_camel, populate_by_name=True
    )

    level: str | None = Field(default=None, description="SEAL level or alias (european, strict)")
    data_class: DataClass | None = Field(
        default=None,
        description="judge the data as at least this class (the stricter of this and the "
        "description's data class is used)",
    )
    cloud: str | None = Field(default=None, description="catalog id of the target cloud")
    region: str | None = None
    rules: dict[str, Enforcement] = Field(
        default_factory=dict, description="per-rule enforcement overriding the level's"
    )
    allowed_images: list[str] = Field(default_factory=lambda: list(DEFAULT_IMAGES))
    allowed_registries: list[str] = Field(default_factory=list)
    conditions_met: list[ConditionId] = Field(
        default_factory=list,
        description="catalog conditions the user states are met, as '<cloud id>/<condition "
        "id>' (e.g. 'ovhcloud/hds-project-option'); reports still name them",
    )
    state: StateSettings | None = Field(
        default=None,
        description="where the stack's Pulumi state and secrets live (SOV-011); "
        "`souverain policy-config` writes it for the engine, and without it `souverain "
        "check` reads them as the Pulumi CLI does",
    )

    @field_validator("level")
    @classmethod
    def _known_level(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                resolve_level(value)
            except SouverainError as error:
                raise ValueError(error.summary) from None
        return value

    @field_validator("rules")
    @classmethod
    def _known_rules(cls, value: dict[str, Enforcement]) -> dict[str, Enforcement]:
        known = {rule.ID for rule in RULES}
        unknown = sorted(set(value) - known)
        if unknown:
            raise ValueError(f"unknown rule IDs {unknown}; known: {', '.join(sorted(known))}")
        return value

    def context(
        self,
        platform: Platform | None = None,
        cloud: str | None = None,
        region: str | None = None,
        level: str | None = None,
        catalog: Mapping[str, Cloud] | None = None,
    ) -> RuleContext:
        """The one rule context of a run, from this config, the description and the stack.

        Precedence, the same for `souverain check` and the policy pack:

        - level: the ``level`` argument, else this config's, else the description's
          required sovereignty, else :data:`DEFAULT_LEVEL`;
        - data class: the stricter of this config's and the description's, so a check
          config can raise the class data is judged at, never lower it;
        - cloud and region: this config's, else the stack's (``cloud``, ``region``);
        - catalog: the given one (a project's, with its own profiles), else the catalog of
          the current project (:mod:`souverain.catalog.store`).
        """
        chosen = level or self.level
        classes = [c for c in (self.data_class, platform.data_class if platform else None) if c]
        return RuleContext(
            level=resolve_level(chosen)
            if chosen
            else (platform.sovereignty if platform else DEFAULT_LEVEL),
            data_class=max(classes) if classes else None,
            cloud=self.cloud or cloud,
            region=self.region or region,
            allowed_images=tuple(self.allowed_images),
            allowed_registries=tuple(self.allowed_registries),
            overrides=self.rules,
            catalog=catalog if catalog is not None else clouds(),
            conditions_met=frozenset(self.conditions_met),
        )


def load_config(path: Path | None) -> CheckConfig:
    """Read a config file (YAML or JSON), or the defaults when no path is given."""
    if path is None:
        return CheckConfig()
    data = read_document(path, "check config")
    try:
        return CheckConfig.model_validate(data)
    except ValidationError as error:
        raise SouverainError(
            f"{path} is not a valid check config", problems_from_validation(error)
        ) from None


def config_schema() -> dict[str, Any]:
    """The JSON Schema of check and policy-pack configuration."""
    return CheckConfig.model_json_schema(by_alias=True)


def inline_schema() -> dict[str, Any]:
    """The config schema with its ``$defs`` references inlined.

    The policy pack declares each policy's config schema from this: the engine validates
    ``--policy-pack-config`` against it, and a schema there cannot refer to definitions.
    """
    schema = config_schema()
    definitions = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return inline(definitions[node["$ref"].rsplit("/", 1)[-1]])
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(value) for value in node]
        return node

    inlined: dict[str, Any] = inline(schema)
    return inlined
