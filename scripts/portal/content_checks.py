"""`portal check`: every content problem, reported at once. The build runs the same checks.

Besides the content itself, the checks refuse what would make the build publish something that
is not in docs/ (a symbolic link) or stop it with a traceback (a file that is not UTF-8, YAML
that `safe_yaml` refuses): each is a problem with its file and line like any other."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .content.news import News, is_article_file, load_news
from .front_matter import FrontMatterError, parse_document
from .content.markdown_links import iter_links, resolve_target, target_exists
from .problems import InputError, Problem
from .procedures.checks import check_procedures
from .documents.checks import check_documents
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
            problems += validate_version(version, article, known, lambda v: context.shown(v.rel_path), image_exists)
        if article.slug in slugs:
            source = article.source or next(iter(article.versions.values()))
            problems.append(Problem(context.shown(source.rel_path), 1, "slug",
                                    f"the slug '{article.slug}' is also used by {slugs[article.slug]}",
                                    "rename one of the files (all its language versions) so each article has its own slug"))
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
                                        f"image '{link.target}' has no alt text",
                                        "describe the picture inside the brackets: ![Ảnh: ...](path)"))
            target = resolve_target(context.docs_dir, rel_path, link.target)
            if target is not None and is_article_file(target):
                linked = context.news.article_for(target)
                if linked is not None and not linked.published_languages():
                    problems.append(Problem(context.shown(rel_path), line, "link",
                                            f"'{link.target}' points to an article that is still a draft",
                                            "publish that article first, or remove the link"))
                    continue
            if target is None or target_exists(context.docs_dir, target):
                continue
            kind = "image" if link.is_image else "link"
            problems.append(Problem(context.shown(rel_path), line, kind,
                                    f"'{link.target}' points to a file that does not exist",
                                    "correct the path (relative to this file) or add the missing file"))
    return problems


def check_page_front_matter(context: CheckContext) -> list[Problem]:
    """Pages other than articles (home, about, section pages...): their front matter must parse
    (articles are read, and reported, by the news model)."""
    problems = []
    for rel_path, text in context.pages.items():
        if is_article_file(rel_path):
            continue
        try:
            parse_document(text)
        except FrontMatterError as error:
            problems.append(error.problem(context.shown(rel_path)))
    return problems


def run_checks(docs_dir: Path, project_root: Path | None = None) -> list[Problem]:
    docs_dir = Path(docs_dir).resolve()
    project_root = Path(project_root).resolve() if project_root else docs_dir.parent

    context = CheckContext(docs_dir, project_root, News(), {})
    problems = symlinks_in_docs(docs_dir, project_root)
    try:
        load_site_info(docs_dir, context.shown_file)
    except SiteDataError as error:
        problems += error.problems
    try:
        context.categories = load_categories(docs_dir, context.shown_file)
    except SiteDataError as error:
        return sorted(set(problems + error.problems))
    context.news, news_problems = load_news(docs_dir, with_body=True, project_root=project_root)
    context.pages, page_problems = _markdown_pages(docs_dir, context.shown)
    problems += news_problems + page_problems
    checks: tuple[ContentCheck, ...] = (check_news, check_page_front_matter, check_links, check_procedures,
                                        check_documents)
    for check in checks:
        problems += check(context)
    return sorted(set(problems))
