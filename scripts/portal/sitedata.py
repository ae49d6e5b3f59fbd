"""The site's own data: the category list, the department's contact details and the UI strings.

Categories and contacts live in `docs/_data/` because editors maintain them; the UI strings
ship with the package (`portal/i18n/<lang>.yml`, one file per language, as Hugo does).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from .languages import CODES, DEFAULT

DATA_FOLDER = "_data"
_I18N_FOLDER = Path(__file__).parent / "i18n"
PROJECT_DATA = Path(__file__).resolve().parents[2] / "docs" / DATA_FOLDER
"""The project's own data folder: used by a docs folder that has no `_data/` of its own (for
example `portal count --docs` on an export of the news), so it still has the one category list."""


def data_file(docs_dir: Path, name: str) -> Path:
    own = Path(docs_dir) / DATA_FOLDER / name
    return own if own.is_file() or not (PROJECT_DATA / name).is_file() else PROJECT_DATA / name


class SiteDataError(ValueError):
    pass


@dataclass(frozen=True)
class Category:
    slug: str
    labels: dict[str, str]
    descriptions: dict[str, str]

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels[DEFAULT]

    def description(self, lang: str) -> str:
        return self.descriptions.get(lang) or self.descriptions.get(DEFAULT, "")


def _read_yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SiteDataError(f"{path}: missing; it is part of the site's data") from None
    except yaml.YAMLError as error:
        raise SiteDataError(f"{path}: not valid YAML: {error}") from None


def load_categories(docs_dir: Path) -> dict[str, Category]:
    path = data_file(docs_dir, "categories.yml")
    entries = _read_yaml(path) or []
    categories: dict[str, Category] = {}
    problems = []
    for index, entry in enumerate(entries, start=1):
        slug = entry.get("slug") if isinstance(entry, dict) else None
        if not slug:
            problems.append(f"{path}: entry {index}: 'slug' missing")
            continue
        labels = entry.get("label") or {}
        missing = [lang for lang in CODES if not labels.get(lang)]
        if missing:
            problems.append(f"{path}: category '{slug}': label missing for {', '.join(missing)}")
        if slug in categories:
            problems.append(f"{path}: category '{slug}' listed twice")
        categories[slug] = Category(slug, dict(labels), dict(entry.get("description") or {}))
    if problems:
        raise SiteDataError("\n".join(problems))
    return categories


def load_site_info(docs_dir: Path) -> dict:
    """The department's name, contacts and spokesperson (Decree 42/2022), per language."""
    return _read_yaml(data_file(docs_dir, "site.yml")) or {}


def localized(value, lang: str):
    """Pick a language from a `{vi: ..., en: ...}` mapping; plain values are the same everywhere."""
    if isinstance(value, dict) and DEFAULT in value:
        return value.get(lang) or value[DEFAULT]
    return value


@functools.cache
def ui_strings(lang: str) -> dict[str, str]:
    strings = _read_yaml(_I18N_FOLDER / f"{DEFAULT}.yml") or {}
    if lang != DEFAULT:
        strings = {**strings, **(_read_yaml(_I18N_FOLDER / f"{lang}.yml") or {})}
    return strings


def translate_ui(lang: str, key: str, **values) -> str:
    """A UI string in `lang`, falling back to Vietnamese; `{name}` placeholders are filled in."""
    text = ui_strings(lang).get(key)
    if text is None:
        raise KeyError(f"UI string '{key}' is not defined in portal/i18n/{DEFAULT}.yml")
    return text.format(**values) if values else text


WEB_ADDRESS_KEYS = frozenset({"url", "national_public_service_portal"})
"""Keys of site.yml whose values are links readers follow: web addresses only."""


def site_info_problems(info, path: Path) -> list[tuple[int, str, str, str]]:
    """(line, key, what is wrong, how to fix) for every link of site.yml that is not an
    http(s) address: a `javascript:` or `data:` value would run or show whatever it holds."""
    from .links import is_web_url
    from .messages import _

    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    problems = []

    def line_of(value: str) -> int:
        return next((number for number, text in enumerate(lines, start=1) if value in text), 1)

    def visit(node, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                here = f"{where}.{key}" if where else str(key)
                if key in WEB_ADDRESS_KEYS and not is_web_url(value):
                    problems.append((line_of(str(value)), here, _("'{value}' is not a web address").format(value=value),
                                     _("write the full address starting with https://")))
                else:
                    visit(value, here)
        elif isinstance(node, list):
            for index, item in enumerate(node):
                visit(item, f"{where}[{index}]")

    visit(info, "")
    return problems
