"""Keystone under uwsgi, with fernet tokens, an in-memory cache and the admin bootstrap."""

from __future__ import annotations

import subprocess

from config import ADMIN_PASSWORD, HOST, PORTS, REGION, Layout, db_url, policy_defaults, url
from processes import Processes, wait_for_port

PYTHON = "/usr/bin/python3"


def uwsgi(name: str, port: int, wsgi_file: str, processes: int = 1, threads: int = 4) -> list[str]:
    """A uwsgi command serving one WSGI file on loopback (no keep-alive: uwsgi lacks it)."""
    return [
        "uwsgi", "--plugin", "python3", "--http-socket", f"{HOST}:{port}", "--wsgi-file", wsgi_file,
        "--processes", str(processes), "--threads", str(threads), "--master", "--die-on-term",
        "--add-header", "Connection: close", "--procname-prefix", f"souverain-{name}-",
        "--buffer-size", "65535", "--lazy-apps",
    ]  # fmt: skip


def start_keystone(layout: Layout, procs: Processes) -> None:
    """Configure, migrate and bootstrap Keystone once; serve it on port 5000."""
    keys = layout.dir("keystone", "fernet-keys")
    creds = layout.dir("keystone", "credential-keys")
    conf = layout.conf("keystone", "keystone.conf", (
        f"[database]\nconnection = {db_url('keystone')}\n\n"
        "[token]\nprovider = fernet\n\n"
        f"[fernet_tokens]\nkey_repository = {keys}\n\n"
        f"[fernet_receipts]\nkey_repository = {keys}\n\n"
        f"[credential]\nkey_repository = {creds}\ncaching = false\n\n"
        "[cache]\nenabled = true\nbackend = dogpile.cache.memory\n\n"
        + policy_defaults()
    ))  # fmt: skip
    manage = [
        PYTHON,
        "-c",
        "import sys; from keystone.cmd.manage import main; sys.exit(main())",
        "--config-file",
        str(conf),
    ]
    marker = layout.root / "keystone" / ".bootstrapped"
    if not marker.exists():
        subprocess.run([*manage, "db_sync"], check=True, capture_output=True)
        for step in ("fernet_setup", "credential_setup"):
            subprocess.run(
                [*manage, step, "--keystone-user", "root", "--keystone-group", "root"],
                check=True,
                capture_output=True,
            )
        subprocess.run(
            [*manage, "bootstrap", "--bootstrap-password", ADMIN_PASSWORD,
             "--bootstrap-admin-url", url("keystone", "/v3/"),
             "--bootstrap-public-url", url("keystone", "/v3/"),
             "--bootstrap-internal-url", url("keystone", "/v3/"),
             "--bootstrap-region-id", REGION],
            check=True, capture_output=True,
        )  # fmt: skip
        marker.touch()
    procs.start(
        "keystone",
        uwsgi("keystone", PORTS["keystone"], "/usr/bin/keystone-wsgi-public"),
        env={"OS_KEYSTONE_CONFIG_FILES": str(conf)},
    )
    wait_for_port(PORTS["keystone"], name="Keystone")
