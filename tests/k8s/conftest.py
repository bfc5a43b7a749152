"""The local Kubernetes (scripts/local-k8s): its tests run against a cluster already up.

.ci/run starts it before `make test`; by hand, `scripts/local-k8s start`.
"""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PROJECT

CONTEXT = "local-k8s"


def _k8s_dir() -> Path:
    return Path(os.environ.get("SOUVERAIN_K8S_DIR") or Path.home() / ".cache" / "souverain" / "k8s")


@pytest.fixture(scope="session")
def kubeconfig() -> Path:
    """The admin kubeconfig of the running cluster; skip when it is not running."""
    status = subprocess.run(
        [str(PROJECT / "scripts" / "local-k8s"), "status"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if status.returncode != 0:
        pytest.skip(
            "the local Kubernetes is not running (start it with `scripts/local-k8s start`):\n"
            + status.stdout
        )
    return _k8s_dir() / "kubeconfig"


@pytest.fixture(scope="session")
def api(kubeconfig: Path) -> Any:
    """A kubernetes.client.ApiClient for the cluster admin."""
    from kubernetes import config

    return config.new_client_from_config(config_file=str(kubeconfig), context=CONTEXT)


@pytest.fixture
def namespace(api: Any) -> Iterator[str]:
    """A fresh namespace, ready for pods, deleted (and waited for) afterwards."""
    from kubernetes import client
    from kubernetes.client.exceptions import ApiException

    core = client.CoreV1Api(api)
    name = f"souverain-test-{uuid.uuid4().hex[:8]}"
    core.create_namespace({"metadata": {"name": name}})
    # Pods are refused until the controller-manager has made the namespace's default account.
    wait_for(lambda: core.list_namespaced_service_account(name).items, "default ServiceAccount")
    yield name
    core.delete_namespace(name)

    def gone() -> bool:
        try:
            core.read_namespace(name)
        except ApiException as error:
            return error.status == 404
        return False

    wait_for(gone, f"namespace {name} deleted", timeout=120)


def wait_for(condition: Any, what: str, timeout: float = 60.0) -> Any:
    """Poll ``condition`` until it returns something truthy, and return that."""
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not reached within {timeout:.0f} s")
        time.sleep(0.2)
    return result
