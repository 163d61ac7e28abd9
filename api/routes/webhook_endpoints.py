"""/api/settings/webhooks/: endpoints that hear about orders, payments and refunds, and their
delivery log. Staff manage every endpoint; a reseller login its own reseller's."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response

from api.deps import SessionDep, SettingsDep
from api.listing import PaginationDep, only_params, ordering, page_of
from api.schemas import Page
from api.schemas.webhook_endpoints import (
    WebhookDeliveryRead,
    WebhookEndpointCreate,
    WebhookEndpointCreated,
    WebhookEndpointRead,
    WebhookEndpointUpdate,
)
from api.security import require
from core.crypto import FieldCipher
from models import WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint
from services import outgoing_webhooks
from services.auth.principal import Principal

router = APIRouter(prefix="/api/settings/webhooks", tags=["settings"])

Managers = Annotated[Principal, require("api_keys:manage")]
EndpointOrder = Annotated[
    list[Any],
    ordering(
        {"created_at": WebhookEndpoint.created_at, "url": WebhookEndpoint.url},
        default="-created_at",
        tiebreaker=WebhookEndpoint.id,
    ),
]
DeliveryOrder = Annotated[
    list[Any],
    ordering(
        {"created_at": WebhookDelivery.created_at, "attempts": WebhookDelivery.attempts},
        default="-created_at",
        tiebreaker=WebhookDelivery.id,
    ),
]


async def _cipher(settings: SettingsDep) -> FieldCipher:
    return FieldCipher(settings)


CipherDep = Annotated[FieldCipher, Depends(_cipher)]


def _ip(request: Request) -> str | None:
    return request.client.host if request.client else None


@router.get("/", response_model=Page[WebhookEndpointRead], dependencies=[only_params()])
async def list_webhook_endpoints(
    principal: Managers, db: SessionDep, paging: PaginationDep, order_by: EndpointOrder
) -> Page[WebhookEndpointRead]:
    rows, total = await outgoing_webhooks.list_endpoints(
        db, principal, order_by, paging.offset, paging.page_size
    )
    return page_of([WebhookEndpointRead.model_validate(r) for r in rows], total, paging)


@router.post("/", response_model=WebhookEndpointCreated, status_code=201)
async def create_webhook_endpoint(
    body: WebhookEndpointCreate,
    principal: Managers,
    db: SessionDep,
    settings: SettingsDep,
    cipher: CipherDep,
    request: Request,
) -> WebhookEndpointCreated:
    """The signing secret is in this answer only; keep it somewhere safe."""
    created = await outgoing_webhooks.create_endpoint(
        db, cipher, principal, principal.actor(_ip(request)),
        url=str(body.url), event_types=body.event_types, description=body.description,
        reseller_id=body.reseller_id, allow_private=settings.is_development,
    )  # fmt: skip
    read = WebhookEndpointRead.model_validate(created.row)
    return WebhookEndpointCreated(**read.model_dump(), secret=created.secret)


@router.get("/{endpoint_id}/", response_model=WebhookEndpointRead)
async def get_webhook_endpoint(
    endpoint_id: int, principal: Managers, db: SessionDep
) -> WebhookEndpointRead:
    endpoint = await outgoing_webhooks.get_endpoint(db, principal, endpoint_id)
    return WebhookEndpointRead.model_validate(endpoint)


@router.patch("/{endpoint_id}/", response_model=WebhookEndpointRead)
async def update_webhook_endpoint(
    endpoint_id: int,
    body: WebhookEndpointUpdate,
    principal: Managers,
    db: SessionDep,
    settings: SettingsDep,
    request: Request,
) -> WebhookEndpointRead:
    changes = body.model_dump(exclude_unset=True, exclude_none=True)
    if "url" in changes:
        changes["url"] = str(body.url)
    endpoint = await outgoing_webhooks.update_endpoint(
        db, principal, principal.actor(_ip(request)), endpoint_id, changes,
        allow_private=settings.is_development,
    )  # fmt: skip
    return WebhookEndpointRead.model_validate(endpoint)


@router.delete("/{endpoint_id}/", status_code=204)
async def delete_webhook_endpoint(
    endpoint_id: int, principal: Managers, db: SessionDep, request: Request
) -> Response:
    """Its delivery log goes with it."""
    await outgoing_webhooks.delete_endpoint(
        db, principal, principal.actor(_ip(request)), endpoint_id
    )
    return Response(status_code=204)


@router.get(
    "/{endpoint_id}/deliveries/",
    response_model=Page[WebhookDeliveryRead],
    dependencies=[only_params("status")],
)
async def list_webhook_deliveries(
    endpoint_id: int,
    principal: Managers,
    db: SessionDep,
    paging: PaginationDep,
    order_by: DeliveryOrder,
    status: WebhookDeliveryStatus | None = None,
) -> Page[WebhookDeliveryRead]:
    rows, total = await outgoing_webhooks.list_deliveries(
        db, principal, endpoint_id, status, order_by, paging.offset, paging.page_size
    )
    return page_of([WebhookDeliveryRead.model_validate(r) for r in rows], total, paging)


@router.post(
    "/{endpoint_id}/deliveries/{delivery_pk}/retry/",
    response_model=WebhookDeliveryRead,
    status_code=202,
)
async def retry_webhook_delivery(
    endpoint_id: int, delivery_pk: int, principal: Managers, db: SessionDep
) -> WebhookDeliveryRead:
    """Send it again with the same delivery id; the log shows how it went."""
    delivery = await outgoing_webhooks.retry(db, principal, endpoint_id, delivery_pk)
    return WebhookDeliveryRead.model_validate(delivery)


@router.post("/{endpoint_id}/ping/", response_model=WebhookDeliveryRead, status_code=202)
async def ping_webhook_endpoint(
    endpoint_id: int, principal: Managers, db: SessionDep
) -> WebhookDeliveryRead:
    """A `ping` event to this endpoint, to check that it is reachable and verifies the
    signature."""
    delivery = await outgoing_webhooks.ping(db, principal, endpoint_id)
    return WebhookDeliveryRead.model_validate(delivery)
