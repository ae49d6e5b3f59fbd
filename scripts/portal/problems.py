"""Problems found in content, reported all at once as `file:line: field: what is wrong; how to fix`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    """The file, relative to the project (for example `docs/news/2025/x.vi.md`)."""
    line: int
    field: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}; {self.fix}"


def format_report(problems: list[Problem]) -> str:
    ordered = sorted(problems)
    noun = "problem" if len(ordered) == 1 else "problems"
    return "\n".join([*map(str, ordered), f"{len(ordered)} {noun} found."])


class ContentError(Exception):
    """Raised where content cannot be used at all; carries every problem found, not the first."""

    def __init__(self, problems: list[Problem]):
        super().__init__(format_report(problems))
        self.problems = sorted(problems)
