"""SCS flavor names (scs-0100 v3): parse them, validate them, and generate them.

An SCS name says what a flavor delivers (``SCS-16V-64-500s_GNa-14-6h``: 16 vCPUs, 64 GiB
RAM, a 500 GB local SSD, a pass-through NVIDIA Ampere GPU part with 14 SMs and 6 GiB of
high-bandwidth VRAM), so any SCS-compatible cloud can be used without a catalog entry.
The parser reads the name part by part, in the standard's order, so a malformed name gets
an error that points at the part that is wrong. What a part may say comes from the
standard's tables, as its reference implementation has them
(``Tests/iaas/scs_0100_flavor_naming/flavor_names.py`` in SovereignCloudStack/standards,
2026-07-24): hypervisors, CPU generations per vendor, GPU generations per vendor, and the
``h`` suffixes each number takes. Numbers are positive; RAM is a multiple of 0.5 GiB.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from souverain.errors import SouverainError

CpuType = Literal["L", "V", "T", "C"]
DiskType = Literal["n", "h", "s", "p"]
HYPERVISORS = ("kvm", "chy", "xen", "vmw", "hyv", "bms")
CPU_GENERATIONS = {
    "i": (0, 1, 2, 3, 4, 5, 6),  # pre-Skylake ... Granite Rapids
    "z": (0, 1, 2, 3, 4, 5, 6),  # pre-Zen ... Zen 6
    "a": (0, 1, 2, 3, 4, 5),  # pre-A76 ... Neoverse N3/V3
    "r": (0,),  # RISC-V: unspecified only
}
"""CPU generations per architecture letter, from the scs-0100 v3 table."""
NVIDIA_GENERATIONS = {
    "f": "fermi",
    "k": "kepler",
    "m": "maxwell",
    "p": "pascal",
    "v": "volta",
    "t": "turing",
    "a": "ampere",
    "l": "ada-lovelace",
    "g": "hopper",
    "b": "blackwell",
    "u": "blackwell-ultra",
}
GPU_VENDORS = {"N": "NVIDIA", "A": "AMD", "I": "Intel"}
GPU_GENERATIONS = {
    "N": tuple(NVIDIA_GENERATIONS),
    "A": ("0.4", "0.5", "1", "1.1", "2", "2.1", "3", "3.1", "3.5", "4", "4.1", "5.1"),
    "I": ("0.9", "0.95", "1", "2", "3", "4"),
}
"""GPU generations per vendor letter, from the scs-0100 v3 tables (NVIDIA letters, AMD
GCN/CDNA/RDNA numbers, Intel Gen/Xe numbers)."""


@dataclass(frozen=True)
class ScsGpu:
    """The GPU extension: ``_[G|g]X[N][-M[h][-V[h]]]``."""

    passthrough: bool
    vendor: str
    generation: str | None = None
    units: int | None = None
    units_perf: int = 0
    vram_gib: int | None = None
    vram_perf: int = 0

    def code(self) -> str:
        """The extension as written in a name, without the leading underscore."""
        text = ("G" if self.passthrough else "g") + self.vendor + (self.generation or "")
        if self.units is not None:
            text += f"-{self.units}" + "h" * self.units_perf
            if self.vram_gib is not None:
                text += f"-{self.vram_gib}" + "h" * self.vram_perf
        return text


@dataclass(frozen=True)
class ScsFlavor:
    """A decoded SCS flavor name; :meth:`name` writes it back canonically."""

    cpus: int
    cpu_type: CpuType
    insecure: bool
    ram_gib: float
    ram_no_ecc: bool = False
    ram_oversubscribed: bool = False
    disk_dash: bool = False
    disk_count: int | None = None
    disk_gb: int | None = None
    disk_type: DiskType | None = None
    hypervisor: str | None = None
    hwv: bool = False
    arch: str | None = None
    arch_generation: int | None = None
    arch_frequency: int = 0
    gpu: ScsGpu | None = None
    infiniband: bool = False

    def name(self) -> str:
        """The flavor name, built part by part in the standard's order."""
        ram = f"{self.ram_gib:g}"
        text = f"SCS-{self.cpus}{self.cpu_type}{'i' if self.insecure else ''}-{ram}"
        text += ("u" if self.ram_no_ecc else "") + ("o" if self.ram_oversubscribed else "")
        if self.disk_dash:
            text += "-"
            if self.disk_count is not None:
                text += f"{self.disk_count}x"
            text += f"{self.disk_gb if self.disk_gb is not None else ''}{self.disk_type or ''}"
        if self.hypervisor:
            text += f"_{self.hypervisor}"
        if self.hwv:
            text += "_hwv"
        if self.arch is not None:
            generation = "" if self.arch_generation is None else str(self.arch_generation)
            text += f"_{self.arch}{generation}" + "h" * self.arch_frequency
        if self.gpu is not None:
            text += f"_{self.gpu.code()}"
        if self.infiniband:
            text += "_ib"
        return text


_CPU = re.compile(r"(?P<n>[1-9][0-9]*)(?P<t>[LVTC])(?P<i>i?)")
_RAM = re.compile(r"(?P<n>[0-9]+(?:\.[05])?)(?P<u>u?)(?P<o>o?)")
_DISK = re.compile(r"(?:(?P<m>[1-9][0-9]*)x)?(?P<n>[1-9][0-9]*)?(?P<t>[nhsp]?)")
_ARCH = re.compile(r"(?P<a>[izar])(?P<g>[0-9]?)(?P<h>h{0,3})")
_GPU = re.compile(
    r"(?P<p>[Gg])(?P<x>[NAI])(?P<gen>[a-z]|[0-9](?:\.[0-9]{1,2})?)?"
    r"(?:-(?P<m>[1-9][0-9]*)(?P<mh>h{0,2})(?:-(?P<v>[1-9][0-9]*)(?P<vh>h{0,2}))?)?"
)


