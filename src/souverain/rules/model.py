"""What rules look at and what they say.

Rules judge resources through the vocabulary (their kind and facts), never through a
provider's type tokens or property names, so one rule covers every cloud a mapping file
describes, in the engine and offline alike. A rule is a small class with a stable ID and
two optional entry points: one per resource, one for the description itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from souverain.model.ai_platform import Platform
from souverain.vocabulary.judge import Judged
from souverain.vocabulary.kinds import Kind

if TYPE_CHECKING:
    from souverain.rules.context import RuleContext


@dataclass(frozen=True, order=True)
class Violation:
    """A rule finding: which rule, where (a URN or a description field path), and why.

    ``part`` is the description part it concerns (``buckets[0]``), when known: a
    resource names the part it implements through its ``souverain-part`` label.
    """

    rule: str
    location: str
    message: str
    resource_type: str = ""
    part: str = ""


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

    def check_resource(self, resource: Judged, ctx: RuleContext) -> Iterable[str]:
        """Messages for what is wrong with one applicable resource (none: it passes)."""
        return ()

    def check_description(self, platform: Platform, ctx: RuleContext) -> Iterable[tuple[str, str]]:
        """``(field path, message)`` for what is wrong in the description itself."""
        return ()


class CloudRule(Rule):
    """A rule about the cloud a resource runs on, judged once per provider object.

    It judges provider objects, and resources whose provider object is not visible;
    every other resource inherits the verdict on its provider object.
    """

    def applies_to(self, resource: Judged) -> bool:
        """Provider objects, and resources standing for their cloud."""
        return resource.stands_for_its_cloud
