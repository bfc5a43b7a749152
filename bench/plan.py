"""Offline plan cost: souverain against the Pulumi SDK alone, same resources, same run.

The reference platform is scaled (more GPU nodes, more buckets) to about 1,000 and
10,000 resources. Three programs register the same resources with the same inputs:

- ``souverain``: the description deployed by the OpenStack adapter, captured by
  souverain's recording monitor (what `souverain plan` and `check` run);
- ``hand-written``: bench/handwritten.py, the same resources written directly against
  pulumi_openstack, captured by the same recording monitor;
- ``sdk floor``: that hand-written program under the SDK's stock mock monitor and the
  simplest mocks, recording nothing: what the Pulumi SDK itself costs.

Each measurement runs in its own process (so its peak memory is its own); runs alternate
and the median is kept, since this machine is noisy. What matters is the ratios:
souverain over the floor is our overhead, and ms per resource from 1,000 to 10,000 shows
whether it stays linear.
"""

from __future__ import annotations

import asyncio
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from reference_platform import REFERENCE  # noqa: E402

REPEATS = 3
VARIANTS = ("souverain", "hand-written", "sdk floor")


def scaled(nodes: int) -> dict[str, Any]:
    """The reference description with ``nodes`` GPU nodes spread over pools and 10 buckets."""
    data = REFERENCE.model_dump(mode="json")
    template = data["gpu_pools"][0]
    pools, left, index = [], nodes, 0
    while left > 0:
        count = min(left, 500)
        pools.append({**template, "name": f"train-{index}", "min_nodes": count, "max_nodes": count})
        left, index = left - count, index + 1
    data["gpu_pools"] = pools
    data["buckets"] = [{**data["buckets"][0], "name": f"bucket-{i}"} for i in range(10)]
    return data


def one(variant: str, nodes: int) -> dict[str, Any]:
    """Run one program once in this process: seconds, resources and peak memory."""
    from handwritten import program as handwritten

    from souverain.deploy import deploy
    from souverain.model import Platform
    from souverain.plan.capture import capture_program
    from souverain.project import load_stack

    stack = load_stack(ROOT, "generic")
    data = scaled(nodes)
    start = time.perf_counter()
    if variant == "souverain":
        count = len(capture_program(lambda: deploy(Platform.model_validate(data)), stack).resources)
    elif variant == "hand-written":
        count = len(capture_program(lambda: handwritten(data), stack).resources)
    else:
        count = floor(lambda: handwritten(data), stack.project, stack.stack)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "resources": count, "peak_mib": peak}


def floor(program: Any, project: str, stack: str) -> int:
    """The program under the SDK's own mock monitor and trivial mocks; resources registered."""
    from pulumi.runtime import mocks, settings
    from pulumi.runtime.stack import run_pulumi_func

    class Trivial(mocks.Mocks):
        def new_resource(self, args: mocks.MockResourceArgs) -> tuple[str, dict[str, Any]]:
            return f"{args.name}-id", dict(args.inputs)

        def call(self, args: mocks.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]]]:
            return {**args.args, "id": f"{args.args.get('name', 'call')}-id"}, []

    count = 0

    class Counting(mocks.MockMonitor):
        def RegisterResource(self, request: Any) -> Any:
            nonlocal count
            count += 1
            return super().RegisterResource(request)  # type: ignore[no-untyped-call]

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    settings.reset_options(project=project, stack=stack, preview=True)
    mocks.set_mocks(
        Trivial(), project=project, stack=stack, preview=True, monitor=Counting(Trivial())
    )
    loop.run_until_complete(run_pulumi_func(program))
    loop.close()
    return count - 1  # the stack itself


def measure(nodes: int) -> dict[str, Any]:
    """Median seconds and peak memory of each variant, in alternating separate processes."""
    runs: dict[str, list[dict[str, Any]]] = {v: [] for v in VARIANTS}
    for _ in range(REPEATS):
        for variant in VARIANTS:
            out = subprocess.run(
                [sys.executable, __file__, "--one", variant, str(nodes)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            runs[variant].append(json.loads(out.strip().splitlines()[-1]))
    result = {"nodes": nodes}
    for variant, found in runs.items():
        result[variant] = {
            "seconds": statistics.median(r["seconds"] for r in found),
            "resources": found[0]["resources"],
            "peak_mib": max(r["peak_mib"] for r in found),
        }
    return result


def report(results: list[dict[str, Any]]) -> None:
    """One line per scale and variant, then the overhead ratios."""
    for result in results:
        for variant in VARIANTS:
            r = result[variant]
            print(
                f"{r['resources']:>6} resources | {variant:12} {r['seconds']:7.2f} s "
                f"({1000 * r['seconds'] / r['resources']:.2f} ms/res) | peak {r['peak_mib']:.0f} MiB"
            )
        ours, hand, sdk = (result[v]["seconds"] for v in VARIANTS)
        print(
            f"        overhead over the SDK floor: souverain {ours / sdk:.2f}x, "
            f"hand-written with recording {hand / sdk:.2f}x"
        )
    if len(results) > 1:
        first, last = results[0]["souverain"], results[-1]["souverain"]
        per = [r["seconds"] / r["resources"] for r in (first, last)]
        print(
            f"linearity: ms/res at {last['resources']} over {first['resources']}: {per[1] / per[0]:.2f}"
        )


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        print(json.dumps(one(sys.argv[2], int(sys.argv[3]))))
    else:
        report([measure(nodes) for nodes in (480, 4980)])
