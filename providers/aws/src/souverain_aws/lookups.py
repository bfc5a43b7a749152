"""Look-ups in the target account, made while the program runs, with errors a user can act on.

They are synchronous on purpose, as the OpenStack adapter's are: a failing look-up (no
credentials, a wrong region, an image that does not exist there) stops the program at
once with one plain message, instead of a traceback from deep inside the Pulumi runtime.
"""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from souverain.errors import SouverainError
from souverain_aws.options import AwsOptions


def ami_id(image: str, options: AwsOptions, provider: pulumi.ProviderResource) -> str:
    """The AMI a pool boots: an id the stack maps the image to, else the newest matching name.

    Looked up once per image and deployment, not per pool: each synchronous look-up pumps
    the event loop outside of any task, which is slow once thousands of nodes are queued.
    """
    mapped = options.images.get(image, image)
    if mapped.startswith("ami-"):
        return mapped
    try:
        found = aws.ec2.get_ami(
            most_recent=True,
            owners=list(options.image_owners),
            filters=[aws.ec2.GetAmiFilterArgs(name="name", values=[mapped])],
            opts=pulumi.InvokeOptions(provider=provider),
        )
    except Exception as error:  # the SDK raises plain Exceptions for failed invokes
        cause = str(error).strip().splitlines()[-1].strip(" *\t")
        raise SouverainError(
            f"looking up the AMI for image {image!r} (name {mapped!r}, owners "
            f"{', '.join(options.image_owners)}) failed: {cause}. Map the image to an AMI "
            "in souverain:aws.images, check souverain:aws.imageOwners, and the credentials."
        ) from None
    return str(found.id)
