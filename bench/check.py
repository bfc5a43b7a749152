"""Rule evaluation cost: souverain's rules over ~10,000 planned resources, and Checkov.

Checkov runs over the equivalent Terraform plan JSON (the same resources with their
Terraform types and snake_case values) in the same process, through its plan runner.
Also reported: rule time as a share of the offline plan that produced the resources.
Run with `make bench` (Checkov is installed only for the benchmark).
"""

from __future__ import annotations

import json
import logging
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from plan import scaled  # noqa: E402

from souverain.deploy import deploy  # noqa: E402
from souverain.model import Platform  # noqa: E402
from souverain.plan.capture import capture_program  # noqa: E402
from souverain.plan.model import Plan  # noqa: E402
from souverain.project import load_stack  # noqa: E402
from souverain.rules.catalogue import RULES  # noqa: E402
from souverain.rules.context import RuleContext  # noqa: E402
from souverain.rules.evaluate import evaluate  # noqa: E402
from souverain.rules.levels import resolve_level  # noqa: E402
from souverain.rules.views import deployed_description, resource_views  # noqa: E402
from souverain.vocabulary.judge import judge  # noqa: E402

REPEATS = 3
TF_TYPES = {
    "openstack:networking/network:Network": "openstack_networking_network_v2",
    "openstack:networking/subnet:Subnet": "openstack_networking_subnet_v2",
    "openstack:networking/router:Router": "openstack_networking_router_v2",
    "openstack:networking/routerInterface:RouterInterface": "openstack_networking_router_interface_v2",
    "openstack:networking/secGroup:SecGroup": "openstack_networking_secgroup_v2",
    "openstack:networking/secGroupRule:SecGroupRule": "openstack_networking_secgroup_rule_v2",
    "openstack:networking/port:Port": "openstack_networking_port_v2",
    "openstack:compute/instance:Instance": "openstack_compute_instance_v2",
    "openstack:compute/serverGroup:ServerGroup": "openstack_compute_servergroup_v2",
    "openstack:objectstorage/container:Container": "openstack_objectstorage_container_v1",
    "openstack:keymanager/orderV1:OrderV1": "openstack_keymanager_order_v1",
}


def snake(value: Any) -> Any:
    if isinstance(value, dict):
        return {re.sub(r"(?<!^)([A-Z])", r"_\1", k).lower(): snake(v) for k, v in value.items()}
    if isinstance(value, list):
        return [snake(v) for v in value]
    return value


def terraform_plan(plan: Plan) -> dict[str, Any]:
    """The plan's custom resources as a Terraform plan JSON document."""
    resources, changes = [], []
    for r in plan.resources:
        tf_type = TF_TYPES.get(r.type)
        if tf_type is None:
            continue
        name = re.sub(r"[^a-zA-Z0-9_]", "_", r.name)
        values = snake(r.inputs)
        resources.append(
            {
                "address": f"{tf_type}.{name}",
                "mode": "managed",
                "type": tf_type,
                "name": name,
                "provider_name": "registry.terraform.io/terraform-provider-openstack/openstack",
                "schema_version": 0,
                "values": values,
                "sensitive_values": {},
            }
        )
        changes.append(
            {
                "address": f"{tf_type}.{name}",
                "mode": "managed",
                "type": tf_type,
                "name": name,
                "provider_name": "registry.terraform.io/terraform-provider-openstack/openstack",
                "change": {
                    "actions": ["create"],
                    "before": None,
                    "after": values,
                    "after_unknown": {},
                },
            }
        )
    return {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "planned_values": {"root_module": {"resources": resources}},
        "resource_changes": changes,
        "configuration": {"root_module": {}},
    }


def main() -> None:
    stack = load_stack(ROOT, "ovhcloud-gra11")
    data = scaled(4980)
    start = time.perf_counter()
    plan = capture_program(lambda: deploy(Platform.model_validate(data)), stack)
    plan_seconds = time.perf_counter() - start
    views = resource_views(plan)
    platform = deployed_description(plan)
    ctx = RuleContext(
        level=resolve_level("strict"),
        data_class=platform.data_class if platform else None,
        cloud="ovhcloud",
        region="GRA11",
        allowed_images=("Ubuntu *",),
    )
    enforcement = {rule.ID: ctx.spec.enforcement(rule.ID) for rule in RULES}

    with tempfile.TemporaryDirectory() as tmp:
        plan_file = Path(tmp) / "tfplan.json"
        document = terraform_plan(plan)
        plan_file.write_text(json.dumps(document))
        from checkov.common.runners.runner_registry import RunnerRegistry  # noqa: F401 (warm import)
        from checkov.runner_filter import RunnerFilter
        from checkov.terraform.plan_runner import Runner

        logging.disable(logging.WARNING)
        ours, theirs, checkov_findings = [], [], 0
        for _ in range(REPEATS):
            start = time.perf_counter()
            # Judging (kinds and facts through the mapping files) is part of the rules' cost.
            outcomes, _ = evaluate(judge(views), platform, ctx, enforcement)
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            report = Runner().run(
                root_folder=None,
                files=[str(plan_file)],
                runner_filter=RunnerFilter(framework=["terraform_plan"]),
            )
            theirs.append(time.perf_counter() - start)
            checkov_findings = len(report.failed_checks) + len(report.passed_checks)
    t_ours, t_theirs = statistics.median(ours), statistics.median(theirs)
    findings = sum(len(o.findings) for o in outcomes)
    print(
        f"resources: {len(views)} planned ({len(document['planned_values']['root_module']['resources'])} in the Terraform plan)"
    )
    print(f"offline plan: {plan_seconds:.2f} s")
    print(
        f"souverain rules: {t_ours:.3f} s ({1e6 * t_ours / len(views):.1f} us/resource, {findings} findings)"
    )
    print(f"checkov terraform_plan: {t_theirs:.3f} s ({checkov_findings} check results)")
    print(
        f"checkov / souverain: {t_theirs / t_ours:.1f}x; rules as share of plan time: {100 * t_ours / plan_seconds:.1f}%"
    )


if __name__ == "__main__":
    main()
