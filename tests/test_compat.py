"""The engine adapter's guard on what it borrows from MkDocs, Material, static-i18n and Jinja
(portal/mkdocs_adapter/compat.py): the upstream code it copies or relies on is the code it was
checked against, and a build refuses versions it was not tested with."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

import pytest
from mkdocs.exceptions import PluginError

from portal.mkdocs_adapter import compat
from sitebuild import MKDOCS_ENV, copy_project


@pytest.mark.parametrize("entry", compat.UPSTREAM, ids=lambda entry: entry.source)
def test_what_the_adapter_copies_or_relies_on_is_unchanged_upstream(entry):
    found = compat.source_hash(compat.upstream_source(entry))
    assert found == entry.sha256, (
        f"{entry.source} is not the code checked against ({entry.checked}): review {entry.ours}; "
        f"then record its new hash {found} in compat.UPSTREAM")


@pytest.mark.parametrize("entry", [entry for entry in compat.UPSTREAM if entry.properdocs],
                         ids=lambda entry: entry.source)
def test_what_the_adapter_relies_on_is_unchanged_in_properdocs(entry):
    """With ProperDocs the build uses ProperDocs' copy of each MkDocs internal."""
    found = compat.source_hash(compat.upstream_source(entry, engine="properdocs"))
    assert found == entry.properdocs, (
        f"ProperDocs' {entry.source} is not the code checked against: review {entry.ours}; "
        f"then record its new hash {found} in compat.UPSTREAM (properdocs=)")


def test_every_mkdocs_internal_is_checked_in_properdocs_too():
    assert all(entry.properdocs for entry in compat.UPSTREAM if entry.source.startswith("mkdocs."))


def test_the_installed_versions_are_the_tested_ones():
    assert compat.version_problems() == []
    for distribution, tested in compat.TESTED_VERSIONS.items():
        if tested:
            assert version(distribution) in tested


def installed(**versions):
    """A version lookup that answers as if these distributions were installed."""

    def version_of(distribution):
        if distribution not in versions:
            raise PackageNotFoundError(distribution)
        return versions[distribution]

    return version_of


TESTED = {name: versions[0] for name, versions in compat.TESTED_VERSIONS.items() if versions}


def test_an_untested_version_is_refused_with_what_to_do():
    with pytest.raises(PluginError) as refused:
        compat.require_tested_versions(installed(**{**TESTED, "mkdocs-material": "9.9.0"}), environment={})
    message = str(refused.value)
    assert "mkdocs-material 9.9.0 is installed, but the build was tested with mkdocs-material 9.8.1" in message
    assert "compat.py" in message and "pip install -r requirements.txt" in message
    assert "mkdocs 1.6.1" not in message, "only what differs is named"


@pytest.mark.parametrize("distribution", ["mkdocs", "Jinja2", "Markdown", "mkdocs-static-i18n"])
def test_each_guarded_distribution_is_checked(distribution):
    problems = compat.version_problems(installed(**{**TESTED, distribution: "0.0.1"}))
    assert problems == [f"{distribution} 0.0.1 is installed, but the build was tested with "
                        f"{distribution} {TESTED[distribution]}"]


def test_an_untested_properdocs_is_refused():
    others = {name: value for name, value in TESTED.items() if name not in compat.ENGINES}
    assert compat.version_problems(installed(**others, properdocs=TESTED["properdocs"])) == []
    problems = compat.version_problems(installed(**others, properdocs="1.6.2"))
    assert problems == [f"properdocs 1.6.2 is installed, but the build was tested with properdocs {TESTED['properdocs']}"]
    assert compat.version_problems(installed(**others)) == ["neither mkdocs nor properdocs is installed"]


def test_a_missing_theme_is_named():
    without_material = {name: value for name, value in TESTED.items() if name != "mkdocs-material"}
    assert compat.version_problems(installed(**without_material)) == [
        "mkdocs-material is not installed; the build was tested with mkdocs-material 9.8.1"]


def test_untested_versions_can_be_tried_on_purpose(caplog):
    compat.require_tested_versions(installed(**{**TESTED, "Jinja2": "3.2.0"}),
                                   environment={compat.UNTESTED_VARIABLE: "1"})
    assert "Jinja2 3.2.0 is installed" in caplog.text


def test_a_build_with_an_untested_version_stops_before_writing_anything(tmp_path, monkeypatch, caplog):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    project = copy_project(tmp_path / "project", with_content=False)
    for name, value in MKDOCS_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(compat, "version", installed(**{**TESTED, "mkdocs-material": "10.0.0"}))
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    with pytest.raises(Abort):
        build(config)
    assert "mkdocs-material 10.0.0 is installed, but the build was tested with mkdocs-material 9.8.1" in caplog.text
    assert not (tmp_path / "site").exists()


# -- copies that must answer as the original ---------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from mkdocs.utils import normalize_url  # noqa: E402

_URL_PARTS = st.sampled_from(["", ".", "..", "en", "news", "2025", "a.html", "img.jpg", "x y", "ü", "#top", "?q=1"])
_URLS = st.lists(_URL_PARTS, max_size=5).map("/".join) | st.sampled_from(
    ["", "/", "./", "../", "../../x/", "https://example.org/a/", "//cdn.example/x.js", "/abs/path/", "#anchor",
     "mailto:a@b.c", "assets/javascripts/", "a\\b/"])


