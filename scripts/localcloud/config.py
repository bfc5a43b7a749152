"""Where the cloud lives and how its services reach each other: all on 127.0.0.1."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
REGION = "RegionOne"
ADMIN_PASSWORD = "souverain-admin"
SERVICE_PASSWORD = "souverain-service"
DB_USER, DB_PASSWORD = "openstack", "souverain-db"
PORTS = {
    "mariadb": 3306, "memcached": 11211, "rabbitmq": 5672, "keystone": 5000, "barbican": 9311,
    "swift": 8080, "neutron": 9696, "placement": 8778, "nova": 8774, "glance": 9292,
}  # fmt: skip


@dataclass(frozen=True)
class Layout:
    """Every path of one cloud, under a single root directory."""

    root: Path

    @classmethod
    def default(cls) -> Layout:
        """``$SOUVERAIN_CLOUD_DIR``, else ``~/.cache/souverain/cloud``."""
        base = (
            os.environ.get("SOUVERAIN_CLOUD_DIR") or Path.home() / ".cache" / "souverain" / "cloud"
        )
        return cls(Path(base))

    def dir(self, *parts: str) -> Path:
        """A directory under the root, created on first use."""
        path = self.root.joinpath(*parts)
        path.mkdir(parents=True, exist_ok=True)
        return path

    def conf(self, service: str, name: str, text: str) -> Path:
        """Write a config file of ``service`` and return its path."""
        path = self.dir("etc", service) / name
        path.write_text(text)
        return path


def url(service: str, path: str = "") -> str:
    """The endpoint URL of a service."""
    return f"http://{HOST}:{PORTS[service]}{path}"


def db_url(database: str) -> str:
    """The SQLAlchemy URL of a service database."""
    return (
        f"mysql+pymysql://{DB_USER}:{DB_PASSWORD}@{HOST}:{PORTS['mariadb']}/{database}?charset=utf8"
    )


def policy_defaults() -> str:
    """The classic admin/member behaviour every service is run with."""
    return "[oslo_policy]\nenforce_new_defaults = false\nenforce_scope = false\n\n"


def credentials(section: str, user: str, *extra: str) -> str:
    """A keystone password-auth section for a service user (authtoken, [nova], [placement]...).

    ``extra`` lines (``key = value``) are added to the same section.
    """
    return (
        f"[{section}]\n"
        + "".join(f"{line}\n" for line in extra)
        + f"auth_url = {url('keystone', '/v3')}\n"
        f"www_authenticate_uri = {url('keystone', '/v3')}\n"
        f"memcached_servers = {HOST}:{PORTS['memcached']}\nauth_type = password\n"
        "project_domain_name = Default\nuser_domain_name = Default\nproject_name = service\n"
        f"username = {user}\npassword = {SERVICE_PASSWORD}\nregion_name = {REGION}\n\n"
    )