def parse(name: str) -> ScsFlavor:
    """Decode an SCS flavor name, or raise SouverainError naming the part that is wrong."""
    if not name.startswith("SCS-"):
        raise SouverainError(f"{name!r} is not an SCS flavor name: it must start with 'SCS-'")
    head, *extensions = name[4:].split("_")
    parts = head.split("-")
    if len(parts) < 2 or len(parts) > 3:
        raise SouverainError(
            f"{name!r}: expected SCS-<cpus>-<ram>[-<disk>] before any '_' extension"
        )
    cpu = _full(_CPU, parts[0], name, "CPU part", "<N><L|V|T|C>[i], e.g. 4V or 2Ci")
    ram = _full(_RAM, parts[1], name, "RAM part", "<GiB>[u][o], e.g. 16 or 3.5 or 8uo")
    if float(ram["n"]) <= 0:
        raise SouverainError(f"{name!r}: RAM part {parts[1]!r} must be a positive amount of GiB")
    fields: dict[str, object] = {
        "cpus": int(cpu["n"]),
        "cpu_type": cpu["t"],
        "insecure": bool(cpu["i"]),
        "ram_gib": float(ram["n"]),
        "ram_no_ecc": bool(ram["u"]),
        "ram_oversubscribed": bool(ram["o"]),
    }
    if len(parts) == 3:
        disk = _full(_DISK, parts[2], name, "disk part", "[<M>x][<GB>][n|h|s|p], e.g. 100s")
        if disk["m"] and not disk["n"]:
            raise SouverainError(f"{name!r}: disk part {parts[2]!r} has a count but no size")
        fields.update(
            disk_dash=True,
            disk_count=int(disk["m"]) if disk["m"] else None,
            disk_gb=int(disk["n"]) if disk["n"] else None,
            disk_type=disk["t"] or None,
        )
    fields.update(_extensions(name, extensions))
    return ScsFlavor(**fields)  # type: ignore[arg-type]


def _full(
    pattern: re.Pattern[str], text: str, name: str, part: str, expected: str
) -> re.Match[str]:
    match = pattern.fullmatch(text)
    if match is None:
        raise SouverainError(f"{name!r}: {part} {text!r} is malformed; expected {expected}")
    return match


_ORDER = ("hypervisor", "hwv", "arch", "gpu", "ib")


def _extensions(name: str, extensions: list[str]) -> dict[str, object]:
    fields: dict[str, object] = {}
    position = -1
    for ext in extensions:
        kind, values = _extension(name, ext)
        rank = _ORDER.index(kind)
        if rank <= position:
            raise SouverainError(
                f"{name!r}: extension '_{ext}' is out of order or repeated; "
                "the order is _hyp, _hwv, _arch, _GPU, _ib"
            )
        position = rank
        fields.update(values)
    return fields


def _extension(name: str, ext: str) -> tuple[str, dict[str, object]]:
    if ext in HYPERVISORS:
        return "hypervisor", {"hypervisor": ext}
    if ext == "hwv":
        return "hwv", {"hwv": True}
    if ext == "ib":
        return "ib", {"infiniband": True}
    if ext[:1] in ("G", "g"):
        gpu = _full(_GPU, ext, name, "GPU extension", "[G|g]<N|A|I>[gen][-<units>[h][-<VRAM>[h]]]")
        generations = GPU_GENERATIONS[gpu["x"]]
        if gpu["gen"] and gpu["gen"] not in generations:
            vendor = GPU_VENDORS[gpu["x"]]
            raise SouverainError(
                f"{name!r}: unknown {vendor} generation {gpu['gen']!r} "
                f"(scs-0100 knows {', '.join(generations)})"
            )
        return "gpu", {
            "gpu": ScsGpu(
                passthrough=gpu["p"] == "G",
                vendor=gpu["x"],
                generation=gpu["gen"],
                units=int(gpu["m"]) if gpu["m"] else None,
                units_perf=len(gpu["mh"] or ""),
                vram_gib=int(gpu["v"]) if gpu["v"] else None,
                vram_perf=len(gpu["vh"] or ""),
            )
        }
    arch = _ARCH.fullmatch(ext)
    if arch is not None:
        if arch["g"] and int(arch["g"]) not in CPU_GENERATIONS[arch["a"]]:
            known = ", ".join(map(str, CPU_GENERATIONS[arch["a"]]))
            raise SouverainError(
                f"{name!r}: unknown generation {arch['g']} for CPU architecture "
                f"'{arch['a']}' (scs-0100 knows {known})"
            )
        return "arch", {
            "arch": arch["a"],
            "arch_generation": int(arch["g"]) if arch["g"] else None,
            "arch_frequency": len(arch["h"]),
        }
    raise SouverainError(
        f"{name!r}: unknown extension '_{ext}'; known: hypervisor ({', '.join(HYPERVISORS)}), "
        "hwv, CPU architecture (i, z, a, r), GPU (G or g), ib"
    )


def gpu_extension(scs_code: str, count: int) -> ScsGpu:
    """The GPU extension for ``count`` GPUs of a model whose single-GPU SCS code is given.

    Units and VRAM scale with the count (two H100, ``GNg-132-80h``, expose 264 SMs and
    160 GiB), which is how a flavor name states what it delivers.
    """
    base = parse(f"SCS-1V-1_{scs_code}").gpu
    assert base is not None
    return ScsGpu(
        passthrough=base.passthrough,
        vendor=base.vendor,
        generation=base.generation,
        units=None if base.units is None else base.units * count,
        units_perf=base.units_perf,
        vram_gib=None if base.vram_gib is None else base.vram_gib * count,
        vram_perf=base.vram_perf,
    )
