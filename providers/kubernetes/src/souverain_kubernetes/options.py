"""The Kubernetes-specific part of a stack's target (``souverain:kubernetes`` in stack config)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.alias_generators import to_camel

from souverain.errors import SouverainError, problems_from_validation
from souverain.model.names import Name
from souverain.target import Target


class KubernetesOptions(BaseModel):
    """How to reach the cluster and what each GPU pod asks for besides its GPUs.

    Credentials never live here: ``kubeconfig`` names a file (default: the usual
    ``KUBECONFIG`` or ``~/.kube/config``) and ``context`` one of its contexts.
    """

    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=to_camel, populate_by_name=True
    )

    context: str | None = Field(default=None, description="kubeconfig context of the cluster")
    kubeconfig: str | None = Field(default=None, description="path of the kubeconfig file")
    namespace: Name | None = Field(default=None, description="default: the platform's name")
    cpu_per_gpu: float = Field(default=4, gt=0, le=256, description="CPU cores asked per GPU")
    memory_gib_per_gpu: int = Field(default=16, ge=1, le=4096, description="memory per GPU")
    gpu_taint: str = Field(
        default="nvidia.com/gpu",
        min_length=1,
        description="taint key on the cluster's GPU nodes, tolerated by GPU pods",
    )

    @classmethod
    def of(cls, target: Target) -> KubernetesOptions:
        """Validate the target's options, naming the stack-config key of each problem."""
        try:
            return cls.model_validate(target.options)
        except ValidationError as error:
            raise SouverainError(
                "souverain:kubernetes in the stack config is not valid",
                problems_from_validation(error, prefix="souverain:kubernetes."),
            ) from None
