"""What a GPU pool runs: a container image, its command and the port it serves.

The same workload runs on every target: as a pod on Kubernetes, as a container started
by cloud-init on an IaaS node. It is the base of private inference and training jobs.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field

from souverain.model.base import Part

# registry[:port]/path[:tag][@digest], as the OCI distribution spec names references
_REFERENCE = re.compile(
    r"^(?:(?P<registry>[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?)/)?"
    r"(?P<path>[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*)"
    r"(:(?P<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?"
    r"(@sha256:[a-f0-9]{64})?$"
)
_ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")


def _container_image(value: str) -> str:
    match = _REFERENCE.match(value)
    host = (match["registry"] or "").split(":")[0] if match else ""
    if not host or ("." not in host and host != "localhost"):
        raise ValueError(
            f"{value!r} is not a fully qualified image reference; name the registry, e.g. "
            "'registry.example.eu/team/model-server:1.4' (short names resolve to Docker Hub)"
        )
    return value


def _env_name(value: str) -> str:
    if not _ENV_NAME.match(value):
        raise ValueError(f"{value!r} is not an environment variable name (A-Z, 0-9, _)")
    return value


ContainerImage = Annotated[str, AfterValidator(_container_image)]
EnvName = Annotated[str, AfterValidator(_env_name)]


class Workload(Part):
    """A container run on every node of a pool, with all of the node's GPUs.

    Environment values are plain configuration and land in the cloud's API and in
    Pulumi state: never put secrets here.
    """

    image: ContainerImage = Field(max_length=512)
    command: list[str] = Field(default_factory=list, max_length=64)
    port: int | None = Field(default=None, ge=1, le=65535)
    env: dict[EnvName, str] = Field(default_factory=dict)
