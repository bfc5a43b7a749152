"""Turn Pulumi's wire values (protobuf structs with sentinels) into plain, printable data."""

from __future__ import annotations

from typing import Any

from google.protobuf import struct_pb2

UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
_SIG = "4dabf18193072939515e22adb298388d"
_SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
_RESOURCE_SIG = "5cf8f73096256a8f31e491e813beb3c4"
COMPUTED = "(known after apply)"
SECRET = "(secret)"


def plain(struct: struct_pb2.Struct) -> dict[str, Any]:
    """A struct's fields as plain JSON-ready values: unknowns, secrets and references named.

    Read straight from the protobuf values (not through a JSON conversion): it runs for
    every resource of a plan.
    """
    return {key: _plain(value) for key, value in struct.fields.items()}


def _plain(value: struct_pb2.Value) -> Any:
    kind = value.WhichOneof("kind")
    if kind == "string_value":
        return COMPUTED if value.string_value == UNKNOWN else value.string_value
    if kind == "number_value":
        # The wire format has only doubles; ports and sizes read better as integers.
        number = value.number_value
        return int(number) if number.is_integer() else number
    if kind == "bool_value":
        return value.bool_value
    if kind == "struct_value":
        fields = value.struct_value.fields
        sig = fields[_SIG].string_value if _SIG in fields else None
        if sig == _SECRET_SIG:
            return SECRET
        if sig == _RESOURCE_SIG:
            return {"resource": fields["urn"].string_value if "urn" in fields else None}
        return {key: _plain(item) for key, item in fields.items()}
    if kind == "list_value":
        return [_plain(item) for item in value.list_value.values]
    return None
