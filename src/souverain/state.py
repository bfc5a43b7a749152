"""Where a stack's Pulumi state and secrets live, read as the Pulumi CLI reads them.

A stack's state holds every resource's inputs and outputs (addresses, names, settings,
and secrets, encrypted by the stack's secrets provider): wherever the state lives, the
platform's description effectively lives too. So souverain reads the two settings the
engine uses and places them:

- the **backend**: ``PULUMI_BACKEND_URL``, else ``backend.url`` in ``Pulumi.yaml``, else
  the current login in ``credentials.json`` (in ``$PULUMI_CREDENTIALS_PATH``, else
  ``$PULUMI_HOME``, else ``~/.pulumi``), in that order, as
  ``GetCurrentCloudURLWithSource`` in the Pulumi CLI's ``pkg/workspace/creds.go`` does.
  With none of them, the CLI logs in to Pulumi Cloud (its default backend).
- the **secrets provider**: the stack file's ``secretsprovider``; without one, a
  passphrase on a self-managed backend and Pulumi Cloud's own keys on Pulumi Cloud.

Where a URL points is data: ``catalog/data/state.yaml`` names Pulumi Cloud and the URL
schemes and S3 endpoints of catalogued clouds, and a catalog profile's object storage
``endpoint`` counts too, so a project can state its own storage.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from souverain.catalog.clouds import Cloud, Company
from souverain.catalog.provenance import DatedProvenance
from souverain.documents import parse_yaml, read_document
from souverain.errors import SouverainError

PULUMI_CLOUD_URL = "https://api.pulumi.com"
"""The backend the Pulumi CLI uses when nothing else is configured."""

PASSPHRASE = "passphrase"
NOTHING_SET = "no PULUMI_BACKEND_URL, no backend.url in Pulumi.yaml, no login"

BACKEND_SETTING = "state.backend"
SECRETS_SETTING = "state.secretsprovider"
SETTINGS = (BACKEND_SETTING, SECRETS_SETTING)
"""Where findings about the state are located (waiver patterns name them)."""


class StateSettings(BaseModel):
    """A stack's backend URL and secrets provider, and where each was read."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=to_camel, populate_by_name=True
    )

    backend: str | None = Field(
        default=None, description="the backend URL; none when nothing configures one"
    )
    backend_source: str = Field(default=NOTHING_SET, description="where the backend URL was read")
    secrets_provider: str | None = Field(
        default=None,
        description="the stack's secretsprovider; none: the backend's default (a passphrase "
        "on a self-managed backend, Pulumi Cloud's own keys on Pulumi Cloud)",
    )
    secrets_source: str = Field(default="the backend's default")


def pulumi_home(env: Mapping[str, str]) -> Path:
    """The Pulumi home directory: ``$PULUMI_HOME``, else ``~/.pulumi``."""
    explicit = env.get("PULUMI_HOME")
    return Path(explicit) if explicit else Path.home() / ".pulumi"


def credentials_file(env: Mapping[str, str]) -> Path:
    """Where the CLI keeps its logins (``PULUMI_CREDENTIALS_PATH`` overrides the home)."""
    folder = env.get("PULUMI_CREDENTIALS_PATH")
    return (Path(folder) if folder else pulumi_home(env)) / "credentials.json"


def _logged_in(env: Mapping[str, str]) -> tuple[str | None, str]:
    path = credentials_file(env)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, NOTHING_SET
    except (OSError, ValueError):
        return None, f"{path} (unreadable)"
    if not isinstance(data, dict):
        return None, f"{path} (unreadable)"
    if "$pulumiSecureStore" in data:
        # An encrypted credentials file: the current login is inside the envelope.
        return None, f"{path} (encrypted: set backend.url in Pulumi.yaml or PULUMI_BACKEND_URL)"
    current = data.get("current")
    return (str(current), f"the current login in {path}") if current else (None, NOTHING_SET)


def read_state(
    directory: Path, stack_file: Path | None = None, env: Mapping[str, str] | None = None
) -> StateSettings:
    """The backend and secrets provider the Pulumi CLI would use for a stack of ``directory``."""
    environ = os.environ if env is None else env
    project = read_document(directory / "Pulumi.yaml", "project file")
    declared = project.get("backend") if isinstance(project, dict) else None
    declared_url = declared.get("url") if isinstance(declared, dict) else None
    backend: str | None
    if environ.get("PULUMI_BACKEND_URL"):
        backend, source = environ["PULUMI_BACKEND_URL"], "PULUMI_BACKEND_URL"
    elif declared_url:
        backend, source = str(declared_url), "backend.url in Pulumi.yaml"
    else:
        backend, source = _logged_in(environ)
    provider: str | None = None
    secrets_source = "the backend's default"
    if stack_file is not None and stack_file.is_file():
        data = read_document(stack_file, "stack file")
        if isinstance(data, dict) and data.get("secretsprovider"):
            provider = str(data["secretsprovider"])
            secrets_source = f"secretsprovider in {stack_file.name}"
        elif isinstance(data, dict) and data.get("encryptionsalt"):
            provider = PASSPHRASE
            secrets_source = f"encryptionsalt in {stack_file.name}"
    return StateSettings(
        backend=backend,
        backend_source=source,
        secrets_provider=provider,
        secrets_source=secrets_source,
    )


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PulumiCloud(_Strict):
    """Pulumi Cloud: its hosts and the company that runs it."""

    name: str
    hosts: list[str]
    company: Company
    provenance: DatedProvenance


