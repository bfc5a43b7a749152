"""`souverain new`: a new project from one of the templates, without the Pulumi CLI.

It does what ``pulumi new ./templates/<name>`` does with a local template (copy every
file, put the project's name and description in place of ``${PROJECT}`` and
``${DESCRIPTION}``, drop the ``template:`` section of ``Pulumi.yaml``), keeping the
comments Pulumi's rewrite of ``Pulumi.yaml`` would lose. Given a cloud and a region, it
writes that stack from the catalog in place of the template's example European stacks;
a stack on a cloud outside European jurisdiction (the side a platform moves from, in
``from-aws``) stays, for ``souverain diff``.

Templates ship inside the package (``souverain/templates``); in a source checkout they
are read from the repository's ``templates/`` directory.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from souverain.catalog.clouds import Cloud, Jurisdiction
from souverain.catalog.lookup import unknown
from souverain.catalog.resolve import check_region
from souverain.catalog.store import clouds
from souverain.documents import read_document
from souverain.errors import SouverainError
from souverain.model.names import check_label

PLACEHOLDER_NAME = "${PROJECT}"
PLACEHOLDER_DESCRIPTION = "${DESCRIPTION}"
_SKIPPED = {"__pycache__", ".venv", ".git", "sovereignty"}
_EUROPEAN = {Jurisdiction.EU, Jurisdiction.EFTA}


def templates_root() -> Path:
    """Where the templates are: in the installed package, else in the source checkout."""
    packaged = Path(str(resources.files("souverain"))) / "templates"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "templates"
    if checkout.is_dir():
        return checkout
    raise SouverainError("no templates found: this souverain was installed without them")


def template_names() -> list[str]:
    """The templates, by name."""
    return sorted(p.name for p in templates_root().iterdir() if (p / "Pulumi.yaml").is_file())


@dataclass(frozen=True)
class NewProject:
    """What ``souverain new`` made: where, from which template, and its stacks."""

    directory: Path
    template: str
    name: str
    stacks: tuple[str, ...]
    written: str | None
    """The stack written from the catalog, if a cloud was given."""


def _yaml_scalar(text: str) -> str:
    """A string as a one-line YAML scalar, quoted only when it needs to be."""
    dumped = yaml.safe_dump(text, default_flow_style=True, width=1_000_000).strip()
    return dumped.removesuffix("\n...").removesuffix("...").strip()


def _substitute(content: str, name: str, description: str, yaml_file: bool) -> str:
    shown = _yaml_scalar(description) if yaml_file else description
    return content.replace(PLACEHOLDER_NAME, name).replace(PLACEHOLDER_DESCRIPTION, shown)


def _without_template_section(text: str) -> str:
    """``Pulumi.yaml`` without its top-level ``template:`` mapping (comments kept)."""
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    skipping = False
    for line in lines:
        top_level = bool(line.strip()) and not line[0].isspace() and not line.startswith("#")
        if top_level:
            skipping = re.match(r"template\s*:", line) is not None
        if not skipping:
            kept.append(line)
    return "".join(kept)


def _copy(source: Path, target: Path, name: str, description: str) -> None:
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if _SKIPPED & set(relative.parts) or path.suffix == ".pyc":
            continue
        destination = target / Path(
            *(part.replace(PLACEHOLDER_NAME, name) for part in relative.parts)
        )
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            shutil.copy2(path, destination)
            continue
        text = _substitute(text, name, description, path.suffix in (".yaml", ".yml"))
        if relative == Path("Pulumi.yaml"):
            text = _without_template_section(text)
        destination.write_text(text, encoding="utf-8")
        destination.chmod(path.stat().st_mode & 0o777 | 0o600)


def _stack_cloud(path: Path) -> str | None:
    data = read_document(path, "stack file")
    config = data.get("config") if isinstance(data, dict) else None
    return str(config.get("souverain:cloud")) if isinstance(config, dict) else None


def _gpus(directory: Path) -> list[str]:
    """The GPU models the project's description asks for (description.yaml, when it has one)."""
    description = directory / "description.yaml"
    if not description.is_file():
        return []
    data = read_document(description, "description")
    pools = data.get("gpu_pools", []) if isinstance(data, dict) else []
    return [str(pool["gpu"]) for pool in pools if isinstance(pool, dict) and "gpu" in pool]


def stack_name(cloud: Cloud, region: str) -> str:
    """The name of a stack for a cloud and region: ``ovhcloud-gra11``."""
    return re.sub(r"[^a-z0-9-]+", "-", f"{cloud.id}-{region}".lower()).strip("-")


