"""Pulumi program: deploy the reference AI platform to the cloud this stack names."""

from reference_platform import REFERENCE
from souverain.deploy import deploy

deploy(REFERENCE)
