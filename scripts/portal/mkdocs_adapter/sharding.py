"""A shard of the build: the languages, or parts of languages, one process (or machine) builds.

`portal build --jobs N` and sharded builds on several machines run the normal MkDocs build with
`PORTAL_BUILD_LANGUAGES` naming what the process builds: whole languages (`vi,en`) or a part of
a language's pages (`ja:0-450`: the pages whose bucket, a hash of the page's address from 0 to
999, falls in [0, 450)). Five languages do not divide evenly over two processes, hence parts.

static-i18n always runs the default language's pass first (it drives the others from it), so a
process that builds none of the default language still runs that pass, with its pages dropped;
languages a process has no part of are not built at all; in a pass of which the process has a
part, the other parts' pages are left out of the build (still known, so links to them resolve).
The first part of a language (from bucket 0) also writes what belongs to the whole language:
its feeds (from the content model: articles of other parts are converted from Markdown for
them, their pages are not built, see `article_html`) and 404 page, and for the default language
the shared assets and the sitemap. URLs
and page contents are those of a normal build, so the shards' output folders merge into one
site (see `merge`)."""

from __future__ import annotations

import itertools
import os
import re
import zlib
from dataclasses import dataclass

from ..languages import CODES, DEFAULT
from ..messages import _

LANGUAGES_VARIABLE = "PORTAL_BUILD_LANGUAGES"
CHECKED_VARIABLE = "PORTAL_BUILD_CHECKED"
"""Set by `portal build --jobs` for its shards: it runs the content checks itself, once."""
BUCKETS = 1000
_PART = re.compile(r"^([a-z]{2,3})(?::(\d{1,4})-(\d{1,4}))?$")


class ShardError(ValueError):
    pass


def bucket_of(norm: str) -> int:
    """Where a page falls when its language is split between shards (stable across runs)."""
    return zlib.crc32(norm.encode("utf-8")) % BUCKETS


@dataclass(frozen=True)
class Part:
    lang: str
    start: int = 0
    end: int = BUCKETS

    @property
    def whole(self) -> bool:
        return self.start == 0 and self.end == BUCKETS

    def holds(self, bucket: int) -> bool:
        return self.start <= bucket < self.end

    def __str__(self) -> str:
        return self.lang if self.whole else f"{self.lang}:{self.start}-{self.end}"


@dataclass(frozen=True)
class Shard:
    parts: tuple[Part, ...]

    @classmethod
    def parse(cls, text: str) -> "Shard":
        parts = []
        for item in (item.strip() for item in text.split(",")):
            if not item:
                continue
            match = _PART.match(item)
            if match is None or match.group(1) not in CODES:
                raise ShardError(_("{setting}: {item!r} is not one of the site's languages ({languages}), optionally "
                                   "with a part of its pages as ja:0-450 (buckets 0 to {buckets})").format(
                    setting=f"{LANGUAGES_VARIABLE}={text!r}", item=item, languages=", ".join(CODES), buckets=BUCKETS))
            start, end = (int(match.group(2)), int(match.group(3))) if match.group(2) else (0, BUCKETS)
            if not 0 <= start < end <= BUCKETS:
                raise ShardError(_("{setting}: {item!r}: the part must be FROM-TO with 0 <= FROM < TO <= {buckets}").format(
                    setting=f"{LANGUAGES_VARIABLE}={text!r}", item=item, buckets=BUCKETS))
            parts.append(Part(match.group(1), start, end))
        if not parts:
            raise ShardError(_("{setting}: name at least one language").format(setting=f"{LANGUAGES_VARIABLE}={text!r}"))
        langs = [part.lang for part in parts]
        if len(set(langs)) != len(langs):
            raise ShardError(_("{setting}: name each language once").format(setting=f"{LANGUAGES_VARIABLE}={text!r}"))
        return cls(tuple(sorted(parts, key=lambda part: CODES.index(part.lang))))

    @classmethod
    def whole_languages(cls, *langs: str) -> "Shard":
        return cls(tuple(Part(lang) for lang in CODES if lang in langs))

    @classmethod
    def from_environment(cls, environment=os.environ) -> "Shard | None":
        """The shard named by PORTAL_BUILD_LANGUAGES, or None for a whole-site build."""
        text = environment.get(LANGUAGES_VARIABLE, "").strip()
        return cls.parse(text) if text else None

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(part.lang for part in self.parts)

    def part_of(self, lang: str) -> Part | None:
        return next((part for part in self.parts if part.lang == lang), None)

    def owns(self, lang: str) -> bool:
        """Whether the shard builds `lang`, whole or in part."""
        return self.part_of(lang) is not None

    def writes_language(self, lang: str) -> bool:
        """Whether the shard writes what belongs to `lang` as a whole (its feeds, its 404 page
        and, for the default language, everything shared): the shard with its first part."""
        part = self.part_of(lang)
        return part is not None and part.start == 0

    def owns_page(self, lang: str, norm: str) -> bool:
        part = self.part_of(lang)
        return part is not None and part.holds(bucket_of(norm))

    @property
    def owns_default(self) -> bool:
        return self.writes_language(DEFAULT)

    def environment_value(self) -> str:
        return ",".join(str(part) for part in self.parts)

    def __str__(self) -> str:
        return "+".join(str(part) for part in self.parts)


