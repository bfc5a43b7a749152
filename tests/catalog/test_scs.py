"""SCS flavor names (scs-0100 v3): the standard's own examples parse and round-trip."""

from __future__ import annotations

import pytest

from souverain.catalog.gpus import gpu_models
from souverain.catalog.scs import gpu_extension, parse
from souverain.errors import SouverainError

# Every valid example of Standards/scs-0100-v3-flavor-naming.md, plus the GPU examples of
# the v3.3 text and its implementation-testing GPU table (via gpus.yaml below).
STANDARD_EXAMPLES = [
    "SCS-2C-4-10n", "SCS-2T-4-10n", "SCS-2V-4-10n", "SCS-2L-4-10n", "SCS-2Li-4-10n",
    "SCS-2C-3.5-10n", "SCS-2C-4u-10n", "SCS-2C-4o-10n", "SCS-2C-4uo-10n",
    "SCS-2C-4-10s", "SCS-2C-4-10s_bms_z3", "SCS-2C-4-3x10s", "SCS-2C-4-3x10s_bms_z3",
    "SCS-2C-4-10", "SCS-2C-4-10_bms_z3", "SCS-2C-4-n", "SCS-2C-4-", "SCS-2C-4-_bms_z3",
    "SCS-2C-4-_bms_z3h_GNa-64_ib", "SCS-2C-4-_ib", "SCS-2C-4", "SCS-2C-4_bms_z3",
    "SCS-2C-4-3x10", "SCS-2C-4-10n_bms", "SCS-2C-4-10n_bms_z3h", "SCS-2C-4-10_kvm_hwv",
    "SCS-2C-4-10_hwv", "SCS-2C-4-10_bms_hwv", "SCS-2C-4-10n_z", "SCS-2C-4-10n_z3",
    "SCS-2C-4-10n_z3hh", "SCS-2C-4-10n_bms_z3hh", "SCS-16V-64-500s_GNa-14h",
    "SCS-8Ti-32-50p_i1", "SCS-1L-1u-5", "SCS-16T-64-200s_GNa-64_ib", "SCS-4C-16-2x200p_a1",
    "SCS-1V-0.5", "SCS-16V-64-500s_GNa-14-6h", "SCS-16T-64-200s_GNa-72-24_ib",
    "SCS-1V-4", "SCS-2V-8", "SCS-4V-16-100s", "SCS-2V-4-20s", "SCS-1L-1",
]  # fmt: skip


@pytest.mark.parametrize("name", STANDARD_EXAMPLES)
def test_standard_examples_round_trip(name):
    assert parse(name).name() == name


@pytest.mark.parametrize("model", sorted(m for m, g in gpu_models().items() if g.scs))
def test_gpu_table_codes_round_trip(model):
    code = gpu_models()[model].scs
    flavor = parse(f"SCS-16V-64-100s_{code}")
    assert flavor.gpu is not None and flavor.gpu.code() == code
    assert flavor.name() == f"SCS-16V-64-100s_{code}"


def test_decoding_reads_every_part():
    flavor = parse("SCS-16T-64-200s_GNa-72-24_ib")
    assert (flavor.cpus, flavor.cpu_type, flavor.ram_gib) == (16, "T", 64)
    assert (flavor.disk_gb, flavor.disk_type, flavor.infiniband) == (200, "s", True)
    assert flavor.gpu.passthrough and flavor.gpu.vendor == "N" and flavor.gpu.generation == "a"
    assert (flavor.gpu.units, flavor.gpu.vram_gib) == (72, 24)
    vgpu = parse("SCS-4V-16_gNl-58-24")
    assert not vgpu.gpu.passthrough


@pytest.mark.parametrize(
    ("name", "part"),
    [
        ("SCS-2-4-10n", "CPU part '2'"),
        ("SCS-2iT-4-10n", "CPU part '2iT'"),
        ("SCS-2C-4ou-10n", "RAM part '4ou'"),
        ("SCS-2C-4-1.5n", "disk part '1.5n'"),
        ("SCS-2C-4-3x", "disk part '3x'"),
        ("SCS-2C-4-10_hwv_xen", "'_xen' is out of order"),
        ("SCS-2C-4-10_GXa", "GPU extension 'GXa'"),
        ("SCS-2C-4-10_GNq-10", "unknown NVIDIA generation 'q'"),
        ("SCS-2C-4-10_foo", "unknown extension '_foo'"),
        ("SCS-2C", "expected SCS-<cpus>-<ram>"),
        ("scs-2C-4", "must start with 'SCS-'"),
        ("SCS-2C-4-10_ib_ib", "out of order or repeated"),
    ],
)
def test_malformed_names_point_at_the_part(name, part):
    with pytest.raises(SouverainError) as caught:
        parse(name)
    assert part in str(caught.value)


def test_gpu_extension_scales_with_count():
    assert gpu_extension("GNg-132-80h", 1).code() == "GNg-132-80h"
    assert gpu_extension("GNg-132-80h", 2).code() == "GNg-264-160h"


# The standard's tables, as its reference implementation (flavor_names.py) applies them.
ACCEPTED_BY_THE_TABLES = [
    "SCS-2V-4_chy",  # Cloud Hypervisor is in the v3 hypervisor table
    "SCS-2V-4_i6", "SCS-2V-4_z6", "SCS-2V-4_a5", "SCS-2V-4_r0",  # newest CPU generations
    "SCS-2V-4_GNu-160-288h",  # Blackwell Ultra
    "SCS-2V-4_GA3.5-40", "SCS-2V-4_GA5.1", "SCS-2V-4_gI0.95-24",  # AMD RDNA, Intel Gen9.5
    "SCS-2V-4_GNl-142hh-48", "SCS-2V-4_GNa-56h-24hh",  # two h on units and on VRAM
    "SCS-1V-0.5", "SCS-1V-1.5",  # multiples of 0.5 GiB
]  # fmt: skip


@pytest.mark.parametrize("name", ACCEPTED_BY_THE_TABLES)
def test_names_the_tables_accept_parse(name):
    assert parse(name).name() == name


@pytest.mark.parametrize(
    ("name", "part"),
    [
        ("SCS-2V-0", "must be a positive amount"),
        ("SCS-2V-0.0", "must be a positive amount"),
        ("SCS-2V-1.25", "RAM part '1.25'"),
        ("SCS-2V-4_qem", "unknown extension '_qem'"),
        ("SCS-2V-4_i7", "unknown generation 7 for CPU architecture 'i'"),
        ("SCS-2V-4_a6", "unknown generation 6 for CPU architecture 'a'"),
        ("SCS-2V-4_r1", "unknown generation 1 for CPU architecture 'r'"),
        ("SCS-2V-4_GNx-10", "unknown NVIDIA generation 'x'"),
        ("SCS-2V-4_GA2.2-10", "unknown AMD generation '2.2'"),
        ("SCS-2V-4_GAa-10", "unknown AMD generation 'a'"),
        ("SCS-2V-4_GI5-10", "unknown Intel generation '5'"),
        ("SCS-2V-4_GNa-10hhh", "GPU extension"),
        ("SCS-2V-4_GNa-10-24hhh", "GPU extension"),
        ("SCS-2V-4_z3hhhh", "unknown extension"),
    ],
)
def test_names_the_tables_reject_point_at_the_part(name, part):
    with pytest.raises(SouverainError) as caught:
        parse(name)
    assert part in str(caught.value)
