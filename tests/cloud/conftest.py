"""The local OpenStack (scripts/local-cloud) for end-to-end tests, started once per session."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PROJECT


def _cloud_dir() -> Path:
    return Path(
        os.environ.get("SOUVERAIN_CLOUD_DIR") or Path.home() / ".cache" / "souverain" / "cloud"
    )


def local_cloud_command(*args: str) -> subprocess.CompletedProcess[str]:
    """Run scripts/local-cloud with the given arguments."""
    return subprocess.run(
        [str(PROJECT / "scripts" / "local-cloud"), *args],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )


def _running() -> bool:
    """Whether someone started the cloud: any process recorded, even if one has stopped.

    A cloud found partly running (one service down) is repaired by `start` but was not
    this session's to stop: others may be using it.
    """
    return any((_cloud_dir() / "pids").glob("*.pid"))


@pytest.fixture(scope="session")
def local_cloud() -> Iterator[Path]:
    """Start the cloud if it is not running and return its clouds.yaml.

    A cloud this session started is stopped at its end; one that was already running
    (started by .ci/run or by hand) is left as it was.
    """
    was_running = _running()
    result = local_cloud_command("start")
    if result.returncode != 0:
        pytest.fail(
            f"the local cloud did not start:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    yield _cloud_dir() / "clouds.yaml"
    if not was_running:
        local_cloud_command("stop")


@pytest.fixture
def cloud_sdk(local_cloud: Path):
    """An openstacksdk connection to the demo project of the local cloud."""
    import openstack

    os.environ["OS_CLIENT_CONFIG_FILE"] = str(local_cloud)
    return openstack.connect(cloud="local")


from tests.engine.conftest import engine_bin, engine_for  # noqa: E402,F401 - shared fixtures
