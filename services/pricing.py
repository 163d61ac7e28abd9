"""What an order costs, computed on the server from the plan and the pricing settings; the
client never sends a price. Settings (system_settings, group "pricing"):
`pricing.delivery_fee` (physical SIMs only), `pricing.service_charge`, `pricing.tax_rate` (%),
all applied to new orders only."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import SimPlan, SimType, SystemSetting

CENT = Decimal("0.01")
PRICING_KEYS = ("pricing.delivery_fee", "pricing.service_charge", "pricing.tax_rate")


@dataclass(frozen=True)
class Quote:
    plan_price: Decimal
    delivery_fee: Decimal
    service_charge: Decimal
    tax_amount: Decimal

    @property
    def total(self) -> Decimal:
        return self.plan_price + self.delivery_fee + self.service_charge + self.tax_amount


async def pricing_settings(db: AsyncSession) -> dict[str, Decimal]:
    rows = await db.execute(
        select(SystemSetting.setting_key, SystemSetting.setting_value).where(
            SystemSetting.setting_key.in_(PRICING_KEYS)
        )
    )
    values = {key: Decimal(str(value)) for key, value in rows}
    return {key: values.get(key, Decimal("0")) for key in PRICING_KEYS}


def quote(plan: SimPlan, settings: dict[str, Decimal]) -> Quote:
    delivery = settings["pricing.delivery_fee"] if plan.sim_type is SimType.physical else Decimal(0)
    service = settings["pricing.service_charge"]
    taxable = plan.price + delivery + service
    tax = (taxable * settings["pricing.tax_rate"] / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return Quote(
        plan_price=plan.price.quantize(CENT),
        delivery_fee=delivery.quantize(CENT),
        service_charge=service.quantize(CENT),
        tax_amount=tax,
    )
