"""`portal check`: every content problem, reported at once. The build runs the same checks.

Besides the content itself, the checks refuse what would make the build publish something that
is not in docs/ (a symbolic link) or stop it with a traceback (a file that is not UTF-8, YAML
that `safe_yaml` refuses): each is a problem with its file and line like any other."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from .clock import current_moment, shown_moment
from .content.change_notes import change_problems
from .content.news import NEWS_FOLDER, Article, News, is_article_file, language_suffix_problem, load_news, version_key
from .front_matter import FrontMatterError, parse_document
from .content.markdown_links import iter_links, resolve_target, target_exists
from .messages import _
from .problems import InputError, Problem
from .documents.checks import check_documents
from .procedures.checks import check_procedures, procedure_warnings
from .procedures.model import is_procedure_file
from .content.news_schema import lead_image_target, validate_version
from .content.site_data import DATA_FOLDER, Category, SiteDataError, load_categories, load_site_info
from .source_files import find_symlinks, read_text, symlink_problem


@dataclass
class CheckContext:
    docs_dir: Path
    project_root: Path
    news: News
    categories: dict[str, Category]
    pages: dict[str, str] = field(default_factory=dict)
    """Every Markdown page's docs-relative path and its text."""
    now: datetime | None = None
    """The moment of the check (`portal.clock`): what is published, what is scheduled."""
    future: bool = False
    """Checking the preview of the future (`portal serve --future`): scheduled counts as published."""

    def shown(self, rel_path: str) -> str:
        return self.shown_file(self.docs_dir / rel_path)

    def shown_file(self, absolute: Path) -> str:
        """A file as problems name it: relative to the project where it is inside it. Not
        resolved: a link is named where it is, not where it points."""
        try:
            return Path(absolute).relative_to(self.project_root).as_posix()
        except ValueError:
            return Path(absolute).as_posix()


ContentCheck = Callable[[CheckContext], list[Problem]]


def _markdown_pages(docs_dir: Path, shown: Callable[[str], str]) -> tuple[dict[str, str], list[Problem]]:
    """Every Markdown page MkDocs renders (all but hidden files and docs/_data/, which mkdocs.yml
    excludes): docs-relative path and text, and the pages that cannot be read. Links are not
    followed (`symlinks_in_docs` reports them)."""
    pages, problems = {}, []
    for folder, dirnames, filenames in os.walk(docs_dir):
        top = folder == os.fspath(docs_dir)
        dirnames[:] = sorted(name for name in dirnames if not name.startswith(".") and not (top and name == DATA_FOLDER))
        for filename in sorted(filenames):
            if filename.endswith(".md") and not filename.startswith("."):
                absolute = Path(folder) / filename
                rel_path = absolute.relative_to(docs_dir).as_posix()
                if absolute.is_symlink():
                    continue
                refusal = language_suffix_problem(shown(rel_path), rel_path)
                if refusal is not None:
                    if not rel_path.startswith(NEWS_FOLDER + "/"):  # load_news reports the news
                        problems.append(refusal)
                    continue
                try:
                    pages[rel_path] = read_text(absolute)
                except InputError as error:
                    problems.append(error.problem(shown(rel_path)))
    return pages, problems


def symlinks_in_docs(docs_dir: Path, project_root: Path | None = None) -> list[Problem]:
    """docs/ is the only source: every symbolic link in it, to a file or a folder, is refused."""
    docs_dir = Path(docs_dir).resolve()
    project_root = Path(project_root).resolve() if project_root else docs_dir.parent
    context = CheckContext(docs_dir, project_root, News(), {})
    return [symlink_problem(context.shown(rel_path), target) for rel_path, target in find_symlinks(docs_dir)]


def check_news(context: CheckContext) -> list[Problem]:
    problems = []
    known = set(context.categories)

    def image_exists(version, image: str) -> bool:
        rel = lead_image_target(version.rel_path, image)
        return rel is not None and target_exists(context.docs_dir, rel)

    slugs: dict[str, str] = {}
    for article in sorted(context.news.articles.values(), key=lambda a: a.key):
        for version in article.versions.values():
            problems += validate_version(version, article, known, lambda v: context.shown(v.rel_path), image_exists,
                                         now=context.now)
        if article.slug in slugs:
            source = article.source or next(iter(article.versions.values()))
            problems.append(Problem(context.shown(source.rel_path), 1, "slug",
                                    _("the slug '{slug}' is also used by {article}").format(
                                        slug=article.slug, article=slugs[article.slug]),
                                    _("rename one of the files (all its language versions) so each article has its own slug")))
        else:
            slugs[article.slug] = article.key
    return problems


def check_links(context: CheckContext) -> list[Problem]:
    """Broken relative links and images, and images without a text alternative, on every page."""
    problems = []
    for rel_path, text in context.pages.items():
        try:
            document = parse_document(text)
        except FrontMatterError:
            continue  # reported with the front matter
        for link in iter_links(document.body):
            line = document.body_line + link.line - 1
            if link.is_image and not link.text:
                problems.append(Problem(context.shown(rel_path), line, "image",
                                        _("image '{target}' has no alt text").format(target=link.target),
                                        _("describe the picture inside the brackets: ![Photo: ...](path)")))
            target = resolve_target(context.docs_dir, rel_path, link.target)
            if target is not None and is_article_file(target):
                linked = context.news.article_for(target)
                refusal = unpublished_link(context, rel_path, linked, link.target) if linked is not None else None
                if refusal is not None:
                    problems.append(Problem(context.shown(rel_path), line, "link", *refusal))
                    continue
            if target is None or target_exists(context.docs_dir, target):
                continue
            kind = "image" if link.is_image else "link"
            if target == ".." or target.startswith("../"):
                # Never read, whether or not something is there: nothing outside docs/ is published.
                problems.append(Problem(context.shown(rel_path), line, kind,
                                        _("'{target}' leads outside the docs folder").format(target=link.target),
                                        _("put the file inside docs/ and write its path relative to this file")))
                continue
            problems.append(Problem(context.shown(rel_path), line, kind,
                                    _("'{target}' points to a file that does not exist").format(target=link.target),
                                    _("correct the path (relative to this file) or add the missing file")))
    return problems


