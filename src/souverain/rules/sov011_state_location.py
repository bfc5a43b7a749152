"""SOV-011: the stack's Pulumi state and the keys of its secrets stay under allowed law."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from souverain.rules.context import RuleContext
from souverain.rules.model import Conditional, Rule, Said
from souverain.state import (
    BACKEND_SETTING,
    SECRETS_SETTING,
    Place,
    StateSettings,
    locate_backend,
    locate_secrets,
)

VAULT_CONDITION = "state/vault-location"


class StateInAllowedJurisdiction(Rule):
    """Judge the backend URL and the secrets provider as the engine would use them."""

    ID: ClassVar[str] = "SOV-011"
    TITLE: ClassVar[str] = "State and secrets kept under allowed jurisdiction"
    RATIONALE: ClassVar[str] = (
        "A stack's state holds every resource's inputs and outputs, and its secrets are "
        "only as safe as the keys that encrypt them. A platform on a sovereign cloud whose "
        "state or keys sit with a company under non-EU law is not sovereign."
    )
    REMEDIATION: ClassVar[str] = (
        "Keep the state in a file backend or in S3-compatible storage of a catalogued "
        "European cloud (backend.url in Pulumi.yaml, e.g. "
        "s3://BUCKET?endpoint=s3.gra.io.cloud.ovh.net&region=gra), and encrypt secrets "
        "with a passphrase (pulumi stack change-secrets-provider passphrase)."
    )

    def check_state(self, state: StateSettings, ctx: RuleContext) -> Iterable[tuple[str, Said]]:
        """Place the backend and the secrets provider, and judge each place."""
        backend = locate_backend(state, ctx.catalog)
        secrets = locate_secrets(state, backend, ctx.catalog)
        for location, place, holds in (
            (BACKEND_SETTING, backend, "every resource's inputs and outputs"),
            (SECRETS_SETTING, secrets, "the keys that decrypt the stack's secrets"),
        ):
            for said in _judge(place, holds, ctx):
                yield location, said


def _judge(place: Place, holds: str, ctx: RuleContext) -> Iterable[Said]:
    if place.own:
        return
    if place.condition is not None:
        yield Conditional(VAULT_CONDITION, place.condition)
        return
    allowed = ", ".join(ctx.spec.jurisdictions)
    subject = f"{place.service} ({place.origin}) holds {holds}"
    if place.company is None:
        yield f"{subject}, but {place.unknown or 'who runs it is not known'}; allowed: {allowed}"
        return
    company = place.company
    if company.jurisdiction not in ctx.spec.jurisdictions:
        laws = ", ".join(company.extraterritorial_laws)
        reach = f", reachable by {laws}" if laws else ""
        yield (
            f"{subject}: it is run by {company.name} under "
            f"{company.jurisdiction.upper()} jurisdiction{reach}; level {ctx.level} "
            f"allows {allowed}"
        )
    countries = ctx.allowed_countries
    if place.country and countries and place.country not in countries:
        yield (
            f"{subject}: region {place.region} is in {place.country}, outside the countries "
            f"level {ctx.level} allows"
        )
