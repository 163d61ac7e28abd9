"""Imports: the rows of a CSV, JSON or XLSX file created through the same schema and service as
the resource's create endpoint, so an import obeys exactly the rules a form does.

Every row is checked — schema first, then duplicates within the file, then the service itself
(uniqueness against the database, unknown plans…) — inside one savepoint. A dry run, or a run
with any bad row, rolls the savepoint back: nothing is half-written. Errors name their row
(1 = the first record after the header) and field; only the first `MAX_ERRORS` are listed, with
the total beside them, so a file of 10,000 bad rows gets a short answer.

A large file runs as a bulk job instead (services/bulk_jobs): the same checks and services, but
each row kept or refused on its own.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import AppError, FileTooLarge

MAX_ROWS = 10_000
MAX_ERRORS = 100
_BOM = b"\xef\xbb\xbf"


class BadFile(AppError):
    """The file as a whole cannot be read as rows of this resource."""

    status_code = 400
    code = "bad_file"


@dataclass(frozen=True)
class Columns:
    required: tuple[str, ...]
    optional: tuple[str, ...]

    @property
    def all(self) -> tuple[str, ...]:
        return self.required + self.optional


def columns_of(model: type[BaseModel]) -> Columns:
    """A row schema's columns, in the schema's order: the required ones first."""
    fields = model.model_fields
    return Columns(
        required=tuple(name for name, info in fields.items() if info.is_required()),
        optional=tuple(name for name, info in fields.items() if not info.is_required()),
    )


@dataclass(frozen=True)
class RowError:
    row: int
    field: str | None
    message: str
    type: str


@dataclass
class Report:
    rows: int = 0
    passed: int = 0  # rows that passed every check
    created: int = 0  # rows written: 0 for a dry run or a refused import
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)

    def add(self, row: int, field: str | None, message: str, kind: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(row, field, message, kind))

    def extend(self, errors: Iterable[RowError]) -> None:
        for error in errors:
            self.add(error.row, error.field, error.message, error.type)


@dataclass(frozen=True)
class CheckedRow:
    number: int
    item: BaseModel | None  # None when the row failed a check
    errors: tuple[RowError, ...] = ()


# --- reading -------------------------------------------------------------------------------


def read(data: bytes, columns: Columns) -> list[dict[str, Any]]:
    """The records of a file, each a dict of its non-empty cells. The format is recognised from
    the content (XLSX is a zip, JSON an array), never from the name the client gave it."""
    if not data.strip():
        raise BadFile("The file is empty.", code="empty_file")
    if data.startswith(b"PK\x03\x04"):
        header, cells = _xlsx(data)
        return _records(header, cells, columns)
    text = _text(data)
    if text.lstrip().startswith(("[", "{")):
        return _json(text, columns)
    try:
        rows = csv.reader(io.StringIO(text, newline=""))
        header = next(rows, [])
        return _records(header, rows, columns)
    except csv.Error as error:
        raise BadFile(f"The CSV cannot be read: {error}.", code="bad_csv") from None


def _text(data: bytes) -> str:
    try:
        return data.removeprefix(_BOM).decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadFile(
            f"The file is not UTF-8 text (byte 0x{data[error.start]:02X} at offset {error.start})."
            " Save it as CSV UTF-8, JSON or XLSX.",
            code="bad_encoding",
        ) from None


def _check_header(header: Sequence[str], columns: Columns) -> None:
    unknown = sorted(set(header) - set(columns.all))
    missing = [name for name in columns.required if name not in header]
    repeated = sorted({name for name in header if header.count(name) > 1})
    if unknown or missing or repeated:
        raise BadFile(
            "The header does not match: expected the columns "
            f"{', '.join(columns.all)} (required: {', '.join(columns.required)}).",
            code="bad_header",
            details={
                "expected": list(columns.all),
                "required": list(columns.required),
                "unknown": unknown,
                "missing": missing,
                "repeated": repeated,
            },
        )


def _records(
    header: Sequence[str], rows: Iterable[Sequence[Any]], columns: Columns
) -> list[dict[str, Any]]:
    header = [str(name or "").strip() for name in header]
    _check_header(header, columns)
    records: list[dict[str, Any]] = []
    for row in rows:
        if len(records) == MAX_ROWS:
            raise _too_many()
        record: dict[str, Any] = {}
        for position, value in enumerate(row):
            if value is None or value == "":
                continue  # an empty cell is a missing value: the schema's default applies
            name = header[position] if position < len(header) else f"column {position + 1}"
            record[name] = value
        records.append(record)
    # Trailing empty lines are not records; empty lines in between keep their row numbers.
    while records and not records[-1]:
        records.pop()
    return records


def _too_many() -> FileTooLarge:
    return FileTooLarge(
        f"An import takes at most {MAX_ROWS:,} rows; split the file.", code="too_many_rows"
    )


def _json(text: str, columns: Columns) -> list[dict[str, Any]]:
    try:
        records = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadFile(f"The JSON is not valid: {error}.", code="invalid_json") from None
    if not isinstance(records, list):
        raise BadFile("The JSON must be an array of objects, one per row.", code="bad_json")
    if len(records) > MAX_ROWS:
        raise _too_many()
    keys = {key for record in records if isinstance(record, dict) for key in record}
    _check_header(sorted(keys) + [c for c in columns.required if c not in keys], columns)
    # A non-object row is kept as is: the schema reports it against its row number.
    return [
        {k: v for k, v in r.items() if v is not None} if isinstance(r, dict) else r for r in records
    ]


def _xlsx(data: bytes) -> tuple[list[str], Iterator[list[str | None]]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = [str(v or "") for v in next(rows, ())]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError):
        raise BadFile("The file is not a readable XLSX workbook.", code="bad_xlsx") from None
    return header, ([_xlsx_cell(v) for v in row] for row in rows)


def _xlsx_cell(value: Any) -> str | None:
    """Cells as text, as a CSV would have them: 12.0 is "12", a date its ISO form."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