class _Page:
    def __init__(self, url):
        self.url = url


@settings(max_examples=500, deadline=None)
@given(pages=st.lists(_URLS, min_size=1, max_size=4), paths=st.lists(_URLS, min_size=1, max_size=8))
def test_relative_urls_answer_as_mkdocs_normalize_url(pages, paths):
    """`compat.RelativeUrls` (the `url` filter and the fragments' keys) gives MkDocs' answers,
    whatever the order of pages and addresses, the same page again included."""
    urls = compat.RelativeUrls()
    for page_url in pages + pages[:1]:
        page = _Page(page_url)
        for path in paths + paths:
            assert urls.normalize(path, page, "../..") == normalize_url(path, page, "../.."), (path, page_url)
    for path in paths:
        assert urls.normalize(path, None, "../..") == normalize_url(path, None, "../..")


def test_lean_contexts_list_the_globals_of_an_import_as_jinja_does():
    """An import without context reads the importing context's `globals_keys`: a global given to
    the importing template only reaches the macros through it."""
    import jinja2

    templates = {"macros.html": "{% macro hello() %}{{ greeting }} {{ name }}{% endmacro %}",
                 "page.html": "{% import 'macros.html' as m %}{% import 'macros.html' as c with context %}"
                              "{% include 'part.html' %}{{ m.hello() }}|{{ c.hello() }}",
                 "part.html": "[{{ name }}]"}
    outputs = []
    for lean in (False, True):
        env = jinja2.Environment(loader=jinja2.DictLoader(templates))
        env.globals["greeting"] = "hi"
        if lean:
            compat.lean_contexts(env)
        outputs.append(env.get_template("page.html", globals={"name": "page global"}).render())
    assert outputs[0] == outputs[1] == "[page global]hi page global|hi page global"


def test_attribute_reads_in_templates_answer_as_jinja_does():
    """`compat.dict_keys_first` reads the item first only where Jinja's attribute lookup fails."""
    import collections
    import types

    import jinja2
    from mkdocs.config.base import LegacyConfig
    from mkdocs.theme import Theme

    class WithGetattr(dict):
        def __getattr__(self, name):
            return f"attribute {name}"

    class Slotted:
        __slots__ = ("title",)

        def __getitem__(self, key):
            return f"item {key}"

    class Plain(collections.UserDict):
        pass

    theme = Theme(name="mkdocs")
    theme["palette"] = "light"
    legacy = LegacyConfig(())
    legacy["alternate"] = ["vi"]
    slotted = Slotted()
    slotted.title = "slot"
    plain = Plain(title="item title", data="item data")
    plain.__dict__["own"] = "instance attribute"
    plain["own"] = "item own"
    objects = [{"title": "t", "items": "not the method"}, theme, legacy, WithGetattr(title="t"), slotted, plain,
               types.SimpleNamespace(title="ns"), [1, 2], "text", None, 3, jinja2]
    names = ["title", "items", "palette", "name", "alternate", "get", "data", "own", "missing", "upper", "Environment"]
    reference, env = jinja2.Environment(), jinja2.Environment()
    compat.dict_keys_first(env)
    for _ in range(2):  # the second time from what was found the first
        for obj in objects:
            for name in names:
                expected, found = reference.getattr(obj, name), env.getattr(obj, name)
                assert type(found) is type(expected), (obj, name)
                if not isinstance(expected, jinja2.Undefined):
                    assert found == expected, (obj, name)


def test_theme_files_are_chosen_as_mkdocs_chooses_them():
    """`compat.remember_theme_files` keeps which theme files MkDocs' Files.add_files_from_theme
    adds, by the pass's static templates (which the portal changes between passes)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from sitebuild import PROJECT

    def chosen(config, env):
        files = Files([])
        files.add_files_from_theme(env, config)
        return sorted(file.src_uri for file in files)

    plain = load_config(str(PROJECT / "mkdocs.yml"))
    remembered = load_config(str(PROJECT / "mkdocs.yml"))
    compat.remember_theme_files(remembered.theme)
    for change in (None, "add", "discard", None):
        for config in (plain, remembered):
            for name in ("404.html", "sitemap.xml"):
                if change == "add":
                    config.theme.static_templates.add(name)
                elif change == "discard":
                    config.theme.static_templates.discard(name)
        assert chosen(remembered, remembered.theme.get_env()) == chosen(plain, plain.theme.get_env()), change


def test_relative_urls_answer_alike_past_their_memory_bound(monkeypatch):
    monkeypatch.setattr(compat.RelativeUrls, "SHARED_LIMIT", 3)
    urls = compat.RelativeUrls()
    for page_url in ("en/news/a/", "en/news/b/", "en/", "vi/x/y/z/", "en/news/a/"):
        for path in ("en/news/", "en/", "assets/x.css", "vi/x/", "../up/"):
            assert urls.normalize(path, _Page(page_url), "") == normalize_url(path, _Page(page_url), "")
    assert len(urls._shared) <= 3
