"""Adapters are found through entry points; unknown names get suggestions."""

from __future__ import annotations

import pytest

from souverain.adapters.registry import available_adapters, load_adapter
from souverain.errors import SouverainError
from souverain_openstack.adapter import OpenStackAdapter


def test_openstack_adapter_is_registered_by_entry_point():
    assert "openstack" in available_adapters()
    assert isinstance(load_adapter("openstack"), OpenStackAdapter)


def test_unknown_adapter_suggests_the_closest():
    with pytest.raises(SouverainError, match="did you mean 'openstack'"):
        load_adapter("openstak")
