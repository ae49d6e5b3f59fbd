"""The input side of trust: docs/ is the only source, and no file an editor can write hangs or
crashes `portal check`, `portal build` (and plain `mkdocs build`) or `portal count`. One test
(or more) per finding of the review; each failed before the change it names.

Timings are checked as ratios (a file 8 times larger may take at most 20 times longer) with a
generous absolute ceiling, never as tight wall-clock limits."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.mkdocs_adapter.fingerprint import source_fingerprint
from portal.file_writing import RefusedSource, link_or_copy
from portal.content_checks import run_checks
from portal.cli import main
from portal.content.news import load_news
from portal.front_matter import FrontMatterError, parse_document, parse_simple_front_matter, read_front_matter
from portal.safe_yaml import MAX_DEPTH, YAMLInputError, load
from portal.text_characters import INVISIBLE
from portal.content.site_data import SiteDataError, load_categories
from portal.source_files import MAX_PAGE_BYTES, UnreadableFile
from sitebuild import MKDOCS_ENV, PROJECT, article, build, copy_project, write

ALIAS_BOMB = "\n".join(
    ["---", "title: Bom", "date: 2025-01-01", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]" for previous, name in zip("abcdefgh", "bcdefghi")]
    + ["---", "", "Thân bài.", ""])
"""Nine levels of nine aliases: 387 million strings once expanded (a "billion laughs")."""


@pytest.fixture
def docs(tmp_path) -> Path:
    """A minimal docs folder: the site data and one good article."""
    folder = tmp_path / "project" / "docs"
    (folder / "_data").mkdir(parents=True)
    for name in ("categories.yml", "site.yml", "procedure-vocabulary.yml"):
        (folder / "_data" / name).write_bytes((PROJECT / "docs" / "_data" / name).read_bytes())
    article(folder, "news/2025/tot", "vi", "Bài tốt", "2025-03-05", ["doi-ngoai"])
    return folder


@pytest.fixture
def project(tmp_path) -> Path:
    """A project to build: mkdocs.yml, overrides, the static pages and one article."""
    root = copy_project(tmp_path / "site-project", with_content=False)
    article(root / "docs", "news/2025/tot", "vi", "Bài tốt", "2025-03-05", ["doi-ngoai"])
    return root


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def problem_lines(text: str, name: str) -> list[str]:
    return [line for line in text.splitlines() if name in line]


def seconds(action) -> float:
    """CPU time of this process: other jobs on the machine do not count."""
    started = time.process_time()
    action()
    return time.process_time() - started


def assert_linear(make_input, action, small: int, large: int, ceiling: float = 30.0) -> None:
    """`action(make_input(size))` grows at most linearly: 8x the input may take at most 20x
    the time (a quadratic reader takes 64x), and the large input stays under `ceiling` s."""
    assert large == 8 * small
    small_input, large_input = make_input(small), make_input(large)
    action(small_input)  # warm up
    fast = min(seconds(lambda: action(small_input)) for _ in range(3))
    slow = min(seconds(lambda: action(large_input)) for _ in range(2))
    assert slow < ceiling, f"{slow:.1f} s for the large input"
    assert slow < 20 * max(fast, 0.01), f"{fast:.3f} s for {small}, {slow:.3f} s for {large}: not linear"


# -- docs/ is the only source: symbolic links ------------------------------------------------------

@pytest.fixture
def outside(tmp_path) -> Path:
    """A folder outside docs/ with a file nobody means to publish."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text("not for the web\n", encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff not for the web")
    return folder


def test_links_to_a_folder_a_file_and_nowhere_are_refused_by_check(docs, outside, capsys):
    os.symlink(outside, docs / "tai-lieu")
    os.symlink(outside / "photo.jpg", docs / "news" / "2025" / "anh.jpg")
    os.symlink(docs.parent / "gone", docs / "news" / "cu")
    status, out, err = run(capsys, "check", "--docs", str(docs))
    assert status == 1 and "No problems found" not in out
    for link, target in (("docs/tai-lieu", outside), ("docs/news/2025/anh.jpg", outside / "photo.jpg"),
                         ("docs/news/cu", docs.parent / "gone")):
        lines = problem_lines(err, f"{link}:1: file:")
        assert len(lines) == 1, err  # once, though the news loader meets some of them too
        assert f"a symbolic link (to {target})" in lines[0] and "docs/ is the only source" in lines[0]


