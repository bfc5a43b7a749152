"""SOV-005: nothing is exposed to the Internet unless the description asks for it."""

from __future__ import annotations

from collections.abc import Iterable
from ipaddress import ip_network
from typing import Any, ClassVar

from souverain.model.ai_platform import Platform
from souverain.rules.context import RuleContext
from souverain.rules.model import ResourceView, Rule

ADMIN_PORTS = (22, 3389, 5985, 5986, 6443, 2379, 10250)
PUBLIC_ALLOWED_TAG = "souverain-public=allowed"
CONTAINER = "openstack:objectstorage/container:Container"
RULE = "openstack:networking/secGroupRule:SecGroupRule"
FLOATING_IP = "openstack:networking/floatingIp:FloatingIp"
S3_ACL = ("public-read", "public-read-write", "authenticated-read")


def _is_world(prefix: object) -> bool:
    try:
        return isinstance(prefix, str) and ip_network(prefix, strict=False).prefixlen == 0
    except ValueError:
        return False


def _admin_ports(low: Any, high: Any) -> list[int]:
    if low is None and high is None:
        return list(ADMIN_PORTS)
    first, last = int(low or 1), int(high or low or 65535)
    return [p for p in ADMIN_PORTS if first <= p <= last]


class NoPublicExposure(Rule):
    """No public buckets, no administration port open to the world, no stray public IPs."""

    ID: ClassVar[str] = "SOV-005"
    TITLE: ClassVar[str] = "No public exposure"
    RATIONALE: ClassVar[str] = (
        "A public bucket or an SSH port open to the Internet turns a sovereign platform into "
        "a public one; GPU nodes are a favourite target."
    )
    REMEDIATION: ClassVar[str] = (
        "Keep buckets private, allow administration ports from known ranges (a VPN) only, "
        "and give GPU nodes public addresses only through the description (public: true)."
    )
    RESOURCE_TYPES: ClassVar[tuple[str, ...]] = (
        CONTAINER,
        RULE,
        FLOATING_IP,
        "aws:s3/bucket*:*",
        "aws:ec2/securityGroup*:*",
    )

    def check_resource(self, resource: ResourceView, ctx: RuleContext) -> Iterable[str]:
        """Public read ACLs, world-open admin ports, public IPs nobody described."""
        props = resource.props
        if resource.type == CONTAINER and ".r:*" in str(props.get("containerRead") or ""):
            yield "the container is world-readable (containerRead .r:*)"
        elif resource.type == RULE and props.get("direction") == "ingress":
            if _is_world(props.get("remoteIpPrefix")):
                ports = _admin_ports(props.get("portRangeMin"), props.get("portRangeMax"))
                if ports:
                    yield f"administration ports {ports} are open to the whole Internet"
        elif resource.type == FLOATING_IP:
            if PUBLIC_ALLOWED_TAG not in (props.get("tags") or []):
                yield "a public address that the description did not ask for"
        elif resource.type.startswith("aws:s3/bucket") and props.get("acl") in S3_ACL:
            yield f"the bucket ACL {props.get('acl')!r} makes it readable from outside"
        elif resource.type.startswith("aws:ec2/securityGroup"):
            for rule in props.get("ingress") or [props]:
                if any(_is_world(c) for c in rule.get("cidrBlocks") or []):
                    ports = _admin_ports(rule.get("fromPort"), rule.get("toPort"))
                    if ports:
                        yield f"administration ports {ports} are open to the whole Internet"

    def check_description(self, platform: Platform, ctx: RuleContext) -> Iterable[tuple[str, str]]:
        """Public buckets, and described ingress that opens admin ports to everyone."""
        for i, bucket in enumerate(platform.buckets):
            if bucket.public_read:
                yield f"buckets[{i}].public_read", f"bucket {bucket.name!r} is world-readable"
        for i, rule in enumerate(platform.network.ingress):
            ports = rule.port_range
            world = [j for j, s in enumerate(rule.sources) if s.prefixlen == 0]
            admin = _admin_ports(*(ports or (None, None)))
            for j in world:
                if admin:
                    yield (
                        f"network.ingress[{i}].sources[{j}]",
                        f"{rule.description!r} opens administration ports {admin} to everyone",
                    )
