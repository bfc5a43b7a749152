"""SOV-010: the required sovereignty level is high enough for the data class."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from souverain.model.ai_platform import Platform
from souverain.rules.context import RuleContext
from souverain.rules.levels import level_table
from souverain.rules.model import Rule


class LevelFitsDataClass(Rule):
    """Health data calls for seal-3 or more, defence data for seal-4, personal data for seal-2."""

    ID: ClassVar[str] = "SOV-010"
    TITLE: ClassVar[str] = "Sovereignty level fits the data class"
    RATIONALE: ClassVar[str] = (
        "A description that declares health data but asks for little sovereignty is "
        "usually a mistake in one of the two."
    )
    REMEDIATION: ClassVar[str] = "Raise 'sovereignty' or correct 'data_class'."

    def check_description(self, platform: Platform, ctx: RuleContext) -> Iterable[tuple[str, str]]:
        """Compare the declared level with the data class's minimum."""
        needed = level_table().data_classes[platform.data_class].min_level
        if platform.sovereignty < needed:
            yield (
                "sovereignty",
                f"{platform.data_class} data calls for {needed} or more; "
                f"the description asks for {platform.sovereignty}",
            )