def stack_file(cloud: Cloud, region: str) -> str:
    """A stack config for ``cloud`` in ``region``, filled from the catalog."""
    found = cloud.region(region)
    where = ", ".join(x for x in (found.city, found.country) if x) if found else ""
    company = (
        f"{cloud.company.name} ({cloud.company.jurisdiction.upper()} jurisdiction)"
        if cloud.company
        else "no known controlling company"
    )
    return (
        f"# {cloud.name}, {region}" + (f" ({where})" if where else "") + f": {company}.\n"
        "# Written by `souverain new` from the catalog: GPU flavors come from it too\n"
        "# (`souverain catalog` lists them). Credentials never go in this file: the\n"
        "# clouds.yaml entry below holds them, or OS_* variables.\n"
        "config:\n"
        "  souverain:adapter: openstack\n"
        f"  souverain:cloud: {cloud.id}\n"
        f"  souverain:region: {_yaml_scalar(region)}\n"
        "  souverain:openstack:\n"
        f"    cloud: {cloud.id}                 # entry of clouds.yaml\n"
        "    externalNetwork: public         # check with: openstack network list --external\n"
        "    objectEncryption: client-side   # objects encrypted with the team's key\n"
    )


def _check_target(cloud: Cloud, region: str, gpus: list[str]) -> None:
    if cloud.api != "openstack":
        raise SouverainError(
            f"{cloud.name} speaks the {cloud.api} API; `souverain new --cloud` writes stacks "
            "for OpenStack clouds (souverain catalog lists them); write other stacks by hand, "
            "as the templates' own stacks show"
        )
    check_region(cloud, region)
    if cloud.generic:
        return
    missing = sorted({gpu for gpu in gpus if not cloud.flavors_for(gpu, region)})
    if missing:
        offered = sorted({f.gpu for f in cloud.flavors_in(region)})
        raise SouverainError(
            f"the catalog offers no {' or '.join(missing)} flavor on {cloud.name} in {region} "
            f"(it offers: {', '.join(offered) or 'no GPU'}); pick another region or cloud "
            "(souverain catalog --gpu ...), or name a flavor yourself in the stack "
            "(souverain:openstack.flavors)"
        )


def new_project(
    directory: Path,
    template: str,
    cloud: str | None = None,
    region: str | None = None,
    name: str | None = None,
    description: str | None = None,
) -> NewProject:
    """Create a project in ``directory`` (new or empty) from ``template``."""
    names = template_names()
    if template not in names:
        raise SouverainError(unknown("template", template, names))
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise SouverainError(f"{directory} exists and is not empty; name a new directory")
    if (cloud is None) != (region is None):
        raise SouverainError("--cloud and --region go together")
    project = name or directory.resolve().name
    try:
        check_label(project)
    except ValueError as error:
        raise SouverainError(f"project name {error}; pass --name") from None
    source = templates_root() / template
    settings = read_document(source / "Pulumi.yaml", "template")
    described = (
        settings.get("template", {}).get("description", "") if isinstance(settings, dict) else ""
    )
    chosen: Cloud | None = None
    if cloud is not None and region is not None:
        catalog = clouds(directory if directory.is_dir() else None)
        if cloud not in catalog:
            raise SouverainError(unknown("cloud", cloud, catalog))
        chosen = catalog[cloud]
        _check_target(chosen, region, _gpus(source))
    directory.mkdir(parents=True, exist_ok=True)
    _copy(source, directory, project, description or str(described))
    written = None
    if chosen is not None and region is not None:
        stacks = directory / "stacks"
        catalog = clouds(directory)
        for path in sorted(stacks.glob("Pulumi.*.yaml")):
            kept = catalog.get(_stack_cloud(path) or "")
            if kept is None or kept.company is None or kept.company.jurisdiction in _EUROPEAN:
                path.unlink()
                check = stacks / f"{path.name[len('Pulumi.') : -len('.yaml')]}.check.yaml"
                check.unlink(missing_ok=True)
        written = stack_name(chosen, region)
        (stacks / f"Pulumi.{written}.yaml").write_text(stack_file(chosen, region), encoding="utf-8")
    made = sorted(
        p.name[len("Pulumi.") : -len(".yaml")] for p in (directory / "stacks").glob("Pulumi.*.yaml")
    )
    return NewProject(directory, template, project, tuple(made), written)
