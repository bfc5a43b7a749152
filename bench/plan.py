"""Offline plan cost: souverain's program against a hand-written one, same mocks, same run.

The reference platform is scaled (more GPU nodes, more buckets) to about 1,000 and 5,000
resources. The baseline (bench/handwritten.py) registers the same resources, wired the
same way, directly against pulumi_openstack: what a team would write by hand. Runs
alternate and the median is kept, since this machine is noisy; what matters is the ratio.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from handwritten import program as handwritten  # noqa: E402

from reference_platform import REFERENCE  # noqa: E402
from souverain.deploy import deploy  # noqa: E402
from souverain.model import Platform  # noqa: E402
from souverain.plan.capture import capture_program  # noqa: E402
from souverain.project import load_stack  # noqa: E402

REPEATS = 3


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


def measure(nodes: int) -> None:
    stack = load_stack(ROOT, "generic")
    data = scaled(nodes)
    ours, base = [], []
    for _ in range(REPEATS):
        start = time.perf_counter()
        captured = capture_program(lambda: deploy(Platform.model_validate(data)), stack)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        replayed = capture_program(lambda: handwritten(data), stack)
        base.append(time.perf_counter() - start)
        assert [r.urn for r in captured.resources] == [r.urn for r in replayed.resources]
    count = len(captured.resources)
    t_ours, t_base = statistics.median(ours), statistics.median(base)
    print(
        f"{count:>6} resources | souverain {t_ours:6.2f} s ({1000 * t_ours / count:.2f} ms/res)"
        f" | hand-written {t_base:6.2f} s ({1000 * t_base / count:.2f} ms/res)"
        f" | ratio {t_ours / t_base:.3f}"
    )


if __name__ == "__main__":
    for nodes in (480, 2480):
        measure(nodes)