def test_a_plain_mkdocs_build_refuses_a_link_before_copying_anything(project, outside):
    docs = project / "docs"
    os.symlink(outside, docs / "tai-lieu")
    os.symlink(outside / "photo.jpg", docs / "news" / "2025" / "anh.jpg")
    site = project / "site"
    result = build(project, site)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"docs/tai-lieu:1: file: a symbolic link (to {outside})" in output
    assert "docs/news/2025/anh.jpg:1: file: a symbolic link" in output
    assert "Traceback" not in output
    published = [path for path in site.rglob("*")] if site.exists() else []
    assert not [path for path in published if path.name in ("secret.txt", "photo.jpg", "anh.jpg")]


def test_a_link_in_docs_is_refused_even_with_the_content_check_off(project, outside):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      news_per_page: 10\n", "      news_per_page: 10\n      check_content: false\n"), encoding="utf-8")
    os.symlink(outside, project / "docs" / "tai-lieu")
    result = build(project)
    assert result.returncode != 0
    assert "docs/tai-lieu:1: file: a symbolic link" in result.stdout + result.stderr
    assert not (project / "site" / "tai-lieu").exists()


def test_count_refuses_links_among_the_news(docs, outside, capsys):
    os.symlink(outside, docs / "news" / "2024")
    status, _, err = run(capsys, "count", "--docs", str(docs), "--period", "2025")
    assert status == 2
    assert f"docs/news/2024:1: file: a symbolic link (to {outside})" in err


def test_hard_links_only_for_regular_files_inside_the_allowed_folders(tmp_path, outside):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "form.pdf").write_bytes(b"form")
    os.symlink(outside / "secret.txt", docs / "link.pdf")
    site = tmp_path / "site"
    link_or_copy(str(docs / "form.pdf"), str(site / "form.pdf"), inside=(str(docs),))
    assert os.path.samefile(docs / "form.pdf", site / "form.pdf")
    for source in (docs / "link.pdf", outside / "secret.txt"):
        with pytest.raises(RefusedSource, match="not a regular file inside"):
            link_or_copy(str(source), str(site / "x.pdf"), inside=(str(docs),))
    assert not (site / "x.pdf").exists()


def test_a_new_link_changes_the_fingerprint_that_keeps_the_checks_verdict(docs, outside):
    before = source_fingerprint(docs)
    os.symlink(outside, docs / "tai-lieu")
    with_folder_link = source_fingerprint(docs)
    os.symlink(docs / "nowhere", docs / "news" / "dangling.md")  # statting it would fail
    assert len({before, with_folder_link, source_fingerprint(docs)}) == 3


# -- a YAML alias bomb ---------------------------------------------------------------------------

def test_an_alias_bomb_is_refused_at_once_by_check_and_count(docs, capsys):
    write(docs / "news/2025/bom.vi.md", ALIAS_BOMB)
    started = time.perf_counter()
    status, _, err = run(capsys, "check", "--docs", str(docs))
    assert status == 1
    [line] = problem_lines(err, "bom.vi.md")
    assert line.startswith("docs/news/2025/bom.vi.md:4: front matter: '&a' names a value for reuse (a YAML anchor)")
    status, out, err = run(capsys, "count", "--docs", str(docs), "--period", "2025")
    assert status == 2 and out == ""
    assert problem_lines(err, "bom.vi.md")[0].startswith("docs/news/2025/bom.vi.md:4: front matter: '&a'")
    assert time.perf_counter() - started < 30


def test_portal_build_checks_before_it_forks_and_reports_each_problem_once(project):
    write(project / "docs/news/2025/bom.vi.md", ALIAS_BOMB)
    (project / "docs/news/2025/latin1.vi.md").write_bytes(b"---\ntitle: L\xea\ndate: 2025-01-01\n---\n")
    # In a process of its own: before the change this hung (the shards built with the checks off).
    command = [sys.executable, "-c", "import sys; from portal.cli import main; sys.exit(main(['build', '--jobs', '2']))"]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=MKDOCS_ENV, timeout=240)
    assert result.returncode == 1, result.stdout + result.stderr
    assert problem_lines(result.stderr, "bom.vi.md") == [
        "docs/news/2025/bom.vi.md:4: front matter: '&a' names a value for reuse (a YAML anchor); "
        "remove '&a'; references between values are not accepted"]
    assert len(problem_lines(result.stderr, "latin1.vi.md:2: file: not UTF-8 text")) == 1
    assert "Traceback" not in result.stderr
    assert "built" not in result.stdout and not (project / ".site.shards").exists() and not (project / "site").exists()


