"""`souverain new`: a project from a template without the Pulumi CLI, a stack from the catalog."""

from __future__ import annotations

import pytest
import yaml

from souverain.check import run_check
from souverain.errors import SouverainError
from souverain.new import new_project, template_names
from souverain.rules.config import CheckConfig
from souverain.rules.waivers import project_waivers


def test_the_templates_are_listed():
    assert template_names() == ["ai-training", "from-aws", "private-inference"]


def test_a_project_takes_its_name_and_drops_the_template_section(tmp_path):
    made = new_project(tmp_path / "vision-lab", "ai-training")
    assert made.name == "vision-lab" and made.stacks == ("cleura-sto2", "ovhcloud-gra11")
    pulumi_yaml = (made.directory / "Pulumi.yaml").read_text()
    assert "template:" not in pulumi_yaml and "# State and secrets stay" in pulumi_yaml
    project = yaml.safe_load(pulumi_yaml)
    assert project["name"] == "vision-lab"
    assert project["description"].startswith("A GPU training platform")
    assert yaml.safe_load((made.directory / "description.yaml").read_text())["name"] == "vision-lab"
    assert (made.directory / ".github" / "workflows" / "sovereignty.yml").is_file()


def test_a_description_with_yaml_characters_stays_valid(tmp_path):
    made = new_project(tmp_path / "p", "private-inference", name="lab", description="a: b # c")
    assert yaml.safe_load((made.directory / "Pulumi.yaml").read_text())["description"] == "a: b # c"


def test_a_stack_from_the_catalog_replaces_the_european_examples(tmp_path):
    made = new_project(tmp_path / "move", "from-aws", cloud="ovhcloud", region="GRA9")
    assert made.written == "ovhcloud-gra9"
    assert made.stacks == ("aws-eu-west-3", "ovhcloud-gra9")  # the side it moves from stays
    assert (made.directory / "stacks" / "aws-eu-west-3.check.yaml").is_file()
    stack = yaml.safe_load((made.directory / "stacks" / "Pulumi.ovhcloud-gra9.yaml").read_text())
    assert stack["config"]["souverain:cloud"] == "ovhcloud"
    assert stack["config"]["souverain:region"] == "GRA9"
    report = run_check(
        made.directory, "ovhcloud-gra9", CheckConfig(), project_waivers(made.directory)
    )
    assert report.passed, [f.violation for f in report.findings if f.blocking]


@pytest.mark.parametrize(
    ("template", "cloud", "region", "message"),
    [
        ("ai-training", "ovhcloud", "DE1", "no H100 flavor on OVHcloud Public Cloud in DE1"),
        ("ai-training", "ovhcloud", "XX9", "unknown region of OVHcloud Public Cloud 'XX9'"),
        ("ai-training", "scaleway", "fr-par", "speaks the scaleway API"),
        ("ai-training", "ovhcoud", "GRA11", "did you mean 'ovhcloud'"),
        ("ai-trainer", None, None, "unknown template 'ai-trainer'"),
    ],
)
def test_what_cannot_be_made_is_refused_before_anything_is_written(
    tmp_path, template, cloud, region, message
):
    with pytest.raises(SouverainError, match=message.replace("(", r"\(")):
        new_project(tmp_path / "p", template, cloud=cloud, region=region)
    assert not (tmp_path / "p").exists()


def test_a_directory_with_files_is_left_alone(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(SouverainError, match="is not empty"):
        new_project(tmp_path, "ai-training")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
