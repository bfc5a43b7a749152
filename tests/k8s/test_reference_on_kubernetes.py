"""`pulumi up` of the reference platform onto the local Kubernetes, with the real engine.

The `local-k8s` stack sends the network and the GPU pools to the cluster and the buckets
and keys to the local OpenStack's Swift and Barbican: both run on 127.0.0.1. The pods are
checked through the Kubernetes API, where the real scheduler placed them.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest

from tests.cloud.conftest import cloud_sdk, local_cloud  # noqa: F401 - shared fixtures
from tests.conftest import PROJECT
from tests.engine.conftest import KUBERNETES_VERSION, engine_bin, engine_for  # noqa: F401
from tests.k8s.conftest import wait_for

pytestmark = [pytest.mark.k8s, pytest.mark.cloud]

NAMESPACE = "sovereign-ai"
H100, L4 = "NVIDIA-H100-80GB-HBM3", "NVIDIA-L4"
VPN = "192.168.100.0/24"


@pytest.fixture
def deployment(engine_for, local_cloud, kubeconfig, tmp_path):  # noqa: F811
    """The project copied to tmp_path, bound to an engine with both plugins and the pack."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("__main__.py", "reference_platform.py"):
        shutil.copy(PROJECT / name, project)
    for folder in ("stacks", "policies", "catalog"):
        shutil.copytree(PROJECT / folder, project / folder)
    venv = str(PROJECT / ".venv")
    (project / "Pulumi.yaml").write_text(
        (PROJECT / "Pulumi.yaml").read_text().replace("virtualenv: .venv", f"virtualenv: {venv}")
    )
    pack = project / "policies" / "PulumiPolicy.yaml"
    pack.write_text(pack.read_text().replace("../.venv", venv))
    engine = engine_for(project)
    engine.install_plugin("kubernetes", KUBERNETES_VERSION)
    engine.extra_env = {"OS_CLIENT_CONFIG_FILE": str(local_cloud), "KUBECONFIG": str(kubeconfig)}
    from souverain.check import stack_policy_config
    from souverain.rules.config import load_config

    config = tmp_path / "policy-config.json"
    checks = load_config(PROJECT / "stacks" / "local-k8s.check.yaml")
    config.write_text(json.dumps(stack_policy_config(PROJECT, "local-k8s", checks)))
    engine("stack", "init", "local-k8s")
    engine.policy = [
        "--policy-pack",
        str(project / "policies"),
        "--policy-pack-config",
        str(config),
    ]
    yield engine
    engine("state", "unprotect", "--all", "-s", "local-k8s", "--yes", check=False)
    engine("destroy", "-s", "local-k8s", "--yes", check=False)


def pods_by_pool(api) -> dict[str, list]:
    from kubernetes import client

    pods = client.CoreV1Api(api).list_namespaced_pod(NAMESPACE).items
    found: dict[str, list] = {}
    for pod in pods:
        found.setdefault(pod.metadata.labels.get("souverain-part", ""), []).append(pod)
    return found


def node_products(api) -> dict[str, str]:
    from kubernetes import client

    return {
        node.metadata.name: node.metadata.labels.get("nvidia.com/gpu.product", "")
        for node in client.CoreV1Api(api).list_node().items
    }


def openstack_data(sdk) -> Counter[str]:
    """The reference platform's buckets and keys in the local OpenStack."""
    mine = lambda name: bool(name) and name.startswith("sovereign-ai")  # noqa: E731
    return +Counter(
        {
            "container": sum(mine(c.name) for c in sdk.object_store.containers()),
            "order": sum(
                o.status == "ACTIVE" and mine((o.meta or {}).get("name"))
                for o in sdk.key_manager.orders()
            ),
        }
    )


