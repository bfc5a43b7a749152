"""Barbican with the simple_crypto plugin, no worker (orders complete synchronously)."""

from __future__ import annotations

import base64
import hashlib
import subprocess
from pathlib import Path

from config import PORTS, Layout, credentials, db_url, policy_defaults, url
from keystone import PYTHON, uwsgi
from processes import Processes, wait_for_port


def start_barbican(layout: Layout, procs: Processes, unpacked: Path) -> None:
    """Migrate once and serve the Barbican API on port 9311."""
    kek = base64.b64encode(hashlib.sha256(str(layout.root).encode()).digest()).decode()
    conf = layout.conf("barbican", "barbican.conf", (
        f"[DEFAULT]\nsql_connection = {db_url('barbican')}\nhost_href = {url('barbican')}\n\n"
        "[secretstore]\nenabled_secretstore_plugins = store_crypto\n\n"
        "[crypto]\nenabled_crypto_plugins = simple_crypto\n\n"
        f"[simple_crypto_plugin]\nkek = {kek}\n\n"
        "[queue]\nenable = false\n\n"
        + credentials("keystone_authtoken", "barbican") + policy_defaults()
    ))  # fmt: skip
    paste = unpacked / "usr" / "share" / "barbican-common" / "barbican-api-paste.ini"
    # Barbican's packaged WSGI entry reads /etc/barbican; this one reads our files.
    shim = layout.conf("barbican", "barbican.wsgi", (
        "from barbican.common import config\n"
        f"config.parse_args(config.CONF, default_config_files=['{conf}'])\n"
        "from paste import deploy\n"
        f"application = deploy.loadapp('config:{paste}')\n"
    ))  # fmt: skip
    marker = layout.root / "etc" / "barbican" / ".migrated"
    if not marker.exists():
        subprocess.run(
            [PYTHON, "-c", "import sys; from barbican.cmd.barbican_manage import main; sys.exit(main())",
             "db", "upgrade", "-d", db_url("barbican")],
            check=True, capture_output=True, env={"OS_BARBICAN_CONFIG_FILES": str(conf)},
        )  # fmt: skip
        marker.touch()
    procs.start(
        "barbican",
        uwsgi("barbican", PORTS["barbican"], str(shim)),
        env={"OS_BARBICAN_CONFIG_FILES": str(conf)},
    )
    wait_for_port(PORTS["barbican"], name="Barbican")
