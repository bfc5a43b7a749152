"""`pulumi up` of the reference platform onto the local OpenStack, with the real engine."""

from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest

from souverain.plan.capture import capture_plan
from souverain.project import load_stack
from tests.cloud.conftest import local_cloud_command
from tests.conftest import PROJECT

pytestmark = pytest.mark.cloud

PLATFORM = "sovereign-ai"


@pytest.fixture
def deployment(engine_for, local_cloud, tmp_path):
    """The project copied to tmp_path, bound to an engine, with the local policy config."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("__main__.py", "reference_platform.py"):
        shutil.copy(PROJECT / name, project)
    shutil.copytree(PROJECT / "stacks", project / "stacks")
    shutil.copytree(PROJECT / "policies", project / "policies")
    venv = str(PROJECT / ".venv")
    (project / "Pulumi.yaml").write_text(
        (PROJECT / "Pulumi.yaml").read_text().replace("virtualenv: .venv", f"virtualenv: {venv}")
    )
    pack = project / "policies" / "PulumiPolicy.yaml"
    pack.write_text(pack.read_text().replace("../.venv", venv))
    engine = engine_for(project)
    engine.extra_env = {"OS_CLIENT_CONFIG_FILE": str(local_cloud)}
    config = tmp_path / "policy-config.json"
    from souverain.check import stack_policy_config
    from souverain.rules.config import load_config

    config.write_text(
        json.dumps(
            stack_policy_config(
                PROJECT, "local", load_config(PROJECT / "stacks" / "local.check.yaml")
            )
        )
    )
    engine("stack", "init", "local")
    engine.policy = [
        "--policy-pack",
        str(project / "policies"),
        "--policy-pack-config",
        str(config),
    ]
    yield engine
    # Leave the cloud clean for the next test, whatever happened above.
    engine("state", "unprotect", "--all", "-s", "local", "--yes", check=False)
    engine("destroy", "-s", "local", "--yes", check=False)


def cloud_counts(sdk) -> Counter[str]:
    """What the platform left in the cloud, counted by the Pulumi type that creates it."""
    mine = lambda name: bool(name) and name.startswith(PLATFORM)  # noqa: E731
    counts: Counter[str] = Counter()
    counts["openstack:networking/network:Network"] = sum(
        mine(n.name) for n in sdk.network.networks()
    )
    counts["openstack:networking/subnet:Subnet"] = sum(mine(s.name) for s in sdk.network.subnets())
    counts["openstack:networking/router:Router"] = sum(mine(r.name) for r in sdk.network.routers())
    groups = [g for g in sdk.network.security_groups() if mine(g.name)]
    counts["openstack:networking/secGroup:SecGroup"] = len(groups)
    counts["openstack:networking/secGroupRule:SecGroupRule"] = sum(
        len(g.security_group_rules) for g in groups
    )
    counts["openstack:networking/port:Port"] = sum(mine(p.name) for p in sdk.network.ports())
    counts["openstack:compute/instance:Instance"] = sum(
        mine(s.name) and s.status == "ACTIVE" for s in sdk.compute.servers()
    )
    counts["openstack:compute/serverGroup:ServerGroup"] = sum(
        mine(g.name) for g in sdk.compute.server_groups()
    )
    counts["openstack:objectstorage/container:Container"] = sum(
        mine(c.name) for c in sdk.object_store.containers()
    )
    counts["openstack:keymanager/orderV1:OrderV1"] = sum(
        o.status == "ACTIVE" and mine((o.meta or {}).get("name")) for o in sdk.key_manager.orders()
    )
    interfaces = [p for p in sdk.network.ports(device_owner="network:router_interface")]
    counts["openstack:networking/routerInterface:RouterInterface"] = len(interfaces)
    return +counts


def planned_counts() -> Counter[str]:
    plan = capture_plan(load_stack(PROJECT, "local"))
    return Counter(
        r.type for r in plan.resources if r.custom and not r.type.startswith("pulumi:providers:")
    )


def test_reference_platform_deploys_converges_and_tears_down(deployment, cloud_sdk):
    up = deployment("up", "-s", "local", "--yes", "--skip-preview", *deployment.policy)
    assert "souverain-sovereignty" in up.stdout  # the pack ran (SOV-001/002 only advise here)
    expected = planned_counts()
    assert cloud_counts(cloud_sdk) == expected, "every planned resource is in the cloud"
    second = deployment("preview", "-s", "local", "--expect-no-changes", *deployment.policy)
    assert second.returncode == 0

    deployment("destroy", "-s", "local", "--yes", "--exclude-protected")
    left = cloud_counts(cloud_sdk)
    assert set(left) == {
        "openstack:objectstorage/container:Container",
        "openstack:keymanager/orderV1:OrderV1",
    }
    deployment("config", "set", "--path", "souverain:protectData", "false", "-s", "local")
    deployment("up", "-s", "local", "--yes", "--skip-preview")  # unprotect explicitly
    deployment("destroy", "-s", "local", "--yes")
    assert cloud_counts(cloud_sdk) == Counter()


def test_a_service_down_fails_clearly_and_converges_when_back(deployment, cloud_sdk):
    assert local_cloud_command("stop-service", "barbican").returncode == 0
    try:
        failed = deployment("up", "-s", "local", "--yes", "--skip-preview", check=False)
    finally:
        assert local_cloud_command("start").returncode == 0
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0
    assert "OrderV1" in output and "127.0.0.1:9311" in output and "connection refused" in output
    state = json.loads(deployment("stack", "export", "-s", "local").stdout)["deployment"][
        "resources"
    ]
    in_state = Counter(
        r["type"]
        for r in state
        if r.get("custom") and not r["type"].startswith("pulumi:providers:")
    )
    assert in_state["openstack:networking/network:Network"] == 1  # what was created is recorded
    assert "openstack:keymanager/orderV1:OrderV1" not in in_state
    # nothing orphaned: what the cloud holds is exactly what the state records
    assert cloud_counts(cloud_sdk) == +in_state
    deployment("up", "-s", "local", "--yes", "--skip-preview")
    assert cloud_counts(cloud_sdk) == planned_counts()
    deployment("preview", "-s", "local", "--expect-no-changes")
