"""The AWS-specific part of a stack's target (``souverain:aws`` in stack config)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.alias_generators import to_camel

from souverain.errors import SouverainError, problems_from_validation
from souverain.target import Target


class PlacementStrategy(StrEnum):
    """How a pool's instances are placed: close together, or apart (EC2 placement groups)."""

    CLUSTER = "cluster"
    SPREAD = "spread"
    PARTITION = "partition"


class AwsOptions(BaseModel):
    """Connection and placement details of one AWS account and region.

    Credentials never live here: ``profile`` names an entry of the shared AWS config
    (``~/.aws/config``), or the usual ``AWS_*`` environment variables are used.
    """

    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=to_camel, populate_by_name=True
    )

    profile: str | None = Field(default=None, description="shared-config profile to use")
    instance_types: dict[str, str] = Field(
        default_factory=dict,
        description="GPU model and count ('H100x2', or 'H100' for one) to instance type; "
        "overrides the catalog",
    )
    images: dict[str, str] = Field(
        default_factory=dict,
        description="a pool's image name to an AMI id ('ami-...') or an AMI name pattern "
        "('ubuntu/images/*ubuntu-noble-24.04-amd64-server-*'); unmapped names are looked up "
        "as AMI names",
    )
    image_owners: list[str] = Field(
        default_factory=lambda: ["self"],
        description="accounts whose AMIs name lookups may return ('self', 'amazon', an id)",
    )
    volume_key: str | None = Field(
        default=None,
        description="the description's key that encrypts the nodes' EBS volumes "
        "(default: its first encryption key)",
    )
    placement: PlacementStrategy = PlacementStrategy.CLUSTER

    @classmethod
    def of(cls, target: Target) -> AwsOptions:
        """Validate the target's options, naming the stack-config key of each problem."""
        try:
            return cls.model_validate(target.options)
        except ValidationError as error:
            raise SouverainError(
                "souverain:aws in the stack config is not valid",
                problems_from_validation(error, prefix="souverain:aws."),
            ) from None
