"""The local Kubernetes: fake GPU nodes the real scheduler, quota and admission work with."""

from __future__ import annotations

import pytest

from tests.k8s.conftest import wait_for

pytestmark = pytest.mark.k8s

H100, L4 = "NVIDIA-H100-80GB-HBM3", "NVIDIA-L4"
GPU_NODES = {
    "gpu-h100-0": (H100, "8"),
    "gpu-h100-1": (H100, "8"),
    "gpu-l4-0": (L4, "4"),
    "gpu-l4-1": (L4, "4"),
}
GPU_TOLERATION = {"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}


def _core(api):
    from kubernetes import client

    return client.CoreV1Api(api)


def _ready(node) -> bool:
    return any(c.type == "Ready" and c.status == "True" for c in node.status.conditions or [])


def _pod(name: str, gpus: int, *, product: str | None = None) -> dict:
    """A pod spec asking for ``gpus`` GPUs (none: an ordinary pod without the toleration)."""
    spec: dict = {
        "terminationGracePeriodSeconds": 0,  # the namespace goes away without waiting for it
        "containers": [
            {
                "name": "main",
                "image": "registry.example.eu/inference:1.0",
                "resources": {"limits": {"nvidia.com/gpu": str(gpus)}} if gpus else {},
            }
        ],
    }
    if gpus:
        spec["tolerations"] = [GPU_TOLERATION]
    if product:
        spec["affinity"] = {
            "nodeAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": {
                    "nodeSelectorTerms": [
                        {
                            "matchExpressions": [
                                {
                                    "key": "nvidia.com/gpu.product",
                                    "operator": "In",
                                    "values": [product],
                                }
                            ]
                        }
                    ]
                }
            }
        }
    return {"metadata": {"name": name, "labels": {"app": name}}, "spec": spec}


def _running_pods(core, namespace: str, app: str) -> list:
    pods = core.list_namespaced_pod(namespace, label_selector=f"app={app}").items
    return [p for p in pods if p.status.phase == "Running" and p.spec.node_name]


def test_gpu_nodes_are_ready_with_their_gpus_labels_and_taint(api):
    nodes = {
        n.metadata.name: n
        for n in _core(api).list_node(label_selector="nvidia.com/gpu.present=true").items
    }
    assert set(nodes) == set(GPU_NODES)
    for name, (product, gpus) in GPU_NODES.items():
        node = nodes[name]
        assert _ready(node), name
        assert node.status.allocatable["nvidia.com/gpu"] == gpus
        assert node.status.capacity["nvidia.com/gpu"] == gpus
        assert node.metadata.labels["nvidia.com/gpu.product"] == product
        assert node.metadata.labels["nvidia.com/gpu.count"] == gpus
        assert [(t.key, t.value, t.effect) for t in node.spec.taints] == [
            ("nvidia.com/gpu", "present", "NoSchedule")
        ]


def test_cpu_node_is_ready_untainted_and_without_gpus(api):
    node = _core(api).read_node("cpu-0")
    assert _ready(node)
    assert not node.spec.taints
    assert "nvidia.com/gpu" not in node.status.allocatable


def test_gpu_deployment_runs_on_an_l4_node(api, namespace):
    from kubernetes import client

    apps = client.AppsV1Api(api)
    apps.create_namespaced_deployment(
        namespace,
        {
            "metadata": {"name": "inference"},
            "spec": {
                "replicas": 1,
                "selector": {"matchLabels": {"app": "inference"}},
                "template": _pod("inference", 1, product=L4),
            },
        },
    )
    core = _core(api)
    [running] = wait_for(lambda: _running_pods(core, namespace, "inference"), "GPU pod Running")
    assert running.spec.node_name in {"gpu-l4-0", "gpu-l4-1"}
    assert running.spec.containers[0].resources.requests["nvidia.com/gpu"] == "1"
    wait_for(
        lambda: (
            apps.read_namespaced_deployment("inference", namespace).status.available_replicas == 1
        ),
        "Deployment available",
    )


def test_ordinary_pod_runs_on_the_cpu_node(api, namespace):
    core = _core(api)
    core.create_namespaced_pod(namespace, _pod("web", 0))
    [running] = wait_for(lambda: _running_pods(core, namespace, "web"), "pod Running")
    assert running.spec.node_name == "cpu-0"  # the GPU nodes' taint keeps it off them


def test_gpu_quota_is_enforced_by_the_api_server(api, namespace):
    from kubernetes.client.exceptions import ApiException

    core = _core(api)
    core.create_namespaced_resource_quota(
        namespace,
        {"metadata": {"name": "gpu-quota"}, "spec": {"hard": {"requests.nvidia.com/gpu": "2"}}},
    )
    # Admission checks against the quota's status, which the controller-manager fills in.
    wait_for(
        lambda: core.read_namespaced_resource_quota("gpu-quota", namespace).status.hard,
        "quota status",
    )
    core.create_namespaced_pod(namespace, _pod("small", 1))
    with pytest.raises(ApiException) as refused:
        core.create_namespaced_pod(namespace, _pod("large", 4))
    assert refused.value.status == 403
    assert "exceeded quota: gpu-quota" in refused.value.body
    assert "requested: requests.nvidia.com/gpu=4" in refused.value.body
    assert "limited: requests.nvidia.com/gpu=2" in refused.value.body
    used = core.read_namespaced_resource_quota("gpu-quota", namespace).status.used
    assert used["requests.nvidia.com/gpu"] == "1"
