"""`portal check`: every content problem, reported at once. The build runs the same checks."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .content import News, is_article_file, load_news
from .documents import FrontMatterError, parse_document
from .links import iter_links, resolve_target, target_exists
from .problems import Problem
from .procedures.check import check_procedures
from .schema import validate_version
from .sitedata import Category, SiteDataError, data_file, load_categories, load_site_info, site_info_problems


@dataclass
class CheckContext:
    docs_dir: Path
    project_root: Path
    news: News
    categories: dict[str, Category]
    pages: dict[str, str] = field(default_factory=dict)
    """Every Markdown page's docs-relative path and its text."""

    def shown(self, rel_path: str) -> str:
        absolute = self.docs_dir / rel_path
        try:
            return absolute.relative_to(self.project_root).as_posix()
        except ValueError:
            return absolute.as_posix()


ContentCheck = Callable[[CheckContext], list[Problem]]


def _markdown_pages(docs_dir: Path) -> dict[str, str]:
    pages = {}
    for folder, dirnames, filenames in os.walk(docs_dir):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith((".", "_")))
        for filename in sorted(filenames):
            if filename.endswith(".md") and not filename.startswith((".", "_")):
                absolute = Path(folder) / filename
                pages[absolute.relative_to(docs_dir).as_posix()] = absolute.read_text(encoding="utf-8")
    return pages


def check_news(context: CheckContext) -> list[Problem]:
    problems = []
    known = set(context.categories)

    def image_exists(version, image: str) -> bool:
        rel = resolve_target(context.docs_dir, version.rel_path, image)
        return rel is None or target_exists(context.docs_dir, rel)

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
            problems.append(Problem(context.shown(rel_path), error.line, "front matter", str(error),
                                    "fix the YAML between the '---' lines"))
    return problems


def check_site_info(context: CheckContext) -> list[Problem]:
    """The links of docs/_data/site.yml are web addresses (they reach every page's footer)."""
    path = data_file(context.docs_dir, "site.yml")
    shown = context.shown(path.relative_to(context.docs_dir).as_posix()) if path.is_relative_to(context.docs_dir) else path.as_posix()
    try:
        info = load_site_info(context.docs_dir)
    except SiteDataError as error:
        return [Problem(shown, 1, "site.yml", str(error), "fix docs/_data/site.yml")]
    return [Problem(shown, line, key, message, fix) for line, key, message, fix in site_info_problems(info, path)]


def run_checks(docs_dir: Path, project_root: Path | None = None) -> list[Problem]:
    docs_dir = Path(docs_dir).resolve()
    project_root = Path(project_root).resolve() if project_root else docs_dir.parent
    try:
        categories = load_categories(docs_dir)
    except SiteDataError as error:
        return [Problem(line.split(": ", 1)[0], 1, "categories", line.split(": ", 1)[-1], "fix docs/_data/categories.yml")
                for line in str(error).splitlines()]
    news, problems = load_news(docs_dir, with_body=True, project_root=project_root)
    context = CheckContext(docs_dir, project_root, news, categories, _markdown_pages(docs_dir))
    checks: tuple[ContentCheck, ...] = (check_news, check_page_front_matter, check_links, check_procedures, check_site_info)
    for check in checks:
        problems += check(context)
    return sorted(set(problems))
