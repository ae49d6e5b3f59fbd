"""The page cache (portal.mkdocs_adapter.page_cache): a page is used from the cache only when
everything its template can read is what it was.

- the key's writer says exactly what a value is, and refuses anything but plain data
  (hypothesis);
- no template reads what the key leaves out, and every attribute of a page a template reads is
  in the key (all of Material's templates and overrides/);
- a built site edited the ways an editor edits it (a source text that makes a translation
  outdated, a title that listings show, a page's text) and built again with the cache gives the
  bytes of a build without any speed-up; site data, photos, templates and new pages make every
  key new, a page's text does not;
- a render that logged is not kept, a photo a template wrote is written again, a page whose
  context holds something unkeyable is rendered."""

from __future__ import annotations

import copy
import hashlib
import logging
import re
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import jinja2
import jinja2.meta
import material
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from portal.mkdocs_adapter.page_cache import (NOT_IN_KEY, NOT_PAGE_ENVIRONMENT, PAGE_ENVIRONMENT, PageKeys,
                                              PageOutputCache, PassInputs, Unkeyable, configuration_variables,
                                              frame_sources_fingerprint,
                                              page_inputs, write_into)
from sitebuild import MKDOCS_ENV, PROJECT, copy_project

# -- the key's writer -----------------------------------------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
    st.text(max_size=20).map(Markup), st.dates(),
    st.datetimes(timezones=st.one_of(st.none(), st.just(timezone(timedelta(hours=7))))),
)
plain = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.lists(inner, max_size=4).map(tuple),
    st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=20)


def digest_of(value) -> bytes:
    digest = hashlib.sha256()
    write_into(digest, value)
    return digest.digest()


@given(plain)
@settings(max_examples=300, deadline=None)
def test_the_same_value_is_written_the_same_whoever_holds_it(value):
    """A deep copy (other objects, equal values) and a value holding one object twice write the
    same bytes: the site model read anew or from its cache gives the same keys."""
    assert digest_of(value) == digest_of(copy.deepcopy(value))
    assert digest_of([value, value]) == digest_of([value, copy.deepcopy(value)])


few = st.recursive(
    st.sampled_from([None, 0, 1, 1.0, True, False, "", "a", Markup("a"), date(2025, 1, 1)]),
    lambda inner: st.one_of(st.lists(inner, max_size=2), st.lists(inner, max_size=2).map(tuple),
                            st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2)), max_leaves=4)
"""Values from few parts, so that equal ones come up often."""


@given(few, few)
@settings(max_examples=500, deadline=None)
def test_values_are_written_alike_exactly_when_they_are_the_same_value(first, second):
    """Two values have one digest when, and only when, they are equal and of the same kinds all
    the way down (text is not Markup, 1 is not 1.0 nor True, a list is not a tuple): a kept page
    is used only for the same context."""
    assert (digest_of(first) == digest_of(second)) == (repr(first) == repr(second))


def test_text_and_markup_are_told_apart():
    assert digest_of("<b>x</b>") != digest_of(Markup("<b>x</b>"))
    assert digest_of(["a"]) != digest_of(("a",))
    assert digest_of({"a": 1}) != digest_of({"a": 1.0})


class Opaque:
    def __init__(self, state):
        self.state = state

    def __repr__(self):
        return "Opaque()"  # hides its state: a key made from repr would not see it


@given(plain, st.integers(min_value=0, max_value=3))
@settings(max_examples=100, deadline=None)
def test_anything_but_plain_data_is_refused(value, depth):
    nested = Opaque(1)
    for _ in range(depth):
        nested = {"x": [value, nested]}
    with pytest.raises(Unkeyable):
        digest_of(nested)


def test_functions_classes_and_values_that_hold_themselves_are_refused():
    loop: list = []
    loop.append(loop)
    for value in (len, lambda: 1, Opaque, loop, {"a": object()}):
        with pytest.raises(Unkeyable):
            digest_of(value)


# -- what the templates read ---------------------------------------------------------------------

TEMPLATE_FOLDERS = (Path(material.__file__).parent / "templates", PROJECT / "overrides")

PAGE_ATTRIBUTES_IN_KEY = {"file", "url", "title", "content", "toc", "meta", "canonical_url", "abs_url", "edit_url",
                          "is_homepage", "previous_page", "next_page", "ancestors", "parent"}
BLOG_POST_ATTRIBUTES = {"config", "raw_content", "excerpt", "categories", "authors"}
"""Attributes of Material's blog posts (the portal has no blog): undefined on a page."""


