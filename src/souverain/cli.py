"""The ``souverain`` command: a thin shell over the library.

Commands hand off to library functions; a :class:`SouverainError` becomes a message on
stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from souverain.rules.waivers import Waiver

# Commands import what they use inside their bodies: `souverain --help` and `validate`
# must not pay for Pulumi, the catalog and the rules at start-up.

app = typer.Typer(
    help="Describe an AI platform once; deploy it to sovereign European clouds.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: rich's formatting costs a third of a second at every start-up.
    rich_markup_mode=None,
)


class PlanFormat(StrEnum):
    """Output formats of ``souverain plan``."""

    TREE = "tree"
    JSON = "json"


StackOption = Annotated[str, typer.Option("--stack", "-s", help="Stack whose config to use.")]
ConfigOption = Annotated[Path | None, typer.Option(help="Check config (YAML or JSON).")]
WaiversOption = Annotated[
    Path | None, typer.Option(help="Waiver file (default: waivers.yaml in the project).")
]
ProjectOption = Annotated[
    Path, typer.Option("--project", "-C", help="Directory holding Pulumi.yaml.", show_default=False)
]


@app.command()
def plan(
    stack: StackOption = "generic",
    output_format: Annotated[
        PlanFormat, typer.Option("--format", "-f", help="tree for people, json for tools.")
    ] = PlanFormat.TREE,
    project: ProjectOption = Path("."),
) -> None:
    """Compile the project's program offline (no cloud, no Pulumi CLI) and print its plan."""
    from souverain.plan.capture import capture_plan
    from souverain.plan.render import to_json, to_tree
    from souverain.project import load_stack

    captured = capture_plan(load_stack(project.resolve(), stack))
    sys.stdout.write(to_json(captured) if output_format is PlanFormat.JSON else to_tree(captured))


class SchemaKind(StrEnum):
    """Documents souverain reads, each with a JSON Schema."""

    DESCRIPTION = "description"
    CHECK_CONFIG = "check-config"
    WAIVERS = "waivers"


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which document.")] = SchemaKind.DESCRIPTION,
) -> None:
    """Print the JSON Schema of a description, a check config or a waiver file."""
    import json
    from collections.abc import Callable
    from typing import Any

    from souverain.model.loading import platform_schema
    from souverain.rules.config import config_schema
    from souverain.rules.waivers import WaiverFile

    schemas: dict[SchemaKind, Callable[[], dict[str, Any]]] = {
        SchemaKind.DESCRIPTION: platform_schema,
        SchemaKind.CHECK_CONFIG: config_schema,
        SchemaKind.WAIVERS: WaiverFile.model_json_schema,
    }
    sys.stdout.write(json.dumps(schemas[kind](), indent=2, sort_keys=True) + "\n")


class CheckFormat(StrEnum):
    """Output formats of ``souverain check``."""

    TABLE = "table"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    MARKDOWN = "markdown"


@app.command()
def check(
    stack: StackOption = "generic",
    level: Annotated[
        str | None, typer.Option(help="SEAL level or alias (default: the description's).")
    ] = None,
    output_format: Annotated[CheckFormat, typer.Option("--format", "-f")] = CheckFormat.TABLE,
    output: Annotated[Path | None, typer.Option(help="Write the report here, not stdout.")] = None,
    config: ConfigOption = None,
    waivers: WaiversOption = None,
    project: ProjectOption = Path("."),
) -> None:
    """Compile a stack offline and run every rule; exit 1 on a mandatory violation."""
    from souverain.check import run_check
    from souverain.reports.machine import to_json, to_junit, to_sarif
    from souverain.reports.text import to_markdown, to_table
    from souverain.rules.config import load_config

    directory = project.resolve()
    report = run_check(
        directory, stack, load_config(config), _waivers(waivers, directory), level=level
    )
    writers = {
        CheckFormat.TABLE: to_table,
        CheckFormat.JSON: to_json,
        CheckFormat.SARIF: to_sarif,
        CheckFormat.JUNIT: to_junit,
        CheckFormat.MARKDOWN: to_markdown,
    }
    text = writers[output_format](report)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(to_table(report).splitlines()[-1], err=True)
    raise typer.Exit(report.exit_code)


@app.command()
def validate(
    description: Annotated[Path, typer.Argument(help="A description in YAML or JSON.")],
) -> None:
    """Validate a description file and say what is wrong, field by field."""
    from souverain.model.loading import load_platform

    platform = load_platform(description)
    typer.echo(
        f"{description}: valid platform {platform.name!r} "
        f"({len(platform.gpu_pools)} GPU pools, {len(platform.buckets)} buckets, "
        f"{len(platform.keys)} keys)"
    )


