"""What rules look at and what they say.

Rules judge resources through the vocabulary (their kind and facts), never through a
provider's type tokens or property names, so one rule covers every cloud a mapping file
describes, in the engine and offline alike. A rule is a small class with a stable ID and
three optional entry points: one per resource, one for the description itself, one for
the stack's settings that live outside any resource (where its state and secrets are).

A rule says a plain message for a violation; :class:`Disputed` for a violation that rests
on a fact the sources disagree on (its enforcement follows the level's policy for
disputes); :class:`Conditional` for a pass that holds only if the user does something
(enable an option), which every report states.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from souverain.model.ai_platform import Platform
from souverain.state import StateSettings
from souverain.vocabulary.judge import Judged
from souverain.vocabulary.kinds import Kind

if TYPE_CHECKING:
    from souverain.rules.context import RuleContext


@dataclass(frozen=True)
class Disputed:
    """A violation resting on a disputed catalog fact: what is wrong, and the dispute.

    ``dispute`` names both sides and their sources, so a reader can judge it.
    """

    message: str
    dispute: str


@dataclass(frozen=True)
class Conditional:
    """A pass that holds only under a condition: its id (``cloud/condition``) and what to do."""

    condition: str
    message: str


Said = str | Disputed | Conditional
"""What a rule says about one target."""


@dataclass(frozen=True, order=True)
class Violation:
    """A rule finding: which rule, where (a URN or a description field path), and why.

    ``part`` is the description part it concerns (``buckets[0]``), when known: a
    resource names the part it implements through its ``souverain-part`` label.
    ``dispute`` is set when the finding rests on a disputed fact: both sides and sources.
    """

    rule: str
    location: str
    message: str
    resource_type: str = ""
    part: str = ""
    dispute: str = ""


@dataclass(frozen=True, order=True)
class Condition:
    """A condition a pass depends on, where it was found, and whether the user says it is met."""

    rule: str
    condition: str
    message: str
    location: str
    met: bool


class Rule:
    """Base of every rule. Subclasses set the class attributes and override what applies.

    ``KINDS`` are the kinds :meth:`check_resource` looks at; rules about the cloud itself
    override :meth:`applies_to` instead.
    """

    ID: ClassVar[str]
    TITLE: ClassVar[str]
    RATIONALE: ClassVar[str]
    REMEDIATION: ClassVar[str]
    KINDS: ClassVar[frozenset[Kind]] = frozenset()

    def applies_to(self, resource: Judged) -> bool:
        """Whether the rule judges this resource: by default, when its kind is one of ours."""
        return resource.kind in self.KINDS

    def check_resource(self, resource: Judged, ctx: RuleContext) -> Iterable[Said]:
        """What is wrong with one applicable resource, or what its pass depends on."""
        return ()

    def check_description(self, platform: Platform, ctx: RuleContext) -> Iterable[tuple[str, Said]]:
        """``(field path, what is said)`` about the description itself."""
        return ()

    def check_state(self, state: StateSettings, ctx: RuleContext) -> Iterable[tuple[str, Said]]:
        """``(setting, what is said)`` about where the stack's state and secrets live.

        Settings are named ``state.backend`` and ``state.secretsprovider``.
        """
        return ()


class CloudRule(Rule):
    """A rule about the cloud a resource runs on, judged once per provider object.

    It judges provider objects, and resources whose provider object is not visible;
    every other resource inherits the verdict on its provider object.
    """

    def applies_to(self, resource: Judged) -> bool:
        """Provider objects, and resources standing for their cloud."""
        return resource.stands_for_its_cloud
