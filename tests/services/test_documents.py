"""The shared PDF toolkit (services/documents/pdf.py), read back from the bytes it writes."""

from __future__ import annotations

import re
import zlib

from services.documents.pdf import BrandedDocument, Branding

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_SHOWN = re.compile(rb"\(((?:[^()\\]|\\.)*)\)\s*Tj", re.S)
_ESCAPE = re.compile(rb"\\(.)", re.S)


def pdf_text(data: bytes) -> str:
    """Every string the PDF's pages draw, in drawing order, separated by single spaces."""
    shown: list[str] = []
    for stream in _STREAM.finditer(data):
        try:
            body = zlib.decompress(stream.group(1))
        except zlib.error:
            continue
        for text in _SHOWN.findall(body):
            shown.append(_ESCAPE.sub(rb"\1", text).decode("latin-1"))
    return " ".join(shown)


def page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", data))


def test_a_branded_table_repeats_its_heading_on_every_page() -> None:
    document = BrandedDocument(Branding("Nordsee Mobil", "help@example.com"), "Sales (April)")
    document.heading("Sales (April)")
    document.key_values([("Period", "2026-04-01 to 2026-04-30")])
    document.data_table(
        ["Order", "Total"],
        [[f"ORD-{n:03d}", f"{n}.00"] for n in range(150)],
        numeric=[False, True],
    )
    document.totals([("Rows", "150"), ("Total", "11,175.00")], emphasise_last=True)
    data = document.finish()

    assert data.startswith(b"%PDF-")
    pages = page_count(data)
    assert pages == 4
    words = pdf_text(data)
    assert words.count("Nordsee Mobil") == pages
    assert words.count("Order Total") == pages  # the heading row, on each page
    assert "ORD-000" in words and "ORD-149" in words
    assert "Sales (April)" in words and "2026-04-01 to 2026-04-30" in words
    stamp = f"{document.generated_at:%Y-%m-%d %H:%M} UTC"
    # The page total is filled in at the end, as a string of its own.
    assert words.endswith(
        f"Rows 150 Total 11,175.00 help@example.com - generated {stamp} Page {pages}/ {pages}"
    )


def test_text_beyond_latin1_is_replaced_not_fatal() -> None:
    document = BrandedDocument(Branding("Ålesund 📶 Ltd", "help@example.com"), "Rapport")
    document.key_values([("Client", "Zoë — 東京")])
    words = pdf_text(document.finish())
    assert "Ålesund ? Ltd" in words
    assert "Zoë ? ??" in words
