"""One way in for every file souverain reads: descriptions, stack files, configs, waivers, catalogs.

A CI gate must never crash on the files people really have, nor hang on hostile ones. So
every document goes through :func:`read_document`, which:

- refuses a missing path, a directory, an empty file and a file over :data:`MAX_BYTES`;
- decodes UTF-8 strictly, naming the byte offset of the first bad byte;
- parses JSON, or YAML with the safe loader only (the C one where it is installed);
- refuses nesting deeper than :data:`MAX_DEPTH` and aliases that would expand a document
  beyond :data:`MAX_NODES` values (the "billion laughs"), before anything walks the data.

Every refusal is a :class:`SouverainError` with one line naming the file and the cause.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from souverain.errors import SouverainError

MAX_BYTES = 16 * 1024 * 1024
"""The largest document read: 16 MiB, far above any description, config or catalog."""
MAX_DEPTH = 64
"""The deepest nesting of mappings and lists accepted."""
MAX_NODES = 2_000_000
"""The most values a document may hold once its aliases are expanded."""

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_document(path: Path, what: str) -> Any:
    """The parsed content of a JSON or YAML file, or a one-line error naming it.

    ``what`` says what the file is for the user (``description``, ``waiver file``...).
    """
    text = read_text(path, what)
    if not text.strip():
        raise SouverainError(f"{what} {path} is empty")
    if path.suffix == ".json":
        return _json(text, path, what)
    return parse_yaml(text, f"{what} {path}")


def read_text(path: Path, what: str) -> str:
    """A file's text, checked to exist, be a file, fit the size limit and be UTF-8."""
    try:
        if not path.exists():
            raise SouverainError(f"{what} {path} does not exist")
        if path.is_dir():
            raise SouverainError(f"{what} {path} is a directory, not a file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SouverainError(
                f"{what} {path} is {size:,} bytes; the limit is {MAX_BYTES:,} bytes"
            )
        data = path.read_bytes()
    except OSError as error:
        raise SouverainError(f"cannot read {what} {path}: {error.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = data[error.start]
        raise SouverainError(
            f"{what} {path} is not UTF-8: byte 0x{bad:02x} at offset {error.start}; "
            "save the file as UTF-8"
        ) from None


def parse_yaml(text: str, source: str) -> Any:
    """YAML text as plain data, bounded in depth and alias expansion.

    Without anchors there is nothing to expand, so the C loader builds the data directly
    and only its depth is checked; with anchors, the node graph is measured first.
    """
    try:
        if "&" not in text:
            data = yaml.load(text, Loader=_LOADER)
            _check_depth(data, source)
            return data
        node = yaml.compose(text, Loader=_LOADER)
        if node is None:
            return None
        _check_shape(node, source)
        return _LOADER("").construct_document(node)
    except yaml.YAMLError as error:
        raise SouverainError(f"{source} is not valid YAML: {_one_line(error)}") from None
    except ValueError as error:  # a value YAML recognises but cannot build (2027-02-30)
        raise SouverainError(f"{source} holds an impossible value: {error}") from None


def _check_depth(data: Any, source: str) -> None:
    if _depth(data) > MAX_DEPTH:
        raise SouverainError(f"{source} nests deeper than {MAX_DEPTH} levels; flatten it")


def _check_shape(root: yaml.Node, source: str) -> None:
    """Refuse too deep a document, or one whose aliases expand beyond :data:`MAX_NODES`.

    The node graph shares aliased nodes, so it is small even for an alias bomb; the size
    each node stands for once expanded is counted once per node, bottom up.
    """
    expanded: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        if depth > MAX_DEPTH:
            line = node.start_mark.line + 1
            raise SouverainError(
                f"{source} nests deeper than {MAX_DEPTH} levels (line {line}); flatten it"
            )
        children = _children(node)
        if done:
            total = 1 + sum(expanded[id(child)] for child in children)
            if total > MAX_NODES:
                raise SouverainError(
                    f"{source} expands to more than {MAX_NODES:,} values through its aliases "
                    "(&anchors and *references); write the values out or use fewer aliases"
                )
            expanded[id(node)] = total
            continue
        if id(node) in expanded:
            continue
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children if id(child) not in expanded)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _json(text: str, path: Path, what: str) -> Any:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise SouverainError(f"{what} {path} is not valid JSON: {error}") from None
    except RecursionError:
        raise SouverainError(f"{what} {path} nests deeper than {MAX_DEPTH} levels") from None
    _check_depth(data, f"{what} {path}")
    return data


def _depth(data: Any) -> int:
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return deepest


def _one_line(error: yaml.YAMLError) -> str:
    """A YAML error on one line: the problem and where it is."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    return f"{problem}{where}"
