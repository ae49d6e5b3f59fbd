"""Fuzzing the input side: whatever an editor can save as an article, a procedure record, a
document record or the site data, `portal check` and `portal count` answer with problems, never a traceback or a hang.

Random text, random bytes and random YAML (nested lists and groups, anchors and aliases, tags,
repeated keys, huge values, a value of the wrong type for every field) go through
`portal.cli.main([...])` in-process, on a minimal docs folder. For every input:

- `main` returns (no exception escapes) within a bounded time;
- the exit code is one the README documents: check 0 or 1, count 0 or 2;
- every problem printed names a file (under docs/) and a line >= 1.

The fields come from the schemas (`schema.NEWS_FIELDS`, `procedures.schema.PROCEDURE`,
`documents.schema.DOCUMENT`), so a
new field is fuzzed without touching this file. Example counts are small: the whole file runs
in well under 30 s."""

from __future__ import annotations

import re
import shutil
import time
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.cli import main
from portal.documents.schema import DOCUMENT
from portal.procedures.schema import LIST, PROCEDURE, RECORD, Node
from portal.content.news_schema import NEWS_FIELDS
from sitebuild import PROJECT

FUZZ = settings(max_examples=20, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])  # capsys is read out after each run
SECONDS_PER_RUN = 20
"""A generous bound: a run takes tens of milliseconds; a hang or a quadratic reader takes minutes."""
PROBLEM = re.compile(r"^(?P<path>docs/[^:]+):(?P<line>\d+): .+")
SUMMARY = re.compile(r"^(\d+ problems? found\.|No problems found\.|Warnings: .*|portal count: nothing counted.*)$")
ARTICLE = "news/2025/fuzz.vi.md"
PROCEDURE_FILE = "procedures/abtc-doanh-nhan.vi.md"
PROCEDURE_FILES = (PROCEDURE_FILE, "procedures/abtc-doanh-nhan.en.md")
"""A record and its translation (checked against its source, inheriting its data)."""
DOCUMENT_FILES = ("documents/ke-hoach-58-kh-nv-2025.vi.md", "documents/ke-hoach-58-kh-nv-2025.ja.md")


# -- a minimal docs folder -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz") / "docs"
    shutil.copytree(PROJECT / "docs" / "_data", folder / "_data")
    (folder / "procedures").mkdir()
    for rel in PROCEDURE_FILES:
        # Without `related:`, which names records this folder does not have.
        text = (PROJECT / "docs" / rel).read_text(encoding="utf-8")
        (folder / rel).write_text(re.sub(r"\nrelated:\n(  - .*\n)+", "\n", text), encoding="utf-8")
    shutil.copytree(PROJECT / "docs" / "procedures" / "forms", folder / "procedures" / "forms")
    (folder / "documents" / "files").mkdir(parents=True)
    for rel in DOCUMENT_FILES:
        shutil.copy(PROJECT / "docs" / rel, folder / rel)
    shutil.copy(PROJECT / "docs" / "documents" / "files" / "ke-hoach-58-kh-nv-2025.pdf", folder / "documents" / "files")
    (folder / "news" / "2025").mkdir(parents=True)
    (folder / "news" / "2025" / "tot.vi.md").write_text(
        "---\ntitle: Bài tốt\ndate: 2025-03-05\ncategories: [doi-ngoai]\n---\n\nThân bài.\n", encoding="utf-8")
    (folder / ARTICLE).write_text("---\ntitle: Bài thử\ndate: 2025-03-06\n---\n", encoding="utf-8")
    assert main(["check", "--docs", str(folder)]) == 0, "the minimal docs folder must be clean"
    return folder


class Replaced:
    """`docs/<rel>` holds `data` for the duration of a `with`, then its own bytes again."""

    def __init__(self, docs: Path, rel: str, data: bytes):
        self.path, self.data = docs / rel, data

    def __enter__(self):
        self.original = self.path.read_bytes()
        self.path.write_bytes(self.data)

    def __exit__(self, *exc):
        self.path.write_bytes(self.original)


