"""Uploaded images are decoded and written anew before they are kept, so only their pixels survive.

- Metadata goes: EXIF (GPS position, camera, time), XMP, comments, text chunks. KYC photos and
  avatars are mostly taken on phones, which record where they were taken. The EXIF orientation
  is applied first, so a phone photo stays upright after its EXIF is gone. The ICC colour profile
  is kept, because it says how to show the colours and nothing about the person.
- Anything after the image goes too: a JPEG with a ZIP or a script appended still decodes as a
  JPEG, but what is stored is only the JPEG.
- The format stays the same: PNG stays PNG, JPEG stays JPEG (quality 90), WEBP stays WEBP
  (quality 90) and GIF stays GIF. An animated GIF or WEBP keeps only its first frame. Avatars,
  logos and scans do not need motion, and one frame limits how much work a single file can
  cause.
- An image that cannot be decoded (truncated, corrupt) is refused. So is one of more than
  MAX_PIXELS pixels, before any of it is decoded: a few kilobytes can claim 50,000 x 50,000
  pixels (a decompression bomb). Pillow has a limit of its own (it warns above about 89 million
  pixels and raises above twice that). Ours is lower, so Pillow's warning only ever comes
  before our refusal. If warnings are made errors, it is refused the same way.
- The caller can pass `max_side`, and larger images are scaled down to fit (services/files.py
  does this for avatars and logos).

Decoding is CPU work, so `reencode` does it in a worker thread, and a large upload does not
stall other requests."""

from __future__ import annotations

import asyncio
import io
import struct

from PIL import Image, ImageOps

from core.errors import ValidationFailed

MAX_PIXELS = 40_000_000
QUALITY = 90  # JPEG and lossy WEBP: no visible loss
# Decodes at once per process: one of MAX_PIXELS holds ~160 MB, so a burst of large uploads
# waits here instead of growing the process by gigabytes.
_DECODING = asyncio.Semaphore(2)

# Pillow's format names, by the sniffed content type (services/files.py).
FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP", "image/gif": "GIF"}
# What Pillow raises on a malformed file: truncated data, bad chunks, broken EXIF.
_UNREADABLE = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)


async def reencode(data: bytes, content_type: str, *, max_side: int | None = None) -> bytes:
    """The image in `data` written anew in its own format. It is refused with ValidationFailed
    when it cannot be decoded or has too many pixels."""
    async with _DECODING:
        return await asyncio.to_thread(_reencode, data, FORMATS[content_type], max_side)


def _reencode(data: bytes, format_name: str, max_side: int | None) -> bytes:
    with _decode(data, format_name) as image:
        if max_side is not None:
            image.thumbnail((max_side, max_side))
        return _encode(image, format_name)


def _decode(data: bytes, format_name: str) -> Image.Image:
    """The first frame, decoded and turned upright."""
    try:
        image = Image.open(io.BytesIO(data), formats=[format_name])
        if image.width * image.height > MAX_PIXELS:
            raise _too_many_pixels()
        ImageOps.exif_transpose(image, in_place=True)  # decodes it
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except _UNREADABLE:
        raise _refused(
            f"The file cannot be read as a {format_name} image: it is damaged or incomplete.",
            "corrupt_image",
        ) from None
    return image


def _encode(image: Image.Image, format_name: str) -> bytes:
    icc_profile = image.info.get("icc_profile")
    # Savers also read `info` (a JPEG's comment, a GIF's extensions), so keep only what draws
    # the pixels: which palette entry or colour is transparent.
    image.info = {k: v for k, v in image.info.items() if k == "transparency"}
    options: dict[str, object] = {"icc_profile": icc_profile} if icc_profile else {}
    if format_name in ("JPEG", "WEBP"):
        options["quality"] = QUALITY
    out = io.BytesIO()
    image.save(out, format_name, **options)
    return out.getvalue()


def _too_many_pixels() -> ValidationFailed:
    return _refused(
        f"The image has more than {MAX_PIXELS:,} pixels; scale it down and upload it again.",
        "image_too_large",
        max_pixels=MAX_PIXELS,
    )


def _refused(message: str, code: str, **extra: int) -> ValidationFailed:
    detail = {"field": "body.file", "message": message, "type": code, **extra}
    return ValidationFailed(message, code=code, details=[detail])