class CatalogFormat(StrEnum):
    """Output formats of ``souverain catalog``."""

    TABLE = "table"
    JSON = "json"


@app.command()
def catalog(
    gpu: Annotated[str | None, typer.Option(help="Only regions offering this GPU model.")] = None,
    jurisdiction: Annotated[
        str | None, typer.Option(help="Only clouds under this jurisdiction (eu, efta, uk, us).")
    ] = None,
    certification: Annotated[
        str | None, typer.Option(help="Only clouds certified for it (e.g. HDS, 'BSI C5').")
    ] = None,
    stale: Annotated[
        int | None,
        typer.Option(help="List the facts whose source is more than DAYS old (or undated)."),
    ] = None,
    output_format: Annotated[CatalogFormat, typer.Option("--format", "-f")] = CatalogFormat.TABLE,
    project: ProjectOption = Path("."),
) -> None:
    """List catalogued clouds and regions: API, law, GPUs, certifications, adapters.

    Profiles come from the package, the user's catalog and the project's ``catalog/``
    directory (the project's win); FROM says which.
    """
    import json

    from souverain.catalog.query import find_offers
    from souverain.catalog.staleness import stale_facts
    from souverain.catalog.store import find_project
    from souverain.table import render_table

    where = find_project(project.resolve())
    if stale is not None:
        facts = stale_facts(stale, date.today(), where)
        if output_format is CatalogFormat.JSON:
            payload = [fact.as_dict() for fact in facts]
            sys.stdout.write(json.dumps(payload, indent=2, sort_keys=True) + "\n")
            return
        facts_rows = [("PROFILE", "FACT", "SOURCE DATE", "AGE (DAYS)", "SOURCE")]
        facts_rows += [
            (f.profile, f.path, f.date or "none", str(f.age_days or "?"), f.source) for f in facts
        ]
        sys.stdout.write(
            render_table(facts_rows) if facts else f"no fact older than {stale} days\n"
        )
        return
    offers = find_offers(gpu, jurisdiction, certification, where)
    if output_format is CatalogFormat.JSON:
        payload = [offer.as_dict() for offer in offers]
        sys.stdout.write(json.dumps(payload, indent=2, sort_keys=True) + "\n")
        return
    rows = [
        ("CLOUD", "API", "REGION", "COUNTRY", "LAW", "GPUS", "CERTIFICATIONS", "ADAPTERS", "FROM")
    ]
    rows += [
        (
            o.cloud,
            o.api,
            o.region + (" (SCS)" if o.scs_compatible else ""),
            o.country or "?",
            o.jurisdiction or "?",
            "; ".join(o.gpus) or "-",
            ", ".join(o.certifications) or "-",
            ", ".join(o.adapters) or "none installed",
            o.origin,
        )
        for o in offers
    ]
    sys.stdout.write(render_table(rows))


class DiscoverTarget(StrEnum):
    """Where ``souverain discover`` writes the profile."""

    USER = "user"
    PROJECT = "project"
    STDOUT = "stdout"


@app.command()
def discover(
    cloud: Annotated[str, typer.Option("--cloud", help="clouds.yaml entry (or OS_* variables).")],
    profile_id: Annotated[
        str | None, typer.Option("--id", help="Catalog id for the profile (default: the cloud).")
    ] = None,
    as_of: Annotated[
        str, typer.Option(help="Date recorded in each fact's source (default: today).")
    ] = "",
    to: Annotated[
        DiscoverTarget,
        typer.Option(help="user catalog (default), the project's catalog/, or stdout."),
    ] = DiscoverTarget.USER,
    force: Annotated[bool, typer.Option(help="Replace an existing profile file.")] = False,
    project: ProjectOption = Path("."),
) -> None:
    """Read a live OpenStack cloud's GPU flavors and services; write a catalog profile.

    The profile goes to the user's catalog (``~/.config/souverain/catalog/clouds``) or the
    project's ``catalog/clouds``, never into the installed package.
    """
    import yaml

    from souverain.catalog.discover import profile, read_cloud, render
    from souverain.catalog.store import PROJECT_CATALOG, find_project, user_catalog
    from souverain.errors import SouverainError

    live = read_cloud(cloud)
    found = profile(live, profile_id or cloud, as_of or date.today().isoformat())
    text = yaml.safe_dump(render(found), sort_keys=True, allow_unicode=True)
    if to is DiscoverTarget.STDOUT:
        sys.stdout.write(text)
        return
    root = user_catalog()
    if to is DiscoverTarget.PROJECT:
        where = find_project(project.resolve())
        if where is None:
            raise SouverainError(
                f"no Pulumi.yaml at or above {project}; use --project or --to user"
            )
        root = where / PROJECT_CATALOG
    path = root / "clouds" / f"{found.id}.yaml"
    if path.exists() and not force:
        raise SouverainError(f"{path} exists; pass --force to replace it")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    typer.echo(f"wrote {path}", err=True)


