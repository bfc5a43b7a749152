"""scripts/install-engine.sh on a machine that already has Pulumi's plugins: it leaves them be."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PROJECT
from tests.engine.conftest import OPENSTACK_VERSION

pytestmark = pytest.mark.engine


def install(home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PULUMI_")}
    return subprocess.run(
        ["bash", str(PROJECT / "scripts" / "install-engine.sh")],
        env={**env, "PULUMI_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )


def test_a_plugin_installed_at_the_same_version_is_left_alone(tmp_path):
    folder = tmp_path / "plugins" / f"resource-openstack-v{OPENSTACK_VERSION}"
    folder.mkdir(parents=True)
    plugin = folder / "pulumi-resource-openstack"
    plugin.write_text("#!/bin/sh\necho 'the upstream plugin, installed by the user'\n")
    plugin.chmod(0o755)
    os.utime(plugin, (1_700_000_000, 1_700_000_000))
    before = (
        plugin.read_bytes(),
        plugin.stat().st_mtime_ns,
        sorted(p.name for p in folder.iterdir()),
    )
    result = install(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "keeping the openstack" in result.stderr
    assert (
        plugin.read_bytes(),
        plugin.stat().st_mtime_ns,
        sorted(p.name for p in folder.iterdir()),
    ) == before


def test_the_build_is_installed_where_none_is_then_kept(tmp_path):
    first = install(tmp_path)
    assert first.returncode == 0, first.stderr
    bin_dir = Path(first.stdout.strip().splitlines()[-1])
    plugin = (
        tmp_path
        / "plugins"
        / f"resource-openstack-v{OPENSTACK_VERSION}"
        / "pulumi-resource-openstack"
    )
    assert (
        plugin.read_bytes()
        == (bin_dir.parent / "plugins" / "pulumi-resource-openstack").read_bytes()
    )
    stamp = plugin.stat().st_mtime_ns
    second = install(tmp_path)
    assert second.returncode == 0 and "keeping" not in second.stderr
    assert plugin.stat().st_mtime_ns == stamp  # nothing reinstalled
