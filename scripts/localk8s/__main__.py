"""A real Kubernetes control plane on 127.0.0.1 with fake GPU nodes: `start`, `stop`, `status`.

Run with any Python 3.11 (standard library only):
    python3 scripts/localk8s start
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time

from config import COMPONENTS, CONTEXT, PORTS, Layout, install_binaries
from control_plane import (
    check_ports_free,
    start_apiserver,
    start_etcd,
    start_kwok,
    start_scheduler_and_controllers,
)
from nodes import create_nodes, wait_for_default_service_account
from pki import ensure_pki
from processes import Processes


def start(layout: Layout, procs: Processes) -> None:
    """Start every component in dependency order; when all already run, do nothing."""
    if all(procs.pid(name) is not None for name in COMPONENTS):
        print(f"local Kubernetes already running (data in {layout.root})")
        print(f"kubeconfig: {layout.kubeconfig} (context '{CONTEXT}')")
        print(layout.kubeconfig)
        return
    bin = install_binaries()
    begun = time.monotonic()

    def step(what: str) -> None:
        print(f"{time.monotonic() - begun:5.1f} s  {what}", flush=True)

    pki = ensure_pki(layout)
    shutil.copyfile(pki / "admin.kubeconfig", layout.kubeconfig)
    layout.kubeconfig.chmod(0o600)
    check_ports_free(procs)
    start_etcd(layout, procs, bin)
    step("etcd healthy")
    start_apiserver(layout, procs, bin, pki)
    step("kube-apiserver ready")
    start_scheduler_and_controllers(layout, procs, bin, pki)
    step("kube-scheduler and kube-controller-manager healthy")
    start_kwok(procs, bin, pki)
    step("kwok healthy")
    nodes = create_nodes(bin, layout)
    step(f"nodes Ready: {', '.join(nodes)}")
    wait_for_default_service_account(bin, layout)
    step("default ServiceAccount exists")
    print(f"local Kubernetes up in {time.monotonic() - begun:.1f} s (data in {layout.root})")
    print(f"kubeconfig: {layout.kubeconfig} (context '{CONTEXT}')")
    print(layout.kubeconfig)


def stop(procs: Processes) -> None:
    """Stop what start began: kwok, controller-manager, scheduler, API server, then etcd.

    Each is waited for before the next; etcd goes last so the API server does not spend
    its shutdown retrying a store that is already gone.
    """
    for name in reversed(COMPONENTS):
        procs.stop(name)


def status(procs: Processes) -> int:
    """Print each process and whether it runs; exit 1 if any is down."""
    down = 0
    for name in COMPONENTS:
        pid = procs.pid(name)
        print(f"{name:24} {'running' if pid else 'stopped'} {pid or '':>7} 127.0.0.1:{PORTS[name]}")
        down += pid is None
    return 1 if down else 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="local-k8s")
    parser.add_argument("command", choices=["start", "stop", "status"])
    args = parser.parse_args()
    layout = Layout.default()
    procs = Processes(layout.root)
    if args.command == "start":
        start(layout, procs)
    elif args.command == "stop":
        stop(procs)
    else:
        return status(procs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
