"""The Kubernetes adapter: a namespace with quotas and network policies, GPU pools as pods.

Buckets and keys have no Kubernetes meaning: a stack routes them to another adapter (the
same cloud's object storage and key manager). This module imports no Kubernetes SDK: the
registry imports it to ask which clouds it reaches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from souverain.adapters.contract import Adapter, KeyRing
from souverain.adapters.features import Feature
from souverain.catalog.clouds import Cloud
from souverain.errors import SouverainError
from souverain.model.ai_platform import Platform
from souverain.target import Pillar, Target
from souverain_kubernetes.options import KubernetesOptions

if TYPE_CHECKING:
    import pulumi

_ROUTE_STORAGE = (
    "Kubernetes has no object storage of its own; route storage to an adapter that has "
    "(souverain:pillars.storage, e.g. the same cloud's openstack)"
)
_ROUTE_KEYS = (
    "Kubernetes has no key manager that keeps key material out of the cluster and of Pulumi "
    "state (a Secret would hold it); route keys to one (souverain:pillars.keys)"
)
_POD_NETWORK = (
    "pods take their addresses from the cluster's pod network, which the cluster sets; "
    "the namespace's network policies carry the description's ingress and egress"
)


class KubernetesAdapter(Adapter):
    """Compiles the network and compute of a description into one namespace of a cluster."""

    name: ClassVar[str] = "kubernetes"
    speaks: ClassVar[frozenset[str]] = frozenset({"kubernetes"})
    pillars: ClassVar[frozenset[Pillar]] = frozenset({Pillar.NETWORK, Pillar.COMPUTE})

    def reaches(self, cloud: Cloud) -> str | None:
        """A Kubernetes cluster, or a cloud that offers managed Kubernetes."""
        managed = cloud.services.get("managed_kubernetes")
        if cloud.api in self.speaks or (managed is not None and managed.available):
            return None
        return f"{cloud.name} has no managed Kubernetes in the catalog"

    def unsupported_features(self, target: Target) -> dict[Feature, str]:
        """Storage and keys go elsewhere; no SSH, confidential runtime, ICMP or bare nodes."""
        KubernetesOptions.of(target)  # bad options are named before anything else
        return {
            Feature.OBJECT_STORAGE: _ROUTE_STORAGE,
            Feature.OBJECT_VERSIONING: _ROUTE_STORAGE,
            Feature.OBJECT_LOCK: _ROUTE_STORAGE,
            Feature.OBJECT_LIFECYCLE: _ROUTE_STORAGE,
            Feature.BUCKET_ENCRYPTION: _ROUTE_STORAGE,
            Feature.CUSTOMER_KEYS: _ROUTE_KEYS,
            Feature.KEY_ROTATION: _ROUTE_KEYS,
            Feature.SIGNING_KEYS: _ROUTE_KEYS,
            Feature.SSH_ACCESS: "pods are reached through the Kubernetes API (kubectl exec), "
            "not SSH; remove ssh_public_key",
            Feature.CONFIDENTIAL_COMPUTING: "no cluster in the catalog offers a confidential "
            "GPU runtime class",
            Feature.BARE_NODES: "a pool runs as pods on Kubernetes: describe its workload "
            "(a container image)",
            Feature.ICMP_INGRESS: "a NetworkPolicy allows TCP, UDP and SCTP only",
        }

    def not_applicable(self, target: Target) -> dict[str, str]:
        """Address plans and node images belong to the cluster, not to the platform."""
        return {
            "network.cidr": _POD_NETWORK,
            "network.subnets[].name": _POD_NETWORK,
            "network.subnets[].cidr": _POD_NETWORK,
            "network.subnets[].purpose": _POD_NETWORK,
            "gpu_pools[].subnet": _POD_NETWORK,
            "gpu_pools[].image": "nodes belong to the cluster: their operating system image "
            "is the node pool's; the pool's workload image is what runs",
            "gpu_pools[].boot_disk_gib": "pods use the disks of the cluster's nodes, whose "
            "size the node pool sets",
        }

    def deploy(
        self,
        platform: Platform,
        target: Target,
        pillars: frozenset[Pillar],
        root: pulumi.Resource,
        keys: KeyRing,
    ) -> None:
        """Register the namespace (network pillar) and one workload per pool (compute)."""
        import pulumi
        import pulumi_kubernetes as k8s

        from souverain_kubernetes.gpu_pool import GpuPoolComponent, placement_problems
        from souverain_kubernetes.namespace import NamespaceComponent

        options = KubernetesOptions.of(target)
        problems = placement_problems(platform) if Pillar.COMPUTE in pillars else []
        if problems:
            raise SouverainError(f"{platform.name} cannot be placed on {target.cloud}", problems)
        namespace = options.namespace or platform.name
        provider = k8s.Provider(
            platform.physical_name("kubernetes"),
            context=options.context,
            kubeconfig=options.kubeconfig,
            namespace=namespace,
            opts=pulumi.ResourceOptions(parent=root),
        )
        opts = pulumi.ResourceOptions(parent=root, providers=[provider])
        space = NamespaceComponent(platform, namespace, options, opts)
        if Pillar.COMPUTE in pillars:
            for index, pool in enumerate(platform.gpu_pools):
                GpuPoolComponent(platform, pool, index, space.name, options, opts)

    def sizes(self, platform: Platform, target: Target) -> dict[str, str]:
        """What one pod of each pool asks for: the cluster places it on a matching node."""
        from souverain_kubernetes.gpu_pool import gpu_products
        from souverain_kubernetes.resources import PodSize

        options = KubernetesOptions.of(target)
        sizes = {}
        for pool in platform.gpu_pools:
            size = PodSize.of(pool, options)
            products = " or ".join(gpu_products(pool.gpu)) or "no catalogued label"
            sizes[pool.name] = (
                f"pod of {size.gpus} x nvidia.com/gpu ({products}), "
                f"{size.cpu_millis / 1000:g} CPU, {size.memory_gib} GiB"
            )
        return sizes

    @classmethod
    def example_target(cls) -> Target:
        """Any conformant cluster, named by a kubeconfig context."""
        return Target(adapter=cls.name, cloud="generic-kubernetes", options={"context": "example"})
