"""The news front-matter schema, shared by `portal check` and the site build."""

from __future__ import annotations

import difflib
import mimetypes
import posixpath
from dataclasses import dataclass
from datetime import datetime
from typing import Callable
from urllib.parse import urlsplit

from .change_notes import FIELD_DESCRIPTIONS, NOTE_FIELD, UPDATED_FIELD, change_problems
from .news import Article, Version
from ..clock import current_moment
from ..languages import DEFAULT
from ..messages import _
from ..problems import Problem, did_you_mean


@dataclass(frozen=True)
class Field:
    name: str
    description: str
    required_on_source: bool = False
    required_on_translation: bool = False


NEWS_FIELDS: tuple[Field, ...] = (
    Field("title", "the headline in that version's language", True, True),
    Field("date", "publication date, YYYY-MM-DD or ISO 8601 date-time (Vietnam time)", True, False),
    Field("categories", "list of category slugs from docs/_data/categories.yml"),
    Field("summary", "one-paragraph teaser for lists and feeds"),
    Field("draft", "true keeps the version off the site, feeds and counts"),
    Field("image", "lead image, a path relative to the article"),
    Field("image_alt", "text alternative of the lead image"),
    Field("updated", FIELD_DESCRIPTIONS[UPDATED_FIELD]),
    Field("change_note", FIELD_DESCRIPTIONS[NOTE_FIELD]),
    Field("translation_status", "machine or reviewed"),
    Field("source_hash", "hash of the source the translation was made from"),
)
KNOWN_FIELDS = {field.name for field in NEWS_FIELDS}
TRANSLATION_STATUSES = ("machine", "reviewed")


def draft_problems(meta: dict) -> list[tuple[str, str, str]]:
    """(field, what is wrong, how to fix) for `draft`, which the site and the counts depend on."""
    if "draft" in meta and not isinstance(meta["draft"], bool):
        return [("draft", _("must be true or false, got {value!r}").format(value=meta["draft"]),
                 _("write 'draft: true' or remove the line"))]
    return []


def category_problems(value, known: set[str]) -> list[tuple[str, str, str]]:
    """(field, what is wrong, how to fix) for a `categories` value against the site's list."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(slug, str) for slug in value):
        return [("categories", _("must be a list of category slugs"), _("write for example 'categories: [doi-ngoai]'"))]
    problems = []
    for slug in value:
        if slug not in known:
            problems.append(("categories", _("unknown category '{slug}'").format(slug=slug),
                             _("{hint}use a slug from docs/_data/categories.yml: {known}").format(
                                 hint=did_you_mean(slug, sorted(known)), known=", ".join(sorted(known)))))
    return problems


def lead_image_target(article_rel_path: str, image: str) -> str | None:
    """The docs-relative path of the lead image written `image` in the article at
    `article_rel_path`; None when `image` is not a relative path to a file inside docs/ (a web
    address, an absolute path, a path that leaves docs/). The one rule `portal check`, the
    pages and the feeds apply."""
    if not isinstance(image, str) or not image.strip() or image != image.strip():
        return None
    try:
        parts = urlsplit(image)
    except ValueError:
        return None
    if parts.scheme or parts.netloc or parts.query or parts.fragment or image.startswith(("/", "\\")) or "\\" in image:
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(article_rel_path), image))
    if target in (".", "..") or target.startswith(("../", "/")):
        return None
    return target


def lead_image_refusal(article_rel_path: str, image) -> tuple[str, str] | None:
    """(what is wrong, how to fix) when a lead image value breaks `lead_image_target`'s rule."""
    if not isinstance(image, str) or not image.strip():
        return _("must be a path to an image"), _("write for example 'image: images/visit.jpg'")
    if lead_image_target(article_rel_path, image) is None:
        return (_("'{image}' is not a file inside docs/: a lead image is a path relative to the article, "
                  "not a web address or an absolute path").format(image=image),
                _("put the image in docs/ (e.g. docs/news/2025/images/) and write its path relative to the "
                  "article, e.g. 'image: images/visit.jpg'"))
    media_type = mimetypes.guess_type(posixpath.basename(image))[0]
    if not media_type or not media_type.startswith("image/"):
        # Pages, cards and the feeds' enclosures (feeds.py) show only a picture.
        return (_("'{image}' is not a picture").format(image=image),
                _("give the path of a photo (JPG, PNG or WebP), e.g. 'image: images/visit.jpg'"))
    return None


def validate_version(version: Version, article: Article, categories: set[str], where: Callable[[Version], str],
                     image_exists: Callable[[Version, str], bool], now: datetime | None = None) -> list[Problem]:
    """Every schema problem of one version; dates were already parsed when the file was read.
    `now` is the moment of the check (default: the article's, else the clock's)."""
    path = where(version)
    meta = version.meta
    problems = []

    def add(field: str, message: str, fix: str) -> None:
        problems.append(Problem(path, version.line_of(field), field, message, fix))

    for key in meta:
        if key in KNOWN_FIELDS:
            continue
        close = difflib.get_close_matches(str(key), KNOWN_FIELDS, n=1, cutoff=0.75)
        if close:
            add(str(key), _("unknown field '{name}'").format(name=key), _("did you mean '{name}'?").format(name=close[0]))

    title = meta.get("title")
    if title is None or (isinstance(title, str) and not title.strip()):
        add("title", _("missing"), _("add 'title: ...' with the headline in this version's language"))
    elif not isinstance(title, str):
        add("title", _("must be text, got {value!r}").format(value=title), _("put the headline in quotes"))

    summary = meta.get("summary")
    if summary is not None and not isinstance(summary, str):
        add("summary", _("must be text"), _("write one paragraph, in quotes if it contains ':'"))

    for problem in draft_problems(meta) + category_problems(meta.get("categories"), categories):
        add(*problem)
    now = now or article.now or current_moment()
    for problem in change_problems(meta, article.publication_time(version.lang), now):
        add(*problem)
    listed = meta.get("categories")
    if isinstance(listed, list) and len(set(map(str, listed))) != len(listed):
        add("categories", _("a category is listed twice"), _("list each category once"))

    status = meta.get("translation_status")
    if status is not None and status not in TRANSLATION_STATUSES:
        add("translation_status", _("'{value}' is not a status").format(value=status), _("write 'machine' or 'reviewed'"))
    if version.lang == DEFAULT and status is not None:
        add("translation_status", _("the Vietnamese source is not a translation"), _("remove the line"))

    image = meta.get("image")
    if image is not None:
        refusal = lead_image_refusal(version.rel_path, image)
        if refusal is not None:
            add("image", *refusal)
        elif not image_exists(version, image):
            add("image", _("image '{image}' not found").format(image=image),
                _("put the file there or correct the path (relative to the article)"))
        if not str(meta.get("image_alt") or "").strip():
            add("image_alt", _("the lead image has no text alternative"),
                _("add 'image_alt: ...' describing the picture for readers who cannot see it"))
    return problems
