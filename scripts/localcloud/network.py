"""Neutron server with ML2 and no agents; a tiny mechanism driver binds every port.

Without agents Nova's boots fail on port binding; the driver here binds each port as an
OVS port and marks it ACTIVE, which is all the fake compute needs.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from config import HOST, PORTS, Layout, credentials, db_url, policy_defaults
from keystone import PYTHON
from processes import Processes, wait_for_port

DRIVER = '''"""An ML2 mechanism driver that binds every port (for a cloud without agents)."""
from neutron_lib import constants
from neutron_lib.plugins.ml2 import api


class BindEverything(api.MechanismDriver):
    def initialize(self):
        pass

    def bind_port(self, context):
        for segment in context.segments_to_bind:
            context.set_binding(
                segment[api.ID], "ovs", {"port_filter": True}, status=constants.PORT_STATUS_ACTIVE
            )
            return
'''


def python_path(layout: Layout) -> Path:
    """A directory of small modules the services load (the ML2 driver, the GPU virt driver)."""
    lib = layout.dir("pylib")
    (lib / "souverain_ml2.py").write_text(DRIVER)
    info = layout.dir("pylib", "souverain_ml2-0.dist-info")
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: souverain-ml2\nVersion: 0\n")
    (info / "entry_points.txt").write_text(
        "[neutron.ml2.mechanism_drivers]\nsouverain_bind = souverain_ml2:BindEverything\n"
    )
    return lib


def start_neutron(layout: Layout, procs: Processes, unpacked: Path) -> None:
    """Migrate once and serve the Neutron API on port 9696 (ML2 flat/vlan/vxlan, routers)."""
    paste = unpacked / "usr" / "share" / "neutron-common" / "api-paste.ini"
    conf = layout.conf("neutron", "neutron.conf", (
        f"[DEFAULT]\nbind_host = {HOST}\nbind_port = {PORTS['neutron']}\ncore_plugin = ml2\n"
        "service_plugins = router\nauth_strategy = keystone\ntransport_url = fake://\n"
        "api_workers = 1\nrpc_workers = 0\nrpc_state_report_workers = 0\n"
        "notify_nova_on_port_status_changes = false\nnotify_nova_on_port_data_changes = false\n"
        f"api_paste_config = {paste}\nstate_path = {layout.dir('neutron', 'state')}\n\n"
        f"[database]\nconnection = {db_url('neutron')}\n\n"
        f"[oslo_concurrency]\nlock_path = {layout.dir('neutron', 'lock')}\n\n"
        "[agent]\nroot_helper = true\n\n"
        + credentials("keystone_authtoken", "neutron") + policy_defaults()
    ))  # fmt: skip
    ml2 = layout.conf("neutron", "ml2_conf.ini", (
        "[ml2]\ntype_drivers = flat,vlan,vxlan\ntenant_network_types = vxlan\n"
        "mechanism_drivers = souverain_bind\nextension_drivers = port_security\n\n"
        "[ml2_type_flat]\nflat_networks = public\n\n"
        "[ml2_type_vlan]\nnetwork_vlan_ranges = physnet1:100:200\n\n"
        "[ml2_type_vxlan]\nvni_ranges = 1:1000\n"
    ))  # fmt: skip
    env = {"PYTHONPATH": str(python_path(layout))}
    configs = ["--config-file", str(conf), "--config-file", str(ml2)]
    marker = layout.root / "etc" / "neutron" / ".migrated"
    if not marker.exists():
        subprocess.run(
            [PYTHON, "-c", "import sys; sys.argv[0] = 'neutron-db-manage'; from neutron.db.migration.cli import main; sys.exit(main())",
             *configs, "upgrade", "head"],
            check=True, capture_output=True,
        )  # fmt: skip
        marker.touch()
    procs.start("neutron", [
        PYTHON, "-c", "import sys; sys.argv[0] = 'neutron-server'; from neutron.cmd.eventlet.server import main; sys.exit(main())",
        *configs,
    ], env=env)  # fmt: skip
    wait_for_port(PORTS["neutron"], timeout=90, name="Neutron")
