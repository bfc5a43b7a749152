"""Where the cluster lives and how its parts reach each other: all on 127.0.0.1.

The ports stay clear of the local OpenStack's (scripts/localcloud/config.py: 3306, 4369,
5000, 5672, 6200-6202, 8080, 8774, 8778, 9292, 9311, 9696, 11211, 25672).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
CONTEXT = "local-k8s"
PORTS = {
    "etcd": 23790,  # clients; peers on 23800, metrics on 23810
    "kube-apiserver": 26443,
    "kube-scheduler": 20259,
    "kube-controller-manager": 20257,
    "kwok": 20080,
}
ETCD_PEER_PORT, ETCD_METRICS_PORT = 23800, 23810
SERVICE_CIDR, POD_CIDR = "10.96.0.0/16", "10.244.0.0/16"
# Start order; `stop` goes the other way (etcd last, once the API server has exited).
COMPONENTS = list(PORTS)
SCRIPTS = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Layout:
    """Every path of one cluster, under a single root directory."""

    root: Path

    @classmethod
    def default(cls) -> Layout:
        """``$SOUVERAIN_K8S_DIR``, else ``~/.cache/souverain/k8s``."""
        base = os.environ.get("SOUVERAIN_K8S_DIR") or Path.home() / ".cache" / "souverain" / "k8s"
        return cls(Path(base))

    def dir(self, *parts: str) -> Path:
        """A directory under the root, created on first use."""
        path = self.root.joinpath(*parts)
        path.mkdir(parents=True, exist_ok=True)
        return path

    @property
    def pki(self) -> Path:
        """The CA, keys, certificates and per-component kubeconfigs."""
        return self.dir("pki")

    @property
    def kubeconfig(self) -> Path:
        """The admin kubeconfig handed to users and tests (context ``local-k8s``)."""
        return self.root / "kubeconfig"


def api_url() -> str:
    """The API server's URL."""
    return f"https://{HOST}:{PORTS['kube-apiserver']}"


def install_binaries() -> Path:
    """Build the control plane on first use (scripts/install-k8s.sh); return its bin directory."""
    result = subprocess.run(
        ["bash", str(SCRIPTS / "install-k8s.sh")], stdout=subprocess.PIPE, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit("scripts/install-k8s.sh failed (its output is above)")
    return Path(result.stdout.strip().splitlines()[-1])
