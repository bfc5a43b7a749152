"""Where a description is deployed: the adapter, the cloud profile, the region and options.

The target comes from stack config (``stacks/Pulumi.<stack>.yaml``), never from the
description, so moving a platform to another cloud is a config change.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from souverain.errors import SouverainError, problems_from_validation
from souverain.model.names import Name

CONFIG_NAMESPACE = "souverain"


class Target(BaseModel):
    """The resolved deployment target of one stack."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    adapter: Name
    cloud: str = Field(min_length=1)
    region: str = Field(min_length=1)
    protect_data: bool = True
    options: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def from_config(cls, config: dict[str, Any], stack: str = "this stack") -> Target:
        """Build the target from stack config values (keys without the ``souverain:`` prefix).

        The adapter's own options live under a key named after the adapter
        (``souverain:openstack``); the adapter validates them itself.
        """
        adapter = config.get("adapter")
        data = {
            "adapter": adapter,
            "cloud": config.get("cloud"),
            "region": config.get("region"),
            "options": config.get(adapter, {}) if isinstance(adapter, str) else {},
        }
        if "protectData" in config:
            data["protect_data"] = config["protectData"]
        try:
            return cls.model_validate({k: v for k, v in data.items() if v is not None})
        except ValidationError as error:
            raise SouverainError(
                f"the stack config of {stack} does not name a valid target",
                problems_from_validation(error, prefix=f"{CONFIG_NAMESPACE}:"),
            ) from None
