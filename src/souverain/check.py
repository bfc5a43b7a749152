"""`souverain check`: compile a stack offline, run every rule, and build one report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from souverain.model.ai_platform import Platform
from souverain.plan.capture import capture_plan
from souverain.plan.model import Plan
from souverain.project import StackConfig, load_stack
from souverain.rules.catalogue import RULES
from souverain.rules.config import CheckConfig
from souverain.rules.context import RuleContext
from souverain.rules.evaluate import Report, evaluate
from souverain.rules.levels import resolve_level
from souverain.rules.pack import engine_config
from souverain.rules.views import deployed_description, resource_views
from souverain.rules.waivers import Waiver


def _context(
    stack: StackConfig, platform: Platform | None, config: CheckConfig, level: str | None
) -> RuleContext:
    """The rule context: explicit settings first, then the stack's target and the description."""
    target = {k.split(":", 1)[1]: v for k, v in stack.values.items() if k.startswith("souverain:")}
    chosen = level or config.level or (str(platform.sovereignty) if platform else "seal-2")
    return RuleContext(
        level=resolve_level(chosen),
        data_class=config.data_class or (platform.data_class if platform else None),
        cloud=config.cloud or target.get("cloud"),
        region=config.region or target.get("region"),
        allowed_images=tuple(config.allowed_images),
        allowed_registries=tuple(config.allowed_registries),
        overrides=config.rules,
    )


def stack_policy_config(
    project: Path, stack: str, config: CheckConfig, level: str | None = None
) -> dict[str, dict[str, object]]:
    """The policy-pack config that makes the engine enforce what `check` enforces for a stack."""
    stack_config = load_stack(project, stack)
    platform = deployed_description(capture_plan(stack_config))
    ctx = _context(stack_config, platform, config, level)
    resolved = config.model_copy(
        update={
            "data_class": ctx.data_class,
            "cloud": ctx.cloud,
            "region": ctx.region,
        }
    )
    return engine_config(resolved, str(ctx.level))


def run_check(
    project: Path,
    stack: str,
    config: CheckConfig,
    waivers: list[Waiver],
    level: str | None = None,
    today: date | None = None,
) -> Report:
    """Plan ``stack`` under mocks, then check the description and every planned resource.

    The level is, in order: the ``level`` argument, the config's, the description's own
    required sovereignty.
    """
    stack_config = load_stack(project, stack)
    return check_plan(capture_plan(stack_config), stack_config, config, waivers, level, today)


def check_plan(
    plan: Plan,
    stack: StackConfig,
    config: CheckConfig,
    waivers: list[Waiver],
    level: str | None = None,
    today: date | None = None,
) -> Report:
    """Check a captured plan (and the description it records) for one stack."""
    platform = deployed_description(plan)
    ctx = _context(stack, platform, config, level)
    enforcement = {rule.ID: ctx.enforcement(rule.ID) for rule in RULES}
    resources = resource_views(plan)
    outcomes, expired, unused = evaluate(resources, platform, ctx, enforcement, waivers, today)
    return Report(
        project=plan.project,
        stack=plan.stack,
        level=str(ctx.level),
        resources=len(resources),
        outcomes=outcomes,
        expired_waivers=expired,
        unused_waivers=unused,
        sources={
            "description": "__main__.py",
            "stack": str(stack.source.relative_to(stack.directory)),
        },
    )
