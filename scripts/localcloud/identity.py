"""Register services, endpoints and service users in Keystone; create the demo project."""

from __future__ import annotations

from typing import Any

from config import ADMIN_PASSWORD, REGION, SERVICE_PASSWORD, url

SERVICES = {
    # name: (type, endpoint URL)
    "barbican": ("key-manager", url("barbican")),
    "swift": ("object-store", url("swift", "/v1/AUTH_%(project_id)s")),
    "neutron": ("network", url("neutron")),
    "placement": ("placement", url("placement")),
    "nova": ("compute", url("nova", "/v2.1")),
    "glance": ("image", url("glance")),
}
DEMO_PROJECT, DEMO_USER, DEMO_PASSWORD = "souverain", "souverain", "souverain-demo"


def admin_connection() -> Any:
    """An openstacksdk connection as the bootstrap admin."""
    import openstack

    return openstack.connect(
        auth_url=url("keystone", "/v3"), username="admin", password=ADMIN_PASSWORD,
        project_name="admin", user_domain_name="Default", project_domain_name="Default",
        region_name=REGION,
    )  # fmt: skip


def register(services: list[str]) -> None:
    """Idempotently create the service project, users, services and endpoints, and the demo user."""
    conn = admin_connection()
    identity = conn.identity
    admin_role = identity.find_role("admin")
    member = identity.find_role("member") or identity.create_role(name="member")
    service_project = identity.find_project("service") or identity.create_project(
        name="service", domain_id="default"
    )
    for name in services:
        kind, endpoint = SERVICES[name]
        user = identity.find_user(name) or identity.create_user(
            name=name, password=SERVICE_PASSWORD, domain_id="default"
        )
        identity.assign_project_role_to_user(service_project, user, admin_role)
        service = identity.find_service(name) or identity.create_service(name=name, type=kind)
        existing = {e.interface for e in identity.endpoints(service_id=service.id)}
        for interface in ("public", "internal", "admin"):
            if interface not in existing:
                identity.create_endpoint(
                    service_id=service.id, interface=interface, url=endpoint, region_id=REGION
                )
    project = identity.find_project(DEMO_PROJECT) or identity.create_project(
        name=DEMO_PROJECT, domain_id="default"
    )
    user = identity.find_user(DEMO_USER) or identity.create_user(
        name=DEMO_USER, password=DEMO_PASSWORD, domain_id="default", default_project_id=project.id
    )
    identity.assign_project_role_to_user(project, user, member)
    # The demo user may create key-manager secrets and Swift containers in its project, and
    # delete key orders, which Barbican's policy keeps to admins.
    for role_name in ("creator", "swiftoperator", "admin"):
        role = identity.find_role(role_name) or identity.create_role(name=role_name)
        identity.assign_project_role_to_user(project, user, role)
