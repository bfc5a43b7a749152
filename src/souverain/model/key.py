"""Keys held by the platform's owner in a key manager the target provides."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from souverain.model.base import Part
from souverain.model.names import Name


class KeyAlgorithm(StrEnum):
    """Key algorithms every supported key manager (Barbican, KMS, Vault) can create."""

    AES_256 = "aes-256"
    RSA_3072 = "rsa-3072"
    RSA_4096 = "rsa-4096"
    EC_P384 = "ec-p384"


class KeyPurpose(StrEnum):
    """What a key is for: encryption keys protect buckets and volumes."""

    ENCRYPTION = "encryption"
    SIGNING = "signing"


class Key(Part):
    """A key the platform owner holds."""

    name: Name
    algorithm: KeyAlgorithm = KeyAlgorithm.AES_256
    purpose: KeyPurpose = KeyPurpose.ENCRYPTION
    rotation_days: int | None = Field(
        default=None, ge=1, le=3650, description="rotate automatically this often; default: never"
    )
