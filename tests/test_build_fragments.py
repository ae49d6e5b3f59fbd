"""Shared page fragments (portal.mkdocs_adapter.fragments) and hard-linked media (portal.mkdocs_adapter.media_links).

Whole sites built with both (the parallel build tests, the sample site) are compared byte for
byte with a build without them in tests/test_build_parallel.py; here each part on its own."""

from __future__ import annotations

import errno
import os
import re

import jinja2
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from portal import file_writing
from portal.mkdocs_adapter.fragments import FragmentCache, navigation_key
from portal.file_writing import link_or_copy
from portal.mkdocs_adapter.media_links import link_media
from portal.mkdocs_adapter.generated_files import SharedAsset


def _environment(templates: dict[str, str]) -> tuple[jinja2.Environment, FragmentCache, list[str]]:
    rendered: list[str] = []
    env = jinja2.Environment(loader=jinja2.DictLoader(templates))
    env.globals["note"] = lambda name: rendered.append(name) or ""
    cache = FragmentCache()
    cache.install(env)
    return env, cache, rendered


def test_a_shared_include_renders_once_per_key(monkeypatch):
    from portal.mkdocs_adapter import fragments

    keys = {"partials/palette.html": lambda context: context.get("scheme"),
            "partials/nav.html": lambda context: None}
    monkeypatch.setattr(fragments, "SHARED_TEMPLATES", keys)
    env, cache, rendered = _environment({
        "page.html": "[{{ title }}|{% include 'partials/palette.html' %}|{% include 'partials/nav.html' %}]",
        "partials/palette.html": "{{ note('palette') }}palette {{ scheme }}",
        "partials/nav.html": "{{ note('nav') }}nav of {{ title }}",
    })
    page = env.get_template("page.html")
    outputs = [page.render(title=title, scheme=scheme) for title, scheme in
               (("a", "light"), ("b", "light"), ("c", "dark"), ("d", "light"))]
    assert outputs == ["[a|palette light|nav of a]", "[b|palette light|nav of b]", "[c|palette dark|nav of c]",
                       "[d|palette light|nav of d]"]
    assert rendered.count("palette") == 2, "one render per distinct key"
    assert rendered.count("nav") == 4, "a key of None means the page renders the fragment itself"
    assert (cache.misses, cache.hits) == (2, 2)


def test_a_shared_block_is_shared_unless_a_template_overrides_it(monkeypatch):
    from portal.mkdocs_adapter import fragments

    monkeypatch.setattr(fragments, "SHARED_TEMPLATES", {})
    monkeypatch.setattr(fragments, "SHARED_BLOCKS", {("base.html", "config"): lambda context: context.get("base_url")})
    env, cache, rendered = _environment({
        "base.html": "<{% block config %}{{ note('config') }}config {{ base_url }}{% endblock %}|{{ title }}>",
        "article.html": "{% extends 'base.html' %}",
        "home.html": "{% extends 'base.html' %}{% block config %}own {{ super() }}{% endblock %}",
    })
    article = env.get_template("article.html")
    assert article.render(base_url="../..", title="a") == "<config ../..|a>"
    assert article.render(base_url="../..", title="b") == "<config ../..|b>"
    assert article.render(base_url="..", title="c") == "<config ..|c>"
    assert env.get_template("home.html").render(base_url="../..", title="h") == "<own config ../..|h>"
    assert rendered.count("config") == 2


def _site(tmp_path, nav_config):
    docs = tmp_path / "docs"
    for path in ("index.md", "news/index.md", "about.md", "news/2025/a.md", "news/2025/b.md", "news/2024/c.md"):
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(f"# {path}\n", encoding="utf-8")
    config = MkDocsConfig()
    config.load_dict({"site_name": "Test", "docs_dir": str(docs), "site_dir": str(tmp_path / "site"), "nav": nav_config})
    assert config.validate() == ([], [])
    files = Files([File(path, str(docs), str(tmp_path / "site"), True) for path in
                   ("index.md", "news/index.md", "about.md", "news/2025/a.md", "news/2025/b.md", "news/2024/c.md")])
    nav = get_navigation(files, config)
    pages = {file.src_uri: file.page or Page(None, file, config) for file in files}
    return config, nav, pages


def _context(config, nav, page):
    from mkdocs.utils import get_relative_url

    return {"config": config, "nav": nav, "page": page, "base_url": get_relative_url(".", page.url)}


def test_navigation_is_shared_by_pages_that_see_it_alike(tmp_path):
    config, nav, pages = _site(tmp_path, ["index.md", {"News": "news/index.md"}, {"About": [{"Us": "about.md"}]}])
    key = lambda src_uri: navigation_key(_context(config, nav, pages[src_uri]))  # noqa: E731
    assert key("news/2025/a.md") == key("news/2025/b.md"), "two articles of one folder share the navigation"
    assert key("news/2025/a.md") == key("news/2024/c.md"), "links from another year's folder read the same"
    assert key("news/index.md") is None, "a page in the navigation renders its own (its entry is marked)"
    assert key("about.md") is None, "also inside a section"

    # A page at another depth links the entries differently.
    deeper = File("news/2025/sub/d.md", config.docs_dir, config.site_dir, True)
    assert navigation_key(_context(config, nav, Page(None, deeper, config))) != key("news/2025/a.md")


def test_navigation_key_follows_the_section_a_page_is_in(tmp_path):
    """overrides/partials/tabs-item.html marks the tab of the section whose address a page is
    under. The key needs nothing more for it: a link to a section written from a page under it
    has no folder name in it (`../../`), from elsewhere it has (`../../../about/`)."""
    config, nav, pages = _site(tmp_path, ["index.md", {"News": "news/index.md"}, {"About": "about.md"}])
    elsewhere = File("about/team/x.md", config.docs_dir, config.site_dir, True)
    about_page = navigation_key(_context(config, nav, Page(None, elsewhere, config)))
    news_page = navigation_key(_context(config, nav, pages["news/2025/a.md"]))
    assert _context(config, nav, pages["news/2025/a.md"])["base_url"] == _context(config, nav, Page(None, elsewhere, config))["base_url"]
    assert about_page != news_page


