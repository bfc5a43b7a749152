"""The OpenStack-specific part of a stack's target (``souverain:openstack`` in stack config)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.alias_generators import to_camel

from souverain.errors import SouverainError, problems_from_validation
from souverain.target import Target


class ObjectEncryption(StrEnum):
    """How bucket data is encrypted with the platform's own keys.

    - ``client-side``: clients encrypt before upload with the bucket's key, read from the
      project's Barbican; the cloud never sees plaintext. Works with every object store.
    - ``keymaster``: the cloud's Swift encryption middleware encrypts at rest with a
      Barbican-backed keymaster.
    - ``none``: no encryption with project keys is available.
    """

    CLIENT_SIDE = "client-side"
    KEYMASTER = "keymaster"
    NONE = "none"


class OpenStackOptions(BaseModel):
    """Connection and offering details of one OpenStack cloud region.

    Credentials never live here: ``cloud`` names an entry of ``clouds.yaml``, or the
    ``OS_*`` environment variables are used, as every OpenStack client does.
    """

    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=to_camel, populate_by_name=True
    )

    cloud: str | None = Field(default=None, description="clouds.yaml entry to authenticate with")
    auth_url: str | None = None
    insecure: bool = False
    external_network: str = Field(min_length=1, description="network routers use as gateway")
    flavors: dict[str, str] = Field(
        default_factory=dict,
        description="GPU model and count ('H100x2', or 'H100' for one) to flavor name; "
        "overrides the catalog, required on a generic cloud",
    )
    key_manager: bool | None = Field(
        default=None, description="the cloud offers Barbican (default: what the catalog says)"
    )
    object_encryption: ObjectEncryption = ObjectEncryption.CLIENT_SIDE
    encrypted_volume_type: str | None = None
    boot_from_volume: bool = Field(
        default=True,
        description="boot GPU nodes from a Cinder volume of the pool's boot_disk_gib; false "
        "boots from the image onto the flavor's local disk (clouds without Cinder)",
    )

    @classmethod
    def of(cls, target: Target) -> OpenStackOptions:
        """Validate the target's options, naming the stack-config key of each problem."""
        try:
            return cls.model_validate(target.options)
        except ValidationError as error:
            raise SouverainError(
                "souverain:openstack in the stack config is not valid",
                problems_from_validation(error, prefix="souverain:openstack."),
            ) from None
