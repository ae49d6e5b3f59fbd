"""Links and images in Markdown bodies, and whether their targets exist in the docs folder."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..languages import CODES
from ..source_files import is_existing_file

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
# [text](target "title") and ![alt](target); nested brackets one level deep are allowed.
# Neither the text nor the target runs over a '[' that opens another link, nor an <img> tag
# over a '<': each attempt then stops where the next one starts, so a line of a million
# unclosed '[x](' is read in linear time (it took minutes).
_MD_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^)\s>\[]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_HTML_IMG = re.compile(r"<img\b[^<>]*>", re.IGNORECASE)
_HTML_ALT = re.compile(r"\balt\s*=\s*([\"'])(.*?)\1", re.IGNORECASE | re.DOTALL)
_HTML_SRC = re.compile(r"\bsrc\s*=\s*([\"'])(.*?)\1", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    line: int
    """1-based line within the body."""
    is_image: bool
    text: str
    target: str


def _blank_comments(body: str) -> str:
    """Comments are not shown to readers; blank them but keep line numbers. A scan rather than
    a regular expression: many unclosed '<!--' would each be searched to the end."""
    parts, position = [], 0
    while True:
        start = body.find("<!--", position)
        end = body.find("-->", start + 4) if start >= 0 else -1
        if end < 0:
            break
        parts += [body[position:start], re.sub(r"[^\n]", " ", body[start : end + 3])]
        position = end + 3
    return "".join(parts) + body[position:]


def iter_links(body: str):
    """Yield the Markdown and HTML-image links of a body, skipping comments, code blocks and
    inline code."""
    body = _blank_comments(body)
    fence = None
    for number, line in enumerate(body.splitlines(), start=1):
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker[0] * 3
            elif marker.startswith(fence):
                fence = None
            continue
        if fence is not None:
            continue
        line = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)
        for link in _MD_LINK.finditer(line):
            yield Link(number, link.group(1) == "!", link.group(2).strip(), link.group(3).strip())
        for tag in _HTML_IMG.finditer(line):
            alt = _HTML_ALT.search(tag.group(0))
            src = _HTML_SRC.search(tag.group(0))
            yield Link(number, True, alt.group(2).strip() if alt else "", src.group(2) if src else "")


def is_web_url(value) -> bool:
    """An absolute http(s) address of a named host: what a link from site data or a record may be
    (never `javascript:`, `data:` or a path that only looks like an address)."""
    if not isinstance(value, str) or any(ch.isspace() for ch in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and "." in parts.hostname


def is_external(target: str) -> bool:
    parts = urlsplit(target)
    return bool(parts.scheme or parts.netloc) or target.startswith(("mailto:", "tel:", "data:"))


def resolve_target(docs_dir: Path, from_rel_path: str, target: str) -> str | None:
    """The docs-relative path a relative link points to (without fragment), or None if not local."""
    if not target or target.startswith("#") or is_external(target) or target.startswith("/"):
        return None
    path = unquote(urlsplit(target).path)
    if not path:
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_rel_path), path))


def target_exists(docs_dir: Path, rel_target: str, generated: set[str] = frozenset()) -> bool:
    """True when a file exists for the link, including any language version of a Markdown page."""
    if rel_target.startswith("../") or rel_target == "..":
        return False
    candidate = Path(docs_dir) / rel_target
    if rel_target in generated or rel_target.rstrip("/") in generated:
        return True
    if is_existing_file(candidate):
        return True
    if rel_target.endswith(".md"):
        stem = rel_target[:-3]
        base = stem.rsplit(".", 1)[0] if stem.rsplit(".", 1)[-1] in CODES else stem
        return any(is_existing_file(Path(docs_dir) / f"{base}.{lang}.md") for lang in CODES) or \
            is_existing_file(Path(docs_dir) / f"{base}.md")
    return False
