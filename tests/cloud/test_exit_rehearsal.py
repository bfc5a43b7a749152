"""A rehearsal of the exit plan on the local OpenStack: its copy and verify steps, for real.

Two projects of the loopback cloud stand for the two sides of a move. Objects are written
into a bucket of the source project through Swift's S3 API; then the exact commands the
exit plan prints (`rclone copy`, `rclone check`) run with remotes configured as the plan
says, filled with the projects' EC2 credentials. Every object is verified by checksum on
the target through the Swift API, and the source is checked to be intact afterwards.
Everything the test creates (projects, users, credentials, buckets) is removed at the end.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shlex
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from souverain.move import compare
from souverain.move.exit_plan import SOURCE_REMOTE, TARGET_REMOTE, remote_settings
from souverain.move.sides import load_side
from souverain.rules.config import load_config
from souverain.target import Pillar
from tests.conftest import PROJECT

pytestmark = pytest.mark.cloud

SIZES = [0, 1, 1000, 4096, 65_536, 1_000_000, 3_000_000, 5_500_000]
"""Object sizes in bytes, cycled: empty, tiny, page-sized and several MiB."""
OBJECTS = 48


@dataclass
class Tenant:
    """A project and a user of the local cloud made for the rehearsal, with EC2 credentials."""

    project: Any
    user: Any
    password: str
    access: str
    secret: str
    credential: Any


def _tenant(admin: Any, name: str) -> Tenant:
    identity = admin.identity
    project = identity.create_project(name=name, domain_id="default")
    password = secrets.token_urlsafe(16)
    user = identity.create_user(
        name=name, password=password, domain_id="default", default_project_id=project.id
    )
    for role in ("member", "swiftoperator"):
        found = identity.find_role(role)
        assert found is not None, f"the local cloud has no {role} role"
        identity.assign_project_role_to_user(project, user, found)
    access, secret = secrets.token_hex(16), secrets.token_hex(20)
    credential = identity.create_credential(
        type="ec2",
        user_id=user.id,
        project_id=project.id,
        blob=json.dumps({"access": access, "secret": secret}),
    )
    return Tenant(project, user, password, access, secret, credential)


def _connect(clouds_yaml: Path, tenant: Tenant) -> Any:
    import openstack

    entry = yaml.safe_load(clouds_yaml.read_text())["clouds"]["local"]
    return openstack.connect(
        auth_url=entry["auth"]["auth_url"],
        username=tenant.user.name,
        password=tenant.password,
        project_name=tenant.project.name,
        user_domain_name="Default",
        project_domain_name="Default",
        region_name=entry["region_name"],
    )


def _remote_env(
    name: str, settings: list[tuple[str, str]], tenant: Tenant, endpoint: str
) -> dict[str, str]:
    """The plan's settings for one remote, with what it leaves to fill in filled in."""
    fill = {
        "access_key_id": tenant.access,
        "secret_access_key": tenant.secret,
        "endpoint": endpoint,
    }
    env = {}
    for key, value in settings:
        if value.startswith("<"):
            value = fill[key]
        env[f"RCLONE_CONFIG_{name.upper()}_{key.upper()}"] = value
    return env


def _write_objects(folder: Path) -> dict[str, str]:
    """Random objects under a few prefixes, by key, with their SHA-256."""
    digests = {}
    for i in range(OBJECTS):
        key = f"{['raw', 'tmp', 'shards/a', 'shards/b'][i % 4]}/object-{i:03d}.bin"
        data = secrets.token_bytes(SIZES[i % len(SIZES)])
        path = folder / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        digests[key] = hashlib.sha256(data).hexdigest()
    return digests


def _digests(conn: Any, container: str) -> dict[str, str]:
    """Every object of a container read back through the Swift API, by key, with its SHA-256."""
    return {
        obj.name: hashlib.sha256(
            conn.object_store.download_object(obj, container=container)
        ).hexdigest()
        for obj in conn.object_store.objects(container)
    }


