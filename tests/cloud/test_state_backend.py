"""A stack whose Pulumi state lives in the local OpenStack's object storage, through its S3 API.

The sovereign setup SOV-011 asks for, for real: a project of the loopback cloud gets EC2
credentials and a container; `pulumi login s3://CONTAINER?endpoint=127.0.0.1:8080...`
makes that container the backend; a program creating a network in the same project runs
`up`, a second `up` that changes nothing, and `destroy`, with a secret encrypted by a
passphrase. The checkpoint is read back from the container, and SOV-011 judges the
login as the CLI recorded it. Everything the test creates is removed at the end.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from souverain.catalog.store import clouds
from souverain.rules.context import RuleContext
from souverain.rules.levels import resolve_level
from souverain.rules.sov011_state_location import StateInAllowedJurisdiction
from souverain.state import locate_backend, read_state
from tests.engine.conftest import python_project

pytestmark = pytest.mark.cloud

PROGRAM = textwrap.dedent(
    """
    import pulumi
    import pulumi_openstack as openstack

    network = openstack.networking.Network("state-in-swift", name="state-in-swift")
    pulumi.export("network", network.id)
    pulumi.export("token", pulumi.Config().require_secret("token"))
    """
)


def _tenant(admin, name: str):
    """A project and a member user of the local cloud, with EC2 credentials for S3."""
    identity = admin.identity
    project = identity.create_project(name=name, domain_id="default")
    password = secrets.token_urlsafe(16)
    user = identity.create_user(
        name=name, password=password, domain_id="default", default_project_id=project.id
    )
    for role in ("member", "swiftoperator"):
        identity.assign_project_role_to_user(project, user, identity.find_role(role))
    access, secret = secrets.token_hex(16), secrets.token_hex(20)
    credential = identity.create_credential(
        type="ec2",
        user_id=user.id,
        project_id=project.id,
        blob=json.dumps({"access": access, "secret": secret}),
    )
    return project, user, password, access, secret, credential


def test_state_in_the_local_object_storage_converges(engine_for, local_cloud: Path, tmp_path):
    import openstack

    os.environ["OS_CLIENT_CONFIG_FILE"] = str(local_cloud)
    admin = openstack.connect(cloud="local-admin")
    entry = yaml.safe_load(local_cloud.read_text())["clouds"]["local"]
    run = secrets.token_hex(4)
    container = f"pulumi-state-{run}"
    project = user = credential = conn = engine = None
    try:
        project, user, password, access, secret, credential = _tenant(admin, f"state-{run}")
        conn = openstack.connect(
            auth_url=entry["auth"]["auth_url"], username=user.name, password=password,
            project_name=project.name, user_domain_name="Default",
            project_domain_name="Default", region_name=entry["region_name"],
        )  # fmt: skip
        conn.object_store.create_container(name=container)
        swift = urlsplit(conn.object_store.get_endpoint())
        # Swift's s3api checks signatures against its `location`, us-east-1 unless configured.
        backend = (
            f"s3://{container}?endpoint={swift.scheme}://{swift.netloc}"
            "&region=us-east-1&use_path_style=true"
        )

        engine = engine_for(python_project(tmp_path / "state-project", PROGRAM, "state-in-swift"))
        engine.extra_env = {
            "PULUMI_BACKEND_URL": "",  # the login below decides, as on a team's machine
            "AWS_ACCESS_KEY_ID": access,
            "AWS_SECRET_ACCESS_KEY": secret,
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
            "OS_AUTH_URL": entry["auth"]["auth_url"],
            "OS_USERNAME": user.name,
            "OS_PASSWORD": password,
            "OS_PROJECT_NAME": project.name,
            "OS_USER_DOMAIN_NAME": "Default",
            "OS_PROJECT_DOMAIN_NAME": "Default",
            "OS_REGION_NAME": entry["region_name"],
        }
        login = engine("login", backend)
        assert container in login.stdout + login.stderr

        # SOV-011 reads the login the CLI recorded, and passes it: storage on loopback.
        settings = read_state(engine.project, None, {"PULUMI_HOME": engine.env["PULUMI_HOME"]})
        assert settings.backend == backend and "credentials.json" in settings.backend_source
        assert locate_backend(settings, clouds()).own
        strict = RuleContext(level=resolve_level("full"), catalog=clouds())
        assert list(StateInAllowedJurisdiction().check_state(settings, strict)) == []

        engine("stack", "init", "local", "--secrets-provider", "passphrase")
        engine("config", "set", "--secret", "token", "s3cr3t-token")
        first = engine("up", "--yes", "--skip-preview", timeout=900)
        assert "2 created" in first.stdout  # the stack and the network
        network_id = engine("stack", "output", "network").stdout.strip()
        assert conn.network.get_network(network_id).name == "state-in-swift"

        # The checkpoint is an object of the container, and the secret is not in clear.
        keys = [o.name for o in conn.object_store.objects(container)]
        checkpoint = ".pulumi/stacks/state-in-swift/local.json"
        assert checkpoint in keys, keys
        stored = conn.object_store.download_object(checkpoint, container=container)
        assert network_id.encode() in stored and b"s3cr3t-token" not in stored

        second = engine("up", "--yes", "--skip-preview", timeout=900)
        assert "2 unchanged" in second.stdout
        engine("preview", "--expect-no-changes")

        engine("destroy", "--yes", timeout=900)
        assert conn.network.find_network(network_id) is None
        after = json.loads(conn.object_store.download_object(checkpoint, container=container))
        assert not after["checkpoint"]["latest"].get("resources")
        engine("stack", "rm", "local", "--yes")
    finally:
        if engine is not None and conn is not None:  # a failed run leaves nothing behind
            engine("destroy", "--yes", "-s", "local", check=False, timeout=900)
        if conn is not None:
            with contextlib.suppress(Exception):
                for obj in list(conn.object_store.objects(container)):
                    conn.object_store.delete_object(obj, container=container)
                conn.object_store.delete_container(container)
        if credential is not None:
            admin.identity.delete_credential(credential, ignore_missing=True)
        if user is not None:
            admin.identity.delete_user(user, ignore_missing=True)
        if project is not None:
            admin.identity.delete_project(project, ignore_missing=True)
