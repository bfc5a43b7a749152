"""etcd, kube-apiserver, kube-scheduler, kube-controller-manager and kwok on 127.0.0.1."""

from __future__ import annotations

import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from functools import partial
from pathlib import Path

from config import (
    ETCD_METRICS_PORT,
    ETCD_PEER_PORT,
    HOST,
    POD_CIDR,
    PORTS,
    SERVICE_CIDR,
    Layout,
    api_url,
)
from processes import Processes


def _get(url: str, context: ssl.SSLContext | None = None) -> bool:
    """True when ``url`` answers 200."""
    try:
        with urllib.request.urlopen(url, timeout=2, context=context) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _self_signed() -> ssl.SSLContext:
    """For the /healthz of the scheduler and controller-manager, served with their own certs."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def _admin(pki: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(pki / "ca.crt"))
    context.load_cert_chain(str(pki / "admin.crt"), str(pki / "admin.key"))
    return context


def wait_until(
    procs: Processes, name: str, ready: Callable[[], bool], timeout: float = 90.0
) -> None:
    """Block until ``ready()``; fail at once, with its log, if the process has exited."""
    deadline = time.monotonic() + timeout
    while not ready():
        if procs.pid(name) is None:
            raise SystemExit(f"{name} exited while starting:\n{procs.log_tail(name)}")
        if time.monotonic() > deadline:
            raise SystemExit(f"{name} not ready within {timeout:.0f} s:\n{procs.log_tail(name)}")
        time.sleep(0.2)


def check_ports_free(procs: Processes) -> None:
    """Refuse to start a component whose port some other program already holds."""
    ports = {**PORTS, "etcd peers": ETCD_PEER_PORT, "etcd metrics": ETCD_METRICS_PORT}
    for name, port in ports.items():
        if procs.pid(name.split()[0]) is not None:
            continue
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port)) == 0:
                raise SystemExit(
                    f"{HOST}:{port} ({name}) is taken by a process this cluster did not start"
                )


def start_etcd(layout: Layout, procs: Processes, bin: Path) -> None:
    """One etcd member, data under the cluster directory."""
    client = f"http://{HOST}:{PORTS['etcd']}"
    peer = f"http://{HOST}:{ETCD_PEER_PORT}"
    procs.start("etcd", [
        str(bin / "etcd"), "--name", "local", "--data-dir", str(layout.dir("etcd")),
        "--listen-client-urls", client, "--advertise-client-urls", client,
        "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
        "--initial-cluster", f"local={peer}",
        "--listen-metrics-urls", f"http://{HOST}:{ETCD_METRICS_PORT}",
    ])  # fmt: skip
    wait_until(procs, "etcd", lambda: _get(f"{client}/health"))


def start_apiserver(layout: Layout, procs: Processes, bin: Path, pki: Path) -> None:
    """The API server; the endpoint reconciler is off, as a loopback address requires."""
    procs.start("kube-apiserver", [
        str(bin / "kube-apiserver"),
        f"--etcd-servers=http://{HOST}:{PORTS['etcd']}",
        f"--bind-address={HOST}", f"--advertise-address={HOST}",
        f"--secure-port={PORTS['kube-apiserver']}",
        "--endpoint-reconciler-type=none",
        f"--service-cluster-ip-range={SERVICE_CIDR}",
        f"--tls-cert-file={pki / 'kube-apiserver.crt'}",
        f"--tls-private-key-file={pki / 'kube-apiserver.key'}",
        f"--client-ca-file={pki / 'ca.crt'}",
        f"--service-account-key-file={pki / 'sa.pub'}",
        f"--service-account-signing-key-file={pki / 'sa.key'}",
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--authorization-mode=Node,RBAC",
        "--allow-privileged=true",
        f"--cert-dir={layout.dir('run', 'kube-apiserver')}",
        "--profiling=false",
    ])  # fmt: skip
    admin = _admin(pki)
    wait_until(procs, "kube-apiserver", lambda: _get(f"{api_url()}/readyz", admin))


def _component(
    layout: Layout, procs: Processes, bin: Path, pki: Path, name: str, *extra: str
) -> None:
    kubeconfig = pki / f"{name}.kubeconfig"
    procs.start(name, [
        str(bin / name),
        f"--kubeconfig={kubeconfig}",
        f"--authentication-kubeconfig={kubeconfig}",
        f"--authorization-kubeconfig={kubeconfig}",
        f"--bind-address={HOST}", f"--secure-port={PORTS[name]}",
        "--leader-elect=false",
        f"--cert-dir={layout.dir('run', name)}",
        *extra,
    ])  # fmt: skip


def start_scheduler_and_controllers(layout: Layout, procs: Processes, bin: Path, pki: Path) -> None:
    """The scheduler and the controller-manager, started together, each with its own identity."""
    _component(layout, procs, bin, pki, "kube-scheduler")
    _component(
        layout, procs, bin, pki, "kube-controller-manager",
        f"--service-account-private-key-file={pki / 'sa.key'}",
        f"--root-ca-file={pki / 'ca.crt'}",
        "--use-service-account-credentials=true",
        f"--cluster-signing-cert-file={pki / 'ca.crt'}",
        f"--cluster-signing-key-file={pki / 'ca.key'}",
        f"--service-cluster-ip-range={SERVICE_CIDR}",
    )  # fmt: skip
    insecure = _self_signed()
    for name in ("kube-scheduler", "kube-controller-manager"):
        healthz = f"https://{HOST}:{PORTS[name]}/healthz"
        wait_until(procs, name, partial(_get, healthz, insecure))


def start_kwok(procs: Processes, bin: Path, pki: Path) -> None:
    """kwok plays the kubelet of every node annotated ``kwok.x-k8s.io/node: fake``."""
    procs.start("kwok", [
        str(bin / "kwok"),
        f"--kubeconfig={pki / 'admin.kubeconfig'}",
        f"--config={bin / 'kwok-stages.yaml'}",
        "--manage-all-nodes=false",
        "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
        f"--node-ip={HOST}", f"--cidr={POD_CIDR}",
        f"--server-address={HOST}:{PORTS['kwok']}",
    ])  # fmt: skip
    wait_until(procs, "kwok", lambda: _get(f"http://{HOST}:{PORTS['kwok']}/healthz"))
