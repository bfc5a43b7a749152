"""The platform's place in the cluster: a namespace, its quota and limits, its network policies.

The namespace enforces Pod Security Admission ``restricted``. The quota is what the pools
can use at their largest; the network policies deny everything, then allow the platform's
pods to talk to each other, the described ingress, and the described egress (plus the
cluster's DNS, without which service names do not resolve).
"""

from __future__ import annotations

import pulumi
import pulumi_kubernetes as k8s

from souverain.conventions import Component, Marker, platform_labels
from souverain.model.ai_platform import Platform
from souverain.model.network import EgressMode, IngressRule
from souverain_kubernetes.options import KubernetesOptions
from souverain_kubernetes.resources import GPU, PodSize

PSA = "pod-security.kubernetes.io"
DNS_PORTS = [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}]
CLUSTER_DNS = {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}}}


class NamespaceComponent(pulumi.ComponentResource):
    """Everything the platform's pods live in; ``name`` is what namespaced parts use."""

    name: pulumi.Output[str]

    def __init__(
        self,
        platform: Platform,
        namespace: str,
        options: KubernetesOptions,
        opts: pulumi.ResourceOptions,
    ) -> None:
        base = platform.physical_name("net")
        super().__init__(Component.NETWORK, base, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        labels = {**platform_labels(platform), Marker.PART.key: "net"}
        created = k8s.core.v1.Namespace(
            base,
            metadata={
                "name": namespace,
                "labels": {
                    **labels,
                    f"{PSA}/enforce": "restricted",
                    f"{PSA}/audit": "restricted",
                    f"{PSA}/warn": "restricted",
                },
            },
            opts=child,
        )
        self.name = created.metadata.apply(lambda meta: meta.name or namespace)
        self._prefix = platform.name
        self._labels = labels
        sizes = [(PodSize.of(p, options), p.max_nodes) for p in platform.gpu_pools]
        gpus = sum(size.gpus * pods for size, pods in sizes)
        cpu = sum(size.cpu_millis * pods for size, pods in sizes)
        memory = sum(size.memory_gib * pods for size, pods in sizes)
        k8s.core.v1.ResourceQuota(
            f"{base}-quota",
            metadata=self._meta("quota"),
            spec={
                "hard": {
                    f"requests.{GPU}": str(gpus),
                    "requests.cpu": f"{cpu + 1000}m",  # plus one core for small helpers
                    "requests.memory": f"{memory + 1}Gi",
                }
            },
            opts=child,
        )
        k8s.core.v1.LimitRange(
            f"{base}-limits",
            metadata=self._meta("limits"),
            spec={
                "limits": [
                    {
                        "type": "Container",
                        "defaultRequest": {"cpu": "100m", "memory": "128Mi"},
                        "default": {"memory": "512Mi"},
                    }
                ]
            },
            opts=child,
        )
        self._policies(platform, child)
        self.register_outputs({"name": self.name})

    def _meta(self, suffix: str) -> dict[str, object]:
        """Metadata of a namespaced part: its name, the namespace, the platform's labels."""
        return {"name": f"{self._prefix}-{suffix}", "namespace": self.name, "labels": self._labels}

    def _policies(self, platform: Platform, child: pulumi.ResourceOptions) -> None:
        network = platform.network
        everyone: dict[str, object] = {}
        base = platform.physical_name("net")
        k8s.networking.v1.NetworkPolicy(
            f"{base}-default-deny",
            metadata=self._meta("default-deny"),
            spec={"podSelector": everyone, "policyTypes": ["Ingress", "Egress"]},
            opts=child,
        )
        k8s.networking.v1.NetworkPolicy(
            f"{base}-peers",
            metadata=self._meta("peers"),
            spec={
                "podSelector": everyone,
                "policyTypes": ["Ingress", "Egress"],
                "ingress": [{"from": [{"podSelector": everyone}]}],
                "egress": [{"to": [{"podSelector": everyone}]}],
            },
            opts=child,
        )
        for i, rule in enumerate(network.ingress):
            k8s.networking.v1.NetworkPolicy(
                f"{base}-ingress-{i}",
                metadata={
                    **self._meta(f"ingress-{i}"),
                    "annotations": {"description": rule.description},
                },
                spec={
                    "podSelector": everyone,
                    "policyTypes": ["Ingress"],
                    "ingress": [
                        {
                            "from": [{"ipBlock": {"cidr": str(s)}} for s in rule.sources],
                            "ports": [_port(rule)],
                        }
                    ],
                },
                opts=child,
            )
        if network.egress.mode is EgressMode.ALLOW_ALL:
            destinations = ["0.0.0.0/0"]
        else:
            destinations = [str(d) for d in network.egress.destinations]
        egress: list[dict[str, object]] = [{"to": [CLUSTER_DNS], "ports": DNS_PORTS}]
        if destinations:
            egress.append({"to": [{"ipBlock": {"cidr": d}} for d in destinations]})
        if network.dns_nameservers:
            egress.append(
                {
                    "to": [{"ipBlock": {"cidr": f"{ns}/32"}} for ns in network.dns_nameservers],
                    "ports": DNS_PORTS,
                }
            )
        k8s.networking.v1.NetworkPolicy(
            f"{base}-egress",
            metadata=self._meta("egress"),
            spec={"podSelector": everyone, "policyTypes": ["Egress"], "egress": egress},
            opts=child,
        )


def _port(rule: IngressRule) -> dict[str, object]:
    """The NetworkPolicy port of a TCP or UDP ingress rule (ICMP is refused before)."""
    low, high = rule.port_range or (1, 65535)
    port: dict[str, object] = {"protocol": str(rule.protocol).upper(), "port": low}
    if high != low:
        port["endPort"] = high
    return port
