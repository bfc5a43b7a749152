"""Swift: one-device rings, account/container/object servers, a proxy with keystone and S3."""

from __future__ import annotations

import subprocess

from config import HOST, PORTS, Layout, credentials, policy_defaults, url
from keystone import PYTHON
from processes import Processes, wait_for_port

STORAGE = {"object": 6200, "container": 6201, "account": 6202}


def _ring(swift_dir: str, kind: str, port: int) -> None:
    builder = f"{swift_dir}/{kind}.builder"
    run = [
        PYTHON,
        "-c",
        "import sys; from swift.cli.ringbuilder import main; sys.exit(main(['swift-ring-builder', *sys.argv[1:]]))",
        builder,
    ]
    subprocess.run([*run, "create", "8", "1", "1"], check=True, capture_output=True)
    subprocess.run([*run, "add", f"r1z1-{HOST}:{port}/d1", "100"], check=True, capture_output=True)
    # rebalance exits 1 with a warning on a one-device ring; the ring is written anyway
    subprocess.run([*run, "rebalance"], check=False, capture_output=True)


def _serve(swift_dir: str, conf: str, app: str) -> list[str]:
    code = (
        "import sys\n"
        "from swift.common.utils import set_swift_dir\n"
        "from swift.common import constraints\n"
        "from swift.common.wsgi import run_wsgi\n"
        f"set_swift_dir('{swift_dir}'); constraints.reload_constraints()\n"
        f"sys.exit(run_wsgi('{conf}', '{app}'))\n"
    )
    return [PYTHON, "-c", code]


def start_swift(layout: Layout, procs: Processes) -> None:
    """Rings on first start, then the three storage servers, the updater and the proxy."""
    swift_dir = str(layout.dir("etc", "swift"))
    devices = layout.dir("swift", "node", "d1").parent
    layout.conf("swift", "swift.conf", (
        "[swift-hash]\nswift_hash_path_suffix = souverain\nswift_hash_path_prefix = local\n\n"
        "[storage-policy:0]\nname = Policy-0\ndefault = yes\n"
    ))  # fmt: skip
    for kind, port in STORAGE.items():
        if not layout.root.joinpath("etc", "swift", f"{kind}.ring.gz").exists():
            _ring(swift_dir, kind, port)
        conf = layout.conf("swift", f"{kind}-server.conf", (
            f"[DEFAULT]\nbind_ip = {HOST}\nbind_port = {port}\nworkers = 0\n"
            f"devices = {devices}\nmount_check = false\nswift_dir = {swift_dir}\n\n"
            f"[pipeline:main]\npipeline = {kind}-server\n\n"
            f"[app:{kind}-server]\nuse = egg:swift#{kind}\n\n"
            f"[{kind}-updater]\n[{kind}-replicator]\n[{kind}-auditor]\n"
            + ("[container-sync]\n" if kind == "container" else "")
        ))  # fmt: skip
        procs.start(f"swift-{kind}", _serve(swift_dir, str(conf), f"{kind}-server"))
    updater = layout.root / "etc" / "swift" / "container-server.conf"
    # Like the servers, the updater must be told where swift.conf is (else /etc/swift).
    procs.start("swift-container-updater", [PYTHON, "-c", (
        "from swift.common.utils import set_swift_dir\n"
        f"set_swift_dir('{swift_dir}')\n"
        "from swift.container.updater import ContainerUpdater\n"
        "from swift.common.daemon import run_daemon\n"
        f"run_daemon(ContainerUpdater, '{updater}', once=False)\n"
    )])  # fmt: skip
    proxy = layout.conf("swift", "proxy-server.conf", (
        f"[DEFAULT]\nbind_ip = {HOST}\nbind_port = {PORTS['swift']}\nworkers = 0\nswift_dir = {swift_dir}\n\n"
        "[pipeline:main]\npipeline = catch_errors gatekeeper proxy-logging cache listing_formats "
        "authtoken s3api s3token keystoneauth copy slo dlo versioned_writes symlink proxy-logging "
        "proxy-server\n\n"
        "[app:proxy-server]\nuse = egg:swift#proxy\naccount_autocreate = true\n\n"
        "[filter:catch_errors]\nuse = egg:swift#catch_errors\n\n"
        "[filter:gatekeeper]\nuse = egg:swift#gatekeeper\n\n"
        "[filter:proxy-logging]\nuse = egg:swift#proxy_logging\n\n"
        f"[filter:cache]\nuse = egg:swift#memcache\nmemcache_servers = {HOST}:{PORTS['memcached']}\n\n"
        "[filter:listing_formats]\nuse = egg:swift#listing_formats\n\n"
        "[filter:copy]\nuse = egg:swift#copy\n\n"
        "[filter:slo]\nuse = egg:swift#slo\n\n"
        "[filter:dlo]\nuse = egg:swift#dlo\n\n"
        "[filter:versioned_writes]\nuse = egg:swift#versioned_writes\nallow_versioned_writes = true\n"
        "allow_object_versioning = true\n\n"
        "[filter:symlink]\nuse = egg:swift#symlink\n\n"
        "[filter:s3api]\nuse = egg:swift#s3api\n\n"
        "[filter:keystoneauth]\nuse = egg:swift#keystoneauth\n"
        "operator_roles = admin, member, swiftoperator\n\n"
        + credentials(
            "filter:authtoken", "swift",
            "paste.filter_factory = keystonemiddleware.auth_token:filter_factory",
            "delay_auth_decision = true",
        )
        + credentials(
            "filter:s3token", "swift", "use = egg:swift#s3token", f"auth_uri = {url('keystone', '/v3')}"
        )
        + policy_defaults()
    ))  # fmt: skip
    procs.start("swift-proxy", _serve(swift_dir, str(proxy), "proxy-server"))
    for port in [*STORAGE.values(), PORTS["swift"]]:
        wait_for_port(port, name="Swift")
