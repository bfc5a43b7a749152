"""A hand-written OpenStack program: a container encrypted with a project key, SSH from a VPN.

It follows souverain's documented labels (souverain-platform, -data-class, -owner, and
souverain-encryption-key on a container) without using souverain itself.
"""

import pulumi
import pulumi_openstack as openstack

LABELS = {
    "souverain-platform": "training",
    "souverain-data-class": "confidential",
    "souverain-owner": "ml-team",
}
gra = openstack.Provider("gra", region="GRA11")
opts = pulumi.ResourceOptions(provider=gra)
key = openstack.keymanager.OrderV1(
    "data-key",
    type="key",
    meta=openstack.keymanager.OrderV1MetaArgs(algorithm="aes", bit_length=256, mode="cbc"),
    opts=pulumi.ResourceOptions(provider=gra, protect=True),
)
openstack.objectstorage.Container(
    "training-data",
    metadata={**LABELS, "souverain-encryption-key": key.secret_ref},
    opts=pulumi.ResourceOptions(provider=gra, protect=True),
)
group = openstack.networking.SecGroup(
    "gpu-nodes", tags=[f"{k}={v}" for k, v in LABELS.items()], opts=opts
)
openstack.networking.SecGroupRule(
    "ssh-from-vpn",
    direction="ingress",
    ethertype="IPv4",
    protocol="tcp",
    port_range_min=22,
    port_range_max=22,
    remote_ip_prefix="192.168.100.0/24",
    security_group_id=group.id,
    opts=opts,
)
