"""The Kubernetes adapter's resources: namespace, quota, policies, GPU workloads, routing."""

from __future__ import annotations

import pytest

from souverain.adapters.features import Feature
from souverain.deploy import compile_adapters
from souverain.errors import SouverainError
from souverain.model.loading import platform_from_data
from souverain.plan.capture import capture_plan
from souverain.project import load_stack
from souverain.target import StackTarget
from tests.conftest import PROJECT

DEPLOYMENT = "kubernetes:apps/v1:Deployment"
SERVICE = "kubernetes:core/v1:Service"
POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy"
NAMESPACE = "kubernetes:core/v1:Namespace"
QUOTA = "kubernetes:core/v1:ResourceQuota"


@pytest.fixture(scope="module")
def plan():
    return capture_plan(load_stack(PROJECT, "local-k8s"))


def by_name(plan, type_):
    return {r.name: r for r in plan.of_type(type_)}


def test_namespace_enforces_restricted_pod_security(plan):
    (namespace,) = plan.of_type(NAMESPACE)
    labels = namespace.inputs["metadata"]["labels"]
    assert labels["pod-security.kubernetes.io/enforce"] == "restricted"
    assert labels["souverain-platform"] == "sovereign-ai"
    assert namespace.inputs["metadata"]["name"] == "sovereign-ai"


def test_quota_is_what_the_pools_use_at_their_largest(plan):
    (quota,) = plan.of_type(QUOTA)
    hard = quota.inputs["spec"]["hard"]
    assert hard["requests.nvidia.com/gpu"] == "4"  # 2 H100 pods + 2 L4 pods, one GPU each
    assert hard["requests.cpu"] == "17000m"  # 4 cores per GPU, plus one
    assert hard["requests.memory"] == "65Gi"


def test_network_policies_match_the_description(plan):
    policies = by_name(plan, POLICY)
    deny = policies["sovereign-ai-net-default-deny"].inputs["spec"]
    assert deny == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
    ssh = policies["sovereign-ai-net-ingress-0"].inputs["spec"]["ingress"][0]
    assert ssh == {
        "from": [{"ipBlock": {"cidr": "192.168.100.0/24"}}],
        "ports": [{"port": 22, "protocol": "TCP"}],
    }
    api = policies["sovereign-ai-net-ingress-1"].inputs["spec"]["ingress"][0]
    assert api["ports"] == [{"port": 8000, "protocol": "TCP"}]
    egress = policies["sovereign-ai-net-egress"].inputs["spec"]["egress"]
    assert {"to": [{"ipBlock": {"cidr": "10.0.0.0/8"}}]} in egress
    assert not any(
        block.get("ipBlock", {}).get("cidr") == "0.0.0.0/0"
        for rule in egress
        for block in rule["to"]
    )