class Scheme(_Strict):
    """A URL scheme that names one catalogued cloud's service."""

    cloud: str
    service: str
    note: str | None = None
    provenance: DatedProvenance


class Endpoint(_Strict):
    """An S3-compatible endpoint of a catalogued cloud; ``{region}`` is one DNS label."""

    host: str
    cloud: str
    provenance: DatedProvenance


class StateServices(_Strict):
    """The whole ``state.yaml``."""

    pulumi_cloud: PulumiCloud
    schemes: dict[str, Scheme]
    endpoints: list[Endpoint]


@cache
def state_services() -> StateServices:
    """The packaged facts about where state and secrets can live, loaded once."""
    text = resources.files("souverain.catalog").joinpath("data/state.yaml").read_text()
    return StateServices.model_validate(parse_yaml(text, "state.yaml"))


@dataclass(frozen=True)
class Place:
    """Where state or secrets live, as far as the URL and the catalog tell.

    ``own`` is true for what stays with whoever runs the CLI: a file backend, a host on a
    loopback or private address, a passphrase. ``company`` runs it otherwise, when known
    (``unknown`` says why not); ``condition`` is what must hold for a pass (a Vault
    server's location, which no URL shows).
    """

    what: str
    url: str | None
    source: str
    service: str
    own: bool = False
    cloud: Cloud | None = None
    company: Company | None = None
    region: str | None = None
    country: str | None = None
    provenance: DatedProvenance | None = None
    unknown: str | None = None
    condition: str | None = None

    @property
    def origin(self) -> str:
        """The URL and where it was read, or why there is none."""
        return f"{self.url}, from {self.source}" if self.url else self.source

    def describe(self) -> str:
        """One line for people: the service, where it runs, and where the setting came from."""
        where = []
        if self.company is not None:
            where.append(f"run by {self.company.name} ({self.company.jurisdiction.upper()})")
        if self.region:
            where.append(f"region {self.region}" + (f", {self.country}" if self.country else ""))
        detail = f" ({'; '.join(where)})" if where else ""
        return f"{self.service}{detail} ({self.origin})"


def _host(value: str) -> tuple[str, int | None]:
    parts = urlsplit(value if "://" in value else f"//{value}")
    return (parts.hostname or "").lower(), parts.port


def own_host(host: str) -> bool:
    """A loopback or private address (or ``localhost``): a network of the operator's own."""
    if host in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local


def _template(host: str) -> re.Pattern[str]:
    return re.compile(
        re.escape(host.lower()).replace(re.escape("{region}"), r"(?P<region>[a-z0-9-]+)")
    )


def _endpoint_place(
    what: str, url: str, source: str, host: str, service: str, catalog: Mapping[str, Cloud]
) -> Place:
    """A host matched to a catalogued cloud: the state data's endpoints, then the catalog's."""
    candidates = [(e.host, e.cloud, e.provenance) for e in state_services().endpoints]
    for cloud_id, cloud in sorted(catalog.items()):
        storage = cloud.services.get("object_storage")
        if storage is not None and storage.endpoint:
            candidates.append((_host(storage.endpoint)[0], cloud_id, storage.provenance))
    for pattern, cloud_id, provenance in candidates:
        match = _template(pattern).fullmatch(host)
        found = catalog.get(cloud_id)
        if match is None or found is None:
            continue
        cloud = found
        code = match.groupdict().get("region")
        region = cloud.region(code) if code else None
        return Place(
            what,
            url,
            source,
            f"{service} of {cloud.name} at {host}",
            cloud=cloud,
            company=cloud.company,
            region=region.code if region else code,
            country=region.country if region else None,
            provenance=provenance,
            unknown=None if cloud.company else f"{cloud.name} has no known controlling company",
        )
    return Place(
        what,
        url,
        source,
        f"{service} at {host}",
        unknown=f"no catalogued cloud serves {host}: souverain cannot tell who runs it",
    )


