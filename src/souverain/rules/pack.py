"""The rules as Pulumi policies, for the policy pack in ``policies/``.

Each rule is one stack policy that runs exactly what `souverain check` runs: the rule over
the description recorded on the platform component and over every resource, judged
through the vocabulary, with attached resources (an S3 encryption configuration, say)
merged into what they attach to. Two more advisory policies: ``sov-coverage`` names the
resources no mapping knows, so nothing passes unjudged; ``sov-notes`` states the
conditions passes depend on, and the findings resting on a disputed fact that the level
enforces less strictly than their rule (the engine gives one enforcement per policy).

Only the pack's own ``__main__.py`` constructs the ``PolicyPack`` (its constructor serves
the engine and never returns); this module only builds the policies, so tests can call
them directly with engine-shaped arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    Policy,
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.proxy import UnknownValueError
from pydantic import ValidationError

from souverain.conventions import PLATFORM_TYPE
from souverain.errors import SouverainError, problems_from_validation
from souverain.model.ai_platform import Platform
from souverain.rules.catalogue import RULES
from souverain.rules.config import CheckConfig, inline_schema
from souverain.rules.evaluate import enforcement_of, judgement_of
from souverain.rules.levels import Enforcement
from souverain.rules.model import Rule, Violation
from souverain.vocabulary.facts import UNKNOWN
from souverain.vocabulary.judge import Judged, judge
from souverain.vocabulary.views import PROVIDER_PREFIX, ProviderView, ResourceView

COVERAGE_POLICY = "sov-coverage"
NOTES_POLICY = "sov-notes"
_ENGINE_LEVELS = {
    Enforcement.MANDATORY: EnforcementLevel.MANDATORY,
    Enforcement.ADVISORY: EnforcementLevel.ADVISORY,
    Enforcement.DISABLED: EnforcementLevel.DISABLED,
}


def policy_name(rule: type[Rule]) -> str:
    """The policy name of a rule in the pack (``sov-001``)."""
    return rule.ID.lower()


def _schema() -> PolicyConfigSchema:
    schema = inline_schema()
    return PolicyConfigSchema(properties=schema["properties"])


def plain(value: Any) -> Any:
    """Engine property values as plain data, unknowns replaced by the offline plan's marker.

    The engine hands policies read-through proxies that raise on unknown values; rules
    and models want dicts and lists, and see unknowns the same way offline and in the
    engine.
    """
    if isinstance(value, Mapping):
        return {key: _known(value, key) for key in value}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [_known(value, index) for index in range(len(value))]
    return value


def _known(container: Any, key: Any) -> Any:
    try:
        return plain(container[key])
    except UnknownValueError:
        return UNKNOWN


def view_of(resource: PolicyResource) -> ResourceView:
    """The engine's view of a resource, as the vocabulary reads it."""
    provider = resource.provider
    return ResourceView(
        urn=resource.urn,
        type=resource.resource_type,
        name=resource.name,
        props=plain(resource.props),
        protect=bool(resource.opts.protect),
        provider=ProviderView(provider.urn, provider.resource_type, plain(provider.props))
        if provider
        else None,
        # The engine gives every custom resource a provider (a default one if need be), so a
        # resource without one is a component, and a provider object is custom.
        custom=provider is not None or resource.resource_type.startswith(PROVIDER_PREFIX),
        property_dependencies={
            key: tuple(dep.urn for dep in deps)
            for key, deps in resource.property_dependencies.items()
        },
    )


def recorded_description(resources: Sequence[PolicyResource]) -> tuple[Platform | None, str]:
    """The description on the platform component (None without one), and that component's URN."""
    for resource in resources:
        if resource.resource_type == PLATFORM_TYPE:
            data = plain(resource.props).get("description")
            try:
                return Platform.model_validate(data), resource.urn
            except ValidationError as error:
                raise SouverainError(
                    "the recorded description does not validate",
                    problems_from_validation(error),
                ) from None
    return None, ""


def _judged(args: StackValidationArgs) -> tuple[list[Judged], Platform | None, str]:
    platform, root = recorded_description(args.resources)
    return judge([view_of(r) for r in args.resources]), platform, root


