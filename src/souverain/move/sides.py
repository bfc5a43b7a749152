"""One side of a move: a stack planned offline, checked, and placed on the catalog.

A stack whose description cannot be compiled for its target (a cloud without object
storage, a region without the GPU) is still a side: it has no plan, and says why; its
rules judge the description and the clouds it targets, not resources it does not have.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from souverain.adapters.contract import Adapter
from souverain.adapters.features import Feature
from souverain.adapters.registry import load_adapter
from souverain.catalog.clouds import Cloud
from souverain.catalog.resolve import cloud_profile
from souverain.catalog.store import clouds
from souverain.check import check_plan, stack_context
from souverain.deploy import NotDeployable
from souverain.errors import Problem, SouverainError
from souverain.model.ai_platform import Platform
from souverain.move.model import Placement
from souverain.plan.capture import capture_plan
from souverain.plan.model import Plan
from souverain.project import StackConfig, load_stack
from souverain.rules.catalogue import RULES
from souverain.rules.config import CheckConfig
from souverain.rules.evaluate import Report, evaluate
from souverain.rules.views import deployed_description
from souverain.rules.waivers import Waiver
from souverain.target import Pillar, StackTarget, Target, read_target
from souverain.vocabulary.judge import judge
from souverain.vocabulary.mapping import vocabulary
from souverain.vocabulary.views import PROVIDER_PREFIX, ResourceView


@dataclass(frozen=True)
class Side:
    """A stack, what its description becomes there (or why not), and its check report."""

    config: StackConfig
    target: StackTarget
    platform: Platform
    plan: Plan | None
    problems: tuple[Problem, ...]
    report: Report
    sizes: dict[str, str]
    size_problems: dict[str, str]

    @property
    def stack(self) -> str:
        """The stack's name."""
        return self.config.stack

    def routed(self, pillar: Pillar) -> Target:
        """Where one pillar goes."""
        return self.target.target(pillar)

    def cloud(self, pillar: Pillar) -> Cloud:
        """The catalogued cloud a pillar goes to."""
        return cloud_profile(self.routed(pillar).cloud)

    def adapter(self, pillar: Pillar) -> Adapter:
        """The adapter of a pillar."""
        return load_adapter(self.routed(pillar).adapter)

    def placement(self, pillar: Pillar) -> Placement:
        """A pillar's place with the catalog's facts about it."""
        routed = self.routed(pillar)
        cloud = self.cloud(pillar)
        region = cloud.region(routed.region) if routed.region else None
        return Placement(
            pillar=str(pillar),
            adapter=routed.adapter,
            cloud=cloud.id,
            cloud_name=cloud.name,
            region=routed.region,
            country=region.country if region else None,
            jurisdiction=str(cloud.company.jurisdiction) if cloud.company else None,
            company=cloud.company.name if cloud.company else None,
        )

    def unsupported(self, feature: Feature) -> str | None:
        """Why the adapter of the feature's pillar cannot offer it here (None: it can)."""
        routed = self.routed(feature.pillar)
        return self.adapter(feature.pillar).unsupported_features(routed).get(feature)

    def notes(self) -> dict[str, str]:
        """The fields that mean nothing where they go, with the reason, by field path."""
        notes: dict[str, str] = {}
        for name, (routed, pillars) in self.target.by_adapter().items():
            for path, reason in load_adapter(name).not_applicable(routed).items():
                if path.split(".", 1)[0].rstrip("[]{}") in {_FIELDS[p] for p in pillars}:
                    notes[path] = f"{name}: {reason}"
        return notes


_FIELDS = {
    Pillar.NETWORK: "network",
    Pillar.COMPUTE: "gpu_pools",
    Pillar.STORAGE: "buckets",
    Pillar.KEYS: "keys",
}


def load_side(
    project: Path,
    stack: str,
    config: CheckConfig,
    waivers: list[Waiver],
    level: str | None = None,
    today: date | None = None,
) -> Side:
    """Plan ``stack`` offline, check it, and resolve what its pools become."""
    stack_config = load_stack(project, stack)
    target = read_target(stack_config.as_engine_strings(), stack)
    plan: Plan | None
    try:
        plan = capture_plan(stack_config)
        platform = deployed_description(plan)
        problems: tuple[Problem, ...] = ()
    except NotDeployable as error:
        plan, platform = None, error.platform
        problems = error.problems or (Problem("", error.summary),)
    if platform is None:
        raise SouverainError(
            f"the program of stack {stack} deploys no souverain description; "
            "`souverain diff` compares descriptions"
        )
    if plan is not None:
        report = check_plan(plan, stack_config, config, waivers, level, today)
    else:
        report = _description_report(stack_config, target, platform, config, waivers, level, today)
    sizes, size_problems = _sizes(platform, target)
    return Side(stack_config, target, platform, plan, problems, report, sizes, size_problems)


def _description_report(
    stack: StackConfig,
    target: StackTarget,
    platform: Platform,
    config: CheckConfig,
    waivers: list[Waiver],
    level: str | None,
    today: date | None,
) -> Report:
    """The rules for a stack whose plan does not compile.

    They judge the description, and a stand-in for each provider object the plan would
    have had, so that the rules about the cloud itself (jurisdiction, residency,
    extraterritorial law, certification) still judge the target. Rules about resources
    have nothing to judge.
    """
    ctx = stack_context(stack, platform, config, level)
    enforcement = {rule.ID: ctx.enforcement(rule.ID) for rule in RULES}
    resources = judge(stand_ins(stack, target))
    outcomes, waiver_use = evaluate(resources, platform, ctx, enforcement, waivers, today)
    return Report(
        project=stack.project,
        stack=stack.stack,
        level=str(ctx.level),
        resources=0,
        outcomes=outcomes,
        waivers=waiver_use,
    )


def stand_ins(stack: StackConfig, target: StackTarget) -> list[ResourceView]:
    """One provider object per adapter of the stack, as its plan would record it.

    The provider package is the one whose mapping names the cloud, or another profile of
    the same API, or the cloud's API family; its region goes where the mapping reads it.
    """
    words = vocabulary()
    catalog = clouds()
    views = []
    for name, (routed, _) in target.by_adapter().items():
        cloud = cloud_profile(routed.cloud)
        package = next(
            (
                p
                for p in words.all()
                if (
                    p.cloud is not None and p.cloud in catalog and catalog[p.cloud].api == cloud.api
                )
                or p.api == cloud.api
            ),
            None,
        )
        if package is None:
            continue
        region_paths = [path for path in package.provider.region if "." not in path]
        props = {region_paths[0]: routed.region} if routed.region and region_paths else {}
        kind = f"{PROVIDER_PREFIX}{package.package}"
        views.append(
            ResourceView(
                urn=f"urn:pulumi:{stack.stack}::{stack.project}::{kind}::{name}",
                type=kind,
                name=name,
                props=props,
            )
        )
    return views


def _sizes(platform: Platform, target: StackTarget) -> tuple[dict[str, str], dict[str, str]]:
    """What each pool's nodes are, and why not for the pools that cannot be placed."""
    compute = target.target(Pillar.COMPUTE)
    sizes: dict[str, str] = {}
    failed: dict[str, str] = {}
    for pool in platform.gpu_pools:
        single = platform.model_copy(update={"gpu_pools": [pool]})
        try:
            sizes.update(load_adapter(compute.adapter).sizes(single, compute))
        except SouverainError as error:
            failed[pool.name] = error.problems[0].message if error.problems else error.summary
    return sizes, failed