# -- files that are not UTF-8 --------------------------------------------------------------------

def test_a_file_that_is_not_utf8_is_a_problem_with_its_line_in_check(docs, capsys):
    (docs / "about.vi.md").write_bytes(b"---\ntitle: Gi\xe1\xbb\x9bi thi\xe1\xbb\x87u\n---\n\nD\xf2ng 5 sai\n")
    (docs / "news/2025/latin1.vi.md").write_bytes(b"---\ntitle: L\xea\ndate: 2025-01-01\n---\n")
    status, _, err = run(capsys, "check", "--docs", str(docs))
    assert status == 1 and "Traceback" not in err
    assert problem_lines(err, "about.vi.md") == [
        "docs/about.vi.md:5: file: not UTF-8 text (byte 0xF2 on this line, in another encoding); save the file as UTF-8"]
    assert problem_lines(err, "latin1.vi.md")[0].startswith("docs/news/2025/latin1.vi.md:2: file: not UTF-8 text")


def test_a_plain_mkdocs_build_reports_a_file_that_is_not_utf8(project):
    (project / "docs/news/2025/latin1.vi.md").write_bytes(b"---\ntitle: L\xea\ndate: 2025-01-01\n---\n")
    result = build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "UnicodeDecodeError" not in output and "Traceback" not in output
    assert "docs/news/2025/latin1.vi.md:2: file: not UTF-8 text" in output


def test_count_refuses_a_body_that_is_not_utf8(docs, capsys):
    (docs / "news/2025/than-bai.vi.md").write_bytes(
        b"---\ntitle: Than bai\ndate: 2025-02-01\n---\n\nDong 6 dung.\nD\xf2ng 7 sai.\n")
    status, out, err = run(capsys, "count", "--docs", str(docs), "--period", "2025", "--format", "json")
    assert status == 2 and out == ""
    assert "docs/news/2025/than-bai.vi.md:7: file: not UTF-8 text" in err


def test_oversized_files_and_other_than_files_are_refused_without_reading_them(docs, capsys):
    huge = docs / "news/2025/lon.vi.md"
    with open(huge, "wb") as stream:
        stream.write(b"---\ntitle: Lon\ndate: 2025-01-01\n---\n")
        stream.truncate(MAX_PAGE_BYTES + 200 * 1024)  # sparse: nothing is written, nothing need be read
    os.mkfifo(docs / "news/2025/ong.vi.md")  # opening a named pipe would wait for a writer
    status, _, err = run(capsys, "count", "--docs", str(docs), "--period", "2025")
    assert status == 2
    assert "docs/news/2025/lon.vi.md:1: file: the file is 4.2 MB; the limit is 4 MB" in err
    assert "docs/news/2025/ong.vi.md:1: file: not a regular file" in err
    status, _, err = run(capsys, "check", "--docs", str(docs))
    assert status == 1 and "lon.vi.md:1: file: the file is" in err and "ong.vi.md:1: file: not a regular file" in err


# -- repeated keys and what else YAML can do ----------------------------------------------------

def test_a_repeated_key_is_refused_naming_both_lines(docs, capsys):
    write(docs / "news/2025/hai-lan.vi.md", "---\ntitle: Hai lần\ndraft: true\ndate: 2025-02-01\ndraft: false\n---\n")
    assert parse_simple_front_matter("title: a\ndraft: true\ndraft: false\n") is None  # left to the YAML reader
    status, _, err = run(capsys, "check", "--docs", str(docs))
    assert status == 1
    assert problem_lines(err, "hai-lan") == ["docs/news/2025/hai-lan.vi.md:5: front matter: the key 'draft' is given "
                                             "twice, on line 3 and on line 5; keep one of the two lines"]
    # The article is neither published nor counted on whichever line YAML happened to keep.
    status, out, err = run(capsys, "count", "--docs", str(docs), "--period", "2025", "--format", "json")
    assert status == 2 and "hai-lan.vi.md:5: front matter: the key 'draft' is given twice" in err