def assert_answers_properly(docs: Path, capsys, section: str = "news") -> None:
    """`portal check` and `portal count` (of `section`) on `docs`: the three promises of the module
    docstring."""
    for argv, codes in ((["check", "--docs", str(docs)], {0, 1}),
                        (["count", "--docs", str(docs), "--period", "2025", "--format", "json", "--section", section],
                         {0, 2})):
        started = time.monotonic()
        status = main(argv)
        elapsed = time.monotonic() - started
        out, err = capsys.readouterr()
        assert status in codes, (argv[0], status, err)
        assert elapsed < SECONDS_PER_RUN, f"{argv[0]} took {elapsed:.1f} s"
        for line in err.splitlines():
            line = line.strip()
            if not line or SUMMARY.match(line):
                continue
            match = PROBLEM.match(line)
            assert match, f"{argv[0]}: not a 'file:line: field: problem' line: {line[:300]!r}"
            assert int(match.group("line")) >= 1
        if argv[0] == "check":
            assert (status == 0) == ("No problems found." in out)


# -- strategies ----------------------------------------------------------------------------------

NEWS_FIELD_NAMES = [field.name for field in NEWS_FIELDS]
SPECIAL_TEXT = ["~", "null", "yes", "no", "on", "2025-03-05", "05/03/2025", "2025-13-45T25:61:00+07:00", "1e400",
                "0x1F", ".nan", "-.inf", "'quoted'", '"dq \\" x"', "[a, b]", "{a: 1}", "- x", ":", "? x", "#c", "|",
                ">", "&a x", "*a", "!!str x", "!!python/object:os.system x", "!x y", "<<", "=", "%TAG", "@x",
                "`x", "x\ty", "\u2028", "\x85", "\ufeff", "https://example.com/a.jpg", "/etc/passwd",
                "../../../etc/passwd", "images/none.jpg", "doi-ngoai", "machine", "reviewed",
                "files/" + "a" * 300 + ".pdf", "17/KH-NV", "tu-ngay-ky"]

plain_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
              st.text(max_size=40), st.sampled_from(SPECIAL_TEXT)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.one_of(st.text(max_size=10), st.integers()), children, max_size=4)),
    max_leaves=12)


def node_values(node: Node, depth: int = 0) -> st.SearchStrategy:
    """Values shaped by the procedure schema's node (often right, often the wrong type), so the
    record's own structure is reached, not only its top level."""
    anything = plain_values
    if depth > 3:
        return anything
    if node.kind == RECORD:
        names = [name for name, _ in node.fields]
        shaped = st.fixed_dictionaries({}, optional={name: node_values(child, depth + 1) for name, child in node.fields})
        return st.one_of(shaped, anything, st.dictionaries(st.sampled_from(names + ["khac"]), anything, max_size=3))
    if node.kind == LIST:
        return st.one_of(st.lists(node_values(node.item, depth + 1), max_size=3), anything)
    return anything