@app.command("policy-config")
def policy_config(
    stack: StackOption = "generic",
    level: Annotated[
        str | None, typer.Option(help="SEAL level or alias (default: the description's).")
    ] = None,
    config: ConfigOption = None,
    project: ProjectOption = Path("."),
) -> None:
    """Print the --policy-pack-config for a stack, so the engine enforces what check enforces."""
    import json

    from souverain.check import stack_policy_config
    from souverain.rules.config import load_config

    document = stack_policy_config(project.resolve(), stack, load_config(config), level)
    sys.stdout.write(json.dumps(document, indent=2, sort_keys=True) + "\n")


class DiffFormat(StrEnum):
    """Output formats of ``souverain diff``."""

    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"


@app.command()
def diff(
    source: Annotated[str, typer.Option("--from", help="Stack the platform runs on now.")],
    target: Annotated[str, typer.Option("--to", help="Stack to move it to.")],
    level: Annotated[
        str | None, typer.Option(help="SEAL level or alias (default: the description's).")
    ] = None,
    output_format: Annotated[DiffFormat, typer.Option("--format", "-f")] = DiffFormat.TABLE,
    output: Annotated[Path | None, typer.Option(help="Write the report here, not stdout.")] = None,
    config: ConfigOption = None,
    waivers: WaiversOption = None,
    project: ProjectOption = Path("."),
) -> None:
    """Compare two stacks part by part, rule by rule, and print the exit plan between them."""
    from souverain.move import compare_stacks, to_json, to_markdown, to_table
    from souverain.rules.config import load_config

    directory = project.resolve()
    move = compare_stacks(
        directory, source, target, load_config(config), _waivers(waivers, directory), level=level
    )
    writers = {
        DiffFormat.TABLE: to_table,
        DiffFormat.MARKDOWN: to_markdown,
        DiffFormat.JSON: to_json,
    }
    text = writers[output_format](move)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


@app.command()
def new(
    directory: Annotated[Path, typer.Argument(help="Directory of the new project (new or empty).")],
    template: Annotated[
        str, typer.Option("--template", "-t", help="ai-training, private-inference or from-aws.")
    ],
    cloud: Annotated[
        str | None, typer.Option(help="Catalogued OpenStack cloud for the stack (with --region).")
    ] = None,
    region: Annotated[str | None, typer.Option(help="Region of that cloud.")] = None,
    name: Annotated[
        str | None, typer.Option(help="Project and platform name (default: the directory's).")
    ] = None,
    description: Annotated[str | None, typer.Option(help="Project description.")] = None,
) -> None:
    """Start a project from a template, as `pulumi new` would, without the Pulumi CLI.

    With --cloud and --region, the stack for that cloud is written from the catalog in
    place of the template's example European stacks.
    """
    from souverain.new import new_project

    made = new_project(directory, template, cloud, region, name, description)
    typer.echo(
        f"created {made.name} in {made.directory} from template {made.template}; "
        f"stacks: {', '.join(made.stacks)}",
        err=True,
    )
    typer.echo(
        f"next: cd {made.directory} && python3 -m venv .venv && "
        ".venv/bin/pip install -r requirements.txt && "
        f".venv/bin/souverain check --stack {made.written or made.stacks[0]}",
        err=True,
    )


@app.command()
def doctor(
    output_format: Annotated[CatalogFormat, typer.Option("--format", "-f")] = CatalogFormat.TABLE,
    project: ProjectOption = Path("."),
) -> None:
    """Say which pulumi CLI and plugins will run, and where state and secrets live.

    Each binary is marked upstream or built here (scripts/install-engine.sh); each Python
    SDK is matched with the plugin version it needs. Exit 1 on a problem.
    """
    from souverain.doctor import diagnose
    from souverain.doctor import to_json as doctor_json
    from souverain.doctor import to_text as doctor_text

    found = diagnose(project.resolve())
    writer = doctor_json if output_format is CatalogFormat.JSON else doctor_text
    sys.stdout.write(writer(found))
    raise typer.Exit(1 if found.problems else 0)


class ReportFormat(StrEnum):
    """Output formats of ``souverain report``."""

    HTML = "html"
    MARKDOWN = "markdown"


