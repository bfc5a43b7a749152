"""Turn Pulumi's wire values (protobuf structs with sentinels) into plain, printable data."""

from __future__ import annotations

from typing import Any

from google.protobuf import json_format, struct_pb2

UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
_SIG = "4dabf18193072939515e22adb298388d"
_SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
_RESOURCE_SIG = "5cf8f73096256a8f31e491e813beb3c4"
COMPUTED = "(known after apply)"
SECRET = "(secret)"


def plain(struct: struct_pb2.Struct) -> dict[str, Any]:
    """A struct's fields as plain JSON-ready values: unknowns, secrets and references named."""
    return {key: _plain(value) for key, value in json_format.MessageToDict(struct).items()}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        sig = value.get(_SIG)
        if sig == _SECRET_SIG:
            return SECRET
        if sig == _RESOURCE_SIG:
            return {"resource": value.get("urn")}
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value == UNKNOWN:
        return COMPUTED
    if isinstance(value, float) and value.is_integer():
        # The wire format has only doubles; ports and sizes read better as integers.
        return int(value)
    return value
