"""Reading and writing Markdown files with YAML front matter.

Front matter is parsed with PyYAML's C loader when available, with one deliberate change:
timestamps stay strings, so every date goes through `timezone.parse_publication_time` and a
date-time without offset is read as Vietnam time rather than as UTC.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FrontMatterLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    pass


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}

_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


class FrontMatterError(ValueError):
    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.line = line


@dataclass
class Document:
    meta: dict
    body: str
    body_line: int = 1
    """Line number (1-based) of the body's first line in the file."""
    key_lines: dict[str, int] = field(default_factory=dict)
    """Line number of each top-level front-matter key, for error reports."""
    has_front_matter: bool = True


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter text or None, body, line number where the body starts)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not (text.startswith("---\n") or text.startswith("---\r\n")):
        return None, text, 1
    lines = text.splitlines(keepends=True)
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n") in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise FrontMatterError("front matter opened with '---' on line 1 is never closed; add a line '---' after it", 1)


def parse_yaml(text: str, first_line: int = 2) -> dict:
    try:
        data = yaml.load(text, Loader=_FrontMatterLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(error, "problem", None) or str(error)
        raise FrontMatterError(f"front matter is not valid YAML ({problem}); check quotes, colons and indentation", line) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError("front matter must be 'key: value' lines", first_line)
    return data


def parse_document(text: str) -> Document:
    front, body, body_line = split_front_matter(text)
    if front is None:
        return Document({}, body, 1, {}, has_front_matter=False)
    key_lines = {}
    for offset, line in enumerate(front.splitlines()):
        match = _TOP_LEVEL_KEY.match(line)
        if match:
            key_lines.setdefault(match.group(1), offset + 2)
    return Document(parse_yaml(front), body, body_line, key_lines)


def read_document(path: Path) -> Document:
    return parse_document(Path(path).read_text(encoding="utf-8"))


def read_front_matter(path: Path) -> dict:
    """Only the front matter: reads up to the closing '---', never the body."""
    with open(path, encoding="utf-8") as handle:
        first = handle.readline()
        if first.startswith("\ufeff"):
            first = first[1:]
        if first.rstrip("\r\n") != "---":
            return {}
        collected = []
        for line in handle:
            if line.rstrip("\r\n") in ("---", "..."):
                return parse_yaml("".join(collected))
            collected.append(line)
    raise FrontMatterError("front matter opened with '---' on line 1 is never closed; add a line '---' after it", 1)


def dump_front_matter(meta: dict) -> str:
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def render_document(meta: dict, body: str) -> str:
    body = body if body.startswith("\n") else "\n" + body
    return f"---\n{dump_front_matter(meta)}---\n{body}"


def atomic_write_text(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and rename, so readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
