"""Pulumi program: deploy the platform in description.yaml to the cloud this stack names."""

from pathlib import Path

from souverain.deploy import deploy
from souverain.model.loading import load_platform

deploy(load_platform(Path(__file__).with_name("description.yaml")))
