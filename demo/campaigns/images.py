"""Placeholder photos for the demo, drawn by the loader (no downloads): a
stage with a banner and an audience for ceremony photos, a head-and-shoulders
silhouette for portraits. Every picture says it is a placeholder, and the
same title always gives the same picture, so a second run changes nothing."""

from __future__ import annotations

import colorsys
import hashlib
import io
import random

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.models import Collection

from lifelong_site.models import SiteImage

PHOTO_SIZE = (1200, 800)
PORTRAIT_SIZE = (600, 600)
DEMO_COLLECTION = "演示图片 Demo images"


def demo_collection(name: str = DEMO_COLLECTION) -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def _rng(key: str) -> random.Random:
    return random.Random(int(hashlib.sha256(key.encode()).hexdigest()[:16], 16))


def _colour(rng: random.Random, lightness: float, saturation: float = 0.45) -> tuple[int, int, int]:
    red, green, blue = colorsys.hls_to_rgb(rng.random(), lightness, saturation)
    return int(red * 255), int(green * 255), int(blue * 255)


def _vertical_gradient(
    size: tuple[int, int], top: tuple[int, int, int], bottom: tuple[int, int, int]
) -> Image.Image:
    # A 1-pixel-wide gradient scaled up: fast, and no per-pixel Python loop.
    strip = Image.new("RGB", (1, 256))
    for y in range(256):
        mix = y / 255
        strip.putpixel(
            (0, y), tuple(int(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
        )
    return strip.resize(size)


def _label(draw: ImageDraw.ImageDraw, size: tuple[int, int], text: str) -> None:
    font = ImageFont.load_default(size=max(18, size[0] // 40))
    draw.rectangle((0, size[1] - size[1] // 12, size[0], size[1]), fill=(0, 0, 0))
    draw.text(
        (size[0] // 60, size[1] - size[1] // 12 + size[1] // 48),
        text,
        fill=(255, 255, 255),
        font=font,
    )


def ceremony_picture(key: str, caption: str) -> bytes:
    rng = _rng(key)
    width, height = PHOTO_SIZE
    image = _vertical_gradient(PHOTO_SIZE, _colour(rng, 0.25), _colour(rng, 0.6))
    draw = ImageDraw.Draw(image)
    # The stage, its red banner and a row of speakers.
    draw.rectangle((width * 0.1, height * 0.18, width * 0.9, height * 0.3), fill=(163, 20, 26))
    draw.text(
        (width * 0.13, height * 0.2),
        caption,
        fill=(255, 230, 160),
        font=ImageFont.load_default(size=height // 16),
    )
    draw.rectangle(
        (width * 0.08, height * 0.45, width * 0.92, height * 0.52), fill=_colour(rng, 0.35, 0.2)
    )
    for position in range(rng.randint(3, 7)):
        x = width * (0.2 + 0.1 * position)
        draw.ellipse((x - 18, height * 0.36, x + 18, height * 0.36 + 36), fill=(40, 30, 30))
        draw.rectangle((x - 26, height * 0.36 + 36, x + 26, height * 0.45), fill=_colour(rng, 0.3))
    # The audience: rows of heads, nearer rows larger.
    for row in range(5):
        radius = 14 + row * 5
        y = height * (0.58 + row * 0.065)
        for column in range(int(width / (radius * 3))):
            x = column * radius * 3 + rng.randint(0, radius) + radius
            draw.ellipse(
                (x - radius, y - radius, x + radius, y + radius),
                fill=_colour(rng, 0.15 + row * 0.03, 0.15),
            )
    _label(draw, PHOTO_SIZE, "PLACEHOLDER / DEMO IMAGE")
    return _encode(image)


def portrait_picture(key: str) -> bytes:
    rng = _rng(key)
    width, height = PORTRAIT_SIZE
    image = _vertical_gradient(PORTRAIT_SIZE, _colour(rng, 0.8, 0.3), _colour(rng, 0.55, 0.35))
    draw = ImageDraw.Draw(image)
    skin = _colour(rng, 0.7, 0.25)
    draw.ellipse((width * 0.33, height * 0.16, width * 0.67, height * 0.54), fill=skin)
    draw.ellipse((width * 0.14, height * 0.58, width * 0.86, height * 1.3), fill=_colour(rng, 0.3))
    _label(draw, PORTRAIT_SIZE, "PLACEHOLDER")
    return _encode(image)


def _encode(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def ensure_image(
    title: str, content: bytes, collection: Collection, credit: str = ""
) -> tuple[SiteImage, bool]:
    """The demo image with this title, created (with its file) if missing."""
    image = SiteImage.objects.filter(title=title, collection=collection).first()
    if image is not None:
        return image, False
    slug = hashlib.sha1(title.encode()).hexdigest()[:12]
    image = SiteImage(title=title, collection=collection, credit=credit)
    image.file = ImageFile(io.BytesIO(content), name=f"demo-{slug}.jpg")
    image.save()
    return image, True
