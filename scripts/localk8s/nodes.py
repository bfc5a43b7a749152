"""Fake nodes played by kwok: two H100 and two L4 GPU nodes, and one plain CPU node.

The GPU nodes carry the labels NVIDIA's GPU feature discovery puts on real ones and the
taint managed GPU node pools usually have, so workloads select and tolerate them as they
would on a real cloud. Capacity goes in the manifest (a node's create keeps its status);
kwok then keeps the nodes Ready and runs the pods scheduled onto them.
"""

from __future__ import annotations

import json
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from config import Layout

GPU_TAINT = {"key": "nvidia.com/gpu", "value": "present", "effect": "NoSchedule"}


@dataclass(frozen=True)
class GpuPool:
    """``count`` identical GPU nodes named ``<prefix>-<index>``."""

    prefix: str
    count: int
    instance_type: str
    product: str  # as GPU feature discovery labels it
    gpus: int
    gpu_memory_mib: int
    family: str
    compute: tuple[int, int]  # CUDA compute capability
    cpu: int
    memory: str


GPU_POOLS = [
    GpuPool(
        "gpu-h100", 2, "gpu-h100x8", "NVIDIA-H100-80GB-HBM3", 8, 81559, "hopper", (9, 0), 96, "1Ti"
    ),
    GpuPool("gpu-l4", 2, "gpu-l4x4", "NVIDIA-L4", 4, 23034, "ada-lovelace", (8, 9), 48, "192Gi"),
]
# name -> (instance type, cpu, memory): untainted, for pods that need no GPU
CPU_NODES = {"cpu-0": ("cpu-16x64", 16, "64Gi")}


def _node(
    name: str,
    instance_type: str,
    resources: dict[str, str],
    labels: dict[str, str],
    taints: list[dict[str, str]],
) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "name": name,
            "annotations": {"kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0"},
            "labels": {
                "type": "kwok",
                "kubernetes.io/hostname": name,
                "kubernetes.io/os": "linux",
                "kubernetes.io/arch": "amd64",
                "node.kubernetes.io/instance-type": instance_type,
                **labels,
            },
        },
        "spec": {"taints": taints},
        "status": {"capacity": resources, "allocatable": resources},
    }


def manifests() -> list[dict[str, Any]]:
    """Every fake node."""
    nodes = []
    for pool in GPU_POOLS:
        labels = {
            "nvidia.com/gpu.present": "true",
            "nvidia.com/gpu.product": pool.product,
            "nvidia.com/gpu.count": str(pool.gpus),
            "nvidia.com/gpu.memory": str(pool.gpu_memory_mib),
            "nvidia.com/gpu.family": pool.family,
            "nvidia.com/gpu.compute.major": str(pool.compute[0]),
            "nvidia.com/gpu.compute.minor": str(pool.compute[1]),
        }
        resources = {
            "cpu": str(pool.cpu),
            "memory": pool.memory,
            "pods": "110",
            "nvidia.com/gpu": str(pool.gpus),
        }
        for index in range(pool.count):
            name = f"{pool.prefix}-{index}"
            nodes.append(_node(name, pool.instance_type, resources, labels, [GPU_TAINT]))
    for name, (kind, cpu, ram) in CPU_NODES.items():
        nodes.append(_node(name, kind, {"cpu": str(cpu), "memory": ram, "pods": "110"}, {}, []))
    return nodes


def kubectl(bin: Path, layout: Layout, *args: str, stdin: str | None = None) -> str:
    """Run kubectl as the cluster admin and return its output."""
    result = subprocess.run(
        [str(bin / "kubectl"), f"--kubeconfig={layout.kubeconfig}", *args],
        input=stdin, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"kubectl {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def create_nodes(bin: Path, layout: Layout) -> list[str]:
    """Apply the node manifests and wait until kwok reports every node Ready."""
    nodes = manifests()
    kubectl(
        bin,
        layout,
        "apply",
        "-f",
        "-",
        stdin=json.dumps({"apiVersion": "v1", "kind": "List", "items": nodes}),
    )
    names = [node["metadata"]["name"] for node in nodes]
    kubectl(
        bin, layout, "wait", "--for=condition=Ready", "--timeout=60s", *(f"node/{n}" for n in names)
    )
    return names


def wait_for_default_service_account(bin: Path, layout: Layout, timeout: float = 60.0) -> None:
    """Pods are refused until the controller-manager has made the ``default`` ServiceAccount."""
    deadline = time.monotonic() + timeout
    while True:
        result = subprocess.run(
            [str(bin / "kubectl"), f"--kubeconfig={layout.kubeconfig}", "get", "serviceaccount", "default",
             "--namespace=default", "--output=name"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if result.returncode == 0:
            return
        if time.monotonic() > deadline:
            raise SystemExit(f"no default ServiceAccount after {timeout:.0f} s:\n{result.stderr}")
        time.sleep(0.2)
