from __future__ import annotations

from pydantic import Field

from api.schemas import ReadModel


class ImportRowError(ReadModel):
    row: int = Field(description="1 is the first record after the header")
    field: str | None = Field(description="The column, or null for the row as a whole")
    message: str
    type: str


class ImportReport(ReadModel):
    resource: str
    dry_run: bool
    rows: int = Field(description="Records in the file")
    passed: int = Field(description="Records that passed every check")
    created: int = Field(description="Records written: 0 for a dry run")
    error_count: int = Field(description="Every error found, of which `errors` lists the first")
    errors: list[ImportRowError]
