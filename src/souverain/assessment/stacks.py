"""Load stacks for an assessment: plan and check each as `souverain diff` does, then view them.

A stack is planned offline and checked (its rule verdicts are shown with the objectives
the rules serve); a stack whose description cannot be planned there is still assessed,
on its description and on stand-ins for the provider objects its adapters would create,
and says why it could not be planned. Several stacks compared side by side must deploy
the same description, so that only the target differs.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from souverain.assessment.assess import Assessment, assess
from souverain.assessment.evidence import Placed, StackView
from souverain.assessment.framework import framework
from souverain.catalog.clouds import Cloud
from souverain.catalog.lookup import unknown
from souverain.catalog.store import clouds
from souverain.errors import SouverainError
from souverain.move.sides import Side, load_side, stand_ins
from souverain.rules.config import CheckConfig
from souverain.rules.context import RuleContext
from souverain.rules.levels import DEFAULT_LEVEL
from souverain.rules.views import resource_views
from souverain.target import Pillar
from souverain.vocabulary.judge import judge


def view_of(side: Side, catalog: Mapping[str, Cloud], conditions_met: frozenset[str]) -> StackView:
    """What the assessment sees of a loaded stack, with the clouds of ``catalog``."""
    grouped: dict[tuple[str, str | None], list[str]] = {}
    for pillar in Pillar:
        routed = side.routed(pillar)
        grouped.setdefault((routed.cloud, routed.region), []).append(str(pillar))
    placements = []
    for (cloud_id, region), pillars in grouped.items():
        if cloud_id not in catalog:
            raise SouverainError(unknown("cloud", cloud_id, catalog) + f" (stack {side.stack})")
        placements.append(Placed(catalog[cloud_id], region, tuple(pillars)))
    views = resource_views(side.plan) if side.plan else stand_ins(side.config, side.target)
    context = RuleContext(
        level=DEFAULT_LEVEL, cloud=side.target.cloud, region=side.target.region, catalog=catalog
    )
    return StackView(
        stack=side.stack,
        project=side.config.project,
        platform=side.platform,
        placements=tuple(placements),
        resources=tuple(judge(views)),
        planned=side.plan is not None,
        context=context,
        catalog=catalog,
        conditions_met=conditions_met,
    )


def assess_side(
    side: Side,
    catalog: Mapping[str, Cloud],
    conditions_met: frozenset[str] = frozenset(),
    weighting: str | None = None,
) -> Assessment:
    """The assessment of a loaded stack against the packaged framework."""
    view = view_of(side, catalog, conditions_met)
    problems = tuple(str(p) for p in side.problems)
    return assess(view, side.report, framework(), weighting, problems)


def assess_stacks(
    project: Path,
    stacks: list[str],
    config: CheckConfig | None = None,
    level: str | None = None,
    weighting: str | None = None,
    today: date | None = None,
) -> list[Assessment]:
    """Assess each stack of the project; several must deploy the same description."""
    data = framework()
    if weighting is not None and weighting not in data.weightings:
        raise SouverainError(unknown("weighting", weighting, data.weightings))
    if len(set(stacks)) != len(stacks):
        raise SouverainError(f"a stack is named twice in {', '.join(stacks)}")
    checks = config or CheckConfig()
    sides = [load_side(project, stack, checks, [], level, today) for stack in stacks]
    first = sides[0]
    for side in sides[1:]:
        if side.platform != first.platform:
            raise SouverainError(
                f"stacks {first.stack} and {side.stack} deploy different descriptions; "
                "`souverain assess --compare` compares one description on several targets"
            )
    catalog = clouds(project)
    met = frozenset(checks.conditions_met)
    return [assess_side(side, catalog, met, weighting) for side in sides]
