"""Web-sized variants of editors' photos, with `srcset` so that each reader's browser picks one.

Editors upload what their camera or phone makes (often several MB, 4000 px and more). At build
time each local raster image gets variants at the configured widths (only those narrower than
the original), written next to it in the site as `name-960w.jpg`; the original stays in docs/
and at its own address in the site (feeds and links use it). Variants are kept in a cache keyed
by the original's content, so a build only resizes new or changed photos; several build
processes may share the cache (a lock per photo keeps them from resizing it twice).

In page text every `<img>` of a local image gets `srcset`, `sizes`, `width` and `height` (no
layout shift), `loading="lazy"` and `decoding="async"`; the lead photo of an article is
rendered by the template with the same variants but loaded eagerly (`responsive_image`)."""

from __future__ import annotations

import fcntl
import hashlib
import html
import json
import os
import posixpath
import re
import shutil
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from PIL import Image, ImageOps

from ..file_writing import RefusedSource, link_or_copy
from ..messages import _
from ..source_files import is_inside

FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
SIZES = "(min-width: 76.25em) 46rem, 100vw"
"""What the `sizes` attribute tells the browser: the article column's width on a large screen
(Material's grid with its sidebars), the viewport's width below."""
NEAR_ENOUGH = 0.9
"""A largest variant this much narrower than configured is fine if it saves a full decode."""
PREFERRED_SRC_WIDTH = 960
"""The variant in `src`, for the rare browser without `srcset`."""
VARIANTS_VERSION = "5"
_ORIENTATION = 0x0112
"""The EXIF tag saying how a camera held the picture."""
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Variant:
    path: str
    """Site-relative path (`news/2025/images/photo-960w.jpg`)."""
    width: int
    height: int


@dataclass(frozen=True)
class ResponsiveImage:
    path: str
    """Site-relative path of the original."""
    width: int
    height: int
    """The original's size, upright (EXIF orientation applied)."""
    variants: tuple[Variant, ...]

    @property
    def src(self) -> Variant:
        fitting = [variant for variant in self.variants if variant.width <= PREFERRED_SRC_WIDTH]
        if fitting:
            return fitting[-1]
        if self.variants:
            return self.variants[0]
        return Variant(self.path, self.width, self.height)

    @property
    def srcset(self) -> list[Variant]:
        return list(self.variants)


class ImageError(ValueError):
    pass


def variant_path(path: str, width: int) -> str:
    stem, extension = posixpath.splitext(path)
    return f"{stem}-{width}w{extension}"


