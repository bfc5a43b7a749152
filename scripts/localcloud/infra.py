"""The shared infrastructure: MariaDB (one database per service), memcached, RabbitMQ."""

from __future__ import annotations

import os
import subprocess

from config import DB_PASSWORD, DB_USER, HOST, PORTS, Layout
from processes import Processes, wait_for_port

DATABASES = (
    "keystone",
    "barbican",
    "neutron",
    "nova_api",
    "nova",
    "nova_cell0",
    "placement",
    "glance",
)


def start_mariadb(layout: Layout, procs: Processes) -> None:
    """Initialise the data directory once, start mariadbd, create databases and the user."""
    data = layout.root / "mysql"
    run = layout.dir("run")
    conf = layout.conf("mariadb", "my.cnf", (
        "[mysqld]\n"
        f"datadir = {data}\nsocket = {run}/mysqld.sock\npid-file = {run}/mysqld.pid\n"
        f"bind-address = {HOST}\nport = {PORTS['mariadb']}\nuser = root\n"
        "innodb_buffer_pool_size = 64M\ninnodb_flush_log_at_trx_commit = 0\n"
        "performance_schema = OFF\nskip-log-bin\nmax_connections = 1000\n"
        "character-set-server = utf8mb4\n"
        "[client]\n"
        f"socket = {run}/mysqld.sock\n"
    ))  # fmt: skip
    if not (data / "mysql").exists():
        subprocess.run(
            ["mariadb-install-db", f"--defaults-file={conf}", "--auth-root-authentication-method=socket",
             "--skip-test-db", "--user=root"],
            check=True, capture_output=True,
        )  # fmt: skip
    procs.start("mariadb", ["mariadbd", f"--defaults-file={conf}"])
    wait_for_port(PORTS["mariadb"], name="MariaDB")
    statements = [f"CREATE DATABASE IF NOT EXISTS {db} CHARACTER SET utf8" for db in DATABASES]
    statements += [
        f"CREATE USER IF NOT EXISTS '{DB_USER}'@'{HOST}' IDENTIFIED BY '{DB_PASSWORD}'",
        f"GRANT ALL PRIVILEGES ON *.* TO '{DB_USER}'@'{HOST}'",
    ]
    subprocess.run(["mariadb", f"--defaults-file={conf}", "-e", ";".join(statements)], check=True)


def start_memcached(procs: Processes) -> None:
    """memcached on loopback, no UDP."""
    procs.start(
        "memcached",
        ["memcached", "-l", HOST, "-p", str(PORTS["memcached"]), "-U", "0", "-u", "root"],
    )
    wait_for_port(PORTS["memcached"], name="memcached")


def start_rabbitmq(layout: Layout, procs: Processes) -> None:
    """RabbitMQ for Nova's RPC; epmd in the foreground so its PID is ours."""
    base = layout.dir("rabbitmq")
    layout.dir("rabbitmq", "mnesia")
    layout.dir("rabbitmq", "log")
    env = {
        "RABBITMQ_NODENAME": "rabbit@localhost",
        "RABBITMQ_NODE_IP_ADDRESS": HOST,
        "RABBITMQ_NODE_PORT": str(PORTS["rabbitmq"]),
        "ERL_EPMD_ADDRESS": HOST,
        "RABBITMQ_DIST_PORT": "25672",
        "RABBITMQ_MNESIA_BASE": str(base / "mnesia"),
        "RABBITMQ_LOG_BASE": str(base / "log"),
        "RABBITMQ_PID_FILE": str(base / "rabbit.pid"),
        "RABBITMQ_CONFIG_FILE": str(base / "rabbitmq"),
        "RABBITMQ_ENABLED_PLUGINS_FILE": str(base / "enabled_plugins"),
        "RABBITMQ_FEATURE_FLAGS_FILE": str(base / "feature_flags"),
        "RABBITMQ_SERVER_START_ARGS": "-kernel inet_dist_use_interface {127,0,0,1}",
        "RABBITMQ_CTL_ERL_ARGS": "-kernel inet_dist_use_interface {127,0,0,1}",
        "HOME": str(base),
    }
    (base / "enabled_plugins").write_text("[].\n")
    (base / "rabbitmq.conf").write_text("loopback_users = none\n")
    procs.start("epmd", ["epmd", "-address", HOST], env=env, cwd=base)
    # the /usr/sbin wrapper switches to the rabbitmq user, who cannot read this directory
    procs.start(
        "rabbitmq", ["/usr/lib/rabbitmq/bin/rabbitmq-server"], env={**os.environ, **env}, cwd=base
    )
    wait_for_port(PORTS["rabbitmq"], timeout=90, name="RabbitMQ")
