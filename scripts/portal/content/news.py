"""The news model: an article and its language versions are one object (CONTENT.md).

An *article* is the set of files under `docs/news/` sharing a path once the language suffix is
removed; each file is one *version*. `index.*` files are section pages, not articles.

A version is *published* when it is not a draft, has a publication time, and that time has come
at the moment the news was loaded for (`load_news(now=...)`, from `portal.clock`): a version
dated later is *scheduled*. `Article.is_published` is that one rule; pages, listings, feeds,
the sitemap, the search index (through the pages) and the counts all ask it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..clock import current_moment
from ..front_matter import Document, read_document, read_front_matter
from ..languages import CODES, DEFAULT, split_language_suffix, unknown_language_suffix
from ..messages import _
from ..problems import InputError, Problem
from ..source_files import link_target, symlink_problem
from ..timezone import DateError, parse_publication_time
from .change_notes import Change, last_change, read_change

NEWS_FOLDER = "news"


@dataclass
class Version:
    """One language version of an article: one Markdown file."""

    rel_path: str
    """Path relative to the docs folder, `/`-separated: `news/2025/slug.ja.md`."""
    key: str
    """The article's path without language suffix: `news/2025/slug`."""
    lang: str
    meta: dict
    key_lines: dict[str, int] = field(default_factory=dict)
    body: str | None = None
    """None when only the front matter was read."""
    body_line: int = 1
    own_time: datetime | None = None
    """The version's own `date`, parsed; None when absent or unreadable."""

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or "")

    @property
    def summary(self) -> str:
        value = self.meta.get("summary")
        return str(value).strip() if value else ""

    @property
    def draft(self) -> bool:
        return self.meta.get("draft") is True

    @property
    def categories(self) -> list[str]:
        value = self.meta.get("categories") or []
        return [str(slug) for slug in value] if isinstance(value, list) else []

    @property
    def translation_status(self) -> str | None:
        return self.meta.get("translation_status")

    @property
    def change(self) -> Change | None:
        """The version's own `updated` and `change_note` (a translation does not inherit them)."""
        return read_change(self.meta)

    @property
    def slug(self) -> str:
        return self.key.rsplit("/", 1)[-1]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


@dataclass
class Article:
    key: str
    versions: dict[str, Version] = field(default_factory=dict)
    now: datetime | None = None
    """The moment publication is judged at (the build's or the count's): a version dated later is
    scheduled. None holds nothing back: `portal serve --future`, and articles made in code."""

    @property
    def slug(self) -> str:
        return self.key.rsplit("/", 1)[-1]

    @property
    def source(self) -> Version | None:
        return self.versions.get(DEFAULT)

    def publication_time(self, lang: str) -> datetime | None:
        """A version's own date, else the source's (a translation inherits it)."""
        version = self.versions.get(lang)
        if version is None:
            return None
        if version.own_time is not None:
            return version.own_time
        return self.source.own_time if self.source is not None else None

    def languages_not_draft(self) -> list[str]:
        """Languages with a version that is not a draft, published or scheduled (or undated)."""
        return [lang for lang in CODES if lang in self.versions and not self.versions[lang].draft]

    def is_published(self, lang: str) -> bool:
        """Not a draft, dated, and its time has come: THE rule of what the site shows and counts."""
        version = self.versions.get(lang)
        if version is None or version.draft:
            return False
        moment = self.publication_time(lang)
        return moment is not None and (self.now is None or moment <= self.now)

    def is_scheduled(self, lang: str) -> bool:
        """Not a draft, and dated after the moment publication is judged at."""
        version = self.versions.get(lang)
        if version is None or version.draft or self.now is None:
            return False
        moment = self.publication_time(lang)
        return moment is not None and moment > self.now

    def published_languages(self) -> list[str]:
        return [lang for lang in CODES if self.is_published(lang)]

    @property
    def first_publication(self) -> datetime | None:
        times = [self.publication_time(lang) for lang in self.published_languages()]
        return min(times) if times else None

    def last_change(self, lang: str) -> Change | None:
        """The version's last change: its `updated` and `change_note`, else its publication."""
        version = self.versions.get(lang)
        return last_change(version.meta, self.publication_time(lang)) if version is not None else None

    def last_updated(self, lang: str) -> datetime | None:
        """When the version last changed: its `updated`, else its publication time."""
        change = self.last_change(lang)
        return change.moment if change is not None else None

    @property
    def categories(self) -> list[str]:
        """THE categories of the article (CONTENT.md, "Publication"): those of its published
        versions together, in the order first written. Every page, feed and count uses this one
        definition (`in_category`), so an English version without `categories` of its own is in
        its Vietnamese source's categories on the English category page, in that category's
        English feed and in the count alike."""
        seen: dict[str, None] = {}
        for lang in self.published_languages():
            for slug in self.versions[lang].categories:
                seen.setdefault(slug, None)
        return list(seen)

    def in_category(self, slug: str) -> bool:
        return slug in self.categories


