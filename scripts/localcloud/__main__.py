"""A real OpenStack on 127.0.0.1 for end-to-end tests: `start`, `stop`, `status`.

Run with the Debian interpreter (the OpenStack libraries are Debian packages):
    /usr/bin/python3 scripts/localcloud start
"""

from __future__ import annotations

import argparse
import sys
import time

from compute import start_nova
from config import PORTS, Layout
from identity import register
from images import start_glance, start_placement
from infra import start_mariadb, start_memcached, start_rabbitmq
from keymanager import start_barbican
from keystone import start_keystone
from network import start_neutron
from objectstore import start_swift
from packages import ensure_installed
from processes import Processes
from tenant import prepare, write_client_config


def start(layout: Layout, procs: Processes) -> None:
    """Start every service in dependency order; already running services are left alone."""
    begun = time.monotonic()
    unpacked = ensure_installed(layout)
    start_mariadb(layout, procs)
    start_memcached(procs)
    start_keystone(layout, procs)
    register(["barbican", "swift", "glance", "placement", "neutron", "nova"])
    start_barbican(layout, procs, unpacked)
    start_swift(layout, procs)
    start_glance(layout, procs, unpacked)
    start_placement(layout, procs)
    start_neutron(layout, procs, unpacked)
    start_rabbitmq(layout, procs)
    start_nova(layout, procs, unpacked)
    prepare()
    clouds = write_client_config(layout.root)
    print(f"local cloud up in {time.monotonic() - begun:.1f} s (data in {layout.root})")
    print(f"clouds.yaml: {clouds} (OS_CLIENT_CONFIG_FILE={clouds}, cloud 'local')")


def stop(procs: Processes) -> None:
    """Stop everything we started, all at once."""
    procs.stop(*procs.names())


def status(procs: Processes) -> int:
    """Print each process and whether it runs; exit 1 if any recorded one is down."""
    down = 0
    for name in procs.names():
        pid = procs.pid(name)
        print(
            f"{name:12} {'running' if pid else 'stopped'} {pid or ''} port {PORTS.get(name, '-')}"
        )
        down += pid is None
    return 1 if down else 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="localcloud")
    parser.add_argument("command", choices=["start", "stop", "status", "stop-service"])
    parser.add_argument("service", nargs="?", help="with stop-service: the process to stop")
    args = parser.parse_args()
    layout = Layout.default()
    procs = Processes(layout.root)
    if args.command == "start":
        start(layout, procs)
    elif args.command == "stop":
        stop(procs)
    elif args.command == "stop-service":
        # For fault tests: stop one process; `start` brings it back.
        procs.stop(args.service)
    else:
        return status(procs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