def _rule_validator(rule: type[Rule]) -> Callable[[StackValidationArgs, ReportViolation], None]:
    def validate(args: StackValidationArgs, report: ReportViolation) -> None:
        try:
            resources, platform, root = _judged(args)
        except SouverainError:
            return  # the coverage policy reports it once
        settings = _settings(args)
        ctx = settings.context(platform)
        level = ctx.enforcement(rule.ID)
        judged = judgement_of(rule(), resources, platform, ctx, settings.state)
        for violation in judged.violations:
            if enforcement_of(violation, level, ctx) is level:
                _report(report, rule.ID, violation.location, _text(violation), root)

    return validate


def _settings(args: StackValidationArgs) -> CheckConfig:
    """The policy's config: the check config `souverain policy-config` wrote, state included."""
    settings = {k: v for k, v in (args.get_config() or {}).items() if k != "enforcementLevel"}
    return CheckConfig.model_validate(settings)


def _text(violation: Violation) -> str:
    return violation.message + (f" [disputed: {violation.dispute}]" if violation.dispute else "")


def _report(report: ReportViolation, rule_id: str, location: str, text: str, root: str) -> None:
    if location.startswith("urn:"):
        report(f"[{rule_id}] {text}", location)
    elif location.startswith("state."):
        report(f"[{rule_id}] {location}: {text}", None)
    else:
        report(f"[{rule_id}] {location}: {text}", root or None)


def _notes(args: StackValidationArgs, report: ReportViolation) -> None:
    """Conditions passes depend on; disputed findings weaker than their rule's policy."""
    try:
        resources, platform, root = _judged(args)
    except SouverainError:
        return  # the coverage policy reports it
    settings = _settings(args)
    ctx = settings.context(platform)
    for rule in RULES:
        level = ctx.enforcement(rule.ID)
        if level is Enforcement.DISABLED:
            continue
        judged = judgement_of(rule(), resources, platform, ctx, settings.state)
        for violation in judged.violations:
            if enforcement_of(violation, level, ctx) is not level:
                _report(report, rule.ID, violation.location, _text(violation), root)
        for condition in judged.conditions:
            state = "stated met" if condition.met else "to meet"
            text = f"condition {condition.condition} ({state}): {condition.message}"
            _report(report, rule.ID, condition.location, text, root)


def _coverage(args: StackValidationArgs, report: ReportViolation) -> None:
    try:
        resources, _, _ = _judged(args)
    except SouverainError as error:
        report(error.render(), None)
        return
    for resource in resources:
        if resource.not_judged:
            report(
                f"not judged: no mapping knows {resource.type}, so no rule could judge it",
                resource.urn,
            )


def build_policies() -> list[Policy]:
    """One stack policy per rule, and the coverage policy.

    Without a ``--policy-pack-config``, each policy is enforced as the default level
    (:data:`DEFAULT_LEVEL`) enforces its rule, as `souverain check` would.
    """
    schema = _schema()
    default = CheckConfig().context()
    policies: list[Policy] = [
        StackValidationPolicy(
            name=policy_name(rule),
            description=f"{rule.TITLE}. {rule.RATIONALE}",
            validate=_rule_validator(rule),
            config_schema=schema,
            enforcement_level=_ENGINE_LEVELS[default.enforcement(rule.ID)],
            remediation_steps=rule.REMEDIATION,
        )
        for rule in RULES
    ]
    policies.append(
        StackValidationPolicy(
            name=NOTES_POLICY,
            description="Conditions a pass depends on (an option to enable), and findings "
            "resting on a disputed fact that the level only reports.",
            validate=_notes,
            config_schema=schema,
            enforcement_level=EnforcementLevel.ADVISORY,
        )
    )
    policies.append(
        StackValidationPolicy(
            name=COVERAGE_POLICY,
            description="Resources of types no mapping knows are reported, never passed.",
            validate=_coverage,
            config_schema=schema,
            enforcement_level=EnforcementLevel.ADVISORY,
        )
    )
    return policies


def engine_config(config: CheckConfig, level: str) -> dict[str, dict[str, Any]]:
    """A ``--policy-pack-config`` document: per-policy enforcement from the level, plus context."""
    ctx = config.model_copy(update={"level": level}).context()
    shared = config.model_dump(mode="json", by_alias=True, exclude_none=True)
    shared["level"] = str(ctx.level)
    document: dict[str, dict[str, Any]] = {
        policy_name(rule): {
            "enforcementLevel": _ENGINE_LEVELS[ctx.enforcement(rule.ID)].value,
            **shared,
        }
        for rule in RULES
    }
    for name in (NOTES_POLICY, COVERAGE_POLICY):
        document[name] = {"enforcementLevel": EnforcementLevel.ADVISORY.value, **shared}
    return document
