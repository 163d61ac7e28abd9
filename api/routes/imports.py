"""/api/import/{resource}/: resellers, clients, users and plans from a CSV, JSON or XLSX file,
validated by each resource's own create schema and created by its own service
(services/importers.py). A large file runs as a bulk job (/api/jobs/)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Request, Response, UploadFile
from fastapi.responses import JSONResponse, StreamingResponse

from api.deps import ResourcesDep, SessionDep, SettingsDep, StorageDep
from api.listing import only_params
from api.routes.files import read_upload
from api.routes.jobs import ACCEPTED, accepted
from api.schemas.imports import ImportReport
from api.security import require
from core.crypto import FieldCipher
from core.errors import FileTooLarge, ValidationFailed
from services import audit, imports, tabular
from services.auth.principal import Principal
from services.bulk_jobs import jobs, kinds
from services.importers import Context, ImportResource, importer_for

router = APIRouter(prefix="/api/import", tags=["import-export"])
XLSX = tabular.TabularFormat.xlsx


@router.post(
    "/{resource}/",
    response_model=ImportReport,
    dependencies=[only_params("dry_run", "background")],
    responses={201: {"model": ImportReport, "description": "Every row created"}, **ACCEPTED},
)
async def import_rows(
    resource: ImportResource,
    file: UploadFile,
    principal: Annotated[Principal, require("data:import")],
    db: SessionDep,
    settings: SettingsDep,
    storage: StorageDep,
    resources: ResourcesDep,
    request: Request,
    response: Response,
    dry_run: bool = False,
    background: bool = False,
) -> ImportReport | JSONResponse:
    """Upload a file (multipart field `file`; CSV in UTF-8, JSON array of objects, or XLSX) with
    the columns of `GET /api/import/{resource}/template/`. `dry_run=true` checks every row and
    writes nothing (200). A real run writes every row (201) or, if any row is bad, none (422,
    the same report in the error's `details`). Clients name their `reseller_id`. Also needs the
    resource's own create permission.

    A file of more than 2,000 rows, or any file with `background=true`, runs as a bulk job
    instead (202 with the job; follow it at `/api/jobs/{id}/`): each row is created or refused
    on its own, and the job's result file lists every row's outcome. An unreadable file or a
    wrong header is refused (400) before any job starts."""
    importer = importer_for(principal, resource)
    data = await read_upload(file, settings)
    if len(data) > settings.max_upload_bytes:
        raise FileTooLarge(f"An import file may be at most {settings.max_upload_bytes:,} bytes.")
    records = imports.read(data, importer.columns)
    if background or len(records) > jobs.INLINE_ROWS:
        upload = (file.filename or f"{resource.value}-import", data)
        job = await kinds.request_import(
            db, storage, principal, resource, upload, len(records), dry_run=dry_run
        )
        return await accepted(db, resources, job)
    actor = principal.actor(request.client.host if request.client else None)
    context = Context(db, principal, actor, FieldCipher(settings))

    async def create(row: Any) -> object:
        return await importer.create(context, row)

    outcome = await imports.run(
        db, records, importer.model, create, importer.unique, dry_run=dry_run
    )
    report = ImportReport.model_validate(
        {**outcome.__dict__, "resource": resource.value, "dry_run": dry_run}
    )
    if outcome.error_count and not dry_run:
        raise ValidationFailed(
            f"{outcome.error_count} error(s) in the file; nothing was imported.",
            code="import_rejected",
            details=report.model_dump(mode="json"),
        )
    if not dry_run:
        await audit.record(
            db, actor, "import.completed", "import", resource.value,
            after={"rows": outcome.rows, "created": outcome.created}, reason=file.filename or "",
        )  # fmt: skip
        response.status_code = 201
    return report


async def _no_rows() -> AsyncIterator[list[Any]]:
    return
    yield


@router.get(
    "/{resource}/template/",
    dependencies=[only_params("format")],
    response_class=StreamingResponse,
    responses={
        200: {"content": {"text/csv": {}, tabular.MEDIA_TYPES[tabular.TabularFormat.xlsx]: {}}}
    },
)
async def import_template(
    resource: ImportResource,
    principal: Annotated[Principal, require("data:import")],
    format: Literal["csv", "xlsx"] = "csv",
) -> StreamingResponse:
    """An empty file with the import's header: required columns first, then optional ones."""
    columns = importer_for(principal, resource).columns.all
    fmt = tabular.TabularFormat(format)
    return StreamingResponse(
        tabular.encode(columns, _no_rows(), fmt),
        media_type=tabular.MEDIA_TYPES[fmt],
        headers={
            "Content-Disposition": f'attachment; filename="{resource.value}-import.{fmt.value}"'
        },
    )