def templates():
    for folder in TEMPLATE_FOLDERS:
        for path in sorted(folder.rglob("*.html")):
            yield path, path.read_text(encoding="utf-8")


class AnyName(dict):
    """Filters and tests of any name (the templates are parsed, not run)."""

    def __contains__(self, name):
        return True

    def __getitem__(self, name):
        return lambda *args, **kwargs: None

    def get(self, name, default=None):
        return self[name]


def test_no_template_reads_what_the_key_leaves_out():
    env = jinja2.Environment(extensions=["jinja2.ext.loopcontrols", "jinja2.ext.do"])
    env.filters, env.tests = AnyName(), AnyName()
    readers, read = {}, set()
    for path, source in templates():
        names = jinja2.meta.find_undeclared_variables(env.parse(source))
        read |= names
        for name in names & NOT_IN_KEY:
            readers.setdefault(name, []).append(str(path))
    assert {"page", "config", "nav", "portal_page"} <= read
    assert not readers, f"templates read context variables the page cache's key leaves out: {readers}"


def test_every_attribute_of_a_page_a_template_reads_is_in_the_key():
    read = set()
    for _path, source in templates():
        read |= set(re.findall(r"\bpage\.([a-z_]+)", source))
    assert read - PAGE_ATTRIBUTES_IN_KEY - BLOG_POST_ATTRIBUTES == set()
    page = fake_page("news/a.md")
    held = repr(page_inputs(page))
    for attribute in ("url", "title", "content", "canonical_url", "abs_url", "edit_url"):
        assert repr(getattr(page, attribute)) in held, attribute


# -- the cache on its own --------------------------------------------------------------------------


def fake_page(src_uri: str, content: str = "<p>text</p>"):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=src_uri.replace(".md", "/"), title="Title " + src_uri,
                           content=content, toc=[], meta={"title": "T", "date": date(2025, 1, 2)},
                           canonical_url="https://example.org/" + src_uri, abs_url="/" + src_uri,
                           edit_url=None, is_homepage=False, previous_page=None, next_page=None, ancestors=[],
                           parent=None)


class Renders:
    """A template whose render is counted, and may log or show a photo."""

    name = "main.html"

    def __init__(self, cache=None, log_warning=False, photo=None):
        self.count = 0
        self.cache = cache
        self.log_warning = log_warning
        self.photo = photo

    def __call__(self, context):
        self.count += 1
        if self.log_warning:
            logging.getLogger("some.extension").warning("a warning of the render")
        if self.photo:
            self.cache.image_used(self.photo)
        return f"<html>{context['page'].content}{context.get('x')}</html>"


def new_cache(folder: Path, replayed=None, name: str = "en") -> PageOutputCache:
    keys = PageKeys(SimpleNamespace(digest=b"inputs" * 6), {"shared": {"a": 1}})
    return PageOutputCache(folder, name, keys, replay_image=replayed.append if replayed is not None else None)


def context(page, **values):
    return {"page": page, "nav": None, "build_date_utc": datetime.now(), **values}


def test_a_page_is_kept_between_builds_and_rendered_again_when_its_context_changes(tmp_path):
    page = fake_page("news/a.md")
    first = new_cache(tmp_path)
    template = Renders()
    assert first.render(template, template, context(page, x=1)) == "<html><p>text</p>1</html>"
    first.save()
    second = new_cache(tmp_path)
    assert second.render(template, template, context(page, x=1)) == "<html><p>text</p>1</html>"
    assert template.count == 1 and second.hits == 1
    page.content = "<p>other</p>"
    assert second.render(template, template, context(page, x=1)) == "<html><p>other</p>1</html>"
    assert second.render(template, template, context(page, x=2)) == "<html><p>other</p>2</html>"
    page.meta["title"] = "U"
    second.render(template, template, context(page, x=2))
    assert template.count == 4