class ImageVariants:
    def __init__(self, docs_dir: Path, cache_dir: Path, widths: tuple[int, ...], quality: int, *,
                 hard_links: bool = False):
        self.docs_dir = Path(docs_dir)
        self.hard_links = hard_links
        """Put variants into the site as hard links to the cache's files (see `hardlinks`)."""
        self.cache_dir = Path(cache_dir)
        self.widths = tuple(sorted(set(widths)))
        self.quality = quality
        self._known: dict[str, ResponsiveImage | None] = {}
        self._entries: dict[str, Path] = {}
        """site-relative path -> the cache entry of its variants (name prefix)."""
        self._written: set[tuple[str, str]] = set()

    # -- the variants ------------------------------------------------------------------------------

    def image(self, path: str, site_dir: str) -> ResponsiveImage | None:
        """The variants of the local image at site-relative `path`, made (or taken from the
        cache) and written into `site_dir`; None when `path` is not a local raster image."""
        path = posixpath.normpath(path).lstrip("/")
        if path not in self._known:
            self._known[path] = self._prepare(path)
        image = self._known[path]
        if image is not None and (site_dir, path) not in self._written:
            self._write(image, site_dir)
            self._written.add((site_dir, path))
        return image

    def prepare_all(self) -> int:
        """Make the variants of every photo under docs/ that the cache lacks (newest folders
        first: build passes meet them oldest first, so the two rarely wait for each other);
        returns how many photos docs/ has."""
        photos = sorted(
            (path.relative_to(self.docs_dir).as_posix() for path in self.docs_dir.rglob("*")
             if path.suffix.lower() in FORMATS and not any(part.startswith(("_", ".")) for part in
                                                           path.relative_to(self.docs_dir).parts)),
            reverse=True)
        for path in photos:
            try:
                self._prepare(path)
            except ImageError:
                pass  # the page that shows it reports it
        return len(photos)

    def _prepare(self, path: str) -> ResponsiveImage | None:
        source = self.docs_dir / path
        if source.suffix.lower() not in FORMATS or path.startswith("..") or not source.is_file() \
                or source.is_symlink() or not is_inside(source, (self.docs_dir,)):
            return None  # only photos in docs/ itself (`portal check` reports links)
        digest = self._digest(source)
        entry = self.cache_dir / digest[:2] / f"{digest}-{VARIANTS_VERSION}-{self.quality}-{'-'.join(map(str, self.widths))}"
        self._entries[path] = entry
        manifest = entry.with_suffix(".json")
        if not manifest.is_file():
            entry.parent.mkdir(parents=True, exist_ok=True)
            with open(entry.with_suffix(".lock"), "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if not manifest.is_file():
                    try:
                        self._make_variants(source, entry, manifest)
                    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
                        raise ImageError(_("{path}: the image cannot be read ({problem}); save it again as {format} "
                                           "or replace it").format(path=f"docs/{path}", problem=error,
                                                                   format=source.suffix.lstrip(".").upper())) from None
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
        variants = tuple(Variant(variant_path(path, width), width, height) for width, height in recorded["variants"])
        return ResponsiveImage(path, recorded["width"], recorded["height"], variants)

    def _digest(self, source: Path) -> str:
        """The photo's SHA-256, remembered by path, size and modification time: reading
        hundreds of MB of photos on every build only to learn they did not change costs more
        than everything else the build does with them."""
        status = source.stat()
        stamp = f"{source.resolve()}\0{status.st_size}\0{status.st_mtime_ns}".encode("utf-8")
        remembered = self.cache_dir / "digests" / hashlib.sha1(stamp).hexdigest()
        try:
            return remembered.read_text(encoding="ascii")
        except OSError:
            pass
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        remembered.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(remembered, digest.encode("ascii"))
        return digest

    def _make_variants(self, source: Path, entry: Path, manifest: Path) -> None:
        extension = source.suffix.lower()
        with Image.open(source) as opened:
            stored_width, stored_height = opened.size
            turned = opened.getexif().get(_ORIENTATION, 1) in (5, 6, 7, 8)
            width, height = (stored_height, stored_width) if turned else (stored_width, stored_height)
            targets = sorted((w for w in self.widths if w < width), reverse=True)
            if min(self.widths) < width <= max(self.widths):
                # Already a web size, but often saved at camera quality: re-encoded at its own
                # width it weighs a fraction and still serves the widest screens.
                targets.insert(0, width)
            if targets:
                # A JPEG decodes at 1/2, 1/4 or 1/8 scale almost for free, and a full-scale decode
                # is most of the work: when a reduced decode falls just short of the largest
                # width (a 6000 px camera's 1500, an upright phone photo's 1512), that becomes the
                # largest variant. Then ask for the smallest decode that covers it.
                for reduction in (8, 4, 2):
                    if width // reduction >= targets[0]:
                        break
                    if width // reduction >= NEAR_ENOUGH * targets[0] and width // reduction > targets[-1]:
                        targets[0] = width // reduction
                        break
                scale = targets[0] / width
                opened.draft("RGB", (max(1, int(stored_width * scale)), max(1, int(stored_height * scale))))
            current = ImageOps.exif_transpose(opened)
            made = []
            for target in targets:
                target_height = max(1, round(height * target / width))
                # Bicubic: for these small reduction steps it looks the same as Lanczos, at 4/5
                # of the cost (photos are most of a build with an empty cache).
                current = current.resize((target, target_height), Image.BICUBIC, reducing_gap=3.0)
                self._save(current, entry.parent / f"{entry.name}-{target}{extension}", FORMATS[extension])
                made.append((target, target_height))
        made.sort()
        _atomic_write(manifest, json.dumps({"width": width, "height": height, "variants": made}).encode())

    def _save(self, picture: Image.Image, target: Path, image_format: str) -> None:
        options = {}
        if image_format == "JPEG":
            picture = picture.convert("RGB") if picture.mode not in ("RGB", "L") else picture
            options = {"quality": self.quality, "progressive": True}
        elif image_format == "WEBP":
            options = {"quality": self.quality}
        elif image_format == "PNG":
            options = {"optimize": False}
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            picture.save(stream, image_format, **options)
        os.replace(temporary, target)

    def _write(self, image: ResponsiveImage, site_dir: str) -> None:
        entry = self._entries[image.path]
        extension = posixpath.splitext(image.path)[1].lower()
        for variant in image.variants:
            cached = entry.parent / f"{entry.name}-{variant.width}{extension}"
            target = Path(site_dir) / variant.path
            if self.hard_links:
                try:
                    link_or_copy(str(cached), str(target), inside=(str(self.cache_dir),))
                except RefusedSource as error:
                    raise ImageError(str(error)) from None
                continue
            if target.is_file() and target.stat().st_size == cached.stat().st_size:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target)

    # -- page text ---------------------------------------------------------------------------------

    def rewrite(self, content: str, page, site_dir: str) -> str:
        """Every `<img>` of a local raster image in a page's HTML, with its variants."""
        if "<img" not in content:
            return content
        base = _page_folder(page.file.url)

        def replace(match: re.Match) -> str:
            tag = match.group(0)
            attributes = _attributes_of(tag)
            src = attributes.get("src") or ""
            if not src or "srcset" in attributes or re.match(r"^([a-z][a-z0-9+.-]*:|//|/)", src, re.IGNORECASE):
                return tag
            image = self.image(posixpath.normpath(posixpath.join(base, src.split("?", 1)[0].split("#", 1)[0])), site_dir)
            if image is None or not image.variants:
                return _with_size(tag, attributes, image)
            folder = posixpath.dirname(src)
            relative = lambda variant: posixpath.join(folder, posixpath.basename(variant.path))  # noqa: E731
            attributes["src"] = relative(image.src)
            attributes["srcset"] = ", ".join(f"{relative(variant)} {variant.width}w" for variant in image.srcset)
            attributes["sizes"] = SIZES
            attributes["width"], attributes["height"] = str(image.src.width), str(image.src.height)
            attributes.setdefault("loading", "lazy")
            attributes.setdefault("decoding", "async")
            return _tag(attributes)

        return _IMG_TAG.sub(replace, content)


