"""Parsing a 10 MB YAML document through souverain's loader, against PyYAML's pure loader.

The document is a description-shaped mapping (many subnets, rules and labels) of about
10 MB. Both parsers run in this process, alternating; the medians are compared.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import yaml

from souverain.documents import read_document

REPEATS = 3


def document(megabytes: float = 10.0) -> str:
    """A YAML description of about ``megabytes`` MB."""
    rule = (
        "  - {{description: 'rule {i} from the team network', protocol: tcp, port: 443, "
        "sources: [10.{a}.{b}.0/24, 192.168.{b}.0/24]}}\n"
    )
    lines = ["name: big\ndata_class: confidential\nsovereignty: seal-3\nowner: team\n", "rules:\n"]
    size, i = sum(map(len, lines)), 0
    while size < megabytes * 1_000_000:
        line = rule.format(i=i, a=i % 250, b=(i // 250) % 250)
        lines.append(line)
        size, i = size + len(line), i + 1
    return "".join(lines)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.yaml"
        path.write_text(document())
        ours, pure = [], []
        for _ in range(REPEATS):
            start = time.perf_counter()
            read_document(path, "description")
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            yaml.load(path.read_text(), Loader=yaml.SafeLoader)
            pure.append(time.perf_counter() - start)
        size = path.stat().st_size / 1e6
    t_ours, t_pure = statistics.median(ours), statistics.median(pure)
    print(
        f"{size:.1f} MB YAML: souverain loader {t_ours:.2f} s, pure-Python SafeLoader {t_pure:.2f} s"
    )
    print(f"speed-up {t_pure / t_ours:.1f}x")


if __name__ == "__main__":
    main()
