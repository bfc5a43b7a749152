"""The conformance suite fails an adapter that breaks its promises, and says what is wrong."""

from __future__ import annotations

import textwrap

import pytest

from tests.conftest import PROJECT

pytestmark = pytest.mark.slow  # runs the whole conformance suite on a broken adapter

SUITE = textwrap.dedent(
    """
    from souverain.testing.conformance import AdapterConformance
    from tests.adapters.broken_adapter import BrokenAdapter


    class TestBroken(AdapterConformance):
        adapter = BrokenAdapter
    """
)


def test_the_broken_adapter_fails_with_reasons(pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(PROJECT))
    pytester.makepyfile(test_broken=SUITE)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    outcomes = result.parseoutcomes()
    output = result.stdout.str()
    failed = {
        line.split("::")[-1].split(" ")[0]
        for line in output.splitlines()
        if line.startswith("FAILED")
    }
    assert failed == {
        "test_each_pillar_becomes_its_components",
        "test_every_resource_is_known_to_the_vocabulary",
        "test_labelled_resources_carry_the_platform_labels",
        "test_data_bearing_resources_are_protected",
        "test_nothing_is_public_unless_described",
        "test_described_exposure_is_marked",
        "test_plans_are_deterministic",
        "test_every_field_is_used_or_declared",
    }, output
    assert outcomes["failed"] == 8
    for reason in (
        "components missing for parts of the description",
        "types no mapping file knows, so no rule can judge them: "
        "['broken:index:Thing', 'pulumi:providers:broken']",
        "resources without the platform labels",
        "data-bearing resources not protected from deletion",
        "a public address that the description did not ask for",
        "two plans of the same description and target differ",
        "'buckets[].versioning'",
        "'keys[].rotation_days'",
    ):
        assert reason in output, reason
