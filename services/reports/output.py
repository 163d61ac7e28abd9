"""A report's rows become its file in two steps. While the query is read chunk by chunk, each
chunk is kept in storage as a *part* (JSON lines), so a retried generation keeps the chunks it
already has. At the end the parts are read back in order and encoded once: CSV and XLSX through
services/tabular.py, PDF as a branded table with the request's parameters and totals."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from decimal import Decimal
from typing import Any

from integrations.storage import Storage
from models import ReportFormat
from services import tabular
from services.documents.pdf import BrandedDocument, Branding
from services.reports.catalogue import FILTERS, KINDS, FieldType, ReportSpec
from services.reports.queries import Column

# A PDF is for reading: beyond this, CSV or XLSX is the right format.
PDF_MAX_ROWS = 5_000
CONTENT_TYPES = {
    ReportFormat.csv: tabular.MEDIA_TYPES[tabular.TabularFormat.csv],
    ReportFormat.xlsx: tabular.MEDIA_TYPES[tabular.TabularFormat.xlsx],
    ReportFormat.pdf: "application/pdf",
}


async def write_part(storage: Storage, rows: Sequence[Sequence[Any]]) -> str:
    # default=str: amounts keep their exact digits, dates their ISO form.
    lines = (json.dumps(list(row), default=str, ensure_ascii=False) for row in rows)
    return await storage.put(("\n".join(lines) + "\n").encode())


async def read_parts(
    storage: Storage, keys: Sequence[str], columns: Sequence[Column]
) -> AsyncIterator[list[Any]]:
    """The rows of every part, in order, numbers back as numbers."""
    for key in keys:
        data = b"".join([chunk async for chunk in await storage.open(key)])
        for line in data.decode().splitlines():
            yield [_typed(v, c) for v, c in zip(json.loads(line), columns, strict=True)]


async def discard_parts(storage: Storage, keys: Sequence[str]) -> None:
    for key in keys:
        await storage.delete(key)


def _typed(value: Any, column: Column) -> Any:
    if value is None:
        return None
    if column.type is FieldType.money:
        return Decimal(value)
    return value


def file_name(job_id: int, spec: ReportSpec, fmt: ReportFormat) -> str:
    return f"report-{job_id}-{spec.kind.value}-{spec.date_from}-{spec.date_to}.{fmt.value}"


async def render(
    fmt: ReportFormat,
    spec: ReportSpec,
    columns: Sequence[Column],
    rows: AsyncIterator[list[Any]],
    *,
    title: str,
    branding: Branding,
) -> bytes:
    if fmt is ReportFormat.pdf:
        return await _pdf(spec, columns, rows, title=title, branding=branding)
    encoded = tabular.encode([c.name for c in columns], rows, tabular.TabularFormat(fmt.value))
    return b"".join([chunk async for chunk in encoded])


def describe(spec: ReportSpec) -> list[tuple[str, str]]:
    """The request in words, for the PDF's header block and emails."""
    lines = [
        ("Report", KINDS[spec.kind].label),
        ("Period", f"{spec.date_from} to {spec.date_to} ({spec.timezone})"),
    ]
    if spec.dimensions:
        lines.append(("Grouped by", ", ".join(spec.dimensions)))
    if spec.metrics:
        lines.append(("Metrics", ", ".join(spec.metrics)))
    filters = [f"{FILTERS[k].label}: {v}" for k, v in spec.filters.items()]
    lines.append(("Filters", "; ".join(filters) or "none"))
    if spec.reseller_scope is not None:
        lines.append(("Reseller", f"#{spec.reseller_scope} only"))
    return lines


# Relative column widths: text needs more room than figures.
_WIDTHS = {FieldType.string: 2.0, FieldType.datetime: 1.5, FieldType.enum: 1.4}


def _total_label(column: Column) -> str:
    label = column.label
    return label if label.lower().startswith("total") else f"Total {label.lower()}"


def _shown(value: Any, column: Column) -> str:
    if value is None:
        return ""
    if column.type is FieldType.money:
        return f"{Decimal(value):,.2f}"
    if column.type is FieldType.integer and column.summable:
        return f"{int(value):,}"
    if column.type is FieldType.datetime:
        return str(value).replace("T", " ")[:16]
    return str(value)


async def _pdf(
    spec: ReportSpec,
    columns: Sequence[Column],
    rows: AsyncIterator[list[Any]],
    *,
    title: str,
    branding: Branding,
) -> bytes:
    document = BrandedDocument(branding, title, landscape=len(columns) > 6)
    document.heading(title)
    document.key_values(describe(spec))
    sums: dict[str, Decimal] = {c.name: Decimal(0) for c in columns if c.summable}
    shown: list[list[str]] = []
    async for row in rows:
        for value, column in zip(row, columns, strict=True):
            if column.summable and value is not None:
                sums[column.name] += Decimal(value)
        shown.append([_shown(v, c) for v, c in zip(row, columns, strict=True)])
    if shown:
        document.data_table(
            [c.label for c in columns],
            shown,
            numeric=[c.numeric for c in columns],
            widths=[_WIDTHS.get(c.type, 1.0) for c in columns],
        )
    else:
        document.note("No rows match this report's period and filters.")
    totals = [("Rows", f"{len(shown):,}")]
    totals += [(_total_label(c), _shown(sums[c.name], c)) for c in columns if c.summable]
    document.totals(totals)
    return document.finish()
