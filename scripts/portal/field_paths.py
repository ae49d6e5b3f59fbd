"""Finding the text values of front matter from the path patterns of `portal.content.translatable`.

A pattern is `a.b` for nested keys and `a[]` for every item of a list, so `channels[].method`
names the `method` of every channel and `steps[]` every step. A concrete location is a tuple of
keys and list indexes, e.g. `("channels", 1, "method")`.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

Location = tuple[str | int, ...]

_TOKEN = re.compile(r"([^.\[\]]+)|(\[\])")


def parse_pattern(pattern: str) -> tuple[str, ...]:
    tokens = []
    for name, every in _TOKEN.findall(pattern):
        tokens.append(name or "[]")
    return tuple(tokens)


def iter_text_values(meta: dict, patterns: tuple[str, ...]) -> Iterator[tuple[Location, str]]:
    """Every string value the patterns reach, in pattern order then document order.

    Values that are not strings (a number, a date kept as data, a nested mapping where the
    contract expects text) are skipped rather than stringified: only what is text for readers
    may reach an engine.
    """
    for pattern in patterns:
        yield from _walk(meta, parse_pattern(pattern), ())


def _walk(node: Any, tokens: tuple[str, ...], here: Location) -> Iterator[tuple[Location, str]]:
    if not tokens:
        if isinstance(node, str):
            yield here, node
        return
    head, rest = tokens[0], tokens[1:]
    if head == "[]":
        if isinstance(node, list):
            for index, item in enumerate(node):
                yield from _walk(item, rest, here + (index,))
        return
    if isinstance(node, dict) and head in node:
        yield from _walk(node[head], rest, here + (head,))


def set_value(meta: dict, location: Location, value: str) -> None:
    node: Any = meta
    for step in location[:-1]:
        node = node[step]
    node[location[-1]] = value


def location_label(location: Location) -> str:
    """`("channels", 1, "method")` -> `channels[1].method`, for messages."""
    label = ""
    for step in location:
        label += f"[{step}]" if isinstance(step, int) else (f".{step}" if label else step)
    return label
