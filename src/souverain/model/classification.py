"""How sensitive a platform's data is, and how much sovereignty it requires.

Both are ordered scales: rules compare them (``DataClass.HEALTH >= DataClass.PERSONAL``)
rather than matching exact values, so adding a stricter class tightens every rule at once.
"""

from __future__ import annotations

from enum import StrEnum


class _OrderedEnum(StrEnum):
    """A string enum whose members compare by declaration order (least to most strict)."""

    @property
    def rank(self) -> int:
        """Position on the scale, 0 for the least strict member."""
        return list(type(self)).index(self)

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank < other.rank


class DataClass(_OrderedEnum):
    """Data classification, from least to most sensitive.

    - ``public``: may be published; no confidentiality requirement.
    - ``internal``: the organisation's own working data.
    - ``confidential``: business secrets, model weights, customer contracts.
    - ``personal``: personal data under the GDPR.
    - ``health``: health data (GDPR art. 9; in France requires an HDS-certified host).
    - ``defence``: classified or defence-related data (national accreditation required).
    """

    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"
    PERSONAL = "personal"
    HEALTH = "health"
    DEFENCE = "defence"


class SovereigntyLevel(_OrderedEnum):
    """Required sovereignty, on the SEAL scale of the EU Cloud Sovereignty Framework v1.2.1.

    - ``seal-0``: no sovereignty requirement.
    - ``seal-1``: jurisdictional: EU law formally applies (an EU region of a non-EU company).
    - ``seal-2``: data sovereignty: EU law applicable and enforceable; keys held by the user.
    - ``seal-3``: digital resilience: EU-controlled provider, not exposed to non-EU
      extraterritorial law.
    - ``seal-4``: full sovereignty: EU control of technology, operations and supply chain.
    """

    SEAL_0 = "seal-0"
    SEAL_1 = "seal-1"
    SEAL_2 = "seal-2"
    SEAL_3 = "seal-3"
    SEAL_4 = "seal-4"
