"""A key generated inside Barbican, so its material never passes through Pulumi state."""

from __future__ import annotations

import pulumi
import pulumi_openstack as openstack

from souverain.conventions import Component
from souverain.model.ai_platform import Platform
from souverain.model.key import Key, KeyAlgorithm

_BARBICAN = {
    KeyAlgorithm.AES_256: ("key", "aes", 256, "cbc"),
    KeyAlgorithm.RSA_3072: ("asymmetric", "rsa", 3072, None),
    KeyAlgorithm.RSA_4096: ("asymmetric", "rsa", 4096, None),
    KeyAlgorithm.EC_P384: ("asymmetric", "ec", 384, None),
}


class KeyComponent(pulumi.ComponentResource):
    """A Barbican order for the described key; ``secret_ref`` is what protected parts reference."""

    secret_ref: pulumi.Output[str]
    label: str
    order: openstack.keymanager.OrderV1

    def __init__(
        self, platform: Platform, key: Key, protect: bool, opts: pulumi.ResourceOptions
    ) -> None:
        name = platform.physical_name(key.name)
        super().__init__(Component.KEY, name, None, opts)
        kind, algorithm, bits, mode = _BARBICAN[key.algorithm]
        order = openstack.keymanager.OrderV1(
            name,
            type=kind,
            meta=openstack.keymanager.OrderV1MetaArgs(
                name=name, algorithm=algorithm, bit_length=bits, mode=mode
            ),
            opts=pulumi.ResourceOptions(parent=self, protect=protect),
        )
        self.secret_ref = order.secret_ref if kind == "key" else order.container_ref
        self.label, self.order = name, order
        self.register_outputs({"secret_ref": self.secret_ref})
