"""The one domain error of souverain.

Every failure a user can cause (a bad description, an unknown stack, an adapter that
cannot honour a request) is raised as :class:`SouverainError`. Only the CLI turns it into
an exit code, so library callers can catch one type and never see a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI imports this module at start-up: keep it free of pydantic
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input: where it is, what is wrong, and what would be valid."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class SouverainError(Exception):
    """A user-facing error carrying one or more located problems."""

    exit_code = 2

    def __init__(self, summary: str, problems: Iterable[Problem] = ()) -> None:
        self.summary = summary
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.render())

    def render(self) -> str:
        """Return the summary followed by one indented line per problem."""
        lines = [self.summary]
        lines.extend(f"  - {problem}" for problem in self.problems)
        return "\n".join(lines)


def format_location(loc: Sequence[int | str]) -> str:
    """Render a pydantic location as a field path users can find in their file: ``a.b[2].c``."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def problems_from_validation(error: ValidationError, prefix: str = "") -> list[Problem]:
    """Turn a pydantic error into located problems, one per failing field, sorted by path.

    ``prefix`` is written before each path as is, e.g. ``souverain:`` for stack config keys.
    """
    problems = []
    for detail in error.errors(include_url=False):
        loc = [p for p in detail["loc"] if not _is_union_tag(p)]
        path = prefix + format_location(loc)
        problems.append(Problem(path, _message(detail)))
    return sorted(set(problems))


def _is_union_tag(part: int | str) -> bool:
    # pydantic inserts the function or tag name of validators into locations
    # (``function-after[...]``); users never wrote those, so they are dropped.
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def _message(detail: ErrorDetails) -> str:
    message = str(detail["msg"])
    kind = detail["type"]
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    if kind == "extra_forbidden":
        return "unknown field; remove it or check its spelling"
    if kind == "missing":
        return "required field is missing"
    return message
