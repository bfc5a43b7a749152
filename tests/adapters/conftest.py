"""The conformance suite's slowest check is left out of the fast tests.

``test_every_field_is_used_or_declared`` plans the description once per field it mutates,
about forty plans per adapter: seconds each. The suite itself ships with the core and is
not ours to mark, so the mark is added here, for this project's own runs only; `make test`
still runs it for every installed adapter.
"""

from __future__ import annotations

import pytest

SLOW_CHECKS = frozenset({"test_every_field_is_used_or_declared"})


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow checks before ``-m`` deselects by marker."""
    for item in items:
        if item.name in SLOW_CHECKS:
            item.add_marker(pytest.mark.slow)
