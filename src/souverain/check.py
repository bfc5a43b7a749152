"""`souverain check`: compile a stack offline, run every rule, and build one report.

Any Pulumi Python program can be checked: with a souverain description the rules judge
the description too; without one, they judge its resources alone.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from souverain.catalog.store import clouds
from souverain.model.ai_platform import Platform
from souverain.plan.capture import capture_plan
from souverain.plan.model import Plan
from souverain.project import StackConfig, load_stack
from souverain.rules.catalogue import RULES
from souverain.rules.config import CheckConfig
from souverain.rules.context import RuleContext
from souverain.rules.evaluate import Report, evaluate, not_judged
from souverain.rules.pack import engine_config
from souverain.rules.views import deployed_description, resource_views
from souverain.rules.waivers import Waiver
from souverain.state import StateSettings, read_state
from souverain.target import CONFIG_NAMESPACE, read_target
from souverain.vocabulary.judge import judge


def stack_context(
    stack: StackConfig, platform: Platform | None, config: CheckConfig, level: str | None
) -> RuleContext:
    """The rule context of a stack: its cloud and region as hints, its project's catalog.

    The cloud and region come from the stack's target, if it has one; the catalog includes
    the project's own profiles.
    """
    strings = stack.as_engine_strings()
    cloud = region = None
    if f"{CONFIG_NAMESPACE}:adapter" in strings or f"{CONFIG_NAMESPACE}:cloud" in strings:
        target = read_target(strings, stack.stack)
        cloud, region = target.cloud, target.region
    catalog = clouds(stack.directory)
    return config.context(platform, cloud=cloud, region=region, level=level, catalog=catalog)


def stack_policy_config(
    project: Path, stack: str, config: CheckConfig, level: str | None = None
) -> dict[str, dict[str, object]]:
    """The policy-pack config that makes the engine enforce what `check` enforces for a stack."""
    stack_config = load_stack(project, stack)
    platform = deployed_description(capture_plan(stack_config))
    ctx = stack_context(stack_config, platform, config, level)
    resolved = config.model_copy(
        update={
            "data_class": ctx.data_class,
            "cloud": ctx.cloud,
            "region": ctx.region,
            "state": stack_state_settings(stack_config, config),
        }
    )
    return engine_config(resolved, str(ctx.level))


def stack_state_settings(stack: StackConfig, config: CheckConfig) -> StateSettings:
    """Where the stack's state and secrets live: as the config states, else as the CLI reads."""
    return config.state or read_state(stack.directory, stack.source)


def run_check(
    project: Path,
    stack: str,
    config: CheckConfig,
    waivers: list[Waiver],
    level: str | None = None,
    today: date | None = None,
) -> Report:
    """Plan ``stack`` under mocks, then check the description and every planned resource."""
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
    ctx = stack_context(stack, platform, config, level)
    enforcement = {rule.ID: ctx.enforcement(rule.ID) for rule in RULES}
    resources = judge(resource_views(plan))
    state = stack_state_settings(stack, config)
    outcomes, waiver_use = evaluate(
        resources, platform, ctx, enforcement, waivers, today, state=state
    )
    return Report(
        project=plan.project,
        stack=plan.stack,
        level=str(ctx.level),
        resources=len(resources),
        outcomes=outcomes,
        waivers=waiver_use,
        sources={
            "description": "__main__.py",
            "stack": str(stack.source.relative_to(stack.directory)),
        },
        not_judged=not_judged(resources),
        state=state,
    )
