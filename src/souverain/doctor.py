"""`souverain doctor`: what will run when the engine runs this project, and where state lives.

On a machine that already has Pulumi, a team needs to know which ``pulumi`` CLI and which
plugins the engine will use, whether each is upstream or the one
``scripts/install-engine.sh`` built here (it builds into ``~/.cache/souverain/engine``),
and whether the Python SDKs match the plugins: the CLI loads a provider plugin by the
exact version of its SDK, and downloads it when it is missing (which an offline or
sovereign setup does not want). Nothing here changes anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from souverain.catalog.store import clouds, find_project
from souverain.documents import read_document
from souverain.rules.config import CheckConfig
from souverain.rules.sov011_state_location import StateInAllowedJurisdiction
from souverain.state import Place, locate_backend, locate_secrets, pulumi_home, read_state

UPSTREAM = "upstream"
BUILT_HERE = "built here"
NOT_PULUMI_SDKS = {"pulumi", "pulumi-policy"}
"""Distributions named pulumi-* that are not provider SDKs."""


@dataclass(frozen=True)
class Binary:
    """A program the engine will run: where it is, its version, and where it comes from."""

    role: str
    path: Path | None
    version: str | None
    origin: str

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "role": self.role,
            "path": str(self.path) if self.path else None,
            "version": self.version,
            "origin": self.origin,
        }


@dataclass(frozen=True)
class Plugin:
    """A plugin in the plugin cache."""

    kind: str
    name: str
    version: str
    path: Path
    origin: str

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "kind": self.kind,
            "name": self.name,
            "version": self.version,
            "path": str(self.path),
            "origin": self.origin,
        }


@dataclass(frozen=True)
class Sdk:
    """A Pulumi Python package, and what it needs of the engine."""

    package: str
    version: str
    needs: str
    state: str
    ok: bool

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "package": self.package,
            "version": self.version,
            "needs": self.needs,
            "state": self.state,
            "ok": self.ok,
        }


@dataclass(frozen=True)
class Diagnosis:
    """Everything `souverain doctor` found."""

    cli: Binary
    language_host: Binary
    home: Path
    plugins: tuple[Plugin, ...]
    python: str
    sdks: tuple[Sdk, ...]
    project: Path | None
    state: tuple[Place, Place] | None = None
    state_findings: tuple[tuple[str, str], ...] = ()
    problems: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON, sorted."""
        return {
            "cli": self.cli.as_dict(),
            "languageHost": self.language_host.as_dict(),
            "pulumiHome": str(self.home),
            "plugins": [p.as_dict() for p in self.plugins],
            "python": self.python,
            "sdks": [s.as_dict() for s in self.sdks],
            "project": str(self.project) if self.project else None,
            "state": [
                {"what": p.what, "where": p.describe(), "url": p.url, "source": p.source}
                for p in (self.state or ())
            ],
            "stateFindings": [{"setting": s, "finding": m} for s, m in self.state_findings],
            "problems": list(self.problems),
        }


def engine_cache(env: Mapping[str, str]) -> Path:
    """Where scripts/install-engine.sh builds the engine."""
    cache_dir = env.get("SOUVERAIN_CACHE") or str(Path.home() / ".cache" / "souverain")
    return Path(cache_dir) / "engine"


@cache
def _digest(path: Path, size: int, mtime: int) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def digest(path: Path) -> str:
    """A file's SHA-256 (cached by size and modification time)."""
    stat = path.stat()
    return _digest(path, stat.st_size, stat.st_mtime_ns)


def built_here(path: Path, env: Mapping[str, str]) -> Path | None:
    """The engine build this binary is a copy of, if any (by name and content)."""
    root = engine_cache(env)
    if not root.is_dir() or not path.is_file():
        return None
    size = path.stat().st_size
    for candidate in sorted(root.glob(f"*/*/{path.name}")):
        if candidate.stat().st_size == size and digest(candidate) == digest(path):
            return candidate
    return None


