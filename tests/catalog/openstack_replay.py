"""A loopback HTTP server that answers like Keystone v3 and Nova 2.1 with recorded responses.

openstacksdk talks to it over real HTTP, so discovery is tested end to end through the
SDK (authentication, service catalog, microversion discovery, flavor listing) without a
cloud. The responses follow the Keystone v3 and Compute API references.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

REGION = "REPLAY-1"

FLAVORS: list[dict[str, Any]] = [
    {"id": "1", "name": "SCS-2V-4", "vcpus": 2, "ram": 4096, "disk": 0, "extra_specs": {}},
    {"id": "2", "name": "gpu.h100.x2", "vcpus": 32, "ram": 262144, "disk": 0,
     "extra_specs": {"pci_passthrough:alias": "nvidia-h100:2"}},
    {"id": "3", "name": "SCS-16V-128-200s_GNg-132-80h", "vcpus": 16, "ram": 131072, "disk": 200,
     "extra_specs": {"pci_passthrough:alias": "gpu-a:1", "scs:name-v2": "SCS-16V-128-200s_GNg-132-80h"}},
    {"id": "4", "name": "vgpu.l4.small", "vcpus": 8, "ram": 32768, "disk": 0,
     "extra_specs": {"resources:VGPU": "1"}},
    {"id": "5", "name": "SCS-8V-32_gNl-58-24", "vcpus": 8, "ram": 32768, "disk": 0, "extra_specs": {}},
]  # fmt: skip


class _Handler(BaseHTTPRequestHandler):
    services: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _send(
        self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def _catalog(self) -> list[dict[str, Any]]:
        def entry(kind: str, path: str) -> dict[str, Any]:
            url = f"{self.base}{path}"
            return {
                "type": kind, "name": kind, "id": kind,
                "endpoints": [
                    {"id": f"{kind}-{i}", "interface": i, "region": REGION, "region_id": REGION, "url": url}
                    for i in ("public", "internal", "admin")
                ],
            }  # fmt: skip

        paths = {"identity": "/identity/v3", "compute": "/compute/v2.1",
                 "key-manager": "/key-manager", "object-store": "/object-store/v1/AUTH_p"}  # fmt: skip
        return [entry(kind, paths[kind]) for kind in ["identity", "compute", *self.services]]

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path.rstrip("/") == "/identity/v3/auth/tokens":
            token = {
                "methods": ["password"], "expires_at": "2099-01-01T00:00:00.000000Z",
                "issued_at": "2026-01-01T00:00:00.000000Z",
                "user": {"id": "u", "name": "demo", "domain": {"id": "default", "name": "Default"}},
                "project": {"id": "p", "name": "demo", "domain": {"id": "default", "name": "Default"}},
                "roles": [{"id": "r", "name": "member"}], "catalog": self._catalog(),
            }  # fmt: skip
            self._send(201, {"token": token}, {"X-Subject-Token": "replayed-token"})
        else:
            self._send(404, {"error": self.path})

    def do_GET(self) -> None:
        path = self.path.split("?")[0].rstrip("/")
        version = {
            "id": "v2.1", "status": "CURRENT", "version": "2.88", "min_version": "2.1",
            "links": [{"rel": "self", "href": f"{self.base}/compute/v2.1/"}],
        }  # fmt: skip
        if path == "/identity/v3":
            self._send(200, {"version": {
                "id": "v3.14", "status": "stable", "updated": "2020-04-07T00:00:00Z",
                "links": [{"rel": "self", "href": f"{self.base}/identity/v3/"}],
                "media-types": [{"base": "application/json", "type": "application/vnd.openstack.identity-v3+json"}],
            }})  # fmt: skip
        elif path == "/compute":
            self._send(200, {"versions": [version]})
        elif path == "/compute/v2.1":
            self._send(200, {"version": version})
        elif path == "/compute/v2.1/flavors/detail":
            self._send(200, {"flavors": [
                {**f, "links": [], "OS-FLV-EXT-DATA:ephemeral": 0, "os-flavor-access:is_public": True,
                 "swap": 0, "rxtx_factor": 1.0, "description": None, "OS-FLV-DISABLED:disabled": False}
                for f in FLAVORS
            ]})  # fmt: skip
        elif path.startswith("/compute/v2.1/flavors/") and path.endswith("/os-extra_specs"):
            flavor_id = path.split("/")[4]
            specs = next(f["extra_specs"] for f in FLAVORS if f["id"] == flavor_id)
            self._send(200, {"extra_specs": specs})
        else:
            self._send(404, {"error": path})


class ReplayCloud:
    """Serve the recorded cloud on 127.0.0.1 with the given optional services."""

    def __init__(self, services: list[str]) -> None:
        handler = type("Handler", (_Handler,), {"services": services})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def auth_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/identity/v3"

    def __enter__(self) -> ReplayCloud:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
