"""The rules as Pulumi policies, for the policy pack in ``policies/``.

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
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.proxy import UnknownValueError
from pydantic import ValidationError

from souverain.deploy import PLATFORM_TYPE
from souverain.model.ai_platform import Platform
from souverain.plan.wire import COMPUTED
from souverain.rules.catalogue import RULES
from souverain.rules.config import CheckConfig
from souverain.rules.context import RuleContext
from souverain.rules.levels import Enforcement, resolve_level
from souverain.rules.model import ProviderView, ResourceView, Rule

DEFAULT_LEVEL = "european"
DESCRIPTION_POLICY = "sov-description"
_CONFIG_SCHEMA = PolicyConfigSchema(
    properties={
        "level": {"type": "string"},
        "dataClass": {"type": "string"},
        "cloud": {"type": "string"},
        "region": {"type": "string"},
        "allowedImages": {"type": "array", "items": {"type": "string"}},
        "allowedRegistries": {"type": "array", "items": {"type": "string"}},
        "rules": {"type": "object", "additionalProperties": {"type": "string"}},
    }
)
_ENGINE_LEVELS = {
    Enforcement.MANDATORY: EnforcementLevel.MANDATORY,
    Enforcement.ADVISORY: EnforcementLevel.ADVISORY,
    Enforcement.DISABLED: EnforcementLevel.DISABLED,
}


def policy_name(rule: type[Rule]) -> str:
    """The policy name of a rule in the pack (``sov-001``)."""
    return rule.ID.lower()


def context_from(config: Mapping[str, Any] | None, data_class: str | None = None) -> RuleContext:
    """The rule context from one policy's config (the engine passes each policy its own)."""
    settings = {k: v for k, v in (config or {}).items() if k != "enforcementLevel"}
    parsed = CheckConfig.model_validate(settings)
    return RuleContext(
        level=resolve_level(parsed.level or DEFAULT_LEVEL),
        data_class=parsed.data_class or (data_class or None),  # type: ignore[arg-type]
        cloud=parsed.cloud,
        region=parsed.region,
        allowed_images=tuple(parsed.allowed_images),
        allowed_registries=tuple(parsed.allowed_registries),
        overrides=parsed.rules,
    )


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
        return COMPUTED


def view_of(args: ResourceValidationArgs) -> ResourceView:
    """The engine's view of a resource, as rules read it."""
    provider = args.provider
    return ResourceView(
        urn=args.urn,
        type=args.resource_type,
        name=args.name,
        props=plain(args.props),
        protect=bool(args.opts.protect),
        provider=ProviderView(provider.urn, provider.resource_type, plain(provider.props))
        if provider
        else None,
        # The engine gives every custom resource a provider (a default one if need be), so a
        # resource without one is a component, and a provider object is custom.
        custom=provider is not None or args.resource_type.startswith("pulumi:providers:"),
    )


def _resource_validator(
    rule: type[Rule],
) -> Callable[[ResourceValidationArgs, ReportViolation], None]:
    def validate(args: ResourceValidationArgs, report: ReportViolation) -> None:
        instance = rule()
        view = view_of(args)
        if not instance.applies_to(view):
            return
        labels = view.props.get("metadata") or {}
        ctx = context_from(
            args.get_config(),
            labels.get("souverain-data-class") if isinstance(labels, dict) else None,
        )
        for message in instance.check_resource(view, ctx):
            report(f"[{rule.ID}] {message}", args.urn)

    return validate


def _description_validator(args: StackValidationArgs, report: ReportViolation) -> None:
    ctx = context_from(args.get_config())
    for resource in args.resources:
        if resource.resource_type != PLATFORM_TYPE:
            continue
        try:
            platform = Platform.model_validate(plain(resource.props).get("description"))
        except ValidationError as error:
            report(f"the recorded description does not validate: {error}", resource.urn)
            continue
        for rule in RULES:
            # This policy blocks, so it reports only the rules that are mandatory here.
            if ctx.enforcement(rule.ID) is not Enforcement.MANDATORY:
                continue
            for path, message in rule().check_description(platform, ctx):
                report(f"[{rule.ID}] {path}: {message}", resource.urn)


def build_policies() -> list[Policy]:
    """One resource policy per rule with resource checks, and one for the description."""
    policies: list[Policy] = [
        ResourceValidationPolicy(
            name=policy_name(rule),
            description=f"{rule.TITLE}. {rule.RATIONALE}",
            validate=_resource_validator(rule),
            config_schema=_CONFIG_SCHEMA,
            remediation_steps=rule.REMEDIATION,
        )
        for rule in RULES
        if rule.RESOURCE_TYPES
    ]
    policies.append(
        StackValidationPolicy(
            name=DESCRIPTION_POLICY,
            description="Rules on the description itself, where nothing is unknown yet.",
            validate=_description_validator,
            config_schema=_CONFIG_SCHEMA,
        )
    )
    return policies


def engine_config(ctx_config: CheckConfig, level: str) -> dict[str, dict[str, Any]]:
    """A ``--policy-pack-config`` document: per-policy enforcement from the level, plus context."""
    ctx = RuleContext(level=resolve_level(level), overrides=ctx_config.rules)
    shared = ctx_config.model_dump(mode="json", by_alias=True, exclude_none=True)
    shared["level"] = str(ctx.level)
    document: dict[str, dict[str, Any]] = {}
    for rule in RULES:
        if not rule.RESOURCE_TYPES:
            continue
        document[policy_name(rule)] = {
            "enforcementLevel": _ENGINE_LEVELS[ctx.enforcement(rule.ID)].value,
            **shared,
        }
    document[DESCRIPTION_POLICY] = {"enforcementLevel": EnforcementLevel.MANDATORY.value, **shared}
    return document
