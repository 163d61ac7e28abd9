"""/api/export/{resource}/: what a list shows — its own filters, parsed by its own route's
filter dependency, and its tenancy — as CSV, JSON or XLSX, streamed in id order."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession

from api.deps import StreamingSessionDep
from api.listing import only_params
from api.routes.catalog import plan_filter
from api.routes.clients import client_filter
from api.routes.orders import order_filter
from api.routes.resellers import reseller_filter
from api.routes.users import user_filter
from api.security import require
from core.errors import PermissionDenied
from models import PublicUser, Reseller, ResellerClient, SimOrder, SimPlan
from services import catalog, clients, exports, resellers, users
from services.auth.principal import Principal
from services.orders import queries as order_queries
from services.tabular import MEDIA_TYPES, TabularFormat, encode

router = APIRouter(prefix="/api/export", tags=["import-export"])
Exporters = Annotated[Principal, require("data:export")]
FILE: dict[str, Any] = {
    "response_class": StreamingResponse,
    "responses": {200: {"content": {media: {} for media in MEDIA_TYPES.values()}}},
}


def _accepts(filter_dependency: Callable[..., Any]) -> Any:
    """The list's own filter parameters, and `format`: anything else is refused."""
    names = inspect.signature(filter_dependency).parameters
    return only_params(*names, "format")


@dataclass(frozen=True)
class Export:
    """Who asks, the session that streams the rows, and the file format: the same for every
    list."""

    principal: Principal
    db: AsyncSession
    format: TabularFormat

    def file(
        self,
        read_permission: str,
        model: type[Any],
        conditions: list[Any],
        *,
        tenant_owned: bool = True,
    ) -> StreamingResponse:
        if not self.principal.can(read_permission):
            raise PermissionDenied(
                f"You do not have permission to do this ({read_permission}).",
                details={"permission": read_permission},
            )
        statement = exports.query(model, self.principal, conditions, tenant_owned=tenant_owned)
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        name = f"{model.__tablename__}-{stamp}.{self.format.value}"
        return StreamingResponse(
            encode(exports.COLUMNS[model], exports.rows(self.db, statement), self.format),
            media_type=MEDIA_TYPES[self.format],
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )


async def _export(
    principal: Exporters, db: StreamingSessionDep, format: TabularFormat = TabularFormat.csv
) -> Export:
    return Export(principal, db, format)


ExportDep = Annotated[Export, Depends(_export)]


@router.get("/resellers/", dependencies=[_accepts(reseller_filter)], **FILE)
async def export_resellers(
    export: ExportDep, filters: Annotated[resellers.ResellerFilter, Depends(reseller_filter)]
) -> StreamingResponse:
    """The resellers list's rows and filters; also needs resellers:read."""
    return export.file("resellers:read", Reseller, filters.conditions())


@router.get("/clients/", dependencies=[_accepts(client_filter)], **FILE)
async def export_clients(
    export: ExportDep, filters: Annotated[clients.ClientFilter, Depends(client_filter)]
) -> StreamingResponse:
    """The clients list's rows and filters; also needs clients:read."""
    return export.file("clients:read", ResellerClient, filters.conditions())


@router.get("/users/", dependencies=[_accepts(user_filter)], **FILE)
async def export_users(
    export: ExportDep, filters: Annotated[users.UserFilter, Depends(user_filter)]
) -> StreamingResponse:
    """The users list's rows and filters, without KYC document numbers; needs users:read."""
    return export.file("users:read", PublicUser, filters.conditions())


@router.get("/plans/", dependencies=[_accepts(plan_filter)], **FILE)
async def export_plans(
    export: ExportDep, filters: Annotated[catalog.PlanFilter, Depends(plan_filter)]
) -> StreamingResponse:
    """The plans list's rows and filters; also needs catalog:read."""
    return export.file("catalog:read", SimPlan, filters.conditions(), tenant_owned=False)


@router.get("/orders/", dependencies=[_accepts(order_filter)], **FILE)
async def export_orders(
    export: ExportDep, filters: Annotated[order_queries.OrderFilter, Depends(order_filter)]
) -> StreamingResponse:
    """The orders list's rows and filters; also needs orders:read."""
    return export.file("orders:read", SimOrder, filters.conditions())
