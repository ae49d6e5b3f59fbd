"""Editors' photos get web-sized variants with srcset; originals are kept; variants are cached."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image

from portal.mkdocs_adapter.images import ImageVariants, responsive_image_markup, variant_path

WIDTHS = (480, 960, 1600)


def photo(path: Path, size, orientation: int | None = None, fmt: str = "JPEG") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    picture = Image.linear_gradient("L").convert("RGB").resize(size)
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    picture.save(path, fmt, exif=exif.tobytes()) if fmt == "JPEG" else picture.save(path, fmt)
    return path


def page_at(url: str):
    return SimpleNamespace(file=SimpleNamespace(url=url))


@pytest.fixture
def docs(tmp_path) -> Path:
    docs = tmp_path / "docs"
    photo(docs / "news/2025/images/camera.jpg", (4000, 3000))
    photo(docs / "news/2025/images/upright.jpg", (2400, 1800), orientation=6)
    photo(docs / "news/2025/images/web.jpg", (1200, 675))
    photo(docs / "news/2025/images/icon.png", (300, 200), fmt="PNG")
    return docs


def variants(docs: Path, tmp_path: Path) -> ImageVariants:
    return ImageVariants(docs, tmp_path / "cache", WIDTHS, 82)


def test_a_camera_photo_gets_every_width_and_keeps_its_aspect(docs, tmp_path):
    site = tmp_path / "site"
    image = variants(docs, tmp_path).image("news/2025/images/camera.jpg", str(site))
    assert (image.width, image.height) == (4000, 3000)
    assert [(v.width, v.height) for v in image.variants] == [(480, 360), (960, 720), (1600, 1200)]
    for variant in image.variants:
        with Image.open(site / variant.path) as written:
            assert written.size == (variant.width, variant.height)
        assert (site / variant.path).stat().st_size < (docs / image.path).stat().st_size
    assert image.src.width == 960


def test_a_photo_taken_upright_is_turned_as_the_camera_says(docs, tmp_path):
    image = variants(docs, tmp_path).image("news/2025/images/upright.jpg", str(tmp_path / "site"))
    assert (image.width, image.height) == (1800, 2400)
    assert [(v.width, v.height) for v in image.variants] == [(480, 640), (960, 1280), (1600, 2133)]


def test_a_web_sized_photo_is_reencoded_at_its_own_width_too(docs, tmp_path):
    image = variants(docs, tmp_path).image("news/2025/images/web.jpg", str(tmp_path / "site"))
    assert [v.width for v in image.variants] == [480, 960, 1200]


def test_page_images_get_srcset_size_and_lazy_loading(docs, tmp_path):
    images = variants(docs, tmp_path)
    html = ('<p><img alt="Port" src="../images/camera.jpg"></p>'
            '<p><img alt="Icon" src="../images/icon.png"></p>'
            '<p><img alt="Elsewhere" src="https://example.org/a.jpg"></p>'
            '<p><img alt="Missing" src="../images/none.jpg"></p>')
    out = images.rewrite(html, page_at("news/2025/slug/"), str(tmp_path / "site"))
    camera = re.search(r'<img alt="Port"[^>]*>', out).group(0)
    assert 'src="../images/camera-960w.jpg"' in camera
    assert ('srcset="../images/camera-480w.jpg 480w, ../images/camera-960w.jpg 960w, '
            '../images/camera-1600w.jpg 1600w"') in camera
    assert 'width="960" height="720"' in camera and 'loading="lazy"' in camera and 'decoding="async"' in camera
    assert 'sizes="' in camera
    icon = re.search(r'<img alt="Icon"[^>]*>', out).group(0)
    assert "srcset" not in icon and 'width="300" height="200"' in icon and 'loading="lazy"' in icon
    assert '<img alt="Elsewhere" src="https://example.org/a.jpg">' in out
    assert '<img alt="Missing" src="../images/none.jpg">' in out


def test_the_same_image_from_another_language_page_resolves_to_the_shared_file(docs, tmp_path):
    out = variants(docs, tmp_path).rewrite('<img alt="x" src="../../../../news/2025/images/camera.jpg">',
                                           page_at("en/news/2025/slug/"), str(tmp_path / "site"))
    assert 'src="../../../../news/2025/images/camera-960w.jpg"' in out


def test_variants_come_from_the_cache_on_the_next_build(docs, tmp_path, monkeypatch):
    variants(docs, tmp_path).image("news/2025/images/camera.jpg", str(tmp_path / "site-1"))

    def resized_again(*args):
        raise AssertionError("the photo was resized again although its variants are cached")

    monkeypatch.setattr(ImageVariants, "_make_variants", resized_again)
    again = variants(docs, tmp_path).image("news/2025/images/camera.jpg", str(tmp_path / "site-2"))
    assert (tmp_path / "site-2" / variant_path("news/2025/images/camera.jpg", 480)).is_file()
    assert len(again.variants) == 3


def test_a_changed_photo_gets_new_variants(docs, tmp_path):
    first = variants(docs, tmp_path).image("news/2025/images/camera.jpg", str(tmp_path / "site"))
    photo(docs / "news/2025/images/camera.jpg", (2000, 1000))
    second = variants(docs, tmp_path).image("news/2025/images/camera.jpg", str(tmp_path / "site"))
    assert (first.height, second.height) == (3000, 1000)
    with Image.open(tmp_path / "site" / second.variants[-1].path) as written:
        assert written.size == (1600, 800)


def test_lead_image_markup_for_templates(docs, tmp_path):
    markup = responsive_image_markup(variants(docs, tmp_path), "news/2025/images/camera.jpg", str(tmp_path / "site"))
    assert markup["src"] == "news/2025/images/camera-960w.jpg"
    assert markup["srcset"][-1] == ("news/2025/images/camera-1600w.jpg", 1600)
    assert responsive_image_markup(variants(docs, tmp_path), "news/2025/images/none.jpg", str(tmp_path)) is None


# -- the sample site -------------------------------------------------------------------------------

LEAD_ARTICLE = "news/2024/moi-co-quan-dai-dien-nuoc-ngoai-du-le-hoi-hoa-phuong-do-2024/index.html"
BODY_PHOTO_ARTICLE = "news/2024/doan-cong-tac-thanh-pho-kitakyushu-nhat-ban-lam-viec-tai-hai-phong/index.html"
"""Its text shows its lead photo, which the page then shows there only (not twice)."""


def test_sample_article_lead_photo_loads_at_once_body_photos_lazily(sample_site):
    html = (sample_site / LEAD_ARTICLE).read_text(encoding="utf-8")
    lead = re.search(r'<figure class="portal-article__image">\s*(<img[^>]*>)', html).group(1)
    assert "srcset=" in lead and 'fetchpriority="high"' in lead and "loading=" not in lead
    assert re.search(r'width="\d+" height="\d+"', lead)
    html = (sample_site / BODY_PHOTO_ARTICLE).read_text(encoding="utf-8")
    body = html.split('class="portal-article__body"', 1)[1]
    assert re.findall(r"<img[^>]*>", body)
    for tag in re.findall(r"<img[^>]*>", body):
        assert 'loading="lazy"' in tag and "srcset=" in tag


def test_sample_site_keeps_originals_and_serves_smaller_variants(sample_site):
    originals = sorted((sample_site / "news").glob("*/images/*.jpg"))
    originals = [path for path in originals if not re.search(r"-\d+w\.jpg$", path.name)]
    assert originals
    for original in originals:
        smallest = original.with_name(f"{original.stem}-480w.jpg")
        assert smallest.is_file(), f"no 480 px variant of {original.name}"
        assert smallest.stat().st_size < original.stat().st_size
    srcsets = re.findall(r'srcset="([^"]*)"', (sample_site / "en" / LEAD_ARTICLE).read_text(encoding="utf-8"))
    assert srcsets and all("../../../../news/2024/images/" in srcset for srcset in srcsets)


def test_a_broken_photo_is_named_in_a_clear_error(docs, tmp_path):
    from portal.mkdocs_adapter.images import ImageError

    (docs / "news/2025/images/broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a JPEG")
    with pytest.raises(ImageError, match=r"docs/news/2025/images/broken.jpg: the image cannot be read"):
        variants(docs, tmp_path).image("news/2025/images/broken.jpg", str(tmp_path / "site"))
    assert variants(docs, tmp_path).prepare_all() == 5, "one broken photo must not stop the others"


@pytest.mark.parametrize("content", [b"\xff\xd8\xff\xe0 not really a JPEG", b""])
def test_a_broken_lead_photo_stops_the_build_with_its_path_not_a_traceback(docs, tmp_path, content):
    """A lead image or a card's thumbnail is drawn by the templates' `responsive_image`: an
    unreadable one ends the build as MkDocs ends it for a plugin's error (one line, no
    traceback), as one in an article's body does."""
    from jinja2 import Environment
    from mkdocs.exceptions import PluginError

    from portal.mkdocs_adapter.templates import portal_globals

    (docs / "news/2025/images/broken.jpg").write_bytes(content)
    env = Environment(autoescape=True)
    portal_globals(env, "vi", variants(docs, tmp_path), str(tmp_path / "site"))
    template = env.from_string("{% set lead = responsive_image('news/2025/images/broken.jpg') %}{{ lead.src }}")
    with pytest.raises(PluginError, match=r"docs/news/2025/images/broken.jpg: the image cannot be read"):
        template.render()
