"""The site's own data: the category list, the department's contact details and the UI strings.

Categories and contacts live in `docs/_data/` because editors maintain them; the UI strings
ship with the package (`portal/i18n/<lang>.yml`, one file per language, as Hugo does).
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .. import safe_yaml
from ..languages import CODES, DEFAULT
from .markdown_links import is_web_url
from ..messages import N_, _
from ..problems import InputError, Problem
from ..project import project_docs_dir
from ..yaml_lines import line_of, value_lines
from ..field_paths import location_label
from ..source_files import MAX_DATA_BYTES, read_text

DATA_FOLDER = "_data"
_I18N_FOLDER = Path(__file__).parents[1] / "i18n"


def data_file(docs_dir: Path, name: str) -> Path:
    """`docs_dir`'s own data file, else the project's: a docs folder that has no `_data/` of its own
    (for example `portal count --docs` on an export of the news) still has the one category list
    of the project it is used in (found from mkdocs.yml, `portal.project`)."""
    own = Path(docs_dir) / DATA_FOLDER / name
    if os.path.lexists(own):
        return own
    projects = project_docs_dir() / DATA_FOLDER / name
    return projects if projects.is_file() else own


class SiteDataError(ValueError):
    """Site data that cannot be used; carries every problem found (file, line, fix)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass(frozen=True)
class Category:
    slug: str
    labels: dict[str, str]
    descriptions: dict[str, str]

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels[DEFAULT]

    def description(self, lang: str) -> str:
        return self.descriptions.get(lang) or self.descriptions.get(DEFAULT, "")


Shown = Callable[[Path], str]


def read_data(path: Path, shown: Shown = str) -> tuple[object, dict]:
    """A site-data file's value and the line of each value in it (`procedures.yamllines`), read
    like front matter (`safe_yaml`: no aliases, tags or repeated keys) within MAX_DATA_BYTES."""
    path = Path(path)
    if not os.path.lexists(path):
        raise SiteDataError([Problem(shown(path), 1, "file", _("missing"),
                                     _("restore it: it is part of the site's data"))])
    try:
        text = read_text(path, MAX_DATA_BYTES)
        return safe_yaml.load(text), value_lines(text)
    except InputError as error:
        raise SiteDataError([error.problem(shown(path))]) from None


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG_LENGTH = 80
SLUG_FIX = N_("write lower-case letters without accents, digits and single hyphens (at most 80), e.g. kinh-te-doi-ngoai")


def is_slug(value: object) -> bool:
    """A slug of site data (a category's, a vocabulary entry's): it names folders and files of the
    built site (`news/category/<slug>/`, its feeds) and filter values, so nothing else is one:
    no space, accent, dot, slash or `..`, nothing a file system cannot hold."""
    return isinstance(value, str) and len(value) <= MAX_SLUG_LENGTH and bool(_SLUG.match(value))