def test_a_part_of_a_language_finds_its_pages_where_the_last_split_kept_them(tmp_path):
    """`portal build --jobs` splits a language where its page count says: a new article moves
    the split (en:0-500 becomes en:0-501), and the pages are found in the earlier parts' files,
    which go once a part of the new split covers them; the parts of one build, whatever the
    order they save in, keep each other's files."""
    template = Renders()
    pages = [fake_page(f"news/{n}.md") for n in range(4)]
    # The processes of one build start together and save at their ends.
    parts = {name: new_cache(tmp_path, name=name) for name in ("en:0-500", "en:500-1000")}
    for (name, cache), part in zip(parts.items(), (pages[:2], pages[2:])):
        for page in part:
            cache.render(template, template, context(page))
    for cache in parts.values():
        cache.save()
    assert sorted(path.name for path in tmp_path.glob("*.pickle")) == ["en-0-500.pickle", "en-500-1000.pickle"]
    first, second = new_cache(tmp_path, name="en:0-501"), new_cache(tmp_path, name="en:501-1000")
    for page in pages[:3]:
        first.render(template, template, context(page))
    second.render(template, template, context(pages[3]))
    assert template.count == 4 and first.hits == 3 and second.hits == 1
    second.save()
    first.save()
    assert sorted(path.name for path in tmp_path.glob("*.pickle")) == ["en-0-501.pickle", "en-501-1000.pickle"]
    for name in ("en:501-1000", "en:0-501"):  # the same split again, saved in the other order
        cache = new_cache(tmp_path, name=name)
        for page in pages[3:] if name == "en:501-1000" else pages[:3]:
            cache.render(template, template, context(page))
        cache.save()
        assert cache.hits == len(pages[3:] if name == "en:501-1000" else pages[:3])
    assert sorted(path.name for path in tmp_path.glob("*.pickle")) == ["en-0-501.pickle", "en-501-1000.pickle"]
    whole = new_cache(tmp_path, name="en")
    for page in pages:
        whole.render(template, template, context(page))
    whole.save()
    assert whole.hits == 4 and sorted(path.name for path in tmp_path.glob("*.pickle")) == ["en.pickle"]


def test_a_render_that_logged_is_not_kept(tmp_path, caplog):
    page = fake_page("news/a.md")
    template = Renders(log_warning=True)
    for _ in range(2):
        cache = new_cache(tmp_path)
        cache.render(template, template, context(page))
        cache.save()
    assert template.count == 2
    assert caplog.text.count("a warning of the render") == 2


def test_a_photo_the_template_wrote_is_written_again_with_the_kept_page(tmp_path):
    page = fake_page("news/a.md")
    first = new_cache(tmp_path)
    template = Renders(cache=first, photo="news/2025/images/photo.jpg")
    first.render(template, template, context(page))
    first.save()
    replayed: list[str] = []
    second = new_cache(tmp_path, replayed)
    template.cache = second
    second.render(template, template, context(page))
    assert template.count == 1 and replayed == ["news/2025/images/photo.jpg"]


def test_a_page_whose_context_holds_something_unkeyable_is_rendered(tmp_path):
    page = fake_page("news/a.md")
    template = Renders()
    for _ in range(2):
        cache = new_cache(tmp_path)
        cache.render(template, template, context(page, x=Opaque(1)))
        cache.save()
    assert template.count == 2 and cache.unkeyable == 1


def test_a_template_render_without_a_page_is_not_kept(tmp_path):
    cache = new_cache(tmp_path)
    template = Renders()
    assert cache.render(template, lambda values: "404", {"page": None}) == "404"
    assert cache.hits == cache.misses == 0


# -- a built site, edited and built again --------------------------------------------------------

COUNTS = re.compile(r"page cache: (\d+) pages reused, (\d+) rendered, (\d+) not keyable")


def build(project: Path, site: Path, **env) -> tuple[int, int]:
    """Build the English pages into `site` (the Vietnamese sources are read into the content
    model all the same); (pages reused, pages rendered) of the page cache."""
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-v", "-f", str(project / "mkdocs.yml"),
                             "-d", str(site)], capture_output=True, text=True,
                            env={**MKDOCS_ENV, "PORTAL_ONLY_LANGUAGE": "en", **env})
    assert result.returncode == 0, result.stderr[-3000:]
    found = COUNTS.search(result.stderr)
    return (int(found.group(1)), int(found.group(2))) if found else (0, 0)


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file() and "pagefind" not in path.relative_to(site).parts}


def assert_same_site(built: Path, reference: Path) -> None:
    ours, theirs = files_of(built), files_of(reference)
    assert sorted(ours) == sorted(theirs)
    different = [name for name in theirs if ours[name] != theirs[name]]
    assert not different, f"the page cache gave other bytes than a build without speed-ups: {different[:10]}"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.site_build
