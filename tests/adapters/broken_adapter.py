"""An adapter that breaks every promise the conformance suite checks, to show it can fail.

It claims to support everything, yet drops fields, labels nothing, protects nothing,
gives every node a public address nobody asked for, gives nodes random names in the cloud,
keeps no component per part, and registers a resource of a type no mapping knows.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

import pulumi
import pulumi_openstack as openstack

from souverain.adapters.contract import Adapter, KeyHandle, KeyRing
from souverain.adapters.features import Feature
from souverain.model.ai_platform import Platform
from souverain.target import Pillar, Target


class BrokenAdapter(Adapter):
    """Everything wrong, on purpose."""

    name: ClassVar[str] = "broken"
    speaks: ClassVar[frozenset[str]] = frozenset({"openstack"})
    pillars: ClassVar[frozenset[Pillar]] = frozenset(Pillar)

    def unsupported_features(self, target: Target) -> dict[Feature, str]:
        return {}

    def deploy(
        self,
        platform: Platform,
        target: Target,
        pillars: frozenset[Pillar],
        root: pulumi.Resource,
        keys: KeyRing,
    ) -> None:
        provider = openstack.Provider(
            "broken", region=target.region, opts=pulumi.ResourceOptions(parent=root)
        )
        opts = pulumi.ResourceOptions(parent=root, providers=[provider])
        openstack.networking.Network("net", name="net", opts=opts)
        for pool in platform.gpu_pools:
            for index in range(pool.min_nodes):
                node = f"{pool.name}-{index}"
                random_name = f"{node}-{uuid.uuid4().hex[:6]}"
                openstack.compute.Instance(node, name=random_name, image_name=pool.image, opts=opts)
                openstack.networking.FloatingIp(f"{node}-ip", pool="public", opts=opts)
        for bucket in platform.buckets:
            openstack.objectstorage.Container(
                bucket.name, name=bucket.name, versioning=True, opts=opts
            )
        for key in platform.keys:
            keys[key.name] = KeyHandle(key.name, self.name, "none", "none")
        pulumi.CustomResource("broken:index:Thing", "thing", {}, opts)

    @classmethod
    def example_target(cls) -> Target:
        return Target(adapter=cls.name, cloud="generic-openstack", region="RegionOne")
