"""Rows to files: one encoder for every export, import template and report in CSV, JSON or XLSX.

Rows arrive as an async iterator and leave as byte chunks, so a million-row export never holds
more than one batch in memory. XLSX is written by openpyxl's write-only workbook, which spools
rows to a temporary file; the finished file is then streamed back in chunks.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from collections.abc import AsyncIterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any

from openpyxl import Workbook


class TabularFormat(StrEnum):
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


MEDIA_TYPES: dict[TabularFormat, str] = {
    TabularFormat.csv: "text/csv; charset=utf-8",
    TabularFormat.json: "application/json",
    TabularFormat.xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

CHUNK_BYTES = 64 * 1024
# Spreadsheet apps run a cell starting with these as a formula (CSV/XLSX injection); a signed
# number such as a phone number "+447700900123" is left alone so an export re-imports cleanly.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_SIGNED_NUMBER = re.compile(r"[+-][0-9][0-9 .]*")


def _plain(value: Any) -> Any:
    """A value as JSON and spreadsheets understand it."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _cell(value: Any) -> Any:
    """A value safe to open in a spreadsheet: text that looks like a formula is quoted."""
    plain = _plain(value)
    if (
        isinstance(plain, str)
        and plain.startswith(_FORMULA_PREFIXES)
        and not _SIGNED_NUMBER.fullmatch(plain)
    ):
        return "'" + plain
    return "" if plain is None else plain


async def encode(
    columns: Sequence[str], rows: AsyncIterator[Sequence[Any]], fmt: TabularFormat
) -> AsyncIterator[bytes]:
    """`rows` (each in the order of `columns`) encoded as `fmt`, in chunks."""
    if fmt is TabularFormat.csv:
        chunks = _csv(columns, rows)
    elif fmt is TabularFormat.json:
        chunks = _json(columns, rows)
    else:
        chunks = _xlsx(columns, rows)
    async for chunk in chunks:
        yield chunk


async def _csv(columns: Sequence[str], rows: AsyncIterator[Sequence[Any]]) -> AsyncIterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    async for row in rows:
        writer.writerow([_cell(value) for value in row])
        if buffer.tell() >= CHUNK_BYTES:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


async def _json(columns: Sequence[str], rows: AsyncIterator[Sequence[Any]]) -> AsyncIterator[bytes]:
    """A JSON array of objects keyed by column, written one object at a time."""
    parts: list[str] = ["["]
    size = 1
    separator = ""
    async for row in rows:
        item = json.dumps(dict(zip(columns, map(_plain, row), strict=True)), ensure_ascii=False)
        parts.append(separator + item)
        size += len(item) + 1
        separator = ","
        if size >= CHUNK_BYTES:
            yield "".join(parts).encode()
            parts, size = [], 0
    parts.append("]")
    yield "".join(parts).encode()


async def _xlsx(columns: Sequence[str], rows: AsyncIterator[Sequence[Any]]) -> AsyncIterator[bytes]:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("export")
    sheet.append(list(columns))
    async for row in rows:
        sheet.append([_cell(value) for value in row])
    with tempfile.TemporaryFile() as spool:
        workbook.save(spool)
        spool.seek(0)
        while chunk := spool.read(CHUNK_BYTES):
            yield chunk
