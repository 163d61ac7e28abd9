"""The export encoder: every format round-trips, and spreadsheet formulas are defused."""

import csv
import io
import json
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook

from models.orders import OrderStatus
from services.tabular import CHUNK_BYTES, TabularFormat, encode

COLUMNS = ("number", "status", "amount", "placed_at", "note")
ROWS: list[tuple[Any, ...]] = [
    ("ORD-1", OrderStatus.pending, Decimal("12.50"), datetime(2026, 1, 2, 3, 4, tzinfo=UTC), None),
    (
        "ORD-2",
        OrderStatus.cancelled,
        Decimal("0"),
        datetime(2026, 1, 3, tzinfo=UTC),
        "=HYPERLINK(1)",
    ),
    (
        "ORD-3",
        OrderStatus.activated,
        Decimal("7"),
        datetime(2026, 1, 4, tzinfo=UTC),
        "+447700900123",
    ),
]


async def _rows(rows: Sequence[Sequence[Any]]) -> AsyncIterator[Sequence[Any]]:
    for row in rows:
        yield row


async def _encoded(fmt: TabularFormat, rows: Sequence[Sequence[Any]] = ROWS) -> bytes:
    return b"".join([chunk async for chunk in encode(COLUMNS, _rows(rows), fmt)])


async def test_csv_has_the_header_then_one_line_per_row_with_formulas_defused() -> None:
    lines = list(csv.reader(io.StringIO((await _encoded(TabularFormat.csv)).decode())))
    assert lines == [
        list(COLUMNS),
        ["ORD-1", "pending", "12.50", "2026-01-02T03:04:00+00:00", ""],
        ["ORD-2", "cancelled", "0", "2026-01-03T00:00:00+00:00", "'=HYPERLINK(1)"],
        ["ORD-3", "activated", "7", "2026-01-04T00:00:00+00:00", "+447700900123"],
    ]


async def test_json_is_an_array_of_objects_keeping_values_as_they_are() -> None:
    items = json.loads(await _encoded(TabularFormat.json))
    assert items[0] == {
        "number": "ORD-1",
        "status": "pending",
        "amount": "12.50",
        "placed_at": "2026-01-02T03:04:00+00:00",
        "note": None,
    }
    assert [item["note"] for item in items] == [None, "=HYPERLINK(1)", "+447700900123"]


async def test_an_empty_export_is_still_a_valid_file() -> None:
    assert json.loads(await _encoded(TabularFormat.json, [])) == []
    assert (await _encoded(TabularFormat.csv, [])).decode().splitlines() == [",".join(COLUMNS)]


async def test_xlsx_opens_as_a_workbook_with_the_same_cells() -> None:
    sheet = load_workbook(io.BytesIO(await _encoded(TabularFormat.xlsx))).active
    assert sheet is not None
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == list(COLUMNS)
    assert values[2] == ["ORD-2", "cancelled", "0", "2026-01-03T00:00:00+00:00", "'=HYPERLINK(1)"]
    assert len(values) == 4


async def test_large_exports_arrive_in_several_chunks() -> None:
    rows = [(f"ORD-{i}", OrderStatus.pending, Decimal(i), None, "x" * 100) for i in range(2_000)]
    chunks = [chunk async for chunk in encode(COLUMNS, _rows(rows), TabularFormat.csv)]
    assert len(chunks) > 1
    assert max(len(chunk) for chunk in chunks) < CHUNK_BYTES + 200
