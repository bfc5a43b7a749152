"""Programs, stack configs and the policy pack under the real Pulumi engine."""

from __future__ import annotations

import json
import shutil
import textwrap

import pytest
import yaml

from souverain.adapters.registry import available_adapters
from souverain.rules.config import CheckConfig
from souverain.rules.pack import engine_config
from tests.conftest import MINIMAL, PROJECT
from tests.engine.conftest import OPENSTACK_VERSION, PULUMI_VERSION, copy_pack, python_project

pytestmark = pytest.mark.engine

COMPONENTS = textwrap.dedent(
    """
    import pulumi

    class Shelf(pulumi.ComponentResource):
        def __init__(self, name, opts=None):
            super().__init__("souverain:test:Shelf", name, {"label": name}, opts)
            self.register_outputs({"label": name})

    shelf = Shelf("books")
    Shelf("novels", pulumi.ResourceOptions(parent=shelf))
    pulumi.export("count", 2)
    """
)


def platform_program(description: dict) -> str:
    """A program that records a description the way souverain's deploy() does, and nothing else."""
    return textwrap.dedent(
        f"""
        import json
        from souverain.deploy import record
        from souverain.model.loading import platform_from_data

        record(platform_from_data(json.loads({json.dumps(json.dumps(description))})), lambda root: None)
        """
    )


def test_engine_and_plugin_versions_are_pinned(engine_for, tmp_path):
    engine = engine_for(tmp_path)
    assert engine("version").stdout.strip() == PULUMI_VERSION
    plugins = {(p["name"], p["kind"], p["version"]) for p in engine.json("plugin", "ls")}
    assert ("openstack", "resource", OPENSTACK_VERSION) in plugins


def test_reference_platform_against_an_unreachable_cloud(engine_for, tmp_path):
    """What a user sees when the cloud cannot be reached: the endpoint and the cause, no state."""
    project = tmp_path / "reference"
    project.mkdir()
    for name in ("__main__.py", "reference_platform.py"):
        shutil.copy(PROJECT / name, project)
    shutil.copytree(PROJECT / "stacks", project / "stacks")
    shutil.copytree(PROJECT / "catalog", project / "catalog")  # what the generic stack targets
    (project / "Pulumi.yaml").write_text(
        (PROJECT / "Pulumi.yaml")
        .read_text()
        .replace("virtualenv: .venv", f"virtualenv: {PROJECT / '.venv'}")
    )
    clouds = tmp_path / "clouds.yaml"
    clouds.write_text(
        "clouds:\n  openstack:\n    region_name: RegionOne\n    auth:\n"
        "      auth_url: http://127.0.0.1:9/v3\n      username: demo\n      password: secret\n"
        "      project_name: demo\n      user_domain_name: Default\n      project_domain_name: Default\n"
    )
    engine = engine_for(project)
    engine.extra_env = {"OS_CLIENT_CONFIG_FILE": str(clouds)}
    engine("stack", "init", "generic")
    result = engine("preview", "-s", "generic", check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "looking up the external network 'public' failed" in output
    assert "http://127.0.0.1:9/v3/auth/tokens" in output and "connection refused" in output
    assert "souverain:openstack.cloud" in output  # what to check
    assert "Traceback" not in output
    assert not json.loads(engine("stack", "export", "-s", "generic").stdout)["deployment"].get(
        "resources"
    )


def test_up_twice_then_destroy_without_providers(engine_for, tmp_path):
    engine = engine_for(python_project(tmp_path / "shelves", COMPONENTS))
    engine("stack", "init", "dev")
    first = engine("up", "--yes", "--skip-preview")
    assert "3 created" in first.stdout  # the stack and two components
    assert engine("stack", "output", "count").stdout.strip() == "2"
    second = engine("up", "--yes", "--skip-preview")
    assert "3 unchanged" in second.stdout
    engine("preview", "--expect-no-changes")
    engine("destroy", "--yes")
    assert json.loads(engine("stack", "export").stdout)["deployment"].get("resources") in (None, [])


def _policy_run(engine_for, tmp_path, program, level="european", cloud="ovhcloud"):
    project = python_project(tmp_path / "platform", program)
    pack = copy_pack(tmp_path)
    config = tmp_path / "policy-config.json"
    config.write_text(json.dumps(engine_config(CheckConfig(cloud=cloud), level)))
    engine = engine_for(project)
    engine("stack", "init", "dev")
    return engine(
        "preview", "--policy-pack", str(pack), "--policy-pack-config", str(config), check=False
    )


def test_policy_pack_blocks_a_non_sovereign_description(engine_for, tmp_path):
    description = {**MINIMAL, "buckets": [{"name": "datasets", "public_read": True}]}
    result = _policy_run(engine_for, tmp_path, platform_program(description))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "souverain-sovereignty" in output
    assert "[SOV-004] buckets[0].encryption_key" in output
    assert "[SOV-005] buckets[0].public_read" in output


def test_policy_pack_lets_a_sovereign_description_through(engine_for, tmp_path):
    result = _policy_run(engine_for, tmp_path, platform_program(MINIMAL))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "souverain-sovereignty" in result.stdout + result.stderr


@pytest.mark.parametrize(
    "stack",
    sorted(
        p.name[len("Pulumi.") : -len(".yaml")] for p in (PROJECT / "stacks").glob("Pulumi.*.yaml")
    ),
)
def test_stack_configs_are_accepted_by_the_engine(engine_for, tmp_path, stack):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(PROJECT / "Pulumi.yaml", project)
    shutil.copytree(PROJECT / "stacks", project / "stacks")
    engine = engine_for(project)
    engine("stack", "init", stack)
    config = engine.json("config", "--stack", stack)
    written = yaml.safe_load((PROJECT / "stacks" / f"Pulumi.{stack}.yaml").read_text())["config"]
    assert config["souverain:adapter"]["value"] == written["souverain:adapter"]
    assert config["souverain:adapter"]["value"] in available_adapters()
    assert config["souverain:protectData"]["value"] == "true"  # the typed default from Pulumi.yaml
    assert config["souverain:cloud"]["value"]


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (
            "  souverain:cloud: ovhcloud\n  souverain:region: GRA11\n  souverain:protectData: maybe\n",
            "protectData",
        ),
        ("  souverain:adapter: openstack\n", "missing configuration value 'cloud'"),
    ],
)
def test_engine_rejects_bad_stack_config(engine_for, tmp_path, config, expected):
    project = tmp_path / "project"
    (project / "stacks").mkdir(parents=True)
    shutil.copy(PROJECT / "Pulumi.yaml", project)
    (project / "__main__.py").write_text("")
    (project / "stacks" / "Pulumi.bad.yaml").write_text("config:\n" + config)
    engine = engine_for(project)
    engine("stack", "init", "bad")
    result = engine("preview", check=False)
    assert result.returncode != 0
    assert expected in result.stdout + result.stderr


