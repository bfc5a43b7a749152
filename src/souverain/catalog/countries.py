"""Country names for the ISO codes regions carry, so a verdict names the country."""

from __future__ import annotations

from functools import cache
from importlib import resources

from souverain.documents import parse_yaml


@cache
def countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code to English short name, for the countries the catalog uses."""
    text = resources.files("souverain.catalog").joinpath("data/countries.yaml").read_text()
    return {str(code): str(name) for code, name in parse_yaml(text, "countries.yaml").items()}


def country_name(code: str) -> str:
    """``Canada (CA)``, or the code alone when the name is not known."""
    name = countries().get(code)
    return f"{name} ({code})" if name else code
