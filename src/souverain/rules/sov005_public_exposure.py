"""SOV-005: nothing is exposed to the Internet unless the description asks for it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from souverain.conventions import PUBLIC_ALLOWED, Marker
from souverain.model.ai_platform import Platform
from souverain.rules.context import RuleContext
from souverain.rules.model import Rule
from souverain.vocabulary.facts import FirewallRule
from souverain.vocabulary.judge import Judged
from souverain.vocabulary.kinds import Kind

ADMIN_PORTS = (22, 3389, 5985, 5986, 6443, 2379, 10250)
"""SSH, RDP, WinRM, the Kubernetes API, etcd and the kubelet."""


def admin_ports(ports: tuple[tuple[int, int], ...] | None) -> list[int]:
    """The administration ports within some port ranges (None: every port)."""
    if ports is None:
        return list(ADMIN_PORTS)
    return [p for p in ADMIN_PORTS if any(low <= p <= high for low, high in ports)]


class NoPublicExposure(Rule):
    """No public bucket, no administration port open to the world, no undescribed exposure."""

    ID: ClassVar[str] = "SOV-005"
    TITLE: ClassVar[str] = "No public exposure"
    RATIONALE: ClassVar[str] = (
        "A public bucket or an SSH port open to the Internet turns a sovereign platform into "
        "a public one; GPU nodes are a favourite target."
    )
    REMEDIATION: ClassVar[str] = (
        "Keep buckets private, allow administration ports from known ranges (a VPN) only, "
        "and expose nodes or services only through the description (public: true)."
    )
    KINDS: ClassVar[frozenset[Kind]] = frozenset(
        {
            Kind.BUCKET,
            Kind.DATABASE,
            Kind.FIREWALL,
            Kind.FIREWALL_RULE,
            Kind.PUBLIC_ADDRESS,
            Kind.EXPOSURE,
            Kind.INSTANCE,
            Kind.CLUSTER,
            Kind.VOLUME,
        }
    )

    def check_resource(self, resource: Judged, ctx: RuleContext) -> Iterable[str]:
        """Public buckets, world-open admin ports, exposures nobody described."""
        facts = resource.facts
        for rule in facts.firewall_rules:
            message = _world_open(rule)
            if message:
                yield message
        described = facts.marker(Marker.PUBLIC) == PUBLIC_ALLOWED
        if resource.kind is Kind.BUCKET:
            yield from (f"the bucket is public: {reason}" for reason in facts.public)
        elif resource.kind is Kind.PUBLIC_ADDRESS and not described:
            yield "a public address that the description did not ask for"
        elif not described:
            yield from (
                f"{reason}, which the description did not ask for" for reason in facts.public
            )

    def check_description(self, platform: Platform, ctx: RuleContext) -> Iterable[tuple[str, str]]:
        """Public buckets, and described ingress that opens admin ports to everyone."""
        for i, bucket in enumerate(platform.buckets):
            if bucket.public_read:
                yield f"buckets[{i}].public_read", f"bucket {bucket.name!r} is world-readable"
        for i, rule in enumerate(platform.network.ingress):
            ports = rule.port_range  # None for ICMP, which has no ports
            admin = [] if ports is None else admin_ports((ports,))
            for j, source in enumerate(rule.sources):
                if source.prefixlen == 0 and admin:
                    yield (
                        f"network.ingress[{i}].sources[{j}]",
                        f"{rule.description!r} opens administration ports {admin} to everyone",
                    )


def _world_open(rule: FirewallRule) -> str | None:
    if rule.direction != "ingress" or not rule.from_anywhere:
        return None
    ports = admin_ports(rule.ports)
    if not ports:
        return None
    where = f"{rule.at}: " if rule.at else ""
    return f"{where}administration ports {ports} are open to the whole Internet"
