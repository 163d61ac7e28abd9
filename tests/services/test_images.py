"""Re-encoding uploaded images (services/images.py): what each format keeps, and what is
refused, read back from the bytes it writes."""

import io

import pytest
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

from core.errors import ValidationFailed
from services.images import FORMATS, MAX_PIXELS, reencode
from tests.api.test_files import noise, picture, png_header

TOO_MANY_PIXELS = "The image has more than 40,000,000 pixels; scale it down and upload it again."


def _opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


async def _refusal(data: bytes, content_type: str) -> tuple[str, str]:
    with pytest.raises(ValidationFailed) as refused:
        await reencode(data, content_type)
    return refused.value.code, refused.value.message


async def test_each_format_stays_itself_and_only_large_images_shrink() -> None:
    for content_type, name in FORMATS.items():
        for size, max_side, kept_size in [
            ((30, 20), None, (30, 20)),
            ((30, 20), 1024, (30, 20)),
            ((3000, 1000), 1024, (1024, 341)),
        ]:
            kept = _opened(await reencode(picture(name, size), content_type, max_side=max_side))
            assert (kept.format, kept.size) == (name, kept_size), (name, size, max_side)


async def test_metadata_goes_but_the_colour_profile_and_transparency_stay() -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Kari Nordmann")
    for data, content_type in [
        (picture("PNG", pnginfo=text, exif=exif, icc_profile=srgb), "image/png"),
        (picture("WEBP", exif=exif, xmp=b"<x>Kari Nordmann</x>", icc_profile=srgb), "image/webp"),
        (picture("JPEG", exif=exif, comment=b"Kari Nordmann", icc_profile=srgb), "image/jpeg"),
    ]:
        assert (b"PhoneMaker" in data, b"Kari Nordmann" in data) == (True, True)
        kept = await reencode(data, content_type)
        assert (b"PhoneMaker" in kept, b"Kari Nordmann" in kept) == (False, False), content_type
        assert _opened(kept).info.get("icc_profile") == srgb, content_type
    palette = Image.new("P", (4, 4), 1)
    palette.putpixel((0, 0), 0)
    for name, content_type in [("PNG", "image/png"), ("GIF", "image/gif")]:
        data = picture(name, image=palette, transparency=0)
        shown = _opened(await reencode(data, content_type)).convert("RGBA")
        assert (shown.getpixel((0, 0)), shown.getpixel((1, 1))) == ((0, 0, 0, 0), (0, 0, 0, 255))


async def test_an_animation_keeps_its_first_frame() -> None:
    frames = [Image.new("RGB", (8, 8), colour) for colour in ("red", "lime", "blue")]
    for name, content_type in [("GIF", "image/gif"), ("WEBP", "image/webp")]:
        data = picture(name, image=frames[0], save_all=True, append_images=frames[1:], loop=0)
        assert getattr(_opened(data), "n_frames", 1) == 3
        kept = _opened(await reencode(data, content_type))
        red, green, blue = kept.convert("RGB").getpixel((4, 4))  # type: ignore[misc]
        assert (kept.format, getattr(kept, "n_frames", 1)) == (name, 1)
        assert red > 200 > 50 > max(green, blue), (name, red, green, blue)


async def test_damaged_images_are_refused() -> None:
    for content_type, name in FORMATS.items():
        whole = noise(name)
        message = f"The file cannot be read as a {name} image: it is damaged or incomplete."
        for damaged in (whole[: len(whole) // 2], whole[:40], whole[:12] + b"\x00" * 200):
            assert await _refusal(damaged, content_type) == ("corrupt_image", message)
    # What sniffing called a PNG is only decoded as one: a JPEG behind a PNG signature is refused.
    jpeg = picture("JPEG")
    assert (await _refusal(b"\x89PNG\r\n\x1a\n" + jpeg, "image/png"))[0] == "corrupt_image"


async def test_too_many_pixels_are_refused_before_decoding() -> None:
    assert MAX_PIXELS == 8000 * 5000
    # At the limit the image is decoded, and this one is found to have no pixel data.
    assert (await _refusal(png_header(8000, 5000), "image/png"))[0] == "corrupt_image"
    assert await _refusal(png_header(8000, 5001), "image/png") == (
        "image_too_large",
        TOO_MANY_PIXELS,
    )
    # Above Pillow's own limit it warns, and above twice that it raises: refused alike.
    with pytest.warns(Image.DecompressionBombWarning):
        refusal = await _refusal(png_header(10_000, 10_000), "image/png")
    assert refusal == ("image_too_large", TOO_MANY_PIXELS)
    assert await _refusal(png_header(50_000, 50_000), "image/png") == (
        "image_too_large",
        TOO_MANY_PIXELS,
    )


@pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")
async def test_pillows_warning_made_an_error_is_still_a_refusal() -> None:
    assert await _refusal(png_header(10_000, 10_000), "image/png") == (
        "image_too_large",
        TOO_MANY_PIXELS,
    )
