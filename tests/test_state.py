"""Where a stack's state and secrets live, read as the Pulumi CLI reads them, and placed."""

from __future__ import annotations

import json

import pytest

from souverain.catalog.clouds import Cloud
from souverain.catalog.store import clouds
from souverain.rules.context import RuleContext
from souverain.rules.levels import resolve_level
from souverain.rules.sov011_state_location import StateInAllowedJurisdiction
from souverain.state import (
    PASSPHRASE,
    StateSettings,
    locate_backend,
    locate_secrets,
    read_state,
    stack_state,
)
from tests.conftest import PROJECT


def project(tmp_path, backend: str | None = None, stack: str = ""):
    tmp_path.mkdir(parents=True, exist_ok=True)
    text = "name: demo\nruntime: python\n"
    if backend:
        text += f"backend:\n  url: {backend}\n"
    (tmp_path / "Pulumi.yaml").write_text(text)
    (tmp_path / "Pulumi.dev.yaml").write_text(stack or "config: {}\n")
    return tmp_path


def test_the_environment_wins_over_the_project_and_the_login(tmp_path):
    """The order of the CLI's GetCurrentCloudURLWithSource: env, project, credentials."""
    directory = project(tmp_path, backend="file://~")
    login = tmp_path / "home"
    login.mkdir()
    (login / "credentials.json").write_text(json.dumps({"current": "https://api.pulumi.com"}))
    env = {"PULUMI_HOME": str(login), "PULUMI_BACKEND_URL": "s3://b?endpoint=127.0.0.1:8080"}
    found = read_state(directory, directory / "Pulumi.dev.yaml", env)
    assert (found.backend, found.backend_source) == (
        env["PULUMI_BACKEND_URL"],
        "PULUMI_BACKEND_URL",
    )
    del env["PULUMI_BACKEND_URL"]
    found = read_state(directory, directory / "Pulumi.dev.yaml", env)
    assert (found.backend, found.backend_source) == ("file://~", "backend.url in Pulumi.yaml")
    bare = project(tmp_path / "bare")
    found = read_state(bare, bare / "Pulumi.dev.yaml", env)
    assert found.backend == "https://api.pulumi.com"
    assert found.backend_source == f"the current login in {login / 'credentials.json'}"


def test_nothing_configured_and_an_encrypted_login_are_said(tmp_path):
    directory = project(tmp_path / "p")
    assert read_state(directory, None, {"PULUMI_HOME": str(tmp_path / "none")}).backend is None
    (tmp_path / "creds").mkdir()
    (tmp_path / "creds" / "credentials.json").write_text('{"$pulumiSecureStore": 1}')
    found = read_state(directory, None, {"PULUMI_CREDENTIALS_PATH": str(tmp_path / "creds")})
    assert found.backend is None and "encrypted" in found.backend_source


@pytest.mark.parametrize(
    ("stack", "provider", "source"),
    [
        ("config: {}\n", None, "the backend's default"),
        ("encryptionsalt: v1:abc\nconfig: {}\n", PASSPHRASE, "encryptionsalt in Pulumi.dev.yaml"),
        (
            "secretsprovider: awskms://alias/x?region=eu-west-3\nencryptedkey: abc\n",
            "awskms://alias/x?region=eu-west-3",
            "secretsprovider in Pulumi.dev.yaml",
        ),
    ],
)
def test_the_secrets_provider_comes_from_the_stack_file(tmp_path, stack, provider, source):
    directory = project(tmp_path, backend="file://~", stack=stack)
    found = stack_state(directory, "dev", {})
    assert (found.secrets_provider, found.secrets_source) == (provider, source)


def test_the_reference_project_keeps_its_state_on_this_machine():
    found = stack_state(PROJECT, "ovhcloud-gra11", {})
    place = locate_backend(found, clouds())
    assert (found.backend, place.own) == ("file://~", True)
    assert locate_secrets(found, place, clouds()).own  # a passphrase


def test_places_name_the_cloud_region_and_country():
    catalog = clouds()
    s3 = StateSettings(backend="s3://b?endpoint=https://s3.waw3-1.cloudferro.com")
    place = locate_backend(s3, catalog)
    assert (place.cloud.id, place.region, place.country) == ("cloudferro", "WAW3-1", "PL")
    kms = StateSettings(
        backend="file://~",
        secrets_provider="awskms://arn:aws:kms:eu-west-3:111122223333:key/abc",
    )
    secrets = locate_secrets(kms, locate_backend(kms, catalog), catalog)
    assert (secrets.company.name, secrets.region, secrets.country) == (
        "Amazon Web Services, Inc.",
        "eu-west-3",
        "FR",
    )


def test_a_project_catalog_states_its_own_storage_and_residency_is_judged():
    """A profile's object storage endpoint places a backend; its region's country is judged."""
    data = {
        "id": "alpine-objects",
        "name": "Alpine Objects",
        "api": "s3",
        "company": {
            "name": "Alpine Objects AG",
            "home_country": "CH",
            "jurisdiction": "efta",
            "provenance": {"source": "our contract", "confidence": "high", "date": "2026-11-01"},
        },
        "regions": [
            {
                "code": "zrh",
                "country": "CH",
                "provenance": {
                    "source": "our contract",
                    "confidence": "high",
                    "date": "2026-11-01",
                },
            }
        ],
        "services": {
            "object_storage": {
                "available": True,
                "endpoint": "https://objects.{region}.alpine.example",
                "provenance": {
                    "source": "our contract",
                    "confidence": "high",
                    "date": "2026-11-01",
                },
            }
        },
    }
    catalog = {**clouds(), "alpine-objects": Cloud.model_validate(data)}
    state = StateSettings(
        backend="s3://b?endpoint=objects.zrh.alpine.example", secrets_provider="passphrase"
    )
    place = locate_backend(state, catalog)
    assert (place.company.name, place.country) == ("Alpine Objects AG", "CH")
    ctx = RuleContext(level=resolve_level("european"), catalog=catalog)
    found = list(StateInAllowedJurisdiction().check_state(state, ctx))
    assert [(where, "outside the countries" in said) for where, said in found] == [
        ("state.backend", True)
    ]
    lenient = RuleContext(level=resolve_level("permissive"), catalog=catalog)
    assert list(StateInAllowedJurisdiction().check_state(state, lenient)) == []


def test_a_vault_provider_passes_under_a_stated_condition():
    state = StateSettings(backend="file://~", secrets_provider="hashivault://pulumi")
    ctx = RuleContext(level=resolve_level("strict"), catalog=clouds())
    ((where, said),) = StateInAllowedJurisdiction().check_state(state, ctx)
    assert where == "state.secretsprovider"
    assert said.condition == "state/vault-location"
