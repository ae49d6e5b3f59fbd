"""The closed lists a procedure record picks from (docs/_data/procedure-vocabulary.yml): fields
(lĩnh vực), levels (cấp thực hiện), online levels (mức độ dịch vụ công trực tuyến) and submission
channels (cách thức thực hiện), each a slug with a label in every language."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import safe_yaml
from ..content.site_data import SLUG_FIX, is_slug
from ..languages import CODES, DEFAULT
from ..messages import _
from ..problems import InputError, Problem
from ..source_files import MAX_DATA_BYTES, read_text
from ..yaml_lines import line_of, value_lines

VOCABULARY_FILE = "_data/procedure-vocabulary.yml"

LISTS: dict[str, str] = {
    "fields": "field",
    "levels": "level",
    "online_levels": "online_level",
    "channel_kinds": "channels[].kind",
}
"""Each list of the vocabulary file -> the record field that takes its slugs."""


@dataclass(frozen=True)
class Term:
    slug: str
    labels: dict[str, str]

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels[DEFAULT]


@dataclass
class Vocabulary:
    lists: dict[str, dict[str, Term]] = field(default_factory=dict)
    """List name (`fields`, `levels`...) -> slug -> term, in the file's order."""

    def terms(self, name: str) -> dict[str, Term]:
        return self.lists.get(name, {})

    def label(self, name: str, slug: str, lang: str) -> str:
        term = self.terms(name).get(slug)
        return term.label(lang) if term else slug


def load_vocabulary(docs_dir: Path, shown_path: str | None = None, *, file: str = VOCABULARY_FILE,
                    lists: dict[str, str] = LISTS) -> tuple[Vocabulary, list[Problem]]:
    """The vocabulary and every problem of its file (missing lists, slugs or labels). `file` and
    `lists` (list name -> the record field taking its slugs) default to the procedures'; the
    documents section reads its own file with them."""
    shown_path = shown_path or "docs/" + file
    path = Path(docs_dir) / file
    fix_here = _("edit {path}").format(path=shown_path)
    if not os.path.lexists(path):
        return Vocabulary(), [Problem(shown_path, 1, "vocabulary", _("the file is missing"),
                                      _("create it with the lists {lists}").format(lists=", ".join(lists)))]
    try:
        text = read_text(path, MAX_DATA_BYTES)
        data = safe_yaml.load(text)
    except InputError as error:
        return Vocabulary(), [error.problem(shown_path)]
    data = {} if data is None else data
    lines = value_lines(text)
    vocabulary, problems = Vocabulary(), []
    if not isinstance(data, dict):
        return vocabulary, [Problem(shown_path, 1, "vocabulary", _("must be a mapping of lists"), fix_here)]
    for name, record_field in lists.items():
        entries = data.get(name)
        terms: dict[str, Term] = {}
        vocabulary.lists[name] = terms
        if not isinstance(entries, list) or not entries:
            problems.append(Problem(shown_path, line_of(lines, (name,)), name,
                                    _("the list of values for '{field}' is missing or empty").format(field=record_field),
                                    fix_here))
            continue
        for index, entry in enumerate(entries):
            where = line_of(lines, (name, index))
            slug = entry.get("slug") if isinstance(entry, dict) else None
            if not isinstance(slug, str) or not slug.strip():
                problems.append(Problem(shown_path, where, f"{name}[{index}].slug", _("missing"), _("give the entry a slug")))
                continue
            labels = entry.get("label") if isinstance(entry.get("label"), dict) else {}
            missing = [lang for lang in CODES if not isinstance(labels.get(lang), str) or not labels[lang].strip()]
            if missing:
                problems.append(Problem(shown_path, where, f"{name}[{index}].label",
                                        _("'{slug}' has no label in {languages}").format(slug=slug, languages=", ".join(missing)),
                                        _("add a label for every language (vi, en, ja, zh, ko)")))
            if not is_slug(slug):
                problems.append(Problem(shown_path, where, f"{name}[{index}].slug",
                                        _("'{slug}' is not a slug").format(slug=slug), _(SLUG_FIX)))
                continue
            if slug in terms:
                problems.append(Problem(shown_path, where, f"{name}[{index}].slug",
                                        _("'{slug}' is listed twice").format(slug=slug), _("list each slug once")))
            terms[slug] = Term(slug, {lang: str(value) for lang, value in labels.items()})
    return vocabulary, problems
