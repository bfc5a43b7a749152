"""Each template, as a team starts from it: `pulumi new` (offline, this project's engine)
and `souverain new`, installed from wheels in a fresh virtualenv, every stack planned and
checked, the CI workflows' own commands run, and a seeded violation failing the check."""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from tests.templates.conftest import TEMPLATES, project_env, run

pytestmark = [pytest.mark.templates, pytest.mark.engine]


def pulumi_new(engine: Path, template: str, directory: Path, home: Path) -> Path:
    """`pulumi new ./templates/<name>` offline, with this project's engine and a local backend."""
    from tests.conftest import PROJECT

    (home / "state").mkdir(parents=True, exist_ok=True)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PULUMI_")},
        "PATH": f"{engine}:{os.environ.get('PATH', '')}",
        "PULUMI_HOME": str(home / "pulumi-home"),
        "PULUMI_BACKEND_URL": f"file://{home / 'state'}",
        "PULUMI_CONFIG_PASSPHRASE": "souverain-tests",
        "PULUMI_SKIP_UPDATE_CHECK": "true",
        "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
    }
    result = run(
        [str(engine / "pulumi"), "new", str(PROJECT / "templates" / template),
         "--dir", str(directory), "--name", f"team-{template}",
         "--description", f"The {template} platform of the team",
         "--generate-only", "--yes", "--non-interactive"],
        env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return directory


def souverain_new(venv: Path, template: str, directory: Path) -> Path:
    """`souverain new DIR --template T`, from the installed package's own templates."""
    result = run(
        [str(venv / "bin" / "souverain"), "new", str(directory), "--template", template,
         "--name", f"team-{template}", "--description", f"The {template} platform of the team"],
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return directory


def stacks_of(project: Path) -> list[str]:
    return sorted(
        p.name[len("Pulumi.") : -len(".yaml")] for p in (project / "stacks").glob("Pulumi.*.yaml")
    )


def plan_every_stack(project: Path, env: dict[str, str]) -> None:
    for stack in stacks_of(project):
        result = run(["souverain", "plan", "--stack", stack], cwd=project, env=env)
        assert result.returncode == 0, f"{project.name} {stack}: {result.stderr}"
        assert "team-" in result.stdout


def github_steps(project: Path) -> list[tuple[str, str]]:
    """The `run:` steps of the project's GitHub workflow, by name."""
    workflow = yaml.safe_load((project / ".github" / "workflows" / "sovereignty.yml").read_text())
    return [(s.get("name", ""), s["run"]) for s in workflow["jobs"]["check"]["steps"] if "run" in s]


def gitlab_script(project: Path) -> str:
    """The job's script, as GitLab's runner runs it (one bash, errexit and pipefail)."""
    pipeline = yaml.safe_load((project / ".gitlab-ci.yml").read_text())
    return "set -eo pipefail\n" + "\n".join(pipeline["sovereignty"]["script"])


def run_github(project: Path, env: dict[str, str], only: str | None = None):
    summary = project / "step-summary.md"
    found = []
    for name, script in github_steps(project):
        if only is not None and name != only:
            continue
        found.append(
            (
                name,
                run(
                    ["bash", "-e", "-c", script],
                    cwd=project,
                    env={**env, "GITHUB_STEP_SUMMARY": str(summary)},
                ),
            )
        )
    return found


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_new_project_from_the_template_passes_its_own_ci(
    template, engine_bin, venvs, wheels, constraints, tmp_path
):
    venv = venvs(template)
    env = project_env(venv, wheels, constraints)
    by_pulumi = pulumi_new(engine_bin, template, tmp_path / "by-pulumi", tmp_path / "home")
    by_souverain = souverain_new(venv, template, tmp_path / "by-souverain")

    # The same project either way, but for what `pulumi new` adds (the template's tag). In
    # YAML files `pulumi new` writes the name as a YAML document (a line break follows it),
    # so those are compared as data.
    files = sorted(str(p.relative_to(by_pulumi)) for p in by_pulumi.rglob("*") if p.is_file())
    assert files == sorted(
        str(p.relative_to(by_souverain)) for p in by_souverain.rglob("*") if p.is_file()
    )
    for name in files:
        ours, theirs = (by_souverain / name).read_text(), (by_pulumi / name).read_text()
        if name == "Pulumi.yaml":
            ours, theirs = yaml.safe_load(ours), yaml.safe_load(theirs)
            theirs.pop("config")  # pulumi:tags, naming the template's path
            assert ours["backend"] == {"url": "file://~"}
        elif name.endswith(".yaml"):
            ours, theirs = yaml.safe_load(ours), yaml.safe_load(theirs)
        assert ours == theirs, name
    assert "${PROJECT}" not in (by_pulumi / "description.yaml").read_text()
    assert "template:" not in (by_souverain / "Pulumi.yaml").read_text()
    assert len(stacks_of(by_pulumi)) >= 2

    # Every stack plans offline, in both; each CI workflow's commands pass.
    plan_every_stack(by_pulumi, env)
    plan_every_stack(by_souverain, env)
    for name, result in run_github(by_pulumi, env):
        assert result.returncode == 0, f"{name}:\n{result.stdout}\n{result.stderr}"
    for stack in stacks_of(by_pulumi):
        sarif = json.loads((by_pulumi / "sovereignty" / f"{stack}.sarif").read_text())
        assert not [r for r in sarif["runs"][0]["results"] if r["level"] == "error"]
        page = (by_pulumi / "sovereignty" / f"{stack}.html").read_text()
        assert page.startswith("<!DOCTYPE html>") and f"team-{template}" in page
    summary = (by_pulumi / "step-summary.md").read_text()
    assert summary.count("PASSED") == len(stacks_of(by_pulumi)), summary
    gitlab = run(["bash", "-c", gitlab_script(by_souverain)], cwd=by_souverain, env=env)
    assert gitlab.returncode == 0, gitlab.stdout + gitlab.stderr
    for stack in stacks_of(by_souverain):
        suite = ET.parse(by_souverain / "sovereignty" / f"{stack}.xml").getroot()[0]
        assert suite.get("failures") == "0", ET.tostring(suite, encoding="unicode")

    # A seeded violation: a public bucket fails the gate, on every stack, naming SOV-005.
    description = by_pulumi / "description.yaml"
    text = description.read_text()
    seeded = text.replace(
        "encryption_key: data-key}", "encryption_key: data-key, public_read: true}", 1
    )
    seeded = seeded.replace(
        "encryption_key: model-key, public_read: false}",
        "encryption_key: model-key, public_read: true}",
    )
    assert seeded != text
    description.write_text(seeded)
    for stack in stacks_of(by_pulumi):
        config = by_pulumi / "stacks" / f"{stack}.check.yaml"
        args = ["--config", str(config)] if config.is_file() else []
        result = run(
            ["souverain", "check", "--stack", stack, *args, "--format", "sarif"],
            cwd=by_pulumi,
            env=env,
        )
        assert result.returncode == 1, result.stderr
        errors = {r["ruleId"] for r in json.loads(result.stdout)["runs"][0]["results"]
                  if r["level"] == "error"}  # fmt: skip
        assert "SOV-005" in errors, (stack, errors)
