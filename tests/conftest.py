"""Shared fixtures: a minimal valid description, and plans captured under mocks."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from souverain.deploy import deploy
from souverain.model import Platform
from souverain.plan.capture import capture_program
from souverain.plan.model import Plan
from souverain.project import StackConfig, load_stack

pytest_plugins = ["pytester"]

PROJECT = Path(__file__).resolve().parent.parent
SSH_KEY = (
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHkq7pZ0i8I3q3y0c1pY8m9t2n1sV4b5x6c7d8e9f0a1 ops@example"
)

MINIMAL: dict[str, Any] = {
    "name": "demo",
    "data_class": "confidential",
    "sovereignty": "seal-3",
    "owner": "team",
    "network": {
        "cidr": "10.0.0.0/16",
        "subnets": [{"name": "compute", "cidr": "10.0.1.0/24"}],
    },
    "gpu_pools": [{"name": "train", "gpu": "H100", "image": "Ubuntu 24.04"}],
    "keys": [{"name": "data"}],
    "buckets": [{"name": "datasets", "encryption_key": "data"}],
}


@pytest.fixture(autouse=True)
def empty_user_catalog(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Tests see the packaged and project catalogs only, never the machine user's profiles."""
    monkeypatch.setenv("SOUVERAIN_USER_CATALOG", str(tmp_path_factory.mktemp("user-catalog")))


@pytest.fixture(autouse=True)
def no_pulumi_login(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Tests see the backend a project declares, never the machine's login or environment."""
    monkeypatch.delenv("PULUMI_BACKEND_URL", raising=False)
    monkeypatch.setenv("PULUMI_CREDENTIALS_PATH", str(tmp_path_factory.mktemp("pulumi-login")))


@pytest.fixture
def minimal() -> dict[str, Any]:
    """A fresh, valid description as plain data, for tests to break one field at a time."""
    return copy.deepcopy(MINIMAL)


@pytest.fixture(scope="session")
def generic_stack() -> StackConfig:
    return load_stack(PROJECT, "generic")


@pytest.fixture
def plan_for(generic_stack: StackConfig) -> Callable[..., Plan]:
    """Capture the plan of a description on a stack (generic by default) under mocks."""

    def run(platform: Platform, stack: StackConfig | None = None) -> Plan:
        return capture_program(lambda: deploy(platform), stack or generic_stack)

    return run
