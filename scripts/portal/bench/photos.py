"""Stand-ins for editors' photos: JPEGs at the sizes cameras and phones produce, several MB
each, so that benchmarks pay the real cost of decoding, resizing and copying them.

Making a 12-megapixel picture takes about a second, so a benchmark corpus draws from a small
pool of base pictures (kept between runs) and gives every article its own file by writing the
picture's capture details into a JPEG comment segment: the bytes, and so every cache key, differ
per article while the pixels a build must decode stay as large as a camera's."""

from __future__ import annotations

import io
import random
import struct
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

CAMERA_SIZES = (
    # (width, height, share): a phone, a phone held upright, a DSLR, and a picture someone
    # already resized for the web.
    (4032, 3024, 0.45),
    (3024, 4032, 0.10),
    (6000, 4000, 0.15),
    (1600, 900, 0.30),
)
POOL_SIZE = 8
JPEG_QUALITY = 92


@dataclass(frozen=True)
class Photo:
    width: int
    height: int
    data: bytes


def _base_picture(rng: random.Random, width: int, height: int) -> Image.Image:
    # Smooth colour fields (sky, water, buildings) under sensor-like noise: the noise is what
    # makes a camera JPEG weigh megabytes, and it compresses like a real photo's detail.
    cells = Image.new("RGB", (8, 6))
    cells.putdata([tuple(rng.randrange(40, 230) for _ in range(3)) for _ in range(8 * 6)])
    fields = cells.resize((width, height), Image.BICUBIC)
    noise = Image.effect_noise((width, height), rng.uniform(30, 50)).convert("RGB")
    return Image.blend(fields, noise, rng.uniform(0.08, 0.16))


def _encode(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


def photo_pool(cache_dir: Path, seed: int, sizes=CAMERA_SIZES, count: int = POOL_SIZE) -> list[Photo]:
    """`count` base pictures of the sizes given as (width, height, share), made once per seed
    and size and kept in `cache_dir`."""
    rng = random.Random(seed)
    pool = []
    for index in range(count):
        width, height = _pick_size(rng, sizes)
        path = cache_dir / f"base-{seed}-{index}-{width}x{height}.jpg"
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".tmp")
            temporary.write_bytes(_encode(_base_picture(rng, width, height)))
            temporary.replace(path)
        pool.append(Photo(width, height, path.read_bytes()))
    return pool


def _pick_size(rng: random.Random, sizes) -> tuple[int, int]:
    roll, total = rng.random(), 0.0
    for width, height, share in sizes:
        total += share
        if roll < total:
            return width, height
    return sizes[0][:2]


def with_capture_note(photo: Photo, note: str) -> bytes:
    """The photo's JPEG with a comment segment (COM, 0xFFFE) right after the start-of-image
    marker: a valid JPEG whose bytes are unique to `note`."""
    payload = note.encode("utf-8")[:60000]
    segment = b"\xff\xfe" + struct.pack(">H", len(payload) + 2) + payload
    return photo.data[:2] + segment + photo.data[2:]
