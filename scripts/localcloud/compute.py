"""Nova (API, conductor, scheduler, compute) with a fake virt driver that has GPUs.

The driver reports NVIDIA PCI devices (for flavors with ``pci_passthrough:alias``) and a
VGPU inventory (for flavors with ``resources:VGPU``), so GPU flavors schedule and boot
ACTIVE on a machine without accelerators.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from config import HOST, PORTS, Layout, credentials, db_url, policy_defaults, url
from keystone import PYTHON, uwsgi
from network import python_path
from processes import Processes, wait_for_port

# PCI devices of the fake host: (alias, vendor id, product id); NVIDIA H100 SXM5 and L4.
GPU_DEVICES = (("nvidia-h100", "10de", "2330"), ("nvidia-l4", "10de", "27b8"))
GPUS_PER_MODEL = 8
VGPUS = 16
HOSTS = ("gpu-host-1", "gpu-host-2")

DRIVER = f'''"""A fake compute host with pass-through NVIDIA GPUs {GPU_DEVICES} and {VGPUS} vGPUs."""
from oslo_serialization import jsonutils
from nova.virt import fake


class SouverainGpuDriver(fake.FakeDriver):
    vcpus = 2048
    memory_mb = 8 * 1024 * 1024
    local_gb = 100000

    def get_available_resource(self, nodename):
        status = super().get_available_resource(nodename)
        status["pci_passthrough_devices"] = jsonutils.dumps([
            {{"address": "0000:%02x:%02x.0" % (0x81 + m, i), "vendor_id": vendor, "product_id": product,
              "status": "available", "dev_type": "type-PCI", "parent_addr": None, "numa_node": None,
              "label": "label_%s_%s" % (vendor, product)}}
            for m, (_, vendor, product) in enumerate({[d for d in GPU_DEVICES]!r})
            for i in range({GPUS_PER_MODEL})
        ])
        return status

    def update_provider_tree(self, provider_tree, nodename, allocations=None):
        super().update_provider_tree(provider_tree, nodename, allocations)
        inventory = provider_tree.data(nodename).inventory
        inventory["VGPU"] = {{"total": {VGPUS}, "min_unit": 1, "max_unit": {VGPUS}, "step_size": 1,
                             "allocation_ratio": 1.0, "reserved": 0}}
        provider_tree.update_inventory(nodename, inventory)
'''

# Zed loads virt drivers from nova.virt only: register ours there before Nova starts.
RUN_COMPUTE = (
    "import sys, importlib\n"
    "sys.modules['nova.virt.souverain_gpu'] = importlib.import_module('souverain_gpu')\n"
    "sys.argv[0] = 'nova-compute'\n"
    "from nova.cmd.compute import main\n"
    "sys.exit(main())\n"
)


def _nova_conf(layout: Layout, unpacked: Path) -> Path:
    paste = unpacked / "usr" / "share" / "nova-common" / "api-paste.ini"
    conf_dir = layout.dir("etc", "nova")
    (conf_dir / "api-paste.ini").write_text(paste.read_text())
    aliases = "".join(
        f'alias = {{"vendor_id": "{v}", "product_id": "{p}", "device_type": "type-PCI", "name": "{a}"}}\n'
        for a, v, p in GPU_DEVICES
    )
    specs = "".join(
        f'device_spec = {{"vendor_id": "{v}", "product_id": "{p}"}}\n' for _, v, p in GPU_DEVICES
    )
    return layout.conf("nova", "nova.conf", (
        "[DEFAULT]\n"
        f"transport_url = rabbit://guest:guest@{HOST}:{PORTS['rabbitmq']}/\n"
        "compute_driver = souverain_gpu.SouverainGpuDriver\n"
        f"my_ip = {HOST}\nstate_path = {layout.dir('nova', 'state')}\n"
        f"instances_path = {layout.dir('nova', 'instances')}\n"
        f"osapi_compute_listen = {HOST}\nmetadata_listen = {HOST}\n"
        "enabled_apis = osapi_compute\nosapi_compute_workers = 1\n\n"
        "[api]\nauth_strategy = keystone\n\n"
        f"[api_database]\nconnection = {db_url('nova_api')}\n\n"
        f"[database]\nconnection = {db_url('nova')}\n\n"
        f"[wsgi]\napi_paste_config = {conf_dir / 'api-paste.ini'}\n\n"
        f"[oslo_concurrency]\nlock_path = {layout.dir('nova', 'lock')}\n\n"
        f"[pci]\n{aliases}{specs}\n"
        "[filter_scheduler]\nenabled_filters = ComputeFilter,ComputeCapabilitiesFilter,"
        "ImagePropertiesFilter,ServerGroupAntiAffinityFilter,ServerGroupAffinityFilter,"
        "PciPassthroughFilter\n\n"
        "[scheduler]\ndiscover_hosts_in_cells_interval = 5\n\n"
        "[quota]\ninstances = -1\ncores = -1\nram = -1\n\n"
        "[glance]\nvalid_interfaces = public\n\n"
        "[vnc]\nenabled = false\n\n"
        + credentials("keystone_authtoken", "nova")
        + credentials("placement", "placement", "valid_interfaces = public")
        + credentials("neutron", "neutron", f"url = {url('neutron')}")
        + credentials("service_user", "nova", "send_service_user_token = false")
        + policy_defaults()
    ))  # fmt: skip


def _manage(conf: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "-c", "import sys; sys.argv[0] = 'nova-manage'; from nova.cmd.manage import main; sys.exit(main())",
         "--config-file", str(conf), *args],
        check=False, capture_output=True, text=True,
    )  # fmt: skip


def start_nova(layout: Layout, procs: Processes, unpacked: Path) -> None:
    """Set up the cells once, start the four Nova processes, and map the compute host."""
    conf = _nova_conf(layout, unpacked)
    lib = python_path(layout)
    (lib / "souverain_gpu.py").write_text(DRIVER)
    marker = layout.root / "etc" / "nova" / ".migrated"
    if not marker.exists():
        for step in (
            ["api_db", "sync"],
            ["cell_v2", "map_cell0"],
            ["cell_v2", "create_cell", "--name", "cell1"],
            ["db", "sync"],
        ):
            result = _manage(conf, *step)
            if result.returncode not in (0, 2):  # create_cell exits 2 when the cell exists
                raise RuntimeError(f"nova-manage {' '.join(step)} failed: {result.stderr[-2000:]}")
        marker.touch()
    env = {"PYTHONPATH": str(lib), "OS_NOVA_CONFIG_DIR": str(conf.parent)}
    for name, module in (
        ("nova-conductor", "nova.cmd.conductor"),
        ("nova-scheduler", "nova.cmd.scheduler"),
    ):
        procs.start(name, [PYTHON, "-c", f"import sys; sys.argv[0] = '{name}'; from {module} import main; sys.exit(main())",
                           "--config-file", str(conf)], env=env)  # fmt: skip
    # Two compute hosts, so anti-affinity server groups (one node per host) can be honoured.
    for host in HOSTS:
        extra = layout.conf("nova", f"{host}.conf", f"[DEFAULT]\nhost = {host}\n")
        procs.start(
            host,
            [PYTHON, "-c", RUN_COMPUTE, "--config-file", str(conf), "--config-file", str(extra)],
            env=env,
        )
    # nova-api under uwsgi must run one thread per process (eventlet greenlets otherwise clash)
    shim = layout.conf("nova", "nova-api.wsgi", (
        "from nova.api.openstack.compute.wsgi import init_application\n"
        "application = init_application()\n"
    ))  # fmt: skip
    procs.start(
        "nova-api", uwsgi("nova-api", PORTS["nova"], str(shim), processes=2, threads=1), env=env
    )
    wait_for_port(PORTS["nova"], name="Nova API")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        result = _manage(conf, "cell_v2", "discover_hosts", "--verbose")
        listed = _manage(conf, "cell_v2", "list_hosts")
        if all(host in listed.stdout for host in HOSTS):
            return
        time.sleep(2)
    raise TimeoutError(
        f"the compute host was not mapped to a cell: {result.stdout[-500:]} {result.stderr[-500:]}"
    )