def owner_language(rel_path: str) -> str:
    """The language whose build writes a path of the site: the top folder of a non-default
    language, otherwise the default language (its pages, and everything shared)."""
    top = rel_path.split("/", 1)[0]
    return top if top in CODES and top != DEFAULT and "/" in rel_path else DEFAULT


def page_norm_of(rel_path: str) -> str | None:
    """The norm path of the page a site file is (`en/news/2025/a/index.html` ->
    `news/2025/a/`), or None for a file that is not a page."""
    if not (rel_path == "index.html" or rel_path.endswith("/index.html")):
        return None
    lang = owner_language(rel_path)
    prefix = "" if lang == DEFAULT else f"{lang}/"
    return rel_path[len(prefix):-len("index.html")]


def writes_path(shard: Shard, rel_path: str) -> bool:
    """Whether `shard` is the one that writes the site file at `rel_path`."""
    lang = owner_language(rel_path)
    part = shard.part_of(lang)
    if part is None:
        return False
    if part.whole:
        return True
    norm = page_norm_of(rel_path)
    return part.holds(bucket_of(norm)) if norm is not None else part.start == 0


def shard_load(shard: Shard, weights: dict[str, float], pass_weight: float) -> float:
    """What building `shard` costs, in the weights' unit: each part pays its language pass's
    fixed cost (`pass_weight`, included in the language's weight) in full and its share of the
    pages; a shard without the default language also runs that pass, emptied."""
    load = 0.0 if shard.owns(DEFAULT) else pass_weight
    for part in shard.parts:
        load += pass_weight + (weights[part.lang] - pass_weight) * (part.end - part.start) / BUCKETS
    return load


def balance(weights: dict[str, float], jobs: int, pass_weight: float = 0.0) -> list[Shard]:
    """Spread the languages over `jobs` shards so that the most loaded shard has the least
    work: either whole languages (every assignment is tried) or, when that is better, languages
    split where a shard's share ends (McNaughton's wrap-around rule)."""
    languages = [lang for lang in CODES if lang in weights]
    jobs = max(1, min(jobs, len(languages)))
    candidates = [_wrapped(languages, weights, jobs, pass_weight)]
    for assignment in itertools.product(range(jobs), repeat=len(languages)):
        if len(set(assignment)) == jobs and assignment[0] == 0:
            candidates.append([Shard.whole_languages(*(lang for lang, job in zip(languages, assignment) if job == index))
                               for index in range(jobs)])
    best = min(candidates, key=lambda shards: (max(shard_load(shard, weights, pass_weight) for shard in shards),
                                               sum(len(shard.parts) for shard in shards)))
    return sorted(best, key=lambda shard: (CODES.index(shard.parts[0].lang), shard.parts[0].start))


def _wrapped(languages: list[str], weights: dict[str, float], jobs: int, pass_weight: float) -> list[Shard]:
    target = (sum(weights[lang] for lang in languages) + pass_weight * (jobs - 1)) / jobs
    shards: list[list[Part]] = [[] for _job in range(jobs)]
    job, load = 0, 0.0
    for lang in languages:
        start = 0.0
        while start < 1.0:
            room = target - load
            remaining = (1.0 - start) * weights[lang]
            if job == jobs - 1 or remaining <= room + 1e-9:
                shards[job].append(Part(lang, round(start * BUCKETS), BUCKETS))
                load += remaining
                break
            end = start + room / weights[lang]
            if round(end * BUCKETS) > round(start * BUCKETS):
                shards[job].append(Part(lang, round(start * BUCKETS), round(end * BUCKETS)))
                start = round(end * BUCKETS) / BUCKETS
            job, load = job + 1, pass_weight
    return [Shard(tuple(parts)) for parts in shards if parts]


def shard_owns(lang: str, environment=os.environ) -> bool:
    """Whether this process writes what belongs to `lang` as a whole (feeds, 404 page): always,
    unless it builds a shard without the first part of `lang`."""
    shard = Shard.from_environment(environment)
    return shard is None or shard.writes_language(lang)
