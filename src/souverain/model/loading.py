"""Build a :class:`Platform` from Python data or a YAML/JSON file, with located errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from souverain.documents import read_document
from souverain.errors import Problem, SouverainError, problems_from_validation
from souverain.model.ai_platform import Platform


def platform_from_data(data: Any, source: str = "description") -> Platform:
    """Validate plain data (as parsed from YAML/JSON) into a Platform, or raise SouverainError."""
    if not isinstance(data, dict):
        raise SouverainError(
            f"{source} is not a valid platform description",
            [
                Problem(
                    "", f"expected a mapping with name, data_class, ...; got {type(data).__name__}"
                )
            ],
        )
    try:
        return Platform.model_validate(data)
    except ValidationError as error:
        raise SouverainError(
            f"{source} is not a valid platform description", problems_from_validation(error)
        ) from None


def load_platform(path: Path) -> Platform:
    """Load a description from a ``.yaml``/``.yml`` or ``.json`` file."""
    return platform_from_data(read_document(path, "description"), source=str(path))


def platform_schema() -> dict[str, Any]:
    """The JSON Schema of a description, for editors and for validating files elsewhere."""
    return Platform.model_json_schema(mode="validation")
