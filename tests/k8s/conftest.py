"""The local Kubernetes (scripts/local-k8s) for end-to-end tests, started once per session.

.ci/run starts it before `make test`; a session that finds it down starts it (building it
on first use) and stops it at its end, as the local OpenStack's fixture does.
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


def local_k8s(*args: str, timeout: int = 60) -> subprocess.CompletedProcess[str]:
    """Run scripts/local-k8s with the given arguments."""
    return subprocess.run(
        [str(PROJECT / "scripts" / "local-k8s"), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="session")
def kubeconfig() -> Iterator[Path]:
    """The admin kubeconfig of the running cluster, started here if it was down."""
    was_running = local_k8s("status").returncode == 0
    if not was_running:
        started = local_k8s("start", timeout=5400)
        if started.returncode != 0:
            pytest.fail(f"the local Kubernetes did not start:\n{started.stdout}\n{started.stderr}")
    yield _k8s_dir() / "kubeconfig"
    if not was_running:
        local_k8s("stop")


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
