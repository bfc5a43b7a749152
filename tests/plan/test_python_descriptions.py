"""A description written in Python fails as its YAML twin does: same lines, no traceback."""

from __future__ import annotations

import pytest

from souverain.errors import SouverainError
from souverain.model.loading import load_platform
from souverain.plan.capture import capture_plan
from souverain.project import load_stack

PYTHON = """
from souverain.model import Network, Platform, Subnet

PLATFORM = Platform(
    name="demo", data_class="confidential", sovereignty="seal-3", owner="team",
    network=Network(cidr="10.0.0.0/16", subnets=[Subnet(name="compute", cidr="{cidr}")]),
)
"""
YAML = """
name: demo
data_class: confidential
sovereignty: seal-3
owner: team
network: {{cidr: 10.0.0.0/16, subnets: [{{name: compute, cidr: "{cidr}"}}]}}
"""


def project(tmp_path, cidr):
    (tmp_path / "Pulumi.yaml").write_text("name: demo\nruntime: python\n")
    (tmp_path / "Pulumi.dev.yaml").write_text(
        "config:\n  souverain:adapter: openstack\n  souverain:cloud: generic-openstack\n"
        "  souverain:region: RegionOne\n  souverain:openstack: {externalNetwork: public}\n"
    )
    (tmp_path / "description.py").write_text(PYTHON.format(cidr=cidr))
    (tmp_path / "__main__.py").write_text(
        "from description import PLATFORM\nfrom souverain.deploy import deploy\n\ndeploy(PLATFORM)\n"
    )
    (tmp_path / "twin.yaml").write_text(YAML.format(cidr=cidr))
    return tmp_path


@pytest.mark.parametrize("cidr", ["10.1.0.0/24", "10.0.0.0/33"])
def test_python_and_yaml_descriptions_fail_with_the_same_lines(tmp_path, cidr):
    directory = project(tmp_path, cidr)
    with pytest.raises(SouverainError) as python:
        capture_plan(load_stack(directory, "dev"))
    with pytest.raises(SouverainError) as yaml:
        load_platform(directory / "twin.yaml")
    assert python.value.summary == "description.py is not a valid platform description"
    if cidr == "10.1.0.0/24":  # a check on the network: the path is complete
        assert python.value.problems == yaml.value.problems
    else:  # a bad subnet alone: its place in the list is not known yet
        assert [p.path for p in python.value.problems] == ["network.subnets[].cidr"]
        assert [p.message for p in python.value.problems] == [
            p.message for p in yaml.value.problems
        ]
