"""A pool of GPU nodes: what accelerators, how many, from which image."""

from __future__ import annotations

import re
from typing import Annotated, Self

from pydantic import AfterValidator, Field, model_validator

from souverain.catalog.gpus import gpu_models
from souverain.catalog.lookup import unknown
from souverain.model.base import Part
from souverain.model.names import Name
from souverain.model.workload import Workload

_SSH_KEY = re.compile(
    r"^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com)"
    r" [A-Za-z0-9+/]{16,}={0,3}( \S.*)?$"
)


def _known_gpu(value: str) -> str:
    models = gpu_models()
    if value in models:
        return value
    raise ValueError(unknown("GPU model", value, models))


def _ssh_key(value: str) -> str:
    if not _SSH_KEY.match(value.strip()):
        raise ValueError(
            "is not an OpenSSH public key; paste one line such as 'ssh-ed25519 AAAA... user@host'"
        )
    return value.strip()


GpuModelName = Annotated[str, AfterValidator(_known_gpu)]
SshPublicKey = Annotated[str, AfterValidator(_ssh_key)]


class GpuPool(Part):
    """Identical GPU nodes. Private by default: a public address must be asked for."""

    name: Name
    gpu: GpuModelName
    gpus_per_node: int = Field(default=1, ge=1, le=16)
    min_nodes: int = Field(default=1, ge=0, le=1000)
    max_nodes: int = Field(default=1, ge=1, le=1000)
    image: str = Field(min_length=1, max_length=255)
    boot_disk_gib: int | None = Field(
        default=None, ge=10, le=16384, description="boot disk size; default: the target's"
    )
    subnet: Name | None = None
    confidential_computing: bool = False
    public: bool = False
    ssh_public_key: SshPublicKey | None = None
    workload: Workload | None = None

    @model_validator(mode="after")
    def _node_range(self) -> Self:
        if self.min_nodes > self.max_nodes:
            raise ValueError(
                f"min_nodes ({self.min_nodes}) is larger than max_nodes ({self.max_nodes})"
            )
        return self
