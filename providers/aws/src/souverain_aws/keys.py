"""Keys as KMS keys: generated inside KMS, so their material never passes through Pulumi state.

What each described key becomes, and what KMS refuses, is decided here without the SDK,
so the adapter can report every problem before a resource is registered:

- ``aes-256`` encryption keys are ``SYMMETRIC_DEFAULT`` keys, the only kind S3 and EBS
  encrypt with and the only kind KMS rotates (every 90 to 2560 days);
- ``aes-256`` signing keys are ``HMAC_256`` keys (``GENERATE_VERIFY_MAC``): KMS has no
  symmetric signature, a MAC authenticates the same way;
- RSA keys encrypt or sign; ``ec-p384`` keys only sign (KMS has no ECC encryption).
"""

from __future__ import annotations

from dataclasses import dataclass

from souverain.errors import Problem
from souverain.model.ai_platform import Platform
from souverain.model.key import Key, KeyAlgorithm, KeyPurpose

ROTATION_DAYS = (90, 2560)
"""The rotation periods KMS accepts (RotationPeriodInDays)."""


@dataclass(frozen=True)
class KmsSpec:
    """A KMS key spec and usage; ``rotates`` when KMS can rotate it automatically."""

    spec: str
    usage: str

    @property
    def rotates(self) -> bool:
        """Only symmetric encryption keys rotate automatically in KMS."""
        return self.spec == "SYMMETRIC_DEFAULT"


_SPECS: dict[tuple[KeyAlgorithm, KeyPurpose], KmsSpec] = {
    (KeyAlgorithm.AES_256, KeyPurpose.ENCRYPTION): KmsSpec("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT"),
    (KeyAlgorithm.AES_256, KeyPurpose.SIGNING): KmsSpec("HMAC_256", "GENERATE_VERIFY_MAC"),
    (KeyAlgorithm.RSA_3072, KeyPurpose.ENCRYPTION): KmsSpec("RSA_3072", "ENCRYPT_DECRYPT"),
    (KeyAlgorithm.RSA_3072, KeyPurpose.SIGNING): KmsSpec("RSA_3072", "SIGN_VERIFY"),
    (KeyAlgorithm.RSA_4096, KeyPurpose.ENCRYPTION): KmsSpec("RSA_4096", "ENCRYPT_DECRYPT"),
    (KeyAlgorithm.RSA_4096, KeyPurpose.SIGNING): KmsSpec("RSA_4096", "SIGN_VERIFY"),
    (KeyAlgorithm.EC_P384, KeyPurpose.SIGNING): KmsSpec("ECC_NIST_P384", "SIGN_VERIFY"),
}


def kms_spec(key: Key) -> KmsSpec | None:
    """The KMS spec of a described key, or None when KMS has no such key."""
    return _SPECS.get((key.algorithm, key.purpose))


def key_problems(platform: Platform) -> list[Problem]:
    """What KMS cannot do of the described keys, one problem per field."""
    problems = []
    for i, key in enumerate(platform.keys):
        spec = kms_spec(key)
        if spec is None:
            problems.append(
                Problem(
                    f"keys[{i}].algorithm",
                    f"KMS cannot make an {key.algorithm} {key.purpose} key (ECC keys only sign); "
                    "use aes-256 or an RSA algorithm",
                )
            )
        elif key.rotation_days is not None and not spec.rotates:
            problems.append(
                Problem(
                    f"keys[{i}].algorithm",
                    f"KMS rotates only aes-256 encryption keys, and {key.name!r} is an "
                    f"{key.algorithm} {key.purpose} key; use aes-256 or remove rotation_days",
                )
            )
        elif key.rotation_days is not None and not (
            ROTATION_DAYS[0] <= key.rotation_days <= ROTATION_DAYS[1]
        ):
            problems.append(
                Problem(
                    f"keys[{i}].rotation_days",
                    f"KMS rotates keys every {ROTATION_DAYS[0]} to {ROTATION_DAYS[1]} days; "
                    f"{key.rotation_days} is outside that range",
                )
            )
    return problems


def symmetric(platform: Platform, name: str) -> bool:
    """Whether the described key ``name`` becomes a symmetric encryption key (S3, EBS)."""
    key = next(k for k in platform.keys if k.name == name)
    spec = kms_spec(key)
    return spec is not None and spec.spec == "SYMMETRIC_DEFAULT"