@dataclass(frozen=True)
class ScheduledVersion:
    """A version that is not published yet, and when it will be."""

    version: Version
    time: datetime


@dataclass
class News:
    articles: dict[str, Article] = field(default_factory=dict)
    now: datetime | None = None
    """The moment the news was loaded for (`load_news`); None: nothing is held back."""

    def versions(self):
        for article in self.articles.values():
            yield from article.versions.values()

    def judge_at(self, now: datetime | None) -> None:
        """Judge publication at `now` from here on (None: nothing is held back)."""
        self.now = now
        for article in self.articles.values():
            article.now = now

    def scheduled(self) -> list[ScheduledVersion]:
        """Every scheduled version, soonest first (then by path)."""
        found = [ScheduledVersion(version, article.publication_time(lang))
                 for article in self.articles.values() for lang, version in article.versions.items()
                 if article.is_scheduled(lang)]
        return sorted(found, key=lambda item: (item.time, item.version.rel_path))

    def scheduled_at(self, now: datetime) -> list[ScheduledVersion]:
        """What would be scheduled at `now`, whatever moment the news is judged at."""
        judged = self.now
        self.judge_at(now)
        try:
            return self.scheduled()
        finally:
            self.judge_at(judged)

    def steady_span(self, now: datetime) -> tuple[datetime | None, datetime | None]:
        """(since, until): the moments around `now` between which nothing the site or the checks
        show changes with time: no version reaches its publication time and no `updated` time
        passes. Judging at any moment m with since <= m < until gives the same site (None: no
        bound). What is kept between builds is used again only within it."""
        since = until = None
        for article in self.articles.values():
            for lang, version in article.versions.items():
                moments = [] if version.draft else [article.publication_time(lang)]
                change = version.change
                moments.append(change.moment if change is not None else None)
                for moment in moments:
                    if moment is None:
                        continue
                    if moment <= now:
                        since = moment if since is None or moment > since else since
                    elif until is None or moment < until:
                        until = moment
        return since, until

    def published(self, lang: str) -> list[Article]:
        """Articles with a published version in `lang`, newest first (ties broken by path)."""
        items = [article for article in self.articles.values() if article.is_published(lang)]
        items.sort(key=lambda article: article.key, reverse=True)
        items.sort(key=lambda article: article.publication_time(lang), reverse=True)
        return items

    def article_for(self, rel_path: str) -> Article | None:
        return self.articles.get(version_key(rel_path)[0])


def in_category(articles: list[Article], slug: str) -> list[Article]:
    """The articles of `articles` in the category `slug`, in the same order: what a category's
    listing pages show and what its feed carries (`Article.categories`)."""
    return [article for article in articles if article.in_category(slug)]


def version_key(rel_path: str) -> tuple[str, str]:
    folder, _slash, filename = rel_path.rpartition("/")
    base, lang = split_language_suffix(filename)
    return (f"{folder}/{base}" if folder else base), lang


def is_article_file(rel_path: str) -> bool:
    if not rel_path.startswith(NEWS_FOLDER + "/") or not rel_path.endswith(".md"):
        return False
    filename = rel_path.rsplit("/", 1)[-1]
    base = split_language_suffix(filename)[0]
    return base != "index" and not filename.startswith((".", "_"))


def language_suffix_problem(shown_path: str, rel_path: str) -> Problem | None:
    """The problem of a Markdown file whose name ends in something that looks like a language
    but is not one of the site's (`tin.fr.md`, `tin.EN.md`): `languages.unknown_language_suffix`."""
    filename = rel_path.rsplit("/", 1)[-1]
    suffix = unknown_language_suffix(filename)
    if suffix is None:
        return None
    base = filename[: -len(suffix) - 4]
    fix = (_("write the language in lower case: {name}").format(name=f"{base}.{suffix.lower()}.md")
           if suffix.lower() in CODES else
           _("rename it {name} with one of the site's languages ({name_vi} for Vietnamese), or write the name "
             "without that dot").format(name=f"{base}.<{'|'.join(CODES)}>.md", name_vi=f"{base}.md"))
    return Problem(shown_path, 1, "file", _("'.{suffix}' in the file name is not one of the site's languages "
                                            "({languages})").format(suffix=suffix, languages=", ".join(CODES)), fix)