def _origin(path: Path | None, env: Mapping[str, str]) -> str:
    if path is None:
        return "missing"
    found = built_here(path, env)
    return f"{BUILT_HERE} ({found.parent})" if found else UPSTREAM


def _run(args: list[str], env: Mapping[str, str]) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(
            args,
            env={**env, "PULUMI_SKIP_UPDATE_CHECK": "true"},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None


def _cli(env: Mapping[str, str]) -> Binary:
    found = shutil.which("pulumi", path=env.get("PATH", ""))
    if found is None:
        return Binary("pulumi CLI", None, None, "missing")
    path = Path(found)
    result = _run([str(path), "version"], env)
    version = result.stdout.strip() if result and result.returncode == 0 else None
    return Binary("pulumi CLI", path, version, _origin(path.resolve(), env))


def _language_host(cli: Binary, env: Mapping[str, str]) -> Binary:
    """The Python language host the CLI will start: next to the CLI first, then on PATH."""
    name = "pulumi-language-python"
    beside = cli.path.parent / name if cli.path else None
    found = beside if beside and beside.is_file() else None
    if found is None:
        on_path = shutil.which(name, path=env.get("PATH", ""))
        found = Path(on_path) if on_path else None
    return Binary(
        "python language host", found, None, _origin(found.resolve() if found else None, env)
    )


def _plugins(cli: Binary, home: Path, env: Mapping[str, str]) -> tuple[list[Plugin], list[str]]:
    if cli.path is None:
        return [], []
    result = _run([str(cli.path), "plugin", "ls", "--json"], {**env, "PULUMI_HOME": str(home)})
    if result is None or result.returncode != 0:
        reason = result.stderr.strip().splitlines()[-1] if result and result.stderr else "no answer"
        return [], [f"`pulumi plugin ls` failed: {reason}"]
    try:
        listed = json.loads(result.stdout or "[]") or []
    except ValueError:
        return [], ["`pulumi plugin ls --json` did not print JSON"]
    plugins = []
    for item in listed:
        kind, name, version = str(item["kind"]), str(item["name"]), str(item.get("version", ""))
        folder = home / "plugins" / f"{kind}-{name}-v{version}"
        binary = folder / f"pulumi-{kind}-{name}"
        plugins.append(
            Plugin(kind, name, version, binary, _origin(binary if binary.is_file() else None, env))
        )
    return sorted(plugins, key=lambda p: (p.kind, p.name, p.version)), []


def _site_packages(project: Path | None) -> tuple[list[str] | None, str]:
    """The project's virtualenv site-packages when Pulumi.yaml names one, else this Python."""
    if project is not None:
        settings = read_document(project / "Pulumi.yaml", "project file")
        runtime = settings.get("runtime") if isinstance(settings, dict) else None
        options = runtime.get("options") if isinstance(runtime, dict) else None
        venv = options.get("virtualenv") if isinstance(options, dict) else None
        if venv:
            root = (project / str(venv)).resolve()
            found = sorted(root.glob("lib/python*/site-packages"))
            if found:
                return [str(found[0])], f"{root} (the project's virtualenv)"
    return None, "this Python (souverain's own environment)"


def _version(text: str | None) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", text or "")[:3])


def _sdks(project: Path | None, cli: Binary, plugins: list[Plugin]) -> tuple[list[Sdk], str]:
    path, where = _site_packages(project)
    found: dict[str, str] = {}
    dists = metadata.distributions(path=path) if path else metadata.distributions()
    for dist in dists:
        name = (dist.metadata["Name"] or "").lower().replace("_", "-")
        if name == "pulumi" or (name.startswith("pulumi-") and name != "pulumi-policy"):
            found.setdefault(name, dist.version)
    sdks = []
    for package, version in sorted(found.items()):
        if package == "pulumi":
            cli_version = cli.version
            ok = cli_version is not None and _version(cli_version) >= _version(version)
            state = (
                f"CLI {cli_version}" + ("" if ok else ": older than the SDK; use a newer CLI")
                if cli_version
                else "no CLI found"
            )
            sdks.append(Sdk(package, version, f"pulumi CLI >= v{version}", state, ok))
            continue
        name = package.removeprefix("pulumi-")
        installed = sorted(p.version for p in plugins if p.kind == "resource" and p.name == name)
        ok = version in installed
        state = (
            "installed"
            if ok
            else "missing (installed: " + (", ".join(installed) or "none") + "); a stack that "
            "uses it would make the engine download it"
        )
        sdks.append(Sdk(package, version, f"resource plugin {name} {version}", state, ok))
    return sdks, where


def diagnose(start: Path, env: Mapping[str, str] | None = None) -> Diagnosis:
    """What will run for the project around ``start``, and where its state lives."""
    environ = dict(os.environ if env is None else env)
    home = pulumi_home(environ)
    cli = _cli(environ)
    host = _language_host(cli, environ)
    plugins, problems = _plugins(cli, home, environ)
    project = find_project(start)
    sdks, python = _sdks(project, cli, plugins)
    if cli.path is None:
        problems.append(
            "no pulumi on PATH: install Pulumi, or put the engine built here first on PATH "
            '(export PATH="$(scripts/install-engine.sh):$PATH")'
        )
    if cli.path is not None and host.path is None:
        problems.append("no pulumi-language-python next to the CLI or on PATH")
    problems += [
        f"{s.package} {s.version} needs the {s.needs}: {s.state}"
        for s in sdks
        if not s.ok and cli.path is not None
    ]
    state: tuple[Place, Place] | None = None
    findings: list[tuple[str, str]] = []
    if project is not None:
        settings = read_state(project, None, environ)
        catalog = clouds(project)
        backend = locate_backend(settings, catalog)
        state = (backend, locate_secrets(settings, backend, catalog))
        ctx = CheckConfig().context(catalog=catalog)
        findings = [
            (where, str(said))
            for where, said in StateInAllowedJurisdiction().check_state(settings, ctx)
        ]
    return Diagnosis(
        cli=cli,
        language_host=host,
        home=home,
        plugins=tuple(plugins),
        python=python,
        sdks=tuple(sdks),
        project=project,
        state=state,
        state_findings=tuple(findings),
        problems=tuple(problems),
    )


def to_text(diagnosis: Diagnosis) -> str:
    """The diagnosis for people."""
    cli = diagnosis.cli
    host = diagnosis.language_host
    lines = [
        f"pulumi CLI: {cli.path or 'not found on PATH'}"
        + (f" {cli.version}" if cli.version else "")
        + (f" [{cli.origin}]" if cli.path else ""),
        f"python language host: {host.path or 'not found'}"
        + (f" [{host.origin}]" if host.path else ""),
        f"plugins in {diagnosis.home / 'plugins'}:",
    ]
    lines += [f"  {p.kind} {p.name} {p.version} [{p.origin}]" for p in diagnosis.plugins] or [
        "  none"
    ]
    lines.append(f"Python SDKs in {diagnosis.python}:")
    lines += [
        f"  {s.package} {s.version}: needs the {s.needs}: {s.state}" for s in diagnosis.sdks
    ] or ["  none"]
    if diagnosis.project is None:
        lines.append("state and secrets: no Pulumi.yaml here or above")
    else:
        lines.append(f"state and secrets of {diagnosis.project}:")
        for place in diagnosis.state or ():
            lines.append(f"  {place.what}: {place.describe()}")
        judged = {s for s, _ in diagnosis.state_findings}
        lines += [f"  SOV-011 at european: {s}: {m}" for s, m in diagnosis.state_findings]
        if not judged:
            lines.append("  SOV-011 at european: passes")
    lines += [f"problem: {p}" for p in diagnosis.problems]
    lines.append(f"{len(diagnosis.problems)} problem{'s' if len(diagnosis.problems) != 1 else ''}")
    return "\n".join(lines) + "\n"


def to_json(diagnosis: Diagnosis) -> str:
    """The diagnosis for tools."""
    return json.dumps(diagnosis.as_dict(), indent=2, sort_keys=True) + "\n"
