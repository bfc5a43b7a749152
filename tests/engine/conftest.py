"""The real Pulumi engine, built from Go modules, run against a local file backend.

`engine` gives a function that runs the CLI non-interactively in a throw-away
PULUMI_HOME, backend and passphrase, so tests never touch a user's state or a cloud.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import PROJECT

PULUMI_VERSION = "v3.259.0"
OPENSTACK_VERSION = "5.5.1"
KUBERNETES_VERSION = "4.25.0"


@pytest.fixture(scope="session")
def engine_bin() -> Path:
    """Build (or find in the cache) the pinned engine and return its bin directory."""
    result = subprocess.run(
        ["bash", str(PROJECT / "scripts" / "install-engine.sh")],
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"engine build failed:\n{result.stderr[-4000:]}")
    return Path(result.stdout.strip().splitlines()[-1])


@dataclass
class Engine:
    """Runs `pulumi` in one project directory with an isolated home and backend."""

    bin: Path
    home: Path
    project: Path
    extra_env: dict[str, str] = field(default_factory=dict)
    policy: list[str] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        keep = {k: v for k, v in os.environ.items() if not k.startswith("PULUMI_")}
        return {
            **keep,
            "PATH": f"{self.bin}:{keep.get('PATH', '')}",
            "PULUMI_HOME": str(self.home / "pulumi-home"),
            "PULUMI_BACKEND_URL": f"file://{self.home / 'state'}",
            "PULUMI_CONFIG_PASSPHRASE": "souverain-tests",
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
            "PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK": "true",
            **self.extra_env,
        }

    def __call__(
        self, *args: str, check: bool = True, timeout: int = 600
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(self.bin / "pulumi"), *args, "--non-interactive"],
            cwd=self.project,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"pulumi {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
            )
        return result

    def json(self, *args: str) -> object:
        return json.loads(self(*args, "--json").stdout)

    def install_plugin(self, name: str, version: str) -> None:
        """Install a resource plugin of the engine build into this engine's home, offline."""
        self(
            "plugin", "install", "resource", name, version,
            "--file", str(self.bin.parent / "plugins" / f"pulumi-resource-{name}"),
        )  # fmt: skip


@pytest.fixture
def engine_for(engine_bin: Path, tmp_path: Path) -> Callable[[Path], Engine]:
    """An engine bound to a project directory, with its own home and state under tmp_path.

    The OpenStack plugin is installed into that home from the engine build, offline.
    """
    (tmp_path / "state").mkdir(exist_ok=True)
    Engine(engine_bin, tmp_path, tmp_path).install_plugin("openstack", OPENSTACK_VERSION)

    def bind(project: Path) -> Engine:
        return Engine(engine_bin, tmp_path, project)

    return bind


def python_project(directory: Path, program: str, name: str = "engine-test") -> Path:
    """A Python Pulumi project using this repository's virtualenv, with ``program`` as main."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "Pulumi.yaml").write_text(
        f"name: {name}\nruntime:\n  name: python\n  options:\n    virtualenv: {PROJECT / '.venv'}\n"
    )
    (directory / "__main__.py").write_text(program)
    return directory


def copy_pack(target: Path) -> Path:
    """The repository's policy pack, with its virtualenv made absolute for a copied location."""
    pack = target / "policies"
    shutil.copytree(PROJECT / "policies", pack)
    text = (pack / "PulumiPolicy.yaml").read_text().replace("../.venv", str(PROJECT / ".venv"))
    (pack / "PulumiPolicy.yaml").write_text(text)
    return pack
