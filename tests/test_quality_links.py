"""Quality gate: no broken in-site link or #anchor anywhere in the built site, in any language
(`portal linkcheck`), and the checker itself on small hand-made sites."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.cli import main
from portal.site_links import check_site, format_link_report
from sitebuild import write

SITE_URL = "https://portal.example.vn/"


def page(body: str, *, canonical: str | None = None) -> str:
    head = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"<!doctype html><html lang=vi><head><title>t</title>{head}</head><body>\n{body}\n</body></html>"


@pytest.fixture
def small_site(tmp_path) -> Path:
    site = tmp_path / "site"
    write(site / "index.html", page(
        '<a href="news/">news</a>\n<a href="news/#latest">latest</a>\n<a href="#top-of-home">self</a>\n'
        '<span id="top-of-home"></span><img src="assets/logo.svg" srcset="assets/logo.svg 1x, assets/logo@2x.png 2x" alt="">\n'
        '<a href="mailto:a@b.vn">mail</a> <a href="tel:+84225">tel</a> <a href="https://other.example.org/x">out</a>\n'
        f'<a href="{SITE_URL}ja/">ja</a>',
        canonical=SITE_URL))
    write(site / "news/index.html", page('<h2 id="latest">Latest</h2><a href="../">home</a><a name="old-anchor"></a>'))
    write(site / "ja/index.html", page('<a href="../news/#old-anchor">old</a>'))
    write(site / "assets/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    write(site / "assets/logo@2x.png", "png")
    write(site / "sitemap.xml", f"<urlset><url><loc>{SITE_URL}news/</loc></url></urlset>")
    return site


def test_a_site_whose_links_all_land_passes(small_site):
    report = check_site(small_site)
    assert report.ok, format_link_report(report)
    assert report.pages == 3
    # news/, news/#latest, #top-of-home, an image (src + 2 srcset), the canonical and the absolute
    # ja/ URL, ../, ../news/#old-anchor, the sitemap's loc
    assert report.internal_links == 11
    assert list(report.external_urls) == ["https://other.example.org/x"]
    assert not report.external_checked


def test_missing_pages_files_and_anchors_are_reported_with_page_and_line(small_site):
    write(small_site / "news/index.html", page(
        '<a href="2025/">gone</a><h2 id="latest"></h2><a name="old-anchor"></a>\n<a href="../#nowhere">bad anchor</a>\n<img src="../assets/missing.png" alt="">\n'
        f'<link rel="alternate" hreflang="en" href="{SITE_URL}en/news/">\n<a href="../../outside/">escape</a>'))
    write(small_site / "rss.xml", f"<rss><channel><item><link>{SITE_URL}news/2024/x/</link>"
                                  f"<category domain=\"{SITE_URL}taxonomy/\">a</category></item></channel></rss>")
    report = check_site(small_site)
    found = {(b.page, b.line, b.target) for b in report.broken}
    assert found == {
        ("news/index.html", 2, "2025/"),
        ("news/index.html", 3, "../#nowhere"),
        ("news/index.html", 4, "../assets/missing.png"),
        ("news/index.html", 5, f"{SITE_URL}en/news/"),
        ("news/index.html", 6, "../../outside/"),
        ("rss.xml", 1, f"{SITE_URL}news/2024/x/"),
    }, format_link_report(report)
    anchor = next(b for b in report.broken if b.target == "../#nowhere")
    assert anchor.reason == "index.html has no element with id 'nowhere'"
    # A category domain is an identifier, not a link: not checked.
    assert not any("taxonomy" in b.target for b in report.broken)


def test_the_report_groups_one_broken_link_repeated_on_many_pages(small_site):
    for number in range(5):
        write(small_site / f"p{number}/index.html", page('<a href="../about.md">about</a>'))
    text = format_link_report(check_site(small_site))
    assert text.count("../about.md: no such file in the built site") == 1
    assert "and 2 more" in text
    assert text.endswith("5 broken.")


def test_site_under_a_sub_path(tmp_path):
    site = tmp_path / "site"
    base = "https://example.gov.vn/portal/"
    write(site / "index.html", page('<a href="/portal/news/">ok</a>\n<a href="/news/">outside</a>', canonical=base))
    write(site / "news/index.html", page(f'<a href="{base}">home</a>'))
    report = check_site(site)
    assert [(b.target, b.reason) for b in report.broken] == [("/news/", "outside the site (served at /portal/)")]


def test_external_links_are_requested_only_on_demand(small_site, httpserver):
    httpserver.expect_request("/fine").respond_with_data("ok")
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    write(small_site / "news/index.html", page(
        f'<h2 id="latest"></h2><a name="old-anchor"></a><a href="{httpserver.url_for("/fine")}">fine</a>\n'
        f'<a href="{httpserver.url_for("/gone")}">gone</a>'))
    assert check_site(small_site).ok
    report = check_site(small_site, external=True, timeout=5)
    assert report.external_checked
    broken = {(b.target, b.reason) for b in report.broken}
    assert (httpserver.url_for("/gone"), "HTTP 404") in broken
    assert not any(target == httpserver.url_for("/fine") for target, _ in broken)
    # other.example.org cannot be resolved here: reported, not fatal to the run.
    assert any(target == "https://other.example.org/x" and reason.startswith("unreachable") for target, reason in broken)


def test_cli_exit_codes_and_messages(small_site, tmp_path, capsys):
    assert main(["linkcheck", "--site", str(small_site)]) == 0
    assert "0 broken." in capsys.readouterr().out
    write(small_site / "ja/index.html", page('<a href="../nope/">x</a>'))
    assert main(["linkcheck", "--site", str(small_site)]) == 1
    assert "../nope/: no such file in the built site\n    in ja/index.html:2" in capsys.readouterr().err
    assert main(["linkcheck", "--site", str(tmp_path / "missing")]) == 2
    assert "build the site first" in capsys.readouterr().err
    assert main(["linkcheck", "--site", str(small_site), "--timeout", "0"]) == 2


def test_the_sample_site_has_no_broken_link_or_anchor_in_any_language(sample_site):
    report = check_site(sample_site)
    assert report.pages > 50
    assert {path.parts[0] for path in (p.relative_to(sample_site) for p in sample_site.rglob("*.html"))} >= {"en", "ja", "zh", "ko"}
    assert report.ok, format_link_report(report)
