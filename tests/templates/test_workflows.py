"""The CI workflows the templates ship, validated as their platforms would: actionlint for
GitHub Actions (built from its Go module), the GitLab CI JSON Schema for GitLab."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT
from tests.templates.conftest import TEMPLATES, run

WORKFLOW = Path(".github") / "workflows" / "sovereignty.yml"


@pytest.fixture(scope="session")
def actionlint() -> Path:
    """actionlint, built once per version into ~/.cache/souverain by scripts/install-actionlint.sh."""
    result = subprocess.run(
        ["bash", str(PROJECT / "scripts" / "install-actionlint.sh")],
        capture_output=True, text=True, timeout=1800, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        pytest.fail(f"actionlint build failed:\n{result.stderr[-3000:]}")
    return Path(result.stdout.strip().splitlines()[-1])


@pytest.mark.slow  # actionlint is built from Go modules on first use
@pytest.mark.parametrize("template", TEMPLATES)
def test_the_github_workflow_passes_actionlint(actionlint, template):
    result = run(
        [str(actionlint), "-no-color", str(WORKFLOW)], cwd=PROJECT / "templates" / template
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow  # actionlint is built from Go modules on first use
def test_actionlint_finds_a_broken_workflow(actionlint, tmp_path):
    """The check can fail: a workflow with an unknown key and a bad expression is refused."""
    broken = tmp_path / WORKFLOW
    broken.parent.mkdir(parents=True)
    broken.write_text(
        (PROJECT / "templates" / TEMPLATES[0] / WORKFLOW)
        .read_text()
        .replace("runs-on: ubuntu-24.04", "runs-on: ubuntu-24.04\n    timeout: 5")
        .replace("hashFiles('sovereignty/*.sarif')", "hashFiles(sovereignty/*.sarif)")
    )
    result = run([str(actionlint), "-no-color", str(WORKFLOW)], cwd=tmp_path)
    assert result.returncode == 1
    assert "timeout" in result.stdout


@pytest.mark.slow  # runs check-jsonschema in a new process, twice
def test_the_gitlab_pipelines_match_the_gitlab_ci_schema(tmp_path):
    files = [str(PROJECT / "templates" / t / ".gitlab-ci.yml") for t in TEMPLATES]
    check = Path(sys.executable).parent / "check-jsonschema"
    result = run([str(check), "--builtin-schema", "vendor.gitlab-ci", *files])
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / ".gitlab-ci.yml"
    broken.write_text("sovereignty:\n  script: 42\n  artifacts: {when: sometimes}\n")
    result = run([str(check), "--builtin-schema", "vendor.gitlab-ci", str(broken)])
    assert result.returncode == 1, result.stdout


def test_every_template_ships_the_same_workflows():
    """One pipeline for all templates: a fix made once reaches every new project."""
    for name in (WORKFLOW, Path(".gitlab-ci.yml"), Path("policies") / "__main__.py"):
        texts = {(PROJECT / "templates" / t / name).read_text() for t in TEMPLATES}
        assert len(texts) == 1, name