@st.composite
def yaml_documents(draw, field_names: list[str], value_strategy=None) -> str:
    """YAML text made of `key: value` entries (keys from the schema and elsewhere, repeated at
    times), values of any type, then sprinkled with what YAML can do and editors never need."""
    keys = st.one_of(st.sampled_from(field_names), st.text(min_size=1, max_size=12))
    entries = draw(st.lists(st.tuples(keys, plain_values if value_strategy is None else value_strategy), max_size=8))
    lines = []
    for key, value in entries:
        dumped = yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=draw(st.booleans()), width=80)
        lines += dumped.rstrip("\n").split("\n")
    for _ in range(draw(st.integers(0, 3))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        mutation = draw(st.sampled_from(["anchor", "alias", "tag", "duplicate", "huge", "raw", "indent", "cut"]))
        if mutation == "anchor" and ": " in line:
            lines[index] = line.replace(": ", ": &a ", 1)
        elif mutation == "alias" and ": " in line:
            lines[index] = line.split(": ", 1)[0] + ": *a"
        elif mutation == "tag" and ": " in line:
            tag = draw(st.sampled_from(["!!str", "!!python/object/apply:os.system", "!custom", "!", "!!binary"]))
            lines[index] = line.replace(": ", f": {tag} ", 1)
        elif mutation == "duplicate":
            lines.insert(draw(st.integers(index, len(lines))), line)
        elif mutation == "huge":
            lines[index] = f"{draw(st.sampled_from(field_names))}: {'x' * draw(st.sampled_from([5_000, 70_000]))}"
        elif mutation == "raw":
            lines[index] = line + draw(st.sampled_from(SPECIAL_TEXT))
        elif mutation == "indent":
            lines[index] = "  " + line
        else:
            lines[index] = line[: draw(st.integers(0, len(line)))]
    return "\n".join(lines) + "\n"


def with_front_matter(front: str, body: str = "\nThân bài.\n") -> bytes:
    return f"---\n{front}---\n{body}".encode("utf-8", "surrogatepass")


ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n" for previous, name in zip("abcdefgh", "bcdefghi"))


# -- the fuzz tests ------------------------------------------------------------------------------

@FUZZ
@given(front=yaml_documents(NEWS_FIELD_NAMES))
def test_random_yaml_as_an_articles_front_matter(docs, capsys, front):
    with Replaced(docs, ARTICLE, with_front_matter(front)):
        assert_answers_properly(docs, capsys)


@FUZZ
@given(text=st.text(max_size=300), raw=st.binary(max_size=300), as_front_matter=st.booleans())
def test_random_text_and_bytes_as_an_article(docs, capsys, text, raw, as_front_matter):
    for data in (with_front_matter(text) if as_front_matter else text.encode("utf-8", "surrogatepass"),
                 b"---\n" + raw + b"\n---\n" if as_front_matter else raw):
        with Replaced(docs, ARTICLE, data):
            assert_answers_properly(docs, capsys)


@FUZZ
@given(body=st.lists(st.sampled_from(["[", "]", "(", ")", "![", "](", "<!--", "-->", "<img ", "alt='", ">", "`",
                                      "```\n", "\n", " ", "x", "ư", "../", "http://a", "#"]), max_size=400))
def test_random_markdown_bodies(docs, capsys, body):
    with Replaced(docs, ARTICLE, with_front_matter("title: Thử\ndate: 2025-03-06\n", "".join(body) * 20)):
        assert_answers_properly(docs, capsys)


@FUZZ
@given(front=yaml_documents([name for name, _ in PROCEDURE.fields], node_values(PROCEDURE)),
       where=st.sampled_from(PROCEDURE_FILES))
def test_random_yaml_as_a_procedure_record(docs, capsys, front, where):
    with Replaced(docs, where, with_front_matter(front)):
        assert_answers_properly(docs, capsys)


@FUZZ
@given(shaped=st.fixed_dictionaries({}, optional={name: node_values(child) for name, child in PROCEDURE.fields}),
       where=st.sampled_from(PROCEDURE_FILES))
def test_procedure_records_of_every_shape_the_schema_allows_and_more(docs, capsys, shaped, where):
    front = yaml.safe_dump(shaped, allow_unicode=True, sort_keys=False)
    with Replaced(docs, where, with_front_matter(front)):
        assert_answers_properly(docs, capsys)


@FUZZ
@given(front=yaml_documents([name for name, _ in DOCUMENT.fields], node_values(DOCUMENT)),
       where=st.sampled_from(DOCUMENT_FILES))
def test_random_yaml_as_a_document_record(docs, capsys, front, where):
    with Replaced(docs, where, with_front_matter(front)):
        assert_answers_properly(docs, capsys, "all")


@FUZZ
@given(shaped=st.fixed_dictionaries({}, optional={name: node_values(child) for name, child in DOCUMENT.fields}),
       where=st.sampled_from(DOCUMENT_FILES))
def test_document_records_of_every_shape_the_schema_allows_and_more(docs, capsys, shaped, where):
    front = yaml.safe_dump(shaped, allow_unicode=True, sort_keys=False)
    with Replaced(docs, where, with_front_matter(front)):
        assert_answers_properly(docs, capsys, "documents")


CATEGORY_KEYS = ["slug", "label", "description", "vi", "en", "ja", "zh", "ko"]


@FUZZ
@given(entries=st.lists(st.dictionaries(st.sampled_from(CATEGORY_KEYS),
                                        st.one_of(plain_values, st.dictionaries(st.sampled_from(CATEGORY_KEYS),
                                                                                plain_values, max_size=5)),
                                        max_size=4), max_size=4),
       mutated=yaml_documents(CATEGORY_KEYS), as_list=st.booleans())
def test_random_category_lists(docs, capsys, entries, mutated, as_list):
    text = yaml.safe_dump(entries, allow_unicode=True) if as_list else mutated
    with Replaced(docs, "_data/categories.yml", text.encode("utf-8", "surrogatepass")):
        assert_answers_properly(docs, capsys)


@FUZZ
@given(text=yaml_documents(list(yaml.safe_load((PROJECT / "docs/_data/site.yml").read_text(encoding="utf-8")))))
def test_random_site_data(docs, capsys, text):
    with Replaced(docs, "_data/site.yml", text.encode("utf-8", "surrogatepass")):
        assert_answers_properly(docs, capsys)


@pytest.mark.parametrize("where, wrap", [(ARTICLE, True), (PROCEDURE_FILE, True), ("_data/categories.yml", False),
                                         ("_data/site.yml", False)])
def test_an_alias_bomb_anywhere(docs, capsys, where, wrap):
    with Replaced(docs, where, with_front_matter(ALIAS_BOMB) if wrap else ALIAS_BOMB.encode()):
        assert_answers_properly(docs, capsys)


WRONG_VALUES = [None, True, 0, -1, 1.5, "", " ", "x" * 70_000, [], [None], [[1]], {}, {"a": {"b": 1}}, "*a", "&a x"]


def test_a_value_of_every_wrong_type_in_every_article_field(docs, capsys):
    """Deterministic: each field of the news schema, each kind of wrong value."""
    for field in NEWS_FIELD_NAMES:
        for value in WRONG_VALUES:
            front = (f"{field}: {value}\n" if isinstance(value, str) and value.startswith(("*", "&"))
                     else yaml.safe_dump({field: value}, allow_unicode=True, width=10**6))
            if field != "title":
                front = "title: Thử\n" + front
            with Replaced(docs, ARTICLE, with_front_matter(front)):
                assert_answers_properly(docs, capsys)


OFFSETS = st.one_of(st.just(""), st.just("Z"), st.integers(-23 * 60 - 59, 23 * 60 + 59).map(
    lambda minutes: f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"))
EDGE_MOMENTS = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59)),
    st.sampled_from([datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59), datetime(1899, 12, 31, 20),
                     datetime(3000, 1, 1, 3), datetime(2999, 12, 31, 23, 59)]))