def load_categories(docs_dir: Path, shown: Shown = str) -> dict[str, Category]:
    path = data_file(docs_dir, "categories.yml")
    entries, lines = read_data(path, shown)
    where = shown(path)
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise SiteDataError([Problem(where, 1, "categories", _("must be a list of categories"),
                                     _("start each category with '- slug: ...'"))])
    categories: dict[str, Category] = {}
    problems = []
    for index, entry in enumerate(entries):
        line = line_of(lines, (index,))
        slug = entry.get("slug") if isinstance(entry, dict) else None
        if not isinstance(slug, str) or not slug.strip():
            what = _("missing") if slug is None else _("must be text, got {value}").format(value=repr(slug)[:60])
            problems.append(Problem(where, line_of(lines, (index, "slug")), f"categories[{index}].slug", what,
                                    _("give each category a slug, e.g. 'slug: doi-ngoai'")))
            continue
        if not is_slug(slug):
            problems.append(Problem(where, line_of(lines, (index, "slug")), f"categories[{index}].slug",
                                    _("'{slug}' is not a slug").format(slug=slug), _(SLUG_FIX)))
            continue
        labels = _texts_by_language(entry.get("label"))
        descriptions = _texts_by_language(entry.get("description"))
        if labels is None:
            problems.append(Problem(where, line_of(lines, (index, "label")), f"categories[{index}].label",
                                    _("must be one line per language, e.g. 'vi: ...'"),
                                    _("give the label in each language: vi, en, ja, zh, ko")))
            labels = {}
        else:
            missing = [lang for lang in CODES if not labels.get(lang)]
            if missing:
                problems.append(Problem(where, line_of(lines, (index, "label")), f"categories[{index}].label",
                                        _("category '{slug}': label missing for {languages}").format(
                                            slug=slug, languages=", ".join(missing)),
                                        _("give the label in each language: vi, en, ja, zh, ko")))
        if descriptions is None:
            problems.append(Problem(where, line_of(lines, (index, "description")), f"categories[{index}].description",
                                    _("must be one line per language, e.g. 'vi: ...'"),
                                    _("write the description in each language, or remove it")))
            descriptions = {}
        if slug in categories:
            problems.append(Problem(where, line, f"categories[{index}].slug",
                                    _("category '{slug}' listed twice").format(slug=slug), _("list each category once")))
        categories[slug] = Category(slug, labels, descriptions)
    if problems:
        raise SiteDataError(problems)
    return categories


def _texts_by_language(value) -> dict[str, str] | None:
    """`{vi: text, en: text...}` with text values (a missing value is {}, a blank text is left
    out: a label of spaces is a missing label); None when it is something else."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(text, str) or text is None for text in value.values()):
        return None
    return {str(lang): text for lang, text in value.items() if text and text.strip()}


def load_site_info(docs_dir: Path, shown: Shown = str) -> dict:
    """The department's name, contacts and spokesperson (Decree 42/2022), per language."""
    path = data_file(docs_dir, "site.yml")
    info, lines = read_data(path, shown)
    if info is None:
        info = {}
    if not isinstance(info, dict):
        raise SiteDataError([Problem(shown(path), 1, "site", _("must be 'key: value' lines"),
                                     _("write one field per line, e.g. 'department: ...'"))])
    problems = [Problem(shown(path), line_of(lines, location), location_label(location), what, fix)
                for location, what, fix in _shape_problems(info, SITE_INFO, ())]
    problems += [Problem(shown(path), line_of(lines, location), location_label(location),
                         _("'{value}' is not a web address").format(value=value),
                         _("write the full address starting with https://"))
                 for location, value in _web_addresses(info, ()) if isinstance(value, str) and not is_web_url(value)]
    if problems:
        raise SiteDataError(sorted(problems, key=lambda problem: problem.line))
    return info


LOCALIZED, TEXT, ADDRESS, FLAG = "localized", "text", "address", "flag"
SITE_INFO: dict = {
    "department": LOCALIZED, "portal": LOCALIZED, "parent": LOCALIZED, "address": LOCALIZED,
    "office_hours": LOCALIZED, "phone": TEXT, "hotline": TEXT, "fax": TEXT, "email": TEXT,
    "spokesperson": {"name": LOCALIZED, "title": LOCALIZED, "phone": TEXT, "email": TEXT},
    "national_public_service_portal": ADDRESS,
    "national_feedback": {"url": ADDRESS},
    "one_stop_desk": {"sample": FLAG, "name": LOCALIZED, "address": LOCALIZED, "opening_hours": LOCALIZED,
                      "phone": TEXT, "map_query": TEXT},
    "related_agencies": [{"name": LOCALIZED, "url": ADDRESS}],
}
"""The shape of site.yml's values the pages, feeds and procedure pages show (CONTENT.md, "Site
data"): text in every language (`{vi: ..., en: ...}`, or one text for all), plain text, a web
address, true/false; groups and lists of them. Keys not listed are other tools' and left alone."""