def iter_article_files(docs_dir: Path, symlinks: list[tuple[str, str]] | None = None):
    """Yield (absolute path, docs-relative posix path) for every article file, in a stable order
    (a folder's files, then its subfolders). Symbolic links are never followed nor yielded:
    when `symlinks` is a list, (docs-relative path, target) of each one met is added to it."""
    news = os.path.join(os.fspath(docs_dir), NEWS_FOLDER)
    if os.path.islink(news):
        if symlinks is not None:
            symlinks.append((NEWS_FOLDER, link_target(news)))
        return
    yield from _article_files(news, NEWS_FOLDER, symlinks)


def _article_files(folder: str, rel_folder: str, symlinks):
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    subfolders = []
    for entry in entries:
        # Relative paths are built by hand: a Path per file costs more than reading a front matter.
        rel_path = f"{rel_folder}/{entry.name}"
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_symlink():
            if symlinks is not None:
                symlinks.append((rel_path, link_target(entry.path)))
        elif entry.is_dir(follow_symlinks=False):
            subfolders.append((entry.path, rel_path))
        elif is_article_file(rel_path):
            yield entry.path, rel_path
    for path, rel_path in subfolders:
        yield from _article_files(path, rel_path, symlinks)


def load_news(docs_dir: Path, *, with_body: bool = False, project_root: Path | None = None,
              now: datetime | None = None, future: bool = False):
    """Read every article file. Returns (News, problems that make a file unreadable).

    With `with_body=False` only front matter is read, which is what counting needs. Publication
    is judged at `now` (default: `clock.current_moment()`, `PORTAL_NOW` or the machine's
    clock); `future` holds nothing back (`portal serve --future`).
    """
    docs_dir = Path(docs_dir)
    root = project_root or docs_dir.parent
    if now is None and not future:
        now = current_moment()
    news = News(now=None if future else now)
    problems: list[Problem] = []

    def shown(absolute: str) -> str:
        try:
            return Path(absolute).relative_to(root).as_posix()
        except ValueError:
            return absolute

    symlinks: list[tuple[str, str]] = []
    for absolute, rel_path in iter_article_files(docs_dir, symlinks):
        refusal = language_suffix_problem(shown(absolute), rel_path)
        if refusal is not None:
            problems.append(refusal)  # not read: it is no article of the site until renamed
            continue
        key, lang = version_key(rel_path)
        try:
            if with_body:
                document = read_document(absolute)
            else:
                document = Document(read_front_matter(absolute), "", 1, {})
        except InputError as error:
            problems.append(error.problem(shown(absolute)))
            continue
        article = news.articles.setdefault(key, Article(key, now=news.now))
        if lang in article.versions:
            other = article.versions[lang].rel_path
            problems.append(Problem(shown(absolute), 1, "file",
                                    _("a second {lang} version of {article} (also {other})").format(
                                        lang=lang, article=key, other=other),
                                    _("keep one file: 'NAME.md' and 'NAME.vi.md' are both Vietnamese")))
            continue
        version = Version(rel_path, key, lang, document.meta, document.key_lines,
                          document.body if with_body else None, document.body_line)
        if "date" in document.meta:
            try:
                version.own_time = parse_publication_time(document.meta["date"])
            except DateError as error:
                problems.append(Problem(shown(absolute), version.line_of("date"), "date", error.problem, error.fix))
        article.versions[lang] = version
    problems += [symlink_problem(shown(os.path.join(docs_dir, rel_path)), target) for rel_path, target in symlinks]
    for article in news.articles.values():
        for lang in article.languages_not_draft():
            version = article.versions[lang]
            if "date" in version.meta or article.publication_time(lang) is not None:
                continue
            if article.source is None or "date" not in article.source.meta:
                what = _("missing") if lang == DEFAULT else _("missing, and there is no Vietnamese source date to inherit")
                fix = _("add 'date: YYYY-MM-DD' (publication date, Vietnam time)")
                problems.append(Problem(shown(str(docs_dir / version.rel_path)), 1, "date", what, fix))
    return news, problems
