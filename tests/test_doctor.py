"""`souverain doctor` on machines set up in different ways: a fake `pulumi` on PATH, a fake
Pulumi home with plugins, a fake engine build, and a project's virtualenv with SDKs."""

from __future__ import annotations

import json
from pathlib import Path

from souverain.doctor import BUILT_HERE, UPSTREAM, diagnose, to_json, to_text

FAKE_PULUMI = """#!/bin/sh
case "$1" in
  version) echo "{version}" ;;
  plugin) cat "{listing}" ;;
  *) exit 2 ;;
esac
"""


def machine(
    tmp_path: Path, cli_built_here: bool = True, version: str = "v3.259.0"
) -> dict[str, str]:
    """A PATH with a fake pulumi, a Pulumi home with two plugins, an engine build, a project."""
    cache = tmp_path / "cache"
    build = cache / "engine" / "pulumi-v3.259.0"
    (build / "bin").mkdir(parents=True)
    (build / "plugins").mkdir()
    listing = tmp_path / "plugins.json"
    cli = FAKE_PULUMI.format(version=version, listing=listing)
    on_path = tmp_path / "path"
    on_path.mkdir()
    for folder in (on_path, build / "bin") if cli_built_here else (on_path,):
        (folder / "pulumi").write_text(cli)
        (folder / "pulumi").chmod(0o755)
    (build / "bin" / "pulumi-language-python").write_text("#!/bin/sh\n# built here\n")
    (on_path / "pulumi-language-python").write_text("#!/bin/sh\n# built here\n")
    (on_path / "pulumi-language-python").chmod(0o755)
    home = tmp_path / "pulumi-home"
    plugins = [("openstack", "5.5.1", "# built here\n"), ("aws", "7.0.0", "# Pulumi's own\n")]
    for name, version_, content in plugins:
        folder = home / "plugins" / f"resource-{name}-v{version_}"
        folder.mkdir(parents=True)
        (folder / f"pulumi-resource-{name}").write_text(content)
    (build / "plugins" / "pulumi-resource-openstack").write_text("# built here\n")
    listing.write_text(
        json.dumps([{"name": n, "kind": "resource", "version": v} for n, v, _ in plugins])
    )
    project = tmp_path / "project"
    site = project / "venv" / "lib" / "python3.11" / "site-packages"
    for name, version_ in (("pulumi", "3.259.0"), ("pulumi_openstack", "5.5.1"),
                           ("pulumi_aws", "7.51.1"), ("pulumi_policy", "1.21.0")):  # fmt: skip
        info = site / f"{name}-{version_}.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {name.replace('_', '-')}\nVersion: {version_}\n"
        )
    (project / "Pulumi.yaml").write_text(
        "name: team\nruntime:\n  name: python\n  options:\n    virtualenv: venv\n"
        "backend:\n  url: https://api.pulumi.com\n"
    )
    return {
        "PATH": f"{on_path}:/usr/bin:/bin",
        "PULUMI_HOME": str(home),
        "SOUVERAIN_CACHE": str(cache),
        "HOME": str(tmp_path),
    }


def test_it_names_what_will_run_and_where_it_comes_from(tmp_path):
    env = machine(tmp_path)
    found = diagnose(tmp_path / "project", env)
    assert found.cli.path == tmp_path / "path" / "pulumi"
    assert found.cli.version == "v3.259.0" and found.cli.origin.startswith(BUILT_HERE)
    assert found.language_host.origin.startswith(BUILT_HERE)
    origins = {(p.name, p.version): p.origin for p in found.plugins}
    assert origins[("openstack", "5.5.1")].startswith(BUILT_HERE)
    assert origins[("aws", "7.0.0")] == UPSTREAM


def test_sdks_are_matched_with_plugins_by_exact_version(tmp_path):
    found = diagnose(tmp_path / "project", machine(tmp_path))
    assert "the project's virtualenv" in found.python
    sdks = {s.package: s for s in found.sdks}
    assert set(sdks) == {"pulumi", "pulumi-openstack", "pulumi-aws"}  # pulumi-policy is no SDK
    assert sdks["pulumi"].ok and sdks["pulumi-openstack"].ok
    assert not sdks["pulumi-aws"].ok and "installed: 7.0.0" in sdks["pulumi-aws"].state
    assert found.problems == (
        "pulumi-aws 7.51.1 needs the resource plugin aws 7.51.1: missing (installed: 7.0.0); "
        "a stack that uses it would make the engine download it",
    )


def test_an_older_upstream_cli_is_a_problem(tmp_path):
    found = diagnose(
        tmp_path / "project", machine(tmp_path, cli_built_here=False, version="v3.200.0")
    )
    assert found.cli.origin == UPSTREAM
    assert any("older than the SDK" in p for p in found.problems)


def test_it_says_where_state_and_secrets_live(tmp_path):
    found = diagnose(tmp_path / "project", machine(tmp_path))
    backend, secrets = found.state
    assert backend.service == "Pulumi Cloud" and "backend.url in Pulumi.yaml" in backend.source
    assert secrets.service == "Pulumi Cloud's secrets manager"
    text = to_text(found)
    assert "SOV-011 at european: state.backend: Pulumi Cloud" in text
    assert "plugins in" in text and "resource aws 7.0.0 [upstream]" in text
    assert text.rstrip().endswith("1 problem")
    data = json.loads(to_json(found))
    assert data["cli"]["version"] == "v3.259.0"
    assert [f["setting"] for f in data["stateFindings"]] == [
        "state.backend",
        "state.secretsprovider",
    ]


def test_no_pulumi_at_all(tmp_path):
    env = {
        "PATH": str(tmp_path / "empty"),
        "PULUMI_HOME": str(tmp_path / "h"),
        "HOME": str(tmp_path),
    }
    found = diagnose(tmp_path, env)
    assert found.cli.path is None and found.plugins == () and found.project is None
    assert any(p.startswith("no pulumi on PATH") for p in found.problems)
    assert "state and secrets: no Pulumi.yaml here or above" in to_text(found)
