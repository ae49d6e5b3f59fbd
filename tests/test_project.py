"""Where the project is (portal.project) and what follows from it: site data a docs folder lacks
comes from the project around the current folder, as mkdocs.yml names it, not from where the
package is installed; and the footer's year comes from the content, not from the clock."""

from __future__ import annotations

import json

from portal.cli import main
from portal.content.site_data import data_file, load_categories
from portal.pages.context import pass_context
from portal.pages.model import SiteModel
from portal.pages.urls import BuildLayout
from portal.project import project_docs_dir, project_root
from sitebuild import PROJECT, article, write

CATEGORIES = "- slug: hop-tac\n  label: {vi: Hợp tác, en: Cooperation, ja: 協力, zh: 合作, ko: 협력}\n"


def other_project(tmp_path):
    """A project whose docs folder is `content/`, with one category of its own."""
    root = tmp_path / "other"
    write(root / "mkdocs.yml", "site_name: Other\ndocs_dir: content\nsite_url: !ENV [SITE, 'https://example.org/']\n")
    write(root / "content" / "_data" / "categories.yml", CATEGORIES)
    return root


def test_the_project_is_the_nearest_folder_with_mkdocs_yml(tmp_path, monkeypatch):
    root = other_project(tmp_path)
    (root / "content" / "news").mkdir(parents=True)
    monkeypatch.chdir(root / "content" / "news")
    assert project_root() == root.resolve()
    assert project_docs_dir() == root.resolve() / "content"


def test_site_data_a_docs_folder_lacks_comes_from_the_project_around_the_current_folder(tmp_path, monkeypatch, capsys):
    root = other_project(tmp_path)
    export = tmp_path / "export"
    article(export, "news/2025/a", "vi", "Bài", "2025-03-01", ["hop-tac"])
    monkeypatch.chdir(root)
    assert data_file(export, "categories.yml") == root.resolve() / "content" / "_data" / "categories.yml"
    assert list(load_categories(export)) == ["hop-tac"]
    assert main(["count", "--docs", str(export), "--period", "2025", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["by_category"] == {"hop-tac": {"articles": 1, "versions": 1}}


def test_without_a_project_the_docs_folder_must_have_its_own_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert data_file(tmp_path / "docs", "categories.yml") == tmp_path / "docs" / "_data" / "categories.yml"


def test_the_footer_year_is_the_newest_articles_year(tmp_path, capsys):
    docs = tmp_path / "docs"
    for name in ("categories.yml", "site.yml"):
        write(docs / "_data" / name, (PROJECT / "docs" / "_data" / name).read_text(encoding="utf-8"))
    article(docs, "news/2022/a", "vi", "Cũ", "2022-05-01", ["doi-ngoai"])
    article(docs, "news/2023/b", "en", "Newest", "2023-11-30", ["doi-ngoai"])
    article(docs, "news/2024/c", "vi", "Draft", "2024-01-05", ["doi-ngoai"], draft="true")
    site = SiteModel.load(docs, "https://example.org/", 10)
    for lang in ("vi", "ja"):
        assert pass_context(site, lang, BuildLayout())["portal_year"] == 2023, "drafts do not count"
    assert main(["count", "--docs", str(docs), "--period", "2023", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["versions"] == 1


def test_a_site_without_articles_shows_no_year(tmp_path):
    docs = tmp_path / "docs"
    for name in ("categories.yml", "site.yml"):
        write(docs / "_data" / name, (PROJECT / "docs" / "_data" / name).read_text(encoding="utf-8"))
    site = SiteModel.load(docs, "https://example.org/", 10)
    assert pass_context(site, "vi", BuildLayout())["portal_year"] == ""
