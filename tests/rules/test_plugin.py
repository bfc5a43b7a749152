"""The pytest plugin rule authors get: the README's example, run through the fixture."""

from __future__ import annotations

from souverain.rules.sov004_customer_keys import CustomerHeldKeys
from souverain.rules.sov008_data_protection import DataProtection
from souverain.testing import resource


def test_container_needs_a_key(rule_check):
    found = rule_check(
        CustomerHeldKeys, [resource("openstack:objectstorage/container:Container", {})]
    )
    assert found == {
        (
            "container",
            "the bucket names no encryption key of the user's own "
            "(provider-managed encryption does not keep the provider out)",
        )
    }


def test_fixture_passes_context_and_levels(rule_check):
    volume = resource("openstack:blockstorage/volume:Volume", name="scratch")
    assert rule_check(DataProtection, [volume]) == {
        ("scratch", "not protected: a delete or replace would destroy data")
    }
    assert (
        rule_check(DataProtection, [resource("openstack:blockstorage/volume:Volume", protect=True)])
        == set()
    )