def test_reference_platform_runs_on_kubernetes_gpu_nodes(deployment, api, cloud_sdk):  # noqa: F811
    from kubernetes import client
    from kubernetes.client.exceptions import ApiException

    up = deployment("up", "-s", "local-k8s", "--yes", *deployment.policy)
    assert "souverain-sovereignty" in up.stdout + up.stderr  # the pack judged the plan

    # The real scheduler placed each pool on nodes with its GPU, one pod per node.
    products = node_products(api)
    pools = wait_for(
        lambda: (
            (found := pods_by_pool(api))
            and all(p.status.phase == "Running" for pods in found.values() for p in pods)
            and found
        ),
        "every pod Running",
    )
    assert {name: len(pods) for name, pods in pools.items()} == {"training": 2, "inference": 2}
    for name, product in (("training", H100), ("inference", L4)):
        nodes = [pod.spec.node_name for pod in pools[name]]
        assert {products[node] for node in nodes} == {product}, nodes
        assert len(set(nodes)) == 2  # spread across nodes, like the OpenStack server group

    # The network policies say what the description says.
    networking = client.NetworkingV1Api(api)
    policies = {
        p.metadata.name: p.spec for p in networking.list_namespaced_network_policy(NAMESPACE).items
    }
    assert set(policies) == {
        "sovereign-ai-default-deny", "sovereign-ai-peers", "sovereign-ai-ingress-0",
        "sovereign-ai-ingress-1", "sovereign-ai-egress",
    }  # fmt: skip
    assert sorted(policies["sovereign-ai-default-deny"].policy_types) == ["Egress", "Ingress"]
    ingress = {
        name: (rule.ingress[0]._from[0].ip_block.cidr, rule.ingress[0].ports[0].port)
        for name, rule in policies.items()
        if name.startswith("sovereign-ai-ingress")
    }
    assert sorted(ingress.values()) == [(VPN, 22), (VPN, 8000)]
    destinations = {
        peer.ip_block.cidr
        for rule in policies["sovereign-ai-egress"].egress
        for peer in rule.to
        if peer.ip_block
    }
    assert destinations == {"10.0.0.0/8"}

    # The real API server refuses a pod above the platform's GPU quota (4 GPUs, all in use).
    greedy = {
        "metadata": {"name": "greedy"},
        "spec": {
            "securityContext": {"runAsNonRoot": True, "seccompProfile": {"type": "RuntimeDefault"}},
            "tolerations": [{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}],
            "containers": [
                {
                    "name": "c",
                    "image": "registry.sovereign-ai.internal/ml/trainer:1.0",
                    "resources": {"limits": {"nvidia.com/gpu": "1", "memory": "1Gi"},
                                  "requests": {"cpu": "100m", "memory": "1Gi"}},
                    "securityContext": {"allowPrivilegeEscalation": False,
                                        "capabilities": {"drop": ["ALL"]}},
                }
            ],
        },
    }  # fmt: skip
    with pytest.raises(ApiException) as refused:
        client.CoreV1Api(api).create_namespaced_pod(NAMESPACE, greedy)
    assert refused.value.status == 403
    assert (
        "exceeded quota" in refused.value.body and "requests.nvidia.com/gpu" in refused.value.body
    )

    # A second preview finds nothing to change.
    deployment("preview", "-s", "local-k8s", "--expect-no-changes", *deployment.policy)

    # Destroy leaves only the protected data: the buckets and the key in OpenStack.
    assert openstack_data(cloud_sdk) == Counter({"container": 3, "order": 1})
    deployment("destroy", "-s", "local-k8s", "--yes", "--exclude-protected")
    namespaces = {n.metadata.name for n in client.CoreV1Api(api).list_namespace().items}
    assert NAMESPACE not in namespaces
    assert openstack_data(cloud_sdk) == Counter({"container": 3, "order": 1})
    deployment("config", "set", "--path", "souverain:protectData", "false", "-s", "local-k8s")
    deployment("up", "-s", "local-k8s", "--yes", "--skip-preview")  # unprotect explicitly
    deployment("destroy", "-s", "local-k8s", "--yes")
    assert openstack_data(cloud_sdk) == Counter()