def test_navigation_key_follows_active_entries(tmp_path):
    config, nav, pages = _site(tmp_path, ["index.md", {"News": "news/index.md"}, {"About": [{"Us": "about.md"}]}])
    before = navigation_key(_context(config, nav, pages["news/2025/a.md"]))
    nav.items[2].active = True
    assert navigation_key(_context(config, nav, pages["news/2025/a.md"])) != before


# -- hard links ----------------------------------------------------------------------------------


def test_media_are_linked_and_a_second_build_replaces_the_links(tmp_path):
    source = tmp_path / "docs" / "news" / "images" / "a.jpg"
    source.parent.mkdir(parents=True)
    source.write_bytes(b"photo")
    destination = tmp_path / "site" / "news" / "images" / "a.jpg"
    link_or_copy(str(source), str(destination))
    assert os.path.samefile(source, destination)
    link_or_copy(str(source), str(destination))  # the same file already: nothing to do
    assert destination.read_bytes() == b"photo"

    replaced = tmp_path / "docs" / "b.jpg"
    replaced.write_bytes(b"other photo")
    link_or_copy(str(replaced), str(destination))
    assert destination.read_bytes() == b"other photo"
    assert source.read_bytes() == b"photo", "an existing link is replaced, never written through"


def test_media_are_copied_where_links_are_impossible(tmp_path, monkeypatch):
    source = tmp_path / "a.pdf"
    source.write_bytes(b"form")

    def no_links(*args):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(file_writing.os, "link", no_links)
    destination = tmp_path / "site" / "a.pdf"
    link_or_copy(str(source), str(destination))
    assert destination.read_bytes() == b"form" and not os.path.samefile(source, destination)


def test_only_plain_media_of_docs_are_linked(tmp_path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    for name in ("a.md", "images/a.jpg", "images/b.jpg"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x", encoding="utf-8")
    page = File("a.md", str(docs), str(site), True)
    photo = File("images/a.jpg", str(docs), str(site), True)
    shared = SharedAsset("images/b.jpg", str(docs), str(site), True)
    generated = File("feed.xml", None, str(site), True)
    generated.generated_by = "portal"
    files = Files([page, photo, shared, generated])
    link_media(files, str(docs))
    assert "copy_file" in vars(photo) and "copy_file" in vars(shared)
    assert "copy_file" not in vars(page) and "copy_file" not in vars(generated)
    for file in (photo, shared):
        file.copy_file()
        assert os.path.samefile(file.abs_src_path, file.abs_dest_path)


def test_the_sample_site_links_its_photos(sample_site):
    project = sample_site.parent
    photos = [path for path in sample_site.rglob("*.jpg") if not re.search(r"-\d+w$", path.stem)]
    assert photos, "the sample site has photos"
    for path in photos:
        assert os.path.samefile(path, project / "docs" / path.relative_to(sample_site)), "originals are links to docs/"
    cached = {(status.st_dev, status.st_ino) for status in
              (entry.stat() for entry in (project / ".cache" / "portal-build" / "images").rglob("*.jpg"))}
    variants = list(sample_site.rglob("*-960w.jpg"))
    assert variants and all((path.stat().st_dev, path.stat().st_ino) in cached for path in variants), \
        "variants are links to the image cache"


@pytest.mark.site_build
def test_shared_fragments_change_nothing_with_a_deeper_navigation_and_other_theme_features(tmp_path):
    """Content and settings this project does not ship: a navigation section with a page of its
    own, a page inside it and an external link, sticky tabs, the table of contents in the
    navigation, section index pages. The site must be the one a plain MkDocs build makes."""
    from sitebuild import build_or_fail, copy_project, write

    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - about.md\n", "  - Giới thiệu:\n      - about.md\n      - about/lien-he.md\n"
                                              "      - Cổng Dịch vụ công: https://dichvucong.gov.vn/\n", 1)
    config = config.replace("    - navigation.tabs\n", "    - navigation.tabs\n    - navigation.tabs.sticky\n"
                                                      "    - toc.integrate\n    - navigation.indexes\n", 1)
    config = re.sub(r"^(\s*)- portal:\s*\n", lambda m: f"{m.group(0)}{m.group(1)}    search_index: false\n", config,
                    count=1, flags=re.MULTILINE)
    assert "about/lien-he.md" in config and "toc.integrate" in config and "search_index: false" in config
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for lang in ("vi", "en", "ja", "zh", "ko"):
        write(project / "docs" / "about" / f"lien-he.{lang}.md",
              f"---\ntitle: Liên hệ ({lang})\n---\n\n# Liên hệ ({lang})\n\nĐiện thoại.\n\n## Địa chỉ\n\nHải Phòng.\n")
    fast = build_or_fail(project, tmp_path / "fast")
    plain = build_or_fail(project, tmp_path / "plain", env={"PORTAL_BUILD_SPEEDUPS": "0"})
    files = sorted(path.relative_to(plain).as_posix() for path in plain.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(fast).as_posix() for path in fast.rglob("*") if path.is_file())
    different = [rel for rel in files if (fast / rel).read_bytes() != (plain / rel).read_bytes()]
    assert not different, f"{len(different)} files differ from a plain build, e.g. {different[:5]}"
    assert "md-nav__link--active" in (fast / "about" / "lien-he" / "index.html").read_text(encoding="utf-8")