def _empty(conn: Any, container: str) -> None:
    if conn.object_store.get_container_metadata(container) is None:
        return
    for obj in list(conn.object_store.objects(container)):
        conn.object_store.delete_object(obj, container=container)
    conn.object_store.delete_container(container)


def test_the_exit_plan_copies_every_object_intact_between_projects(local_cloud, tmp_path):
    import openstack
    from openstack.exceptions import NotFoundException

    rclone = shutil.which("rclone")
    assert rclone, "rclone is missing: `scripts/local-cloud start` installs it (Debian package)"
    os.environ["OS_CLIENT_CONFIG_FILE"] = str(local_cloud)
    admin = openstack.connect(cloud="local-admin")

    # The plan of moving the local stack's platform into another project of the same cloud.
    side = load_side(PROJECT, "local", load_config(PROJECT / "stacks" / "local.check.yaml"), [])
    move = compare(side, side)
    bucket = next(p for p in move.parts if p.kind == "bucket")
    copy = next(s for s in move.steps if s.part == bucket.path).commands[0]
    verify = next(s for s in move.steps if s.title.startswith("Verify"))
    check = next(c for c in verify.commands if f"{SOURCE_REMOTE}:{bucket.physical} " in c)
    cloud, region = side.cloud(Pillar.STORAGE), side.routed(Pillar.STORAGE).region
    settings = remote_settings(cloud, region)

    run = secrets.token_hex(4)
    source = target = None
    try:
        source = _tenant(admin, f"souverain-rehearsal-{run}-from")
        target = _tenant(admin, f"souverain-rehearsal-{run}-to")
        on_source, on_target = _connect(local_cloud, source), _connect(local_cloud, target)
        swift = urlsplit(on_source.object_store.get_endpoint())
        endpoint = f"{swift.scheme}://{swift.netloc}"  # where the proxy serves the S3 API
        # The caller's AWS and rclone settings stay out: rclone's S3 client reads AWS_*
        # variables (AWS_CA_BUNDLE breaks its HTTP transport), and the plan's remotes are
        # all it should need.
        inherited = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "RCLONE_"))}
        env = {
            **inherited,
            **_remote_env(SOURCE_REMOTE, settings, source, endpoint),
            **_remote_env(TARGET_REMOTE, settings, target, endpoint),
            "RCLONE_CONFIG": str(tmp_path / "rclone.conf"),  # nothing but these variables
        }

        def rclone_run(command: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                shlex.split(command),
                env=env,
                capture_output=True,
                text=True,
                timeout=900,
                check=False,
            )

        # Write the objects into the source project's bucket through its S3 API.
        folder = tmp_path / "objects"
        written = _write_objects(folder)
        upload = rclone_run(f"{rclone} copy {folder} {SOURCE_REMOTE}:{bucket.physical}")
        assert upload.returncode == 0, upload.stderr
        assert _digests(on_source, bucket.physical) == written

        # The exit plan's copy step, as printed, then its verify step.
        started = time.monotonic()
        copied = rclone_run(copy)
        seconds = time.monotonic() - started
        assert copied.returncode == 0, copied.stderr
        checked = rclone_run(check)
        assert checked.returncode == 0, checked.stderr + checked.stdout
        assert "0 differences found" in checked.stderr

        # Every object on the target, byte for byte, read through another API.
        assert _digests(on_target, bucket.physical) == written
        # The source is still intact: a copy never removes or changes what it reads.
        assert _digests(on_source, bucket.physical) == written

        size = sum((folder / key).stat().st_size for key in written)
        print(  # the measure, shown with pytest -s
            f"\nrehearsal: {len(written)} objects, {size} bytes copied by `{copy}` "
            f"in {seconds:.2f} s; verified by `{check}` and SHA-256 through Swift"
        )
    finally:
        for tenant in (source, target):
            if tenant is None:
                continue
            with contextlib.suppress(NotFoundException):
                _empty(_connect(local_cloud, tenant), bucket.physical)
            admin.identity.delete_credential(tenant.credential, ignore_missing=True)
            admin.identity.delete_user(tenant.user, ignore_missing=True)
            admin.identity.delete_project(tenant.project, ignore_missing=True)