def test_an_edited_site_built_with_kept_pages_is_the_site_built_without_them(tmp_path):
    project = copy_project(tmp_path / "project")
    docs = project / "docs"
    build(project, tmp_path / "cold")
    reused, rendered = build(project, tmp_path / "warm")
    assert rendered == 0 and reused > 50
    assert_same_site(tmp_path / "warm", tmp_path / "cold")

    # The Vietnamese text of a translated page (its English page says it is outdated), the title
    # of an English article (listings, its neighbours and related articles show it), the text of
    # another English article.
    edit(docs / "accessibility.vi.md", "\n\n", "\n\nMột câu mới của bản tiếng Việt.\n\n")
    english = sorted((docs / "news").rglob("*.en.md"))
    edit(english[0], "title: \"", "title: \"Edited: ")
    edit(english[1], "\n---\n", "\n---\n\nA new first paragraph.\n")
    reused, rendered = build(project, tmp_path / "edited")
    build(project, tmp_path / "edited-plain", PORTAL_BUILD_SPEEDUPS="0")
    assert_same_site(tmp_path / "edited", tmp_path / "edited-plain")
    assert reused > 0 and rendered > 0, "only the pages that show what changed are rendered again"
    # (a build of one language puts it at the root, as `portal serve --lang` shows it)
    outdated = (tmp_path / "edited" / "accessibility" / "index.html").read_text(encoding="utf-8")
    assert outdated != (tmp_path / "warm" / "accessibility" / "index.html").read_text(encoding="utf-8")


def test_site_data_templates_and_code_are_inputs_of_every_page_and_page_texts_are_not(tmp_path):
    """What no context shows (UI strings, photos, templates) reaches a page through the pass's
    inputs: any change to a file of docs/ that is not a Markdown page, or to overrides/, makes
    every key new; a page's text does not (it reaches other pages as values of their context)."""
    docs, overrides = tmp_path / "docs", tmp_path / "overrides"
    for path, text in ((docs / "_data" / "site.yml", "phone: 1\n"), (docs / "news" / "a.vi.md", "---\ntitle: A\n---\nText\n"),
                       (docs / "photo.jpg", "jpeg"), (overrides / "main.html", "{{ page.content }}")):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config = SimpleNamespace(docs_dir=str(docs), theme=SimpleNamespace(custom_dir=str(overrides)))
    before = frame_sources_fingerprint(config)
    (docs / "news" / "a.vi.md").write_text("---\ntitle: A\n---\nAnother text\n", encoding="utf-8")
    assert frame_sources_fingerprint(config) == before
    for path, text in ((docs / "_data" / "site.yml", "phone: 22\n"), (docs / "photo.jpg", "jpeg2"),
                       (overrides / "main.html", "{{ page.title }}"), (docs / "news" / "b.vi.md", "---\ntitle: B\n---\n")):
        path.write_text(text, encoding="utf-8")
        after = frame_sources_fingerprint(config)
        assert after != before, path
        before = after


def test_every_environment_variable_of_the_portal_is_in_the_key_or_said_not_to_change_pages():
    read = set()
    for path in (PROJECT / "scripts" / "portal").rglob("*.py"):
        read |= set(re.findall(r"[\"'](PORTAL_[A-Z_]+)[\"']", path.read_text(encoding="utf-8")))
    assert "PORTAL_NOW" in read and "PORTAL_ONLY_LANGUAGE" in read
    assert read - set(PAGE_ENVIRONMENT) - set(NOT_PAGE_ENVIRONMENT) == set()


def test_the_variables_mkdocs_yml_reads_are_in_the_key():
    assert configuration_variables(b'site_url: !ENV [PORTAL_SITE_URL, "https://x/"]\n'
                                   b"x: !ENV [A, B_2, null]\ny: !ENV PLAIN\n") == ["PORTAL_SITE_URL", "A", "B_2", "null", "PLAIN"]
    config = SimpleNamespace(config_file_path=str(PROJECT / "mkdocs.yml"))
    with_url = PassInputs(config, "en", "sources", {"PORTAL_SITE_URL": "https://a.example/"}).digest
    assert with_url != PassInputs(config, "en", "sources", {"PORTAL_SITE_URL": "https://b.example/"}).digest
    assert with_url == PassInputs(config, "en", "sources", {"PORTAL_SITE_URL": "https://a.example/",
                                                            "PORTAL_NOW": "2025-01-01T00:00:00+07:00",
                                                            "PORTAL_BUILD_LANGUAGES": "vi+ja:0-182"}).digest
    assert with_url != PassInputs(config, "en", "sources", {"PORTAL_SITE_URL": "https://a.example/",
                                                            "PORTAL_PREVIEW_FUTURE": "1"}).digest
