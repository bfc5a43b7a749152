"""The policy pack, under the real engine, judges a hand-written Kubernetes program.

No souverain description: a team's own program that pulls an image from a registry that
is not allowed and exposes its GPU workload through a LoadBalancer nobody described.
"""

from __future__ import annotations

import json
import textwrap

import pytest

from souverain.rules.config import CheckConfig
from souverain.rules.pack import engine_config
from tests.engine.conftest import (  # noqa: F401 - shared fixtures
    KUBERNETES_VERSION,
    copy_pack,
    engine_bin,
    engine_for,
    python_project,
)

pytestmark = [pytest.mark.k8s, pytest.mark.engine]

PROGRAM = textwrap.dedent(
    """
    import pulumi
    import pulumi_kubernetes as k8s

    labels = {"app": "inference"}
    k8s.apps.v1.Deployment(
        "inference",
        metadata={"namespace": "default"},
        spec={
            "selector": {"matchLabels": labels},
            "template": {
                "metadata": {"labels": labels},
                "spec": {"containers": [{
                    "name": "server",
                    "image": "docker.io/vllm/vllm-openai:latest",
                    "resources": {"limits": {"nvidia.com/gpu": "1"}},
                }]},
            },
        },
    )
    k8s.core.v1.Service(
        "inference",
        metadata={"namespace": "default"},
        spec={"type": "LoadBalancer", "selector": labels, "ports": [{"port": 8000}]},
    )
    """
)


def test_the_pack_blocks_a_foreign_image_and_an_undescribed_load_balancer(
    engine_for,  # noqa: F811 - the shared fixture, imported above
    kubeconfig,
    tmp_path,
):
    project = python_project(tmp_path / "program", PROGRAM, name="team-inference")
    pack = copy_pack(tmp_path)
    config = tmp_path / "policy-config.json"
    checks = CheckConfig(
        cloud="local-kubernetes",
        rules={"SOV-009": "mandatory"},
        allowed_registries=["registry.sovereign-ai.internal"],
    )
    config.write_text(json.dumps(engine_config(checks, "european")))
    engine = engine_for(project)
    engine.install_plugin("kubernetes", KUBERNETES_VERSION)
    engine.extra_env = {"KUBECONFIG": str(kubeconfig)}
    engine("stack", "init", "dev")
    result = engine(
        "preview", "--policy-pack", str(pack), "--policy-pack-config", str(config), check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert (
        "[SOV-009] container image 'docker.io/vllm/vllm-openai:latest' is not from an "
        "allowed registry" in output
    )
    assert "[SOV-005] type LoadBalancer asks the cloud for an external load balancer" in output
    assert "Traceback" not in output
