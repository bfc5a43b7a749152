"""The kinds of resources rules know about, small on purpose.

A kind says what a resource is for sovereignty purposes, whatever cloud it is on: an S3
bucket, a Swift container and a Google Cloud Storage bucket are all a ``bucket``.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What a resource is.

    - ``provider``: a provider object, the cloud account or cluster resources go through.
    - ``network``, ``subnet``, ``router``: private networking.
    - ``firewall``: a security group or network policy that holds rules.
    - ``firewall-rule``: one rule allowing traffic (standalone or inside a firewall).
    - ``public-address``: an address reachable from the Internet (floating or elastic IP).
    - ``instance``: a virtual or bare-metal machine, GPU nodes included.
    - ``volume``: block storage.
    - ``bucket``: object storage.
    - ``database``: a managed database (SQL, document or key-value store).
    - ``key``: a key in a key manager; ``secret``: a secret in a secret store.
    - ``workload``: containers run by an orchestrator (pod, deployment, job...).
    - ``exposure``: a way in from outside (load balancer, node port, ingress).
    - ``cluster``: a managed Kubernetes cluster or node pool.
    - ``namespace``: a grouping of resources (namespace, resource group, project).
    - ``other``: known, with nothing to judge beyond the cloud it runs on.
    """

    PROVIDER = "provider"
    NETWORK = "network"
    SUBNET = "subnet"
    ROUTER = "router"
    FIREWALL = "firewall"
    FIREWALL_RULE = "firewall-rule"
    PUBLIC_ADDRESS = "public-address"
    INSTANCE = "instance"
    VOLUME = "volume"
    BUCKET = "bucket"
    DATABASE = "database"
    KEY = "key"
    SECRET = "secret"
    WORKLOAD = "workload"
    EXPOSURE = "exposure"
    CLUSTER = "cluster"
    NAMESPACE = "namespace"
    OTHER = "other"


DATA_BEARING = frozenset({Kind.BUCKET, Kind.DATABASE, Kind.VOLUME, Kind.KEY, Kind.SECRET})
"""Kinds whose loss loses data: protected from deletion by default (SOV-008)."""