HANDWRITTEN_OPENSTACK = textwrap.dedent(
    """
    import pulumi
    import pulumi_openstack as openstack

    london = openstack.Provider(
        "london",
        region="UK1",
        auth_url="http://127.0.0.1:9/v3",
        user_name="demo",
        password="secret",
        tenant_name="demo",
        user_domain_name="Default",
        project_domain_name="Default",
    )
    openstack.networking.Network("gpu-net", opts=pulumi.ResourceOptions(provider=london))
    """
)


def test_policy_pack_blocks_a_handwritten_program_outside_the_eu(engine_for, tmp_path):
    """No souverain description: the pack judges the program's own resources."""
    result = _policy_run(engine_for, tmp_path, HANDWRITTEN_OPENSTACK, cloud=None)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "sov-002" in output
    assert (
        "[SOV-002] region UK1 (London) is in United Kingdom (GB), outside the countries" in output
    )
    assert "Traceback" not in output


def test_policy_pack_blocks_state_kept_in_pulumi_cloud(engine_for, tmp_path):
    """The engine validates the state settings policy-config writes, and SOV-011 judges them."""
    from souverain.state import StateSettings

    project = python_project(tmp_path / "platform", platform_program(MINIMAL))
    pack = copy_pack(tmp_path)
    cloud = StateSettings(backend="https://api.pulumi.com", backend_source="PULUMI_BACKEND_URL")
    results = []
    for name, state in (("cloud", cloud), ("local", StateSettings(backend="file://~"))):
        config = tmp_path / f"policy-config-{name}.json"
        config.write_text(
            json.dumps(engine_config(CheckConfig(cloud="ovhcloud", state=state), "european"))
        )
        engine = engine_for(project)
        engine("stack", "init", name)
        results.append(
            engine(
                "preview",
                "-s",
                name,
                "--policy-pack",
                str(pack),
                "--policy-pack-config",
                str(config),
                check=False,
            )
        )
    blocked, passed = results
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "[SOV-011] state.backend" in output and "Pulumi Corporation" in output
    assert passed.returncode == 0, passed.stdout + passed.stderr
