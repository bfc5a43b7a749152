"""Find adapters by name through the ``souverain.adapters`` entry-point group.

Adapters are separate distributions (``souverain-openstack``, ...), so a third party adds
one by publishing a package with an entry point; nothing in the core changes. Entry points
are loaded lazily: only the adapter a stack names is imported, with its SDK.
"""

from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points

from souverain.adapters.contract import Adapter
from souverain.catalog.clouds import Cloud
from souverain.catalog.lookup import unknown
from souverain.errors import SouverainError

GROUP = "souverain.adapters"


def available_adapters() -> dict[str, EntryPoint]:
    """Installed adapters by name (not imported)."""
    return {ep.name: ep for ep in entry_points(group=GROUP)}


def load_adapter(name: str) -> Adapter:
    """Import and instantiate the adapter called ``name``, or explain what is installed."""
    found = available_adapters()
    if name not in found:
        hint = (
            unknown("adapter", name, found)
            if found
            else f"unknown adapter {name!r}: none installed"
        )
        raise SouverainError(
            f"{hint}; install the adapter's distribution (e.g. souverain-{name}) "
            "or fix souverain:adapter in the stack config"
        )
    try:
        cls = found[name].load()
    except ImportError as error:
        raise SouverainError(
            f"adapter {name!r} is installed but cannot be imported: {error}"
        ) from None
    if not (isinstance(cls, type) and issubclass(cls, Adapter)):
        raise SouverainError(f"entry point {found[name].value!r} is not a souverain Adapter class")
    return cls()


def adapters_reaching(cloud: Cloud) -> list[str]:
    """The installed adapters that can deploy to ``cloud``, by name."""
    return sorted(
        name for name in available_adapters() if load_adapter(name).reaches(cloud) is None
    )
