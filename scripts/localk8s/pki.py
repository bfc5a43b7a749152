"""The cluster's CA, keys, certificates and kubeconfigs, made once with openssl."""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

from config import CONTEXT, Layout, api_url

# Client identities: file stem -> subject. The built-in RBAC bootstrap roles cover the
# scheduler and the controller-manager; system:masters makes admin a cluster admin.
CLIENTS = {
    "admin": "/O=system:masters/CN=admin",
    "kube-scheduler": "/CN=system:kube-scheduler",
    "kube-controller-manager": "/CN=system:kube-controller-manager",
}
SERVER_NAMES = (
    "IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,"
    "DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
)
DAYS = "3650"


def _openssl(pki: Path, *args: str) -> None:
    subprocess.run(["openssl", *args], cwd=pki, check=True, capture_output=True)


def _signed(pki: Path, name: str, subject: str, extensions: str) -> None:
    """A 2048-bit key ``name.key`` and its certificate ``name.crt`` signed by the CA."""
    (pki / f"{name}.ext").write_text(extensions)
    _openssl(pki, "genrsa", "-out", f"{name}.key", "2048")
    _openssl(pki, "req", "-new", "-key", f"{name}.key", "-subj", subject, "-out", f"{name}.csr")
    _openssl(
        pki, "x509", "-req", "-in", f"{name}.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
        "-CAcreateserial", "-CAserial", "ca.srl", "-days", DAYS, "-extfile", f"{name}.ext",
        "-out", f"{name}.crt",
    )  # fmt: skip
    (pki / f"{name}.csr").unlink()
    (pki / f"{name}.ext").unlink()


def ensure_pki(layout: Layout) -> Path:
    """Create the CA and every key and certificate unless a complete set is already there."""
    pki = layout.pki
    done = pki / ".complete"
    if done.exists():
        return pki
    if shutil.which("openssl") is None:
        raise SystemExit("openssl is required to make the local Kubernetes certificates")
    for old in pki.iterdir():  # an interrupted earlier run: start over
        old.unlink()
    _openssl(pki, "genrsa", "-out", "ca.key", "2048")
    _openssl(pki, "req", "-x509", "-new", "-nodes", "-key", "ca.key", "-subj", "/CN=local-k8s-ca",
             "-days", DAYS, "-out", "ca.crt")  # fmt: skip
    # Service-account tokens are signed with sa.key and checked with sa.pub.
    _openssl(pki, "genrsa", "-out", "sa.key", "2048")
    _openssl(pki, "rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub")
    _signed(
        pki, "kube-apiserver", "/CN=kube-apiserver",
        f"extendedKeyUsage=serverAuth\nsubjectAltName={SERVER_NAMES}\n",
    )  # fmt: skip
    for name, subject in CLIENTS.items():
        _signed(pki, name, subject, "extendedKeyUsage=clientAuth\n")
        write_kubeconfig(pki / f"{name}.kubeconfig", pki, name)
    for key in pki.glob("*.key"):
        key.chmod(0o600)
    done.touch()
    return pki


def _b64(path: Path) -> str:
    return base64.b64encode(path.read_bytes()).decode()


def write_kubeconfig(path: Path, pki: Path, client: str) -> Path:
    """A kubeconfig for ``client`` with the certificates embedded, so it can be copied anywhere."""
    path.write_text(
        "apiVersion: v1\n"
        "kind: Config\n"
        "clusters:\n"
        f"- name: {CONTEXT}\n"
        "  cluster:\n"
        f"    server: {api_url()}\n"
        f"    certificate-authority-data: {_b64(pki / 'ca.crt')}\n"
        "users:\n"
        f"- name: {client}\n"
        "  user:\n"
        f"    client-certificate-data: {_b64(pki / f'{client}.crt')}\n"
        f"    client-key-data: {_b64(pki / f'{client}.key')}\n"
        "contexts:\n"
        f"- name: {CONTEXT}\n"
        "  context:\n"
        f"    cluster: {CONTEXT}\n"
        f"    user: {client}\n"
        "    namespace: default\n"
        f"current-context: {CONTEXT}\n"
    )
    path.chmod(0o600)
    return path
