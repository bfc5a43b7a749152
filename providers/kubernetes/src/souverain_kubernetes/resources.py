"""What a GPU pod asks for, from the pool and the stack's per-GPU sizing."""

from __future__ import annotations

from dataclasses import dataclass

from souverain.model.gpu_pool import GpuPool
from souverain_kubernetes.options import KubernetesOptions

GPU = "nvidia.com/gpu"
"""The extended resource NVIDIA's device plugin advertises on GPU nodes."""


@dataclass(frozen=True)
class PodSize:
    """Requests of one pod: whole GPUs, and CPU and memory in proportion."""

    gpus: int
    cpu_millis: int
    memory_gib: int

    @classmethod
    def of(cls, pool: GpuPool, options: KubernetesOptions) -> PodSize:
        """The size of one of the pool's pods (one pod stands for one node)."""
        gpus = pool.gpus_per_node
        return cls(
            gpus, round(1000 * options.cpu_per_gpu * gpus), options.memory_gib_per_gpu * gpus
        )

    def requests(self) -> dict[str, str]:
        """Container resource requests."""
        return {"cpu": f"{self.cpu_millis}m", "memory": f"{self.memory_gib}Gi"}

    def limits(self) -> dict[str, str]:
        """Container resource limits: the GPUs, and memory as requested."""
        return {GPU: str(self.gpus), "memory": f"{self.memory_gib}Gi"}