@pytest.mark.parametrize("text, line, message", [
    ("title: a\nsummary: !!python/object:os.system x\n", 3, "'!!python/object:os.system' is a YAML tag"),
    ("title: !!str 12\n", 2, "'!!str' is a YAML tag"),
    ("title: a\nextra: {<<: {title: b}}\n", 3, "'<<' merges keys"),
    ("title: a\nsummary: *x\n", 3, "'*x' refers to another value (a YAML alias)"),  # to nothing, even
    ("categories:\n  - &c doi-ngoai\n  - *c\n", 3, "'&c' names a value for reuse"),
    # libyaml's own composer overflowed the C stack on this (a segmentation fault, no traceback).
    ("title: " + "[" * 60_000 + "\n", 2, f"nested more than {MAX_DEPTH} levels deep"),
    ("title: a\nsummary: b\x07c\n", 3, "character U+0007 is not allowed"),
])
def test_what_editors_never_need_is_refused_with_its_line(text, line, message):
    with pytest.raises(FrontMatterError) as raised:
        parse_document(f"---\n{text}---\n")
    assert raised.value.line == line and message in raised.value.message and raised.value.fix


INVISIBLE_CHARACTERS = [chr(code) for code in range(0x110000)
                        if not 0xD800 <= code <= 0xDFFF and INVISIBLE.match(chr(code))]


@settings(max_examples=150, deadline=None)
@given(character=st.sampled_from(INVISIBLE_CHARACTERS), before=st.text(alphabet=st.characters(
    blacklist_categories=("Cs", "Cc")), max_size=8).filter(lambda text: not INVISIBLE.search(text)),
    escaped=st.booleans(), line=st.integers(0, 3))
def test_an_invisible_character_in_any_value_is_refused_with_its_line(character, before, escaped, line):
    """A bidirectional override, a control character... in a value, typed as itself or as a YAML
    escape: refused at its line, whatever surrounds it (an editor cannot see it; U+202E shows
    "txt.exe" as "exe.txt")."""
    written = f"\\U{ord(character):08x}" if escaped or character in "\x00\t\n\r\x85" else character
    value = '"' + before.replace("\\", "\\\\").replace('"', '\\"') + written + '"'
    text = "".join(f"k{number}: v\n" for number in range(line)) + f"title: {value}\n"
    try:
        load(text, 2)
    except YAMLInputError as error:
        if "invisible character" not in error.message:
            assert "is not allowed" in error.message  # YAML's own reader refuses some as themselves
        else:
            assert f"U+{ord(character):04X}" in error.message and error.fix
        assert error.line == 2 + line
    else:
        pytest.fail(f"{value!r} accepted")


def test_an_invisible_character_is_a_check_and_count_problem_and_portal_new_drops_it(docs, capsys):
    write(docs / "news/2025/dao.vi.md", '---\ntitle: "Hội nghị\u202e gpj.exe"\ndate: 2025-03-01\n---\n')
    status, _, err = run(capsys, "check", "--docs", str(docs))
    assert status == 1
    assert problem_lines(err, "dao") == [
        "docs/news/2025/dao.vi.md:2: front matter: the value holds an invisible character (U+202E RIGHT-TO-LEFT "
        "OVERRIDE); delete it: it changes how the text looks or reads without being seen (retype the value if the "
        "character cannot be found)"]
    status, _, err = run(capsys, "count", "--docs", str(docs), "--period", "2025", "--format", "json")
    assert status == 2 and "dao.vi.md:2: front matter: the value holds an invisible character" in err
    (docs / "news/2025/dao.vi.md").unlink()
    status, out, err = run(capsys, "new", "--docs", str(docs), "Tin\u202e m\u200fới\x07")
    assert status == 0, err
    [created] = [path for path in (docs / "news").rglob("*.vi.md") if path.name != "tot.vi.md"]
    assert 'title: "Tin mới"' in created.read_text(encoding="utf-8")
    assert run(capsys, "check", "--docs", str(docs))[0] == 0


def test_site_data_goes_through_the_same_reader_with_file_and_line(docs):
    categories = docs / "_data" / "categories.yml"
    categories.write_text("- slug: a\n  label: &l {vi: A, en: A, ja: A, zh: A, ko: A}\n- slug: b\n  label: *l\n",
                          encoding="utf-8")
    with pytest.raises(SiteDataError) as raised:
        load_categories(docs)
    [problem] = raised.value.problems
    assert (problem.path, problem.line) == (str(categories), 2) and "YAML anchor" in problem.message
    categories.write_text("- slug: a\n  label: {vi: A, en: A, ja: A, zh: A, ko: A}\n  slug: b\n", encoding="utf-8")
    with pytest.raises(SiteDataError, match="categories.yml:3: YAML: the key 'slug' is given twice, on line 1 and on line 3"):
        load_categories(docs)
    categories.write_text("- slug: a\n  label: A\n", encoding="utf-8")  # a label that is not per language
    with pytest.raises(SiteDataError, match=r"categories.yml:2: categories\[0\].label: must be one line per language"):
        load_categories(docs)