# --- running -------------------------------------------------------------------------------

Create = Callable[[Any], Awaitable[object]]


def _field(location: Sequence[Any]) -> str | None:
    path = [str(part) for part in location]
    if path and path[0] == "body":
        path = path[1:]  # a service names request fields `body.x`; in a file it is column x
    return ".".join(path) or None


def service_errors(row: int, error: AppError) -> list[RowError]:
    """A service's refusal of a row, one error per field it names."""
    fields = (
        [d for d in error.details if isinstance(d, dict)] if isinstance(error.details, list) else []
    )
    if not fields:
        return [RowError(row, None, error.message, error.code)]
    return [
        RowError(row, _field(str(d.get("field", "")).split(".")), error.message, error.code)
        for d in fields
    ]


def _normalised(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def check(
    records: list[dict[str, Any]], model: type[BaseModel], unique: Sequence[tuple[str, ...]]
) -> list[CheckedRow]:
    """The checks that need no database: every record validated with `model`, and refused
    when it repeats one of the `unique` keys of an earlier record of the file."""
    checked: list[CheckedRow] = []
    first_seen: dict[tuple[str, ...], dict[tuple[Any, ...], int]] = {key: {} for key in unique}
    for number, record in enumerate(records, start=1):
        try:
            item = model.model_validate(record)
        except ValidationError as invalid:
            errors = [
                RowError(number, _field(p["loc"]), p["msg"], p["type"]) for p in invalid.errors()
            ]
            checked.append(CheckedRow(number, None, tuple(errors)))
            continue
        errors = []
        for key, seen in first_seen.items():
            value = tuple(_normalised(getattr(item, name)) for name in key)
            if value in seen:
                errors.append(
                    RowError(
                        number, key[-1], f"Same {' and '.join(key)} as row {seen[value]}.",
                        "duplicate_in_file",
                    )
                )  # fmt: skip
            else:
                seen[value] = number
        checked.append(CheckedRow(number, None if errors else item, tuple(errors)))
    return checked


async def run(
    db: AsyncSession,
    records: list[dict[str, Any]],
    model: type[BaseModel],
    create: Create,
    unique: Sequence[tuple[str, ...]],
    *,
    dry_run: bool,
) -> Report:
    """Check every record, then `create` each valid one. Kept only when not a dry run and
    every row passed."""
    report = Report(rows=len(records))
    checked = check(records, model, unique)
    for row in checked:
        report.extend(row.errors)

    savepoint = await db.begin_nested()
    number = 0
    try:
        for row in checked:
            if row.item is None:
                continue
            number = row.number
            try:
                await create(row.item)
            except AppError as refused:
                report.extend(service_errors(number, refused))
            else:
                report.passed += 1
    except DBAPIError as error:
        # A write the services' checks did not foresee (a concurrent insert): the savepoint is
        # unusable, so stop here; the report says where.
        report.add(number, None, f"The database refused the row: {error.orig}", "database_error")
    if dry_run or report.error_count:
        await savepoint.rollback()
    else:
        await savepoint.commit()
        report.created = report.passed
    return report