@settings(FUZZ, max_examples=40)
@given(moment=EDGE_MOMENTS, offset=OFFSETS, bare=st.booleans(),
       where=st.sampled_from(["date", "updated", "document date", "document issued"]))
def test_dates_at_the_ends_of_the_calendar_in_every_offset(docs, capsys, moment, offset, bare, where):
    """0001-01-01 in Vietnam time is year 0 in UTC, 9999-12-31T23:59-12:00 year 10000 in Vietnam
    time: each is a problem with its line, not an OverflowError, in every date field."""
    written = moment.date().isoformat() if bare else moment.isoformat() + offset
    if where in ("date", "updated"):
        front = f"title: Thử\ndate: {written if where == 'date' else '2025-03-06'}\n"
        if where == "updated":
            front += f"updated: {written}\nchange_note: Sửa.\n"
        with Replaced(docs, ARTICLE, with_front_matter(front)):
            assert_answers_properly(docs, capsys)
        return
    rel = DOCUMENT_FILES[0]
    text = (docs / rel).read_text(encoding="utf-8")
    if where == "document date":
        text = text.replace("\nissued:", f"\ndate: {written}\nissued:", 1)
    else:
        text = re.sub(r"\nissued: .*", f"\nissued: {written}", text, count=1)
    with Replaced(docs, rel, text.encode("utf-8")):
        assert_answers_properly(docs, capsys, section="documents")


def test_a_date_outside_the_years_of_the_calendar_is_a_problem_with_its_line(docs, capsys):
    for written in ("0001-01-01", "9999-12-31T23:59:59-12:00", "1899-12-31", "3000-01-01"):
        with Replaced(docs, ARTICLE, with_front_matter(f"title: Thử\ndate: {written}\n")):
            assert main(["check", "--docs", str(docs)]) == 1
            err = capsys.readouterr().err
            assert f"{ARTICLE}:3: date: '{written}' is outside the years 1900-2999" in err, err
