"""`portal new`: start an article from the archetype, as a draft dated now in Vietnam time (the
moment of `portal.clock`). The archetype explains, in comments, how to schedule the article and
how to note a later change (`updated`, `change_note`), which it leaves out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from slugify import slugify

from ..text_characters import INVISIBLE
from ..file_writing import atomic_write_text
from ..clock import current_moment
from ..messages import _
from ..problems import did_you_mean
from .news import NEWS_FOLDER, iter_article_files, version_key
from .site_data import load_categories

_ARCHETYPE = Path(__file__).parent / "archetypes" / "news.md"
MAX_SLUG_LENGTH = 80


class NewArticleError(ValueError):
    pass


@dataclass(frozen=True)
class NewArticle:
    path: Path
    slug: str


def make_slug(title: str) -> str:
    """Transliterate a Vietnamese title: `đ` becomes `d`, diacritics are dropped."""
    slug = slugify(title.replace("đ", "d").replace("Đ", "D"), max_length=MAX_SLUG_LENGTH, word_boundary=True)
    if not slug:
        raise NewArticleError(_("the title {title!r} gives an empty slug; use a title with letters or digits").format(title=title))
    return slug


def existing_slugs(docs_dir: Path) -> set[str]:
    return {version_key(rel)[0].rsplit("/", 1)[-1] for _absolute, rel in iter_article_files(docs_dir)}


def unique_slug(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{number}"
        number += 1
    return candidate


def _yaml_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def create_article(docs_dir: Path, title: str, categories: list[str], now: datetime | None = None) -> NewArticle:
    docs_dir = Path(docs_dir)
    # Invisible characters (a pasted bidirectional override...) are refused in front matter
    # (safe_yaml); the headline typed on the command line is written without them.
    title = INVISIBLE.sub("", title).strip()
    if not title:
        raise NewArticleError(_("the title is empty; give the headline in quotes: portal new \"Tiêu đề\""))
    known = load_categories(docs_dir)
    unknown = [slug for slug in categories if slug not in known]
    if unknown:
        raise NewArticleError("; ".join(
            _("unknown category '{slug}'; {hint}use a slug from docs/_data/categories.yml: {known}").format(
                slug=slug, hint=did_you_mean(slug, known), known=", ".join(known))
            for slug in unknown))
    now = now or current_moment()
    slug = unique_slug(make_slug(title), existing_slugs(docs_dir))
    path = docs_dir / NEWS_FOLDER / f"{now:%Y}" / f"{slug}.vi.md"
    text = _ARCHETYPE.read_text(encoding="utf-8").format(
        title=_yaml_string(title),
        date=now.replace(microsecond=0).isoformat(),
        categories=", ".join(categories),
    )
    atomic_write_text(path, text)
    return NewArticle(path, slug)
