"""Start-up: `souverain --help` and `souverain validate` of a small file, against `python -c pass`.

Each command runs in a fresh process, alternating, several times; the median is kept and
reported as a ratio to the bare interpreter's start-up measured in the same run.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOUVERAIN = Path(sys.executable).parent / "souverain"
REPEATS = 7
SMALL = """\
name: demo
data_class: confidential
sovereignty: seal-3
owner: team
network: {cidr: 10.0.0.0/16, subnets: [{name: compute, cidr: 10.0.1.0/24}]}
gpu_pools: [{name: train, gpu: H100, image: Ubuntu 24.04}]
"""


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.yaml"
        small.write_text(SMALL)
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "souverain --help": [str(SOUVERAIN), "--help"],
            "souverain validate small.yaml": [str(SOUVERAIN), "validate", str(small)],
        }
        runs: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(REPEATS):
            for name, command in commands.items():
                runs[name].append(timed(command))
    base = statistics.median(runs["python -c pass"])
    for name, found in runs.items():
        median = statistics.median(found)
        print(f"{name:32} {median * 1000:7.0f} ms  ({median / base:5.1f}x python -c pass)")


if __name__ == "__main__":
    main()