def _with_size(tag: str, attributes: dict, image: ResponsiveImage | None) -> str:
    if image is None:
        return tag
    attributes.setdefault("width", str(image.width))
    attributes.setdefault("height", str(image.height))
    attributes.setdefault("loading", "lazy")
    attributes.setdefault("decoding", "async")
    return _tag(attributes)


def _page_folder(url: str) -> str:
    return url if url == "" or url.endswith("/") else posixpath.dirname(url)


class _TagReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        self.attributes = {name: (value if value is not None else "") for name, value in attrs}

    handle_startendtag = handle_starttag


def _attributes_of(tag: str) -> dict[str, str]:
    reader = _TagReader()
    reader.feed(tag)
    reader.close()
    return reader.attributes


def _tag(attributes: dict[str, str]) -> str:
    return "<img " + " ".join(f'{name}="{html.escape(value, quote=True)}"' for name, value in attributes.items()) + ">"


def _atomic_write(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)


def responsive_image_markup(images: ImageVariants, path: str | None, site_dir: str) -> dict | None:
    """What a template needs to write the `<img>` of the image at site-relative `path`:
    `src`, `srcset` [(path, width)], `sizes`, `width`, `height` (paths site-relative, for the
    `url` filter); None when `path` is not a local raster image."""
    if not path:
        return None
    image = images.image(path, site_dir)
    if image is None:
        return None
    return {
        "src": image.src.path,
        "srcset": [(variant.path, variant.width) for variant in image.srcset],
        "sizes": SIZES,
        "width": image.src.width,
        "height": image.src.height,
    }
