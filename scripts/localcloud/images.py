"""Glance with a file store, and Placement under uwsgi."""

from __future__ import annotations

import subprocess
from pathlib import Path

from config import HOST, PORTS, Layout, credentials, db_url, policy_defaults
from keystone import PYTHON, uwsgi
from processes import Processes, wait_for_port


def start_glance(layout: Layout, procs: Processes, unpacked: Path) -> None:
    """Migrate once and serve Glance on port 9292, images as files under the cloud directory."""
    store = layout.dir("glance", "images")
    paste = unpacked / "usr" / "share" / "glance-common" / "glance-api-paste.ini"
    conf = layout.conf("glance", "glance-api.conf", (
        f"[DEFAULT]\nbind_host = {HOST}\nbind_port = {PORTS['glance']}\nworkers = 1\n"
        "enabled_backends = file:file\n\n"
        "[glance_store]\ndefault_backend = file\n\n"
        f"[file]\nfilesystem_store_datadir = {store}\n\n"
        f"[database]\nconnection = {db_url('glance')}\n\n"
        f"[paste_deploy]\nflavor = keystone\nconfig_file = {paste}\n\n"
        f"[oslo_concurrency]\nlock_path = {layout.dir('glance', 'lock')}\n\n"
        + credentials("keystone_authtoken", "glance") + policy_defaults()
    ))  # fmt: skip
    marker = layout.root / "etc" / "glance" / ".migrated"
    if not marker.exists():
        subprocess.run(
            [PYTHON, "-c", "import sys; sys.argv[0] = 'glance-manage'; from glance.cmd.manage import main; sys.exit(main())",
             "--config-file", str(conf), "db_sync"],
            check=True, capture_output=True,
        )  # fmt: skip
        marker.touch()
    procs.start("glance", [
        PYTHON, "-c", "import sys; sys.argv[0] = 'glance-api'; from glance.cmd.api import main; sys.exit(main())",
        "--config-file", str(conf),
    ])  # fmt: skip
    wait_for_port(PORTS["glance"], name="Glance")


def start_placement(layout: Layout, procs: Processes) -> None:
    """Migrate once and serve Placement on port 8778."""
    conf_dir = layout.dir("etc", "placement")
    conf = layout.conf("placement", "placement.conf", (
        f"[placement_database]\nconnection = {db_url('placement')}\n\n"
        "[api]\nauth_strategy = keystone\n\n"
        + credentials("keystone_authtoken", "placement") + policy_defaults()
    ))  # fmt: skip
    env = {"OS_PLACEMENT_CONFIG_DIR": str(conf_dir)}
    marker = conf_dir / ".migrated"
    if not marker.exists():
        subprocess.run(
            [PYTHON, "-c", "import sys; sys.argv[0] = 'placement-manage'; from placement.cmd.manage import main; sys.exit(main())",
             "--config-file", str(conf), "db", "sync"],
            check=True, capture_output=True,
        )  # fmt: skip
        marker.touch()
    procs.start(
        "placement", uwsgi("placement", PORTS["placement"], "/usr/bin/placement-api"), env=env
    )
    wait_for_port(PORTS["placement"], name="Placement")