@pytest.mark.parametrize("blank", ["", "   ", "\t", "\u3000"])
def test_a_category_label_of_spaces_is_a_missing_label(docs, blank):
    """A label of spaces would be a link with no text in every list and trail."""
    import yaml

    categories = docs / "_data" / "categories.yml"
    entries = yaml.safe_load(categories.read_text(encoding="utf-8"))
    entries[1]["label"]["ja"] = blank
    categories.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(SiteDataError, match=rf"categories\[1\].label: category '{entries[1]['slug']}': label missing for ja"):
        load_categories(docs)


@pytest.mark.parametrize("slug", ["../../etc", "../../../../../../tmp/x", "a/b", ".", "..", "kinh te", "kinh-tế",
                                  "Kinh-Te", "<x>\"'", "rss.xml", "a" * 300, "-a", "a--b"])
def test_a_category_slug_that_is_not_a_slug_is_refused_before_it_names_a_folder(docs, slug):
    """A category's slug names `news/category/<slug>/` and its feeds in site/: '../../etc' wrote
    feeds outside the category folder, '.' and a name too long for the file system stopped the
    build with a traceback. The same rule for the procedures' and documents' vocabularies."""
    import yaml

    from portal.procedures.vocabulary import load_vocabulary

    categories = docs / "_data" / "categories.yml"
    entries = yaml.safe_load(categories.read_text(encoding="utf-8"))
    entries.append({**yaml.safe_load(yaml.safe_dump(entries[0])), "slug": slug})
    categories.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(SiteDataError) as raised:
        load_categories(docs)
    [problem] = raised.value.problems
    assert (problem.field, problem.message) == (f"categories[{len(entries) - 1}].slug", f"'{slug}' is not a slug")
    lines = categories.read_text(encoding="utf-8").splitlines()
    assert problem.line == max(number for number, line in enumerate(lines, 1) if line.lstrip("- ").startswith("slug:"))
    vocabulary = docs / "_data" / "procedure-vocabulary.yml"
    terms = yaml.safe_load(vocabulary.read_text(encoding="utf-8"))
    terms["fields"][0]["slug"] = slug
    vocabulary.write_text(yaml.safe_dump(terms, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert any(problem.field == "fields[0].slug" and problem.message == f"'{slug}' is not a slug"
               for problem in load_vocabulary(docs)[1])


def test_site_data_problems_are_check_problems(docs, capsys):
    (docs / "_data" / "site.yml").write_text("portal: &p {vi: Cổng}\nname: *p\n", encoding="utf-8")
    (docs / "_data" / "procedure-vocabulary.yml").write_text("fields: []\nfields: []\n", encoding="utf-8")
    status, _, err = run(capsys, "check", "--docs", str(docs))
    assert status == 1
    assert "docs/_data/site.yml:1: YAML: '&p' names a value for reuse" in err
    assert "docs/_data/procedure-vocabulary.yml:2: YAML: the key 'fields' is given twice" in err



def _site_info_locations(shape, here=()):
    """Every (location, kind) of site.yml's shape; a list's entries at index 0."""
    from portal.content.site_data import LOCALIZED  # noqa: F401  (the kinds are strings)

    if isinstance(shape, dict):
        yield here, "group"
        for key, inner in shape.items():
            yield from _site_info_locations(inner, (*here, key))
    elif isinstance(shape, list):
        yield here, "list"
        yield from _site_info_locations(shape[0], (*here, 0))
    else:
        yield here, shape


SITE_INFO_LOCATIONS = [location for location in _site_info_locations(__import__(
    "portal.content.site_data", fromlist=["SITE_INFO"]).SITE_INFO) if location[0]]
WRONG_SITE_VALUES = [None, True, 10**30, 1.5, -1, "", "   ", [], ["a", "b"], {}, {"x": "y"}, {"en": "only English"},
                     {"vi": ["a"]}, {"vi": "   "}]


def _set(tree, location, value):
    node = tree
    for step in location[:-1]:
        node = node[step]
    node[location[-1]] = value


@pytest.mark.parametrize("location, kind", SITE_INFO_LOCATIONS, ids=lambda value: str(value))
def test_a_site_data_value_of_the_wrong_shape_is_a_check_problem_with_its_line(docs, location, kind):
    """Every value the pages and feeds show from site.yml (the footer's and the home page's
    contact block, the one-stop desk, the related agencies): of the wrong type, blank, or in
    languages without Vietnamese, it is `portal check`'s problem at its own line, where the build
    used to stop in a template or the feed step with a traceback."""
    import yaml

    from portal.content.site_data import REQUIRED_SITE_INFO, load_site_info
    from portal.field_paths import location_label
    from portal.yaml_lines import value_lines

    site = docs / "_data" / "site.yml"
    sample = yaml.safe_load((PROJECT / "docs" / "_data" / "site.yml").read_text(encoding="utf-8"))
    load_site_info(docs)  # the sample is clean
    for value in WRONG_SITE_VALUES:
        fits = (kind == "group" and isinstance(value, dict)) or (kind == "list" and isinstance(value, list)) \
            or (kind == "flag" and isinstance(value, bool))
        if fits:
            continue  # the right type: what it holds is tried at the locations within it
        tree = copy.deepcopy(sample)
        _set(tree, location, value)
        text = yaml.dump(tree, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
        site.write_text(text, encoding="utf-8")
        with pytest.raises(SiteDataError) as raised:
            load_site_info(docs)
        labels = {(problem.field, problem.line) for problem in raised.value.problems}
        assert (location_label(location), value_lines(text)[location]) in labels, (value, labels)
    for required in REQUIRED_SITE_INFO:
        tree = copy.deepcopy(sample)
        parent = tree
        for step in required[:-1]:
            parent = parent[step]
        del parent[required[-1]]
        site.write_text(yaml.dump(tree, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
        with pytest.raises(SiteDataError, match=rf"{location_label(required).replace('.', '[.]')}: missing"):
            load_site_info(docs)

# -- long lines: reading is linear ---------------------------------------------------------------

def test_a_long_front_matter_line_is_refused_in_linear_time(tmp_path):
    def make(size: int) -> Path:
        path = tmp_path / f"dai-{size}.vi.md"
        path.write_bytes(b"---\ntitle: " + b"a" * size + b"\ndate: 2025-01-01\n---\nbody\n")
        return path

    def read(path: Path) -> None:
        with pytest.raises(FrontMatterError, match="longer than 65536 characters"):
            read_front_matter(path)

    assert_linear(make, read, 400_000, 3_200_000)


def test_count_with_a_multi_megabyte_line_finishes_in_linear_time(docs, capsys):
    def make(size: int) -> Path:
        target = docs.parent / f"docs-{size}"
        if not target.exists():
            (target / "_data").mkdir(parents=True)
            (target / "_data" / "categories.yml").write_bytes((docs / "_data" / "categories.yml").read_bytes())
            write(target / "news/2025/dai.vi.md", "---\ntitle: Dài\ndate: 2025-01-01\nsummary: " + "ư" * size + "\n---\n")
            write(target / "news/2025/than-dai.vi.md", "---\ntitle: Thân dài\ndate: 2025-01-01\n---\n" + "[x](" * (size // 4))
        return target

    def count(target: Path) -> None:
        assert main(["count", "--docs", str(target), "--period", "2025", "--format", "json"]) == 2
        assert "dai.vi.md:1: front matter: the front matter is longer than" in capsys.readouterr().err

    assert_linear(make, count, 200_000, 1_600_000)


def test_check_with_a_multi_megabyte_body_line_finishes_in_linear_time(docs, capsys):
    def make(size: int) -> Path:
        target = docs.parent / f"check-{size}"
        if not target.exists():
            (target / "_data").mkdir(parents=True)
            for name in ("categories.yml", "site.yml", "procedure-vocabulary.yml"):
                (target / "_data" / name).write_bytes((docs / "_data" / name).read_bytes())
            # Unclosed links, images and comments: each used to be searched to the end of the line.
            body = ("[x](" * (size // 16) + "<!--" * (size // 16) + "<img src='" * (size // 40) + "[[a]" * (size // 16))
            write(target / "news/2025/than-dai.vi.md", "---\ntitle: Thân dài\ndate: 2025-01-01\n---\n" + body + "\n")
        return target

    def check(target: Path) -> None:
        assert run_checks(target) == []

    assert_linear(make, check, 60_000, 480_000)


# -- the lead image: one rule for check and build --------------------------------------------------

@pytest.mark.parametrize("image", ["/etc/hostname.jpg", "https://example.com/anh.jpg", "//example.com/anh.jpg",
                                   "../../../../outside.jpg", "C:\\anh.jpg", "file:///etc/hosts"])
def test_a_lead_image_outside_docs_is_refused_by_check_and_build_in_the_same_words(docs, image):
    from portal.feeds import FeedError, lead_image_enclosure
    from portal.pages.model import SiteModel

    article(docs, "news/2025/anh", "vi", "Ảnh", "2025-02-02", image=f"'{image}'", image_alt="Ảnh")
    [problem] = [problem for problem in run_checks(docs) if problem.path.endswith("anh.vi.md")]
    assert (problem.line, problem.field) == (4, "image")
    assert f"'{image}' is not a file inside docs/" in problem.message
    site = SiteModel.load(docs, "https://ngoaivu.haiphong.gov.vn/", 10)
    with pytest.raises(FeedError) as raised:
        lead_image_enclosure(site, site.news.articles["news/2025/anh"], "vi")
    assert f"image: {problem.message}; {problem.fix}" in str(raised.value)



@pytest.mark.parametrize("image", ["images/ghi-chu.txt", "images/bai.md", "images/anh"])
def test_a_lead_image_that_is_not_a_picture_is_a_check_problem_not_a_build_error(docs, image):
    """Pages, cards and the feeds' enclosures show only a picture: `portal check` says so with
    the line, where the build used to stop in the feed step with no line and no fix."""
    (docs / "news/2025" / image).parent.mkdir(parents=True, exist_ok=True)
    (docs / "news/2025" / image).write_text("không phải ảnh", encoding="utf-8")
    article(docs, "news/2025/anh", "vi", "Ảnh", "2025-02-02", image=f"'{image}'", image_alt="Ảnh")
    [problem] = [problem for problem in run_checks(docs) if problem.path.endswith("anh.vi.md")]
    assert (problem.line, problem.field) == (4, "image")
    assert f"'{image}' is not a picture" in problem.message


def test_a_body_image_or_link_leading_outside_docs_is_named_as_such(docs, capsys):
    """`../` enough times reaches /etc or /usr from any page: the file is there, but outside docs/
    it is never read or published, and the check says so rather than that it does not exist."""
    up = "../" * 30
    article(docs, "news/2025/ra-ngoai", "vi", "Ra ngoài", "2025-02-02")
    path = docs / "news/2025/ra-ngoai.vi.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\n![Ảnh]({up}etc/hostname)\n\n[tệp]({up}etc/passwd)\n",
                    encoding="utf-8")
    problems = [problem for problem in run_checks(docs) if problem.path.endswith("ra-ngoai.vi.md")]
    assert [(problem.field, problem.message) for problem in problems] == [
        ("image", f"'{up}etc/hostname' leads outside the docs folder"),
        ("link", f"'{up}etc/passwd' leads outside the docs folder")]


@pytest.mark.parametrize("rel_path, fix", [
    ("news/2025/tin.xx.md", "rename it tin.<vi|en|ja|zh|ko>.md"), ("news/2025/tin.EN.md", "write the language in lower case: tin.en.md"),
    ("news/2025/tin.zh-TW.md", "rename it tin.<vi|en|ja|zh|ko>.md"), ("gioi-thieu.fr.md", "rename it gioi-thieu.<vi|en|ja|zh|ko>.md"),
    ("procedures/abtc-doanh-nhan.fr.md", "rename it abtc-doanh-nhan.<vi|en|ja|zh|ko>.md"),
    ("documents/ke-hoach.de.md", "rename it ke-hoach.<vi|en|ja|zh|ko>.md")])
def test_a_file_whose_language_suffix_is_not_a_site_language_is_refused(docs, capsys, rel_path, fix):
    """`tin.fr.md` (or `tin.EN.md`, a slip for `tin.en.md`) was published and counted as a
    Vietnamese page named `tin.fr`: check and the build name it, a count of the news stops."""
    write(docs / rel_path, "---\ntitle: Tin\ndate: 2025-03-05\n---\n\nThân bài.\n")
    problems = [problem for problem in run_checks(docs) if problem.path.endswith(rel_path)]
    suffix = rel_path.rsplit(".", 2)[1]
    assert [(problem.line, problem.field, problem.message) for problem in problems] == [
        (1, "file", f"'.{suffix}' in the file name is not one of the site's languages (vi, en, ja, zh, ko)")]
    assert problems[0].fix.startswith(fix)
    if rel_path.startswith("news/"):
        assert run(capsys, "count", "--docs", str(docs), "--period", "2025", "--format", "json")[0] == 2


def test_a_dot_in_a_name_that_is_no_language_stays_part_of_the_name(docs):
    for rel_path in ("news/2025/bao-cao.v2.md", "news/2025/tin.final.md", "huong-dan.2025.md"):
        write(docs / rel_path, "---\ntitle: Tin\ndate: 2025-03-05\n---\n\nThân bài.\n")
    assert not [problem for problem in run_checks(docs) if problem.field == "file"]

# -- counting: a readable draft never blocks -------------------------------------------------------

def test_a_draft_with_an_unreadable_date_and_unknown_category_is_a_warning(docs, capsys):
    article(docs, "news/2025/nhap", "vi", "Nháp", "ngay mai", ["khong-co"], draft="true")
    status, out, err = run(capsys, "count", "--docs", str(docs), "--period", "2025", "--format", "json")
    assert status == 0, err
    assert '"articles": 1' in out
    assert "Warnings: drafts are never counted" in err
    assert "docs/news/2025/nhap.vi.md:3: date: 'ngay mai' is not a date" in err
    assert "docs/news/2025/nhap.vi.md:4: categories: unknown category 'khong-co'" in err


def test_a_draft_source_whose_date_a_published_translation_inherits_still_blocks(docs, capsys):
    article(docs, "news/2025/nhap", "vi", "Nháp", "ngay mai", draft="true")
    article(docs, "news/2025/nhap", "en", "Draft")  # published, dated by its source
    status, out, err = run(capsys, "count", "--docs", str(docs), "--period", "2025", "--format", "json")
    assert status == 2 and out == ""
    assert "docs/news/2025/nhap.vi.md:3: date: 'ngay mai' is not a date" in err


def test_the_readme_states_the_counting_rule():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert "A draft never blocks the count" in readme


# -- the reader itself ---------------------------------------------------------------------------

def test_every_refusal_is_an_input_error_with_a_line(tmp_path):
    for text in ("a: &x 1\nb: *x\n", "a: [\n", "[" * 5000, "a: 1\na: 2\n", "? [a]\n: 1\n", "a: !t 1\n"):
        with pytest.raises(YAMLInputError) as raised:
            load(text, 7)
        assert raised.value.line >= 7 and raised.value.fix
    (tmp_path / "x.md").write_bytes(b"\xff")
    with pytest.raises(UnreadableFile) as raised:
        read_front_matter(tmp_path / "x.md")
    assert raised.value.line == 1


def test_news_loading_names_the_file_of_each_unreadable_version(docs):
    (docs / "news/2025/a.vi.md").write_bytes(b"---\ntitle: a\n---\n\xc3")
    news, problems = load_news(docs)
    assert [(problem.path, problem.line, problem.field) for problem in problems] == [("docs/news/2025/a.vi.md", 4, "file")]


# -- found by the fuzz tests (tests/test_input_fuzz.py) ------------------------------------------

def test_a_problem_is_one_line_whatever_the_file_holds(docs, capsys):
    write(docs / "news/2025/khoa.vi.md", '---\ntitle: a\ndate: 2025-01-01\n"x\\ry": 1\n"x\\ry": 2\n---\n')
    status, _, err = run(capsys, "check", "--docs", str(docs))
    assert status == 1
    assert problem_lines(err, "khoa.vi.md") == [
        "docs/news/2025/khoa.vi.md:5: front matter: the key 'x\\x0dy' is given twice, on line 4 and on line 5; "
        "keep one of the two lines"]


def test_a_translated_record_whose_list_is_not_a_list_is_reported_not_a_crash(docs, capsys):
    import re

    for rel in ("procedures/abtc-doanh-nhan.vi.md", "procedures/abtc-doanh-nhan.en.md"):
        text = (PROJECT / "docs" / rel).read_text(encoding="utf-8")
        write(docs / rel, re.sub(r"\nrelated:\n(  - .*\n)+", "\n", text))
    shutil_forms = PROJECT / "docs" / "procedures" / "forms"
    (docs / "procedures" / "forms").mkdir()
    for form in shutil_forms.iterdir():
        (docs / "procedures" / "forms" / form.name).write_bytes(form.read_bytes())
    assert run(capsys, "check", "--docs", str(docs))[0] == 0
    english = docs / "procedures/abtc-doanh-nhan.en.md"
    english.write_text(re.sub(r"\nsteps:\n(  - .*\n)+", "\nsteps: false\n", english.read_text(encoding="utf-8")),
                       encoding="utf-8")
    status, _, err = run(capsys, "check", "--docs", str(docs))
    assert status == 1 and "Traceback" not in err
    assert any(": steps: must be a list;" in line for line in problem_lines(err, "abtc-doanh-nhan.en.md"))
