"""A GPU pool as pods the scheduler must place on nodes with the right GPU.

One pod stands for one node of the pool: it asks for all of a node's GPUs (limits of
``nvidia.com/gpu``), needs a node whose GPU feature discovery product label names the
pool's GPU, tolerates the GPU nodes' taint, and keeps away from the pool's other pods
(as the OpenStack server group does). Pods follow Pod Security ``restricted``. A Service
exposes the workload's port: ClusterIP, or LoadBalancer when the description says the
pool is public.
"""

from __future__ import annotations

import pulumi
import pulumi_kubernetes as k8s

from souverain.catalog.gpus import gpu_models
from souverain.conventions import PUBLIC_ALLOWED, Component, Marker, platform_labels
from souverain.errors import Problem
from souverain.model.ai_platform import Platform
from souverain.model.gpu_pool import GpuPool
from souverain.model.workload import Workload
from souverain_kubernetes.options import KubernetesOptions
from souverain_kubernetes.resources import PodSize

PRODUCT_LABEL = "nvidia.com/gpu.product"
HOSTNAME = "kubernetes.io/hostname"


def placement_problems(platform: Platform) -> list[Problem]:
    """What keeps the pools from being placed, found before any resource is registered."""
    problems = []
    for i, pool in enumerate(platform.gpu_pools):
        if not gpu_products(pool.gpu):
            problems.append(
                Problem(
                    f"gpu_pools[{i}].gpu",
                    f"the catalog knows no {PRODUCT_LABEL} node label for {pool.gpu}, so no "
                    "node can be selected for it; pick a GPU model whose label is catalogued",
                )
            )
        if pool.public and (pool.workload is None or pool.workload.port is None):
            problems.append(
                Problem(
                    f"gpu_pools[{i}].workload.port",
                    "a public pool is exposed through a load balancer on its workload's port; "
                    "set the port",
                )
            )
    return problems


def gpu_products(gpu: str) -> list[str]:
    """The GPU feature discovery product labels of a neutral GPU model, from the catalog.

    A family (``H100``) is satisfied by any of its parts, so it selects nodes of any part
    whose label is catalogued.
    """
    models = gpu_models()
    names = models[gpu].parts or [gpu]
    return sorted(
        value
        for name in names
        if (labels := models[name].gpu_product) is not None
        for value in labels.values
    )


class GpuPoolComponent(pulumi.ComponentResource):
    """A Deployment (and its Service and autoscaler) for one pool."""

    def __init__(
        self,
        platform: Platform,
        pool: GpuPool,
        index: int,
        namespace: pulumi.Input[str],
        options: KubernetesOptions,
        opts: pulumi.ResourceOptions,
    ) -> None:
        name = platform.physical_name(pool.name)
        super().__init__(Component.GPU_POOL, name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        workload = pool.workload
        assert workload is not None  # bare nodes are refused before deploy
        labels = {**platform_labels(platform), Marker.PART.key: pool.name}
        selector = {Marker.PLATFORM.key: platform.name, Marker.PART.key: pool.name}
        metadata = {"name": name, "namespace": namespace, "labels": labels}
        deployment = k8s.apps.v1.Deployment(
            name,
            metadata=metadata,
            spec={
                "replicas": pool.min_nodes,
                "selector": {"matchLabels": selector},
                "template": {
                    "metadata": {"labels": labels},
                    "spec": _pod(platform, pool, workload, selector, options),
                },
            },
            opts=child,
        )
        if pool.max_nodes > pool.min_nodes:
            k8s.autoscaling.v2.HorizontalPodAutoscaler(
                f"{name}-scale",
                metadata={**metadata, "name": f"{name}-scale"},
                spec={
                    "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": name},
                    "minReplicas": pool.min_nodes,
                    "maxReplicas": pool.max_nodes,
                    "metrics": [
                        {
                            "type": "Resource",
                            "resource": {
                                "name": "cpu",
                                "target": {"type": "Utilization", "averageUtilization": 80},
                            },
                        }
                    ],
                },
                opts=pulumi.ResourceOptions(parent=self, depends_on=[deployment]),
            )
        if workload.port is not None:
            public = {Marker.PUBLIC.key: PUBLIC_ALLOWED} if pool.public else {}
            k8s.core.v1.Service(
                name,
                metadata={**metadata, "labels": {**labels, **public}},
                spec={
                    "type": "LoadBalancer" if pool.public else "ClusterIP",
                    "selector": selector,
                    "ports": [
                        {"name": "serve", "port": workload.port, "targetPort": workload.port}
                    ],
                },
                opts=child,
            )
        self.register_outputs({})


def _pod(
    platform: Platform,
    pool: GpuPool,
    workload: Workload,
    selector: dict[str, str],
    options: KubernetesOptions,
) -> dict[str, object]:
    size = PodSize.of(pool, options)
    container: dict[str, object] = {
        "name": "workload",
        "image": workload.image,
        "resources": {"requests": size.requests(), "limits": size.limits()},
        "securityContext": {
            "allowPrivilegeEscalation": False,
            "capabilities": {"drop": ["ALL"]},
        },
    }
    if workload.command:
        container["command"] = list(workload.command)
    if workload.port is not None:
        container["ports"] = [{"name": "serve", "containerPort": workload.port}]
    if workload.env:
        container["env"] = [{"name": k, "value": v} for k, v in sorted(workload.env.items())]
    pod: dict[str, object] = {
        "securityContext": {"runAsNonRoot": True, "seccompProfile": {"type": "RuntimeDefault"}},
        "containers": [container],
        "tolerations": [{"key": options.gpu_taint, "operator": "Exists", "effect": "NoSchedule"}],
        "affinity": {
            "nodeAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": {
                    "nodeSelectorTerms": [
                        {
                            "matchExpressions": [
                                {
                                    "key": PRODUCT_LABEL,
                                    "operator": "In",
                                    "values": gpu_products(pool.gpu),
                                }
                            ]
                        }
                    ]
                }
            },
            "podAntiAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": [
                    {"labelSelector": {"matchLabels": selector}, "topologyKey": HOSTNAME}
                ]
            },
        },
    }
    if platform.network.dns_nameservers:
        pod["dnsConfig"] = {"nameservers": list(platform.network.dns_nameservers)}
    return pod