def _scheme_place(
    what: str, url: str, source: str, scheme: str, region: str | None, catalog: Mapping[str, Cloud]
) -> Place:
    known = state_services().schemes[scheme]
    cloud = catalog.get(known.cloud)
    found = cloud.region(region) if cloud and region else None
    return Place(
        what,
        url,
        source,
        known.service,
        cloud=cloud,
        company=cloud.company if cloud else None,
        region=found.code if found else region,
        country=found.country if found else None,
        provenance=known.provenance,
        unknown=None if cloud and cloud.company else f"{known.cloud} is not in the catalog",
    )


def _pulumi_cloud(what: str, url: str | None, source: str) -> Place:
    service = state_services().pulumi_cloud
    return Place(
        what,
        url,
        source,
        service.name,
        company=service.company,
        provenance=service.provenance,
    )


def locate_backend(settings: StateSettings, catalog: Mapping[str, Cloud]) -> Place:
    """Where the stack's state lives."""
    url, source = settings.backend, settings.backend_source
    if not url:
        return _pulumi_cloud("state", None, f"the Pulumi CLI's default: {source}")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "file":
        return Place("state", url, source, "files on this machine", own=True)
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    if scheme == "s3":
        endpoint = query.get("endpoint")
        if endpoint:
            host, port = _host(endpoint)
            shown = f"{host}:{port}" if port else host
            if own_host(host):
                return Place("state", url, source, f"S3-compatible storage at {shown}", own=True)
            return _endpoint_place("state", url, source, host, "S3-compatible storage", catalog)
        return _scheme_place("state", url, source, scheme, query.get("region"), catalog)
    if scheme in ("azblob", "gs"):
        return _scheme_place("state", url, source, scheme, None, catalog)
    host = (parts.hostname or "").lower()
    if scheme in ("http", "https") and host in state_services().pulumi_cloud.hosts:
        return _pulumi_cloud("state", url, source)
    if host and own_host(host):
        return Place("state", url, source, f"a backend at {host}", own=True)
    if scheme in ("http", "https"):
        return Place(
            "state",
            url,
            source,
            f"a self-hosted Pulumi Cloud at {host}",
            unknown=f"souverain cannot tell who runs {host} nor where",
        )
    return Place(
        "state",
        url,
        source,
        f"a {scheme or 'schemeless'} backend",
        unknown=f"souverain does not know the backend scheme {scheme!r}",
    )


def _kms_region(scheme: str, rest: str, query: Mapping[str, str]) -> str | None:
    if scheme == "awskms":
        arn = re.search(r"arn:aws[a-z-]*:kms:([a-z0-9-]+):", rest)
        return arn.group(1) if arn else query.get("region")
    if scheme == "gcpkms":
        found = re.search(r"locations/([a-z0-9-]+)", rest)
        return found.group(1) if found else None
    return None


def locate_secrets(settings: StateSettings, backend: Place, catalog: Mapping[str, Cloud]) -> Place:
    """Where the keys that encrypt the stack's secrets live."""
    provider, source = settings.secrets_provider, settings.secrets_source
    pulumi_cloud = backend.company is not None and backend.service == (
        state_services().pulumi_cloud.name
    )
    if provider is None or provider == "default":
        if pulumi_cloud:
            place = _pulumi_cloud("secrets", provider, "Pulumi Cloud's default: no secretsprovider")
            return replace(place, service="Pulumi Cloud's secrets manager")
        return Place(
            "secrets",
            provider,
            "a self-managed backend's default: no secretsprovider",
            "a passphrase the team holds",
            own=True,
        )
    if provider == PASSPHRASE:
        return Place("secrets", provider, source, "a passphrase the team holds", own=True)
    parts = urlsplit(provider)
    scheme = parts.scheme.lower()
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    if scheme in ("awskms", "azurekeyvault", "gcpkms"):
        region = _kms_region(scheme, provider, query)
        return _scheme_place("secrets", provider, source, scheme, region, catalog)
    if scheme == "hashivault":
        return Place(
            "secrets",
            provider,
            source,
            "a HashiCorp Vault transit key",
            condition="the Vault server (VAULT_ADDR) runs in an allowed country, on "
            "infrastructure the team or a European provider controls",
        )
    return Place(
        "secrets",
        provider,
        source,
        f"secrets provider {provider}",
        unknown=f"souverain does not know the secrets provider {scheme or provider!r}",
    )


def stack_state(directory: Path, stack: str, env: Mapping[str, str] | None = None) -> StateSettings:
    """:func:`read_state` for a stack by name (its file in the project's stack config dir)."""
    project = read_document(directory / "Pulumi.yaml", "project file")
    if not isinstance(project, dict):
        raise SouverainError(f"project file {directory / 'Pulumi.yaml'} must hold a mapping")
    stack_file = directory / str(project.get("stackConfigDir", ".")) / f"Pulumi.{stack}.yaml"
    return read_state(directory, stack_file, env)
