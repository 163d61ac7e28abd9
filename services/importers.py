"""What each importable resource is: the create endpoint's own schema for a row, the keys no
two rows of a file may share, the permission it needs, and the service that creates a row.
Both the synchronous import (api/routes/imports.py) and an import run as a bulk job use these,
so a row is created the same way whichever path it takes.

The row schemas are the API's request bodies (api/schemas): an import obeys exactly the rules a
form does."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from api.schemas.catalog import PlanFields
from api.schemas.resellers import ClientCreate, ResellerCreate
from api.schemas.users import UserReplace
from core.crypto import FieldCipher
from core.errors import NotFound, PermissionDenied, ValidationFailed
from models import Reseller
from services import audit, catalog, clients, imports, resellers, users
from services.auth.principal import Principal

IMPORT_PERMISSION = "data:import"


class ImportResource(StrEnum):
    resellers = "resellers"
    clients = "clients"
    users = "users"
    plans = "plans"


class ClientRow(ClientCreate):
    """A client of any reseller the importer may see, named by `reseller_id`."""

    reseller_id: int


@dataclass
class Context:
    """What creating rows needs, for one transaction (the reseller cache is that session's)."""

    db: AsyncSession
    principal: Principal
    actor: audit.Actor
    cipher: FieldCipher
    resellers: dict[int, Reseller] = field(default_factory=dict)

    async def reseller(self, reseller_id: int) -> Reseller:
        if reseller_id not in self.resellers:
            try:
                found = await resellers.get_reseller(self.db, self.principal, reseller_id)
            except NotFound:
                raise ValidationFailed(
                    "No such reseller.",
                    details=[{"field": "reseller_id", "message": "unknown reseller"}],
                ) from None
            self.resellers[reseller_id] = found
        return self.resellers[reseller_id]


async def _reseller(ctx: Context, row: ResellerCreate) -> object:
    return await resellers.create(ctx.db, ctx.actor, row.model_dump())


async def _client(ctx: Context, row: ClientRow) -> object:
    owner = await ctx.reseller(row.reseller_id)
    return await clients.add_client(
        ctx.db, ctx.actor, owner, row.model_dump(exclude={"reseller_id"})
    )


async def _user(ctx: Context, row: UserReplace) -> object:
    return await users.create(ctx.db, ctx.cipher, ctx.actor, row.model_dump())


async def _plan(ctx: Context, row: PlanFields) -> object:
    return await catalog.create_plan(ctx.db, ctx.actor, row.model_dump())


@dataclass(frozen=True)
class Importer:
    permission: str  # the create endpoint's, needed on top of data:import
    model: type[BaseModel]
    unique: tuple[tuple[str, ...], ...]  # keys no two rows of a file may share
    create: Callable[[Context, Any], Awaitable[object]]

    @property
    def columns(self) -> imports.Columns:
        return imports.columns_of(self.model)


IMPORTERS: dict[ImportResource, Importer] = {
    ImportResource.resellers: Importer(
        "resellers:create", ResellerCreate, (("email",),), _reseller
    ),
    ImportResource.clients: Importer(
        "clients:write", ClientRow, (("reseller_id", "client_email"),), _client
    ),
    ImportResource.users: Importer("users:update", UserReplace, (("email",), ("phone",)), _user),
    ImportResource.plans: Importer("catalog:write", PlanFields, (("code",),), _plan),
}


def may_import(principal: Principal, resource: ImportResource) -> bool:
    return principal.can(IMPORT_PERMISSION) and principal.can(IMPORTERS[resource].permission)


def importer_for(principal: Principal, resource: ImportResource) -> Importer:
    """The resource's importer, if the principal may also create the resource by hand."""
    importer = IMPORTERS[resource]
    if not principal.can(importer.permission):
        raise PermissionDenied(
            f"Importing {resource.value} needs {importer.permission} as well.",
            details={"permission": importer.permission},
        )
    return importer
