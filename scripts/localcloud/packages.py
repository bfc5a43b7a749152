"""Debian packages the cloud needs: installed once as libraries, paste files extracted."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from config import Layout

LIBRARIES = (
    "python3-keystone", "python3-barbican", "python3-swift", "python3-neutron", "python3-nova",
    "python3-placement", "python3-glance", "python3-openstackclient", "python3-barbicanclient",
    "python3-swiftclient", "python3-osc-placement", "python3-pymysql", "uwsgi-core",
    "uwsgi-plugin-python3", "mariadb-server", "rabbitmq-server", "memcached",
    # the S3 copy tool of the exit plan, which the move rehearsal runs against Swift's S3 API
    "rclone",
)  # fmt: skip
# The paste pipelines ship in the daemon packages' -common packages, which are downloaded
# and unpacked here rather than installed (installing them would start system services).
COMMON = ("barbican-common", "neutron-common", "nova-common", "glance-common")


def ensure_installed(layout: Layout) -> Path:
    """Install missing library packages; unpack the -common packages; return the unpack root."""
    missing = [p for p in LIBRARIES if not _installed(p)]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if missing:
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
            check=True,
            env=env,
        )
    unpacked = layout.root / "pkgs"
    debs = layout.dir("debs")
    for package in COMMON:
        if not list(debs.glob(f"{package}_*.deb")):
            subprocess.run(["apt-get", "download", "-qq", package], cwd=debs, check=True, env=env)
    if not (unpacked / "usr" / "share" / "nova-common").exists():
        for deb in debs.glob("*.deb"):
            subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
    return unpacked


def _installed(package: str) -> bool:
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True, check=False
    )
    return result.stdout.strip() == "install ok installed"
