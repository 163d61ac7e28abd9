"""Custom search attributes: how support staff find a workflow in the Temporal UI, e.g.
`OrderNumber = "ORD-2026-000042"`. The worker registers them at start (see
integrations.temporal.register_search_attributes)."""

from __future__ import annotations

from typing import Any

from temporalio.common import SearchAttributeKey, SearchAttributeUpdate

ORDER_NUMBER = SearchAttributeKey.for_keyword("OrderNumber")
RESELLER_ID = SearchAttributeKey.for_int("ResellerId")
CUSTOMER_EMAIL = SearchAttributeKey.for_keyword("CustomerEmail")
ORDER_STATUS = SearchAttributeKey.for_keyword("OrderStatus")
ALL: tuple[SearchAttributeKey[Any], ...] = (
    ORDER_NUMBER,
    RESELLER_ID,
    CUSTOMER_EMAIL,
    ORDER_STATUS,
)


def order_attributes(
    order_number: str, status: str, customer_email: str, reseller_id: int | None
) -> list[SearchAttributeUpdate[Any]]:
    updates: list[SearchAttributeUpdate[Any]] = [
        ORDER_NUMBER.value_set(order_number),
        ORDER_STATUS.value_set(status),
    ]
    if customer_email:
        updates.append(CUSTOMER_EMAIL.value_set(customer_email))
    if reseller_id is not None:
        updates.append(RESELLER_ID.value_set(reseller_id))
    return updates