def unpublished_link(context: CheckContext, rel_path: str, linked: Article, written: str) -> tuple[str, str] | None:
    """(what is wrong, how to fix) when the page at `rel_path` links to an article that has no
    published version by the time the page is itself published: a draft, or one scheduled later.
    The build would link to a page that does not exist yet."""
    times = [linked.publication_time(lang) for lang in linked.languages_not_draft()]
    times = [moment for moment in times if moment is not None]
    if not times:
        return (_("'{target}' points to an article that is still a draft").format(target=written),
                _("publish that article first, or remove the link"))
    if context.future:
        return None
    earliest = min(times)
    page_time = _scheduled_time(context.news, rel_path)
    if page_time is not None:
        if earliest > page_time:
            return (_("'{target}' points to an article scheduled for {when}, after this page ({page_when})").format(
                        target=written, when=shown_moment(earliest), page_when=shown_moment(page_time)),
                    _("schedule this page at or after the other article, or remove the link"))
        return None
    if context.now is not None and earliest > context.now:
        return (_("'{target}' points to an article scheduled for {when}, not published yet").format(
                    target=written, when=shown_moment(earliest)),
                _("remove the link until that article is published, or publish it now"))
    return None


def _scheduled_time(news: News, rel_path: str) -> datetime | None:
    """The publication time of the page at `rel_path` if it is a scheduled article version."""
    if not is_article_file(rel_path):
        return None
    article = news.article_for(rel_path)
    lang = version_key(rel_path)[1]
    if article is None or not article.is_scheduled(lang):
        return None
    return article.publication_time(lang)


def check_page_front_matter(context: CheckContext) -> list[Problem]:
    """Pages other than articles (home, about, section pages...): their front matter must parse
    (articles are read, and reported, by the news model), and their change note (`updated`,
    `change_note`) be usable. Procedure records have a schema of their own."""
    problems = []
    for rel_path, text in context.pages.items():
        if is_article_file(rel_path):
            continue
        try:
            document = parse_document(text)
        except FrontMatterError as error:
            problems.append(error.problem(context.shown(rel_path)))
            continue
        if is_procedure_file(rel_path):
            continue
        for name, message, fix in change_problems(document.meta, None, context.now or current_moment()):
            problems.append(Problem(context.shown(rel_path), document.key_lines.get(name, 1), name, message, fix))
    return problems


@dataclass
class CheckReport:
    """What `check_content` found, and the news it read (what is scheduled, the steady span)."""

    problems: list[Problem]
    news: News
    now: datetime
    shown: Callable[[str], str]
    """A docs-relative path as the problems name it."""


def check_content(docs_dir: Path, project_root: Path | None = None, *, now: datetime | None = None,
                  future: bool = False) -> CheckReport:
    """Every content problem, at the moment `now` (default: the clock's, `portal.clock`);
    `future` checks the preview of the future (`portal serve --future`)."""
    docs_dir = Path(docs_dir).resolve()
    project_root = Path(project_root).resolve() if project_root else docs_dir.parent
    now = now or current_moment()

    context = CheckContext(docs_dir, project_root, News(now=now), {}, now=now, future=future)
    report = CheckReport([], context.news, now, context.shown)
    problems = symlinks_in_docs(docs_dir, project_root)
    try:
        load_site_info(docs_dir, context.shown_file)
    except SiteDataError as error:
        problems += error.problems
    try:
        context.categories = load_categories(docs_dir, context.shown_file)
    except SiteDataError as error:
        report.problems = sorted(set(problems + error.problems))
        return report
    context.news, news_problems = load_news(docs_dir, with_body=True, project_root=project_root, now=now)
    report.news = context.news
    context.pages, page_problems = _markdown_pages(docs_dir, context.shown)
    problems += news_problems + page_problems
    checks: tuple[ContentCheck, ...] = (check_news, check_page_front_matter, check_links, check_procedures,
                                        check_documents)
    for check in checks:
        problems += check(context)
    report.problems = sorted(set(problems))
    return report


def run_checks(docs_dir: Path, project_root: Path | None = None, *, now: datetime | None = None,
               future: bool = False) -> list[Problem]:
    """`check_content`'s problems."""
    return check_content(docs_dir, project_root, now=now, future=future).problems


def run_warnings(docs_dir: Path, project_root: Path | None = None) -> list[Problem]:
    """What `portal check` points out without failing (the build does not stop for them either):
    procedures whose `online_url` does not lead to the procedure's own page."""
    docs_dir = Path(docs_dir).resolve()
    project_root = Path(project_root).resolve() if project_root else docs_dir.parent
    context = CheckContext(docs_dir, project_root, News(), {})
    return sorted(set(procedure_warnings(context)))