def test_gpu_pods_land_on_nodes_with_the_right_gpu(plan):
    deployments = by_name(plan, DEPLOYMENT)
    training = deployments["sovereign-ai-training"].inputs["spec"]
    assert training["replicas"] == 2
    pod = training["template"]["spec"]
    (container,) = pod["containers"]
    assert container["resources"]["limits"]["nvidia.com/gpu"] == "1"
    assert container["image"] == "registry.sovereign-ai.internal/ml/trainer:1.0"
    terms = pod["affinity"]["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
    (expression,) = terms["nodeSelectorTerms"][0]["matchExpressions"]
    assert expression["key"] == "nvidia.com/gpu.product"
    assert "NVIDIA-H100-80GB-HBM3" in expression["values"]
    assert pod["tolerations"] == [
        {"effect": "NoSchedule", "key": "nvidia.com/gpu", "operator": "Exists"}
    ]
    spread = pod["affinity"]["podAntiAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
    assert spread[0]["topologyKey"] == "kubernetes.io/hostname"
    assert pod["securityContext"]["runAsNonRoot"] is True
    inference = deployments["sovereign-ai-inference"].inputs["spec"]["template"]["spec"]
    values = inference["affinity"]["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
    assert values["nodeSelectorTerms"][0]["matchExpressions"][0]["values"] == ["NVIDIA-L4"]


def test_services_are_private_unless_described(plan):
    services = by_name(plan, SERVICE)
    assert set(services) == {"sovereign-ai-inference"}  # training serves no port
    assert services["sovereign-ai-inference"].inputs["spec"]["type"] == "ClusterIP"


def test_buckets_and_keys_go_to_the_routed_adapter(plan):
    containers = plan.of_type("openstack:objectstorage/container:Container")
    assert sorted(c.name for c in containers) == [
        "sovereign-ai-checkpoints", "sovereign-ai-datasets", "sovereign-ai-models"
    ]  # fmt: skip
    assert all(c.protect for c in containers)
    assert len(plan.of_type("openstack:keymanager/orderV1:OrderV1")) == 1
    assert plan.of_type("openstack:networking/network:Network") == []
    providers = {r.type for r in plan.resources if r.type.startswith("pulumi:providers:")}
    assert providers == {"pulumi:providers:kubernetes", "pulumi:providers:openstack"}


def test_subnets_and_node_images_are_noted_not_dropped(plan):
    (root,) = plan.of_type("souverain:platform:Platform")
    notes = root.inputs["notes"]
    assert {"network.subnets[].cidr", "gpu_pools[].image"} <= set(notes)
    assert notes["gpu_pools[].image"].startswith("kubernetes: nodes belong to the cluster")


def test_without_routing_buckets_and_keys_are_refused(minimal):
    minimal["gpu_pools"][0]["workload"] = {"image": "registry.example.eu/t:1"}
    target = StackTarget(
        adapter="kubernetes", cloud="generic-kubernetes", options={"kubernetes": {}}
    )
    with pytest.raises(SouverainError) as caught:
        compile_adapters(platform_from_data(minimal), target)
    paths = {p.path for p in caught.value.problems}
    assert paths == {"buckets[0]", "buckets[0].encryption_key", "buckets[0].versioning", "keys[0]"}
    assert "souverain:pillars.storage" in caught.value.render()


def test_a_pool_without_workload_is_refused(minimal):
    minimal.update(buckets=[], keys=[])
    target = StackTarget(
        adapter="kubernetes", cloud="generic-kubernetes", options={"kubernetes": {}}
    )
    with pytest.raises(SouverainError) as caught:
        compile_adapters(platform_from_data(minimal), target)
    assert [p.path for p in caught.value.problems] == ["gpu_pools[0].workload"]


def test_an_openstack_cloud_without_managed_kubernetes_is_refused(minimal):
    from souverain.catalog.resolve import cloud_profile
    from souverain_kubernetes.adapter import KubernetesAdapter

    assert KubernetesAdapter().reaches(cloud_profile("ovhcloud")) is None  # MKS
    assert "no managed Kubernetes" in (KubernetesAdapter().reaches(cloud_profile("aws")) or "")


def test_features_say_where_to_route():
    from souverain_kubernetes.adapter import KubernetesAdapter

    missing = KubernetesAdapter().unsupported_features(KubernetesAdapter.example_target())
    assert "souverain:pillars.keys" in missing[Feature.CUSTOMER_KEYS]


def test_the_move_from_openstack_to_kubernetes_is_the_stack_file_alone():
    """The same program and description; only `stacks/Pulumi.local-k8s.yaml` differs."""
    plans = {stack: capture_plan(load_stack(PROJECT, stack)) for stack in ("local", "local-k8s")}
    recorded = {
        stack: next(r for r in plan.resources if r.type == "souverain:platform:Platform").inputs[
            "description"
        ]
        for stack, plan in plans.items()
    }
    assert recorded["local"] == recorded["local-k8s"]
    types = {stack: {r.type for r in plan.resources} for stack, plan in plans.items()}
    assert "openstack:compute/instance:Instance" in types["local"]
    assert "kubernetes:apps/v1:Deployment" in types["local-k8s"]
    assert "openstack:compute/instance:Instance" not in types["local-k8s"]
