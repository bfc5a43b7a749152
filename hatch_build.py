"""Build hook: ship the project templates inside the wheel, as ``souverain/templates``.

Only in a standard wheel: an editable install reads them from ``templates/`` in the
checkout, so a template edited there is what `souverain new` copies.
"""

from __future__ import annotations

from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class TemplatesHook(BuildHookInterface):
    """Add ``templates/`` to the wheel under the package."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Force-include the templates when building a standard wheel."""
        if self.target_name == "wheel" and version == "standard":
            build_data["force_include"]["templates"] = "souverain/templates"
