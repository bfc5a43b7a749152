"""Resources of a captured plan as policies see them, and the description it deployed."""

from __future__ import annotations

from pydantic import ValidationError

from souverain.conventions import PLATFORM_TYPE
from souverain.errors import SouverainError, problems_from_validation
from souverain.model.ai_platform import Platform
from souverain.plan.model import Plan
from souverain.vocabulary.views import ProviderView, ResourceView


def resource_views(plan: Plan) -> list[ResourceView]:
    """Every planned resource with its provider object resolved, in URN order."""
    by_urn = {r.urn: r for r in plan.resources}
    views = []
    for resource in plan.resources:
        provider = by_urn.get(resource.provider) if resource.provider else None
        views.append(
            ResourceView(
                urn=resource.urn,
                type=resource.type,
                name=resource.name,
                props=resource.inputs,
                protect=resource.protect,
                provider=ProviderView(provider.urn, provider.type, provider.inputs)
                if provider
                else None,
                custom=resource.custom,
                property_dependencies={
                    key: tuple(urns) for key, urns in resource.property_dependencies.items()
                },
            )
        )
    return views


def deployed_description(plan: Plan) -> Platform | None:
    """The description recorded on the plan's platform component, if the program has one."""
    roots = plan.of_type(PLATFORM_TYPE)
    if not roots:
        return None
    try:
        return Platform.model_validate(roots[0].inputs.get("description"))
    except ValidationError as error:
        raise SouverainError(
            "the plan's recorded description does not validate", problems_from_validation(error)
        ) from None