@app.command()
def report(
    stack: StackOption = "generic",
    output: Annotated[
        Path | None,
        typer.Option(help="Write the page here (.md: Markdown), not stdout."),
    ] = None,
    output_format: Annotated[
        ReportFormat | None,
        typer.Option("--format", "-f", help="html (default) or markdown."),
    ] = None,
    level: Annotated[
        str | None, typer.Option(help="SEAL level required (default: the description's).")
    ] = None,
    config: ConfigOption = None,
    waivers: WaiversOption = None,
    project: ProjectOption = Path("."),
) -> None:
    """Write the sovereignty report of a stack: one self-contained HTML page, or Markdown.

    It shows the platform as a picture (each part, where it runs and its verdict), the
    SEAL level reached against the level required, findings with their rationale and
    remediation, waivers, certifications, and every catalog claim with its source.
    """
    from souverain.assessment.section import report_section
    from souverain.assessment.stacks import assess_side
    from souverain.catalog.store import clouds
    from souverain.reports.page import to_html
    from souverain.reports.page import to_markdown as page_markdown
    from souverain.reports.sovereignty import build_report
    from souverain.rules.config import load_config

    directory = project.resolve()
    chosen = output_format or (
        ReportFormat.MARKDOWN if output and output.suffix == ".md" else ReportFormat.HTML
    )
    checks = load_config(config)
    built = build_report(
        directory,
        stack,
        checks,
        _waivers(waivers, directory),
        level=level,
        assess=lambda side: report_section(
            assess_side(side, clouds(directory), frozenset(checks.conditions_met))
        ),
    )
    text = to_html(built) if chosen is ReportFormat.HTML else page_markdown(built)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        state = "PASSED" if built.passed else "FAILED"
        typer.echo(
            f"wrote {output}: {state} at {built.required}, reached {built.reached or 'none'}",
            err=True,
        )


@app.command()
def assess(
    stacks: Annotated[
        list[str] | None, typer.Argument(help="Stacks to compare (with --compare).")
    ] = None,
    stack: Annotated[str | None, typer.Option("--stack", "-s", help="Stack to assess.")] = None,
    compare: Annotated[
        bool, typer.Option("--compare", help="Assess several stacks side by side.")
    ] = False,
    weights: Annotated[
        str | None, typer.Option(help="Objective weights: v1.2.1 (default) or calculator-2026-06.")
    ] = None,
    level: Annotated[
        str | None, typer.Option(help="Level of the rule verdicts shown (default: description's).")
    ] = None,
    output_format: Annotated[DiffFormat, typer.Option("--format", "-f")] = DiffFormat.TABLE,
    output: Annotated[Path | None, typer.Option(help="Write the report here, not stdout.")] = None,
    config: ConfigOption = None,
    project: ProjectOption = Path("."),
) -> None:
    """Assess stacks against the EU Cloud Sovereignty Framework: a SEAL per objective, the score.

    A self-assessment from the catalog's public facts and the offline plan, not a
    certification. ``--compare S1 S2 ...`` shows several stacks of one description side by side.
    """
    from souverain.assessment import compare as side_by_side
    from souverain.assessment import render
    from souverain.assessment.stacks import assess_stacks
    from souverain.errors import SouverainError
    from souverain.rules.config import load_config

    names = ([stack] if stack else []) + (stacks or [])
    if compare and len(names) < 2:
        raise SouverainError("--compare needs at least two stacks: souverain assess --compare A B")
    if not compare and len(names) > 1:
        raise SouverainError(f"name one stack, or compare {', '.join(names)} with --compare")
    found = assess_stacks(
        project.resolve(), names or ["generic"], load_config(config), level, weights
    )
    single = {
        DiffFormat.TABLE: render.to_table,
        DiffFormat.MARKDOWN: render.to_markdown,
        DiffFormat.JSON: render.to_json,
    }
    several = {
        DiffFormat.TABLE: side_by_side.to_table,
        DiffFormat.MARKDOWN: side_by_side.to_markdown,
        DiffFormat.JSON: side_by_side.to_json,
    }
    text = several[output_format](found) if compare else single[output_format](found[0])
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def _waivers(path: Path | None, directory: Path) -> list[Waiver]:
    """The waiver file named on the command line (it must exist), else the project's."""
    from souverain.rules.waivers import load_waivers, project_waivers

    return load_waivers(path) if path else project_waivers(directory)


def main() -> None:
    """Entry point: run the app, turning domain errors into a message and an exit code."""
    from souverain.errors import SouverainError

    try:
        app()
    except SouverainError as error:
        typer.echo(f"error: {error.render()}", err=True)
        sys.exit(error.exit_code)
