"""Look-ups in the target cloud, made while the program runs, with errors a user can act on.

They are synchronous on purpose: a failing look-up (wrong credentials, an unreachable
cloud, a missing external network or image) then stops the program at once with one
plain message, instead of a traceback from deep inside the Pulumi runtime.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi
import pulumi_openstack as openstack

from souverain.errors import SouverainError


def _checked(what: str, hint: str, call: Callable[[], Any]) -> str:
    try:
        return str(call().id)
    except Exception as error:  # the SDK raises plain Exceptions for failed invokes
        cause = str(error).strip().splitlines()[-1].strip(" *\t")
        raise SouverainError(f"{what} failed: {cause}. {hint}") from None


def external_network_id(name: str, parent: pulumi.Resource) -> str:
    """The ID of the external network routers use as gateway."""
    return _checked(
        f"looking up the external network {name!r}",
        "Check souverain:openstack.externalNetwork (openstack network list --external), the "
        "clouds.yaml entry in souverain:openstack.cloud, and that the cloud can be reached.",
        lambda: openstack.networking.get_network(
            name=name, opts=pulumi.InvokeOptions(parent=parent)
        ),
    )


def image_id(name: str, provider: pulumi.ProviderResource) -> str:
    """The ID of the newest image called ``name``.

    Looked up once per image and deployment, not per pool: each synchronous look-up pumps
    the event loop outside of any task, which made a plan of thousands of nodes cost a
    third more than the same resources with one look-up.
    """
    return _checked(
        f"looking up the image {name!r}",
        "Check the pool's image name (openstack image list) and the cloud's credentials.",
        lambda: openstack.images.get_image(
            name=name, most_recent=True, opts=pulumi.InvokeOptions(provider=provider)
        ),
    )
