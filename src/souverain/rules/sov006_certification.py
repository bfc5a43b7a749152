"""SOV-006: the cloud holds the qualifications the level and the data class require.

The data class asks for its certifications (HDS for health data); the strictest level asks
for a qualification that shows immunity from non-EU law whatever the data (SecNumCloud 3.2).
A certification that holds only under conditions (an option to enable per project, a
support level) passes with those conditions stated; a disputed certification counts as a
dispute, not as held.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from souverain.catalog.clouds import Cloud
from souverain.model.ai_platform import Platform
from souverain.rules.context import RuleContext
from souverain.rules.levels import level_table
from souverain.rules.model import CloudRule, Conditional, Disputed, Said
from souverain.vocabulary.judge import Judged


def _required(ctx: RuleContext) -> list[tuple[str, str]]:
    """``(certification, why)`` the level and the data class require, each once."""
    table = level_table()
    found: dict[str, str] = {}
    for name in ctx.spec.qualifications:
        found.setdefault(name, f"level {ctx.level} requires it ({table.qualifications[name].why})")
    if ctx.overlay is not None:
        for name in ctx.overlay.certifications:
            found.setdefault(name, f"{ctx.data_class} data needs it")
    return list(found.items())


def judge_cloud(cloud: Cloud | None, ctx: RuleContext) -> Iterable[Said]:
    """What the required certifications say of ``cloud`` (None: not identified)."""
    where = cloud.name if cloud else "the target cloud"
    for name, why in _required(ctx):
        version = level_table().least_version(name)
        wanted = f"{name} {version}" if version else name
        held = cloud.certification(name, version) if cloud else None
        if held is None:
            yield f"{wanted} is required ({why}); {where} does not hold it for the offering used"
        elif held.provenance.disputed:
            source = held.provenance
            yield Disputed(
                f"{wanted} is required ({why}); {where}'s is disputed",
                f"{source.note} Sources: {source.citation()}",
            )
        else:
            assert cloud is not None
            for condition in held.conditions:
                yield Conditional(
                    f"{cloud.id}/{condition.id}",
                    f"{held.name} on {cloud.name} holds only if {condition.text}",
                )


class CertificationForDataClass(CloudRule):
    """Health data needs an HDS-certified offering; defence data and seal-4 SecNumCloud 3.2.

    The data class is the context's (see :mod:`souverain.rules.context`), the same for the
    description and every resource of one run.
    """

    ID: ClassVar[str] = "SOV-006"
    TITLE: ClassVar[str] = "Certified for the data class and the level"
    RATIONALE: ClassVar[str] = (
        "Some data may only be hosted on certified offerings (HDS for French health data, "
        "SecNumCloud for sensitive public data), and full sovereignty needs a qualification "
        "that shows immunity from non-EU law. A certificate for another offering of the same "
        "provider does not count, and one that needs an option enabled counts only once "
        "it is."
    )
    REMEDIATION: ClassVar[str] = (
        "Choose a cloud certified for the offering used (souverain catalog --certification "
        "NAME), meet the conditions the report states (then list them under conditionsMet "
        "in the check config), or correct the data class or level."
    )

    def check_resource(self, resource: Judged, ctx: RuleContext) -> Iterable[Said]:
        """Check each provider object's cloud against what the level and data class need."""
        return judge_cloud(ctx.cloud_of(resource), ctx)

    def check_description(self, platform: Platform, ctx: RuleContext) -> Iterable[tuple[str, Said]]:
        """Check the stack's cloud against what the level and data class need."""
        cloud = ctx.catalog.get(ctx.cloud) if ctx.cloud else None
        for said in judge_cloud(cloud, ctx):
            yield "data_class", said