REQUIRED_SITE_INFO = frozenset({
    ("department",), ("parent",), ("address",), ("phone",), ("hotline",), ("email",), ("office_hours",),
    ("spokesperson",), ("spokesperson", "name"), ("spokesperson", "title"), ("spokesperson", "phone"),
    ("spokesperson", "email")})
"""The contact block every page shows (Decree 42/2022/NĐ-CP): the footer and the home page."""


def _shape_problems(value, shape, here: tuple):
    """(location, what is wrong, how to fix) for every value of `value` that breaks `shape`."""
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            yield here, _("must be a group of 'key: value' lines, got {value}").format(value=_shown(value)), \
                _("write the fields {keys} on the lines below it, indented").format(keys=", ".join(shape))
            return
        for key, inner in shape.items():
            if key in value:
                yield from _shape_problems(value[key], inner, (*here, key))
            elif (*here, key) in REQUIRED_SITE_INFO:
                yield (*here, key), _("missing; every page shows it in the department's contact details"), \
                    _("add a line '{key}: ...'").format(key=key)
    elif isinstance(shape, list):
        if not isinstance(value, list):
            yield here, _("must be a list, got {value}").format(value=_shown(value)), \
                _("start each entry on its own line with '- '")
            return
        for index, item in enumerate(value):
            yield from _shape_problems(item, shape[0], (*here, index))
    elif shape == LOCALIZED:
        if isinstance(value, dict):
            unknown = [str(key) for key in value if key not in CODES]
            if unknown or not all(text is None or isinstance(text, str) for text in value.values()) \
                    or not isinstance(value.get(DEFAULT), str) or not value[DEFAULT].strip():
                yield here, _("must be text in each language, with the Vietnamese one ('vi: ...') not empty"), \
                    _("write one line per language, e.g. 'vi: ...', 'en: ...' (languages: {languages})").format(
                        languages=", ".join(CODES))
        elif not isinstance(value, str) or not value.strip():
            yield here, _("must be text, got {value}").format(value=_shown(value)), \
                _("write the text in each language, e.g. 'vi: ...', 'en: ...'")
    elif shape in (TEXT, ADDRESS):
        if not isinstance(value, str) or not value.strip():
            yield here, _("must be text, got {value}").format(value=_shown(value)), \
                (_("write it in quotes, e.g. \"+84 225 3842 689\"") if shape == TEXT
                 else _("write the full address starting with https://"))
    elif shape == FLAG and not isinstance(value, bool):
        yield here, _("must be true or false, got {value}").format(value=_shown(value)), \
            _("write true or false, or remove the line")


def _shown(value) -> str:
    return repr(value)[:60]


WEB_ADDRESS_KEYS = frozenset({"url", "national_public_service_portal"})
"""Keys of site.yml whose values are links readers follow. They must be http(s) addresses: a
`javascript:` or `data:` value in a footer link would run or show whatever it holds."""


def _web_addresses(node, here: tuple):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in WEB_ADDRESS_KEYS:
                yield (*here, key), value
            else:
                yield from _web_addresses(value, (*here, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _web_addresses(item, (*here, index))


def localized(value, lang: str):
    """Pick a language from a `{vi: ..., en: ...}` mapping; plain values are the same everywhere."""
    if isinstance(value, dict) and DEFAULT in value:
        return value.get(lang) or value[DEFAULT]
    return value


@functools.cache
def ui_strings(lang: str) -> dict[str, str]:
    strings = read_data(_I18N_FOLDER / f"{DEFAULT}.yml")[0] or {}
    if lang != DEFAULT:
        strings = {**strings, **(read_data(_I18N_FOLDER / f"{lang}.yml")[0] or {})}
    return strings


def translate_ui(lang: str, key: str, **values) -> str:
    """A UI string in `lang`, falling back to Vietnamese; `{name}` placeholders are filled in."""
    text = ui_strings(lang).get(key)
    if text is None:
        raise KeyError(f"UI string '{key}' is not defined in portal/i18n/{DEFAULT}.yml")
    return text.format(**values) if values else text

