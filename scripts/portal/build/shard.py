"""A shard of the build: the languages one process (or one machine) builds.

`portal build --jobs N` and sharded builds on several machines run the normal MkDocs build with
`PORTAL_BUILD_LANGUAGES` naming the languages the process owns. static-i18n always runs the
default language's pass first (it drives the others from it), so a process that does not own
the default language still runs that pass, with every page dropped; the other languages it does
not own are not built at all. URLs and page contents are those of a normal build, so the
shards' output folders merge into one site (see `merge`)."""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass

from ..languages import CODES, DEFAULT

LANGUAGES_VARIABLE = "PORTAL_BUILD_LANGUAGES"
CHECKED_VARIABLE = "PORTAL_BUILD_CHECKED"
"""Set by `portal build --jobs` for its shards: it runs the content checks itself, once."""


class ShardError(ValueError):
    pass


@dataclass(frozen=True)
class Shard:
    languages: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> "Shard":
        codes = tuple(code.strip() for code in text.split(",") if code.strip())
        unknown = [code for code in codes if code not in CODES]
        if unknown or not codes:
            raise ShardError(f"{LANGUAGES_VARIABLE}={text!r}: give a comma-separated list of the site's languages "
                             f"({', '.join(CODES)}); unknown: {', '.join(unknown) or 'none given'}")
        return cls(tuple(code for code in CODES if code in codes))

    @classmethod
    def from_environment(cls, environment=os.environ) -> "Shard | None":
        """The shard named by PORTAL_BUILD_LANGUAGES, or None for a whole-site build."""
        text = environment.get(LANGUAGES_VARIABLE, "").strip()
        return cls.parse(text) if text else None

    def owns(self, lang: str) -> bool:
        return lang in self.languages

    @property
    def owns_default(self) -> bool:
        return DEFAULT in self.languages

    def environment_value(self) -> str:
        return ",".join(self.languages)


def owner_language(rel_path: str) -> str:
    """The language whose build writes a path of the site: the top folder of a non-default
    language, otherwise the default language (its pages, and everything shared)."""
    top = rel_path.split("/", 1)[0]
    return top if top in CODES and top != DEFAULT and "/" in rel_path else DEFAULT


def balance(weights: dict[str, float], jobs: int) -> list[Shard]:
    """Split the languages into at most `jobs` shards with the smallest largest total weight
    (five languages: every assignment is tried). Shards are ordered as the languages are."""
    languages = [lang for lang in CODES if lang in weights]
    jobs = max(1, min(jobs, len(languages)))
    best, best_load = None, None
    for assignment in itertools.product(range(jobs), repeat=len(languages)):
        if len(set(assignment)) != jobs:
            continue
        loads = [0.0] * jobs
        for lang, job in zip(languages, assignment):
            loads[job] += weights[lang]
        if best_load is None or max(loads) < best_load:
            best, best_load = assignment, max(loads)
    shards = [tuple(lang for lang, job in zip(languages, best) if job == index) for index in range(jobs)]
    return sorted((Shard(languages) for languages in shards), key=lambda shard: CODES.index(shard.languages[0]))


def shard_owns(lang: str, environment=os.environ) -> bool:
    """Whether this process writes `lang`'s pages: always, unless it builds a shard without it."""
    shard = Shard.from_environment(environment)
    return shard is None or shard.owns(lang)
