"""SOV-008: data-bearing resources are protected from accidental deletion."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from souverain.rules.context import RuleContext
from souverain.rules.model import Rule
from souverain.vocabulary.judge import Judged
from souverain.vocabulary.kinds import DATA_BEARING, Kind


class DataProtection(Rule):
    """Buckets, keys, secrets and volumes carry Pulumi's protect flag or the cloud's own."""

    ID: ClassVar[str] = "SOV-008"
    TITLE: ClassVar[str] = "Data-bearing resources are protected"
    RATIONALE: ClassVar[str] = (
        "A rename or a careless destroy must not delete a dataset or the key that decrypts it."
    )
    REMEDIATION: ClassVar[str] = (
        "Keep souverain:protectData true (or set protect on the resource); unprotect "
        "explicitly only to retire data."
    )
    KINDS: ClassVar[frozenset[Kind]] = DATA_BEARING

    def check_resource(self, resource: Judged, ctx: RuleContext) -> Iterable[str]:
        """Unprotected data-bearing resources."""
        if not resource.protected:
            yield "not protected: a delete or replace would destroy data"
