"""The one error type every stage raises for a user's mistake, and the CLI's exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Documented in README: scripts can tell a user mistake from a crash."""

    OK = 0
    USER_ERROR = 1  # an outline, seed, catalog, facts file or template is wrong
    SETUP_ERROR = 2  # the machine lacks something (a font, a system library)
    INTERNAL = 70  # a bug in the pipeline itself


@dataclass(frozen=True)
class Loc:
    """A place in a project file; line and column are 1-based, 0 when unknown."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line and self.col:
            return f"{self.file}:{self.line}:{self.col}"
        if self.line:
            return f"{self.file}:{self.line}"
        return self.file


class BriefError(Exception):
    """A located, one-line message for a mistake the user can fix; may carry siblings."""

    def __init__(
        self,
        message: str,
        loc: Loc | None = None,
        hint: str = "",
        code: ExitCode = ExitCode.USER_ERROR,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.loc = loc
        self.hint = hint
        self.code = code
        self.others: tuple[BriefError, ...] = ()

    def line(self) -> str:
        where = f"{self.loc}: " if self.loc else ""
        hint = f"; {self.hint}" if self.hint else ""
        return f"{where}{self.message}{hint}"

    def lines(self) -> list[str]:
        return [self.line()] + [e.line() for e in self.others]

    def __str__(self) -> str:
        return "\n".join(self.lines())


def raise_all(errors: list[BriefError]) -> None:
    """Raise every collected error at once (MkDocs style), or nothing when the list is empty."""
    if not errors:
        return
    first = errors[0]
    first.others = tuple(errors[1:])
    raise first
