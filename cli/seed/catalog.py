"""The seeded catalogue: network providers, plan categories and ~25 plans.

Plans are upserted by SKU, so reruns reuse them and later price edits by admins are respected:
orders are priced from the rows read back, not from this file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cli.seed.values import luhn_sum


@dataclass(frozen=True)
class Provider:
    name: str
    code: str  # short tag used in batch references
    iccid_prefix: str  # 6 digits: "89" (telecom) + country + issuer
    msisdn_prefix: str  # E.164 up to the subscriber digits
    msisdn_digits: int
    smdp: str  # SM-DP+ host in eSIM activation codes
    iccid_sum: int = field(init=False)  # Luhn sum of the prefix, computed once

    def __post_init__(self) -> None:
        object.__setattr__(self, "iccid_sum", luhn_sum(self.iccid_prefix))


PROVIDERS = {
    p.name: p
    for p in (
        Provider("Vodafone UK", "VFUK", "894410", "+4477", 8, "smdp.vodafone-uk.example"),
        Provider("EE", "EEUK", "894430", "+4479", 8, "smdp.ee.example"),
        Provider("O2 UK", "O2UK", "894411", "+4475", 8, "smdp.o2.example"),
        Provider("Three UK", "H3UK", "894420", "+4478", 8, "smdp.three.example"),
        Provider("Telekom DE", "TKDE", "894901", "+49151", 8, "smdp.telekom.example"),
        Provider("Vodafone DE", "VFDE", "894902", "+49152", 8, "smdp.vodafone-de.example"),
        Provider("Orange FR", "ORFR", "893301", "+336", 8, "smdp.orange.example"),
        Provider("Movistar ES", "MVES", "893407", "+347", 8, "smdp.movistar.example"),
        Provider("TIM Italia", "TIMI", "893901", "+39333", 7, "smdp.tim.example"),
        Provider("KPN", "KPNL", "893108", "+316", 8, "smdp.kpn.example"),
        Provider("T-Mobile US", "TMUS", "890126", "+1206", 7, "smdp.t-mobile.example"),
        Provider("Verizon", "VZUS", "891480", "+1917", 7, "smdp.verizon.example"),
        Provider("Telcel", "TLMX", "895202", "+5255", 8, "smdp.telcel.example"),
        Provider("Jio", "JIOI", "899186", "+917", 9, "smdp.jio.example"),
    )
}

CATEGORIES = (
    ("local-prepaid", "Local Prepaid", "Pay-as-you-go SIMs on a home network"),
    ("travel-esim", "Travel eSIM", "Data eSIMs for travellers, installed from a QR code"),
    ("unlimited", "Unlimited", "Unlimited data plans with fair-use limits"),
    ("data-only", "Data Only", "Data without voice, for tablets and hotspots"),
    ("business", "Business", "Plans with pooled data and priority support"),
    ("iot", "IoT & Devices", "Low-volume data for trackers and devices"),
)

GB = 1024
UNLIMITED = None
# (sku, name, category, provider, sim type, data MB, minutes, SMS, days, price, reseller floor,
#  popularity weight)
PLANS: tuple[tuple[Any, ...], ...] = (
    ("VFUK-PAYG-10", "Vodafone Big Value 10GB", "local-prepaid", "Vodafone UK", "physical",
     10 * GB, 1000, 1000, 30, "10.00", "8.00", 9),
    ("VFUK-UNL-30", "Vodafone Unlimited Max", "unlimited", "Vodafone UK", "physical",
     UNLIMITED, UNLIMITED, UNLIMITED, 30, "30.00", "25.00", 4),
    ("EE-ESIM-20", "EE Smart eSIM 20GB", "local-prepaid", "EE", "esim",
     20 * GB, UNLIMITED, UNLIMITED, 30, "15.00", "12.00", 6),
    ("O2-PAYG-15", "O2 Big Bundle 15GB", "local-prepaid", "O2 UK", "physical",
     15 * GB, UNLIMITED, UNLIMITED, 30, "12.00", "10.00", 6),
    ("H3-DATA-100", "Three Data 100GB", "data-only", "Three UK", "physical",
     100 * GB, None, None, 30, "20.00", "17.00", 3),
    ("TKDE-MAGENTA-S", "MagentaMobil Prepaid S", "local-prepaid", "Telekom DE", "physical",
     6 * GB, 300, 100, 28, "9.95", "8.50", 7),
    ("TKDE-BIZ-L", "Business Mobil L", "business", "Telekom DE", "esim",
     40 * GB, UNLIMITED, UNLIMITED, 30, "49.95", "42.00", 2),
    ("VFDE-CALLYA-D", "CallYa Digital", "local-prepaid", "Vodafone DE", "esim",
     25 * GB, UNLIMITED, UNLIMITED, 28, "20.00", "17.00", 5),
    ("ORFR-MOBICARTE", "Mobicarte 20Go", "local-prepaid", "Orange FR", "physical",
     20 * GB, UNLIMITED, UNLIMITED, 30, "19.99", "16.50", 6),
    ("ORFR-HOLIDAY-EU", "Orange Holiday Europe", "travel-esim", "Orange FR", "esim",
     30 * GB, 120, 1000, 14, "39.99", "34.00", 5),
    ("MVES-PREP-25", "Movistar Prepago 25GB", "local-prepaid", "Movistar ES", "physical",
     25 * GB, UNLIMITED, UNLIMITED, 28, "15.00", "12.50", 5),
    ("TIM-PRIME-GO", "TIM Prime Go 100GB", "unlimited", "TIM Italia", "physical",
     100 * GB, UNLIMITED, 200, 30, "9.99", "8.50", 5),
    ("KPN-DATA-10", "KPN Data Only 10GB", "data-only", "KPN", "esim",
     10 * GB, None, None, 30, "12.50", "10.50", 3),
    ("TMUS-CONNECT", "T-Mobile Connect", "local-prepaid", "T-Mobile US", "physical",
     5 * GB, UNLIMITED, UNLIMITED, 30, "15.00", "12.00", 8),
    ("TMUS-TRAVEL-US", "T-Mobile Tourist Plan", "travel-esim", "T-Mobile US", "esim",
     2 * GB, 1000, UNLIMITED, 21, "30.00", "26.00", 5),
    ("TMUS-UNL-PLUS", "T-Mobile Unlimited Plus", "unlimited", "T-Mobile US", "esim",
     UNLIMITED, UNLIMITED, UNLIMITED, 30, "60.00", "52.00", 3),
    ("VZ-PREPAID-15", "Verizon Prepaid 15GB", "local-prepaid", "Verizon", "physical",
     15 * GB, UNLIMITED, UNLIMITED, 30, "40.00", "35.00", 4),
    ("VZ-BIZ-POOL", "Verizon Business Pool", "business", "Verizon", "physical",
     50 * GB, UNLIMITED, UNLIMITED, 30, "70.00", "60.00", 1),
    ("VZ-IOT-1", "Verizon ThingSpace 1GB", "iot", "Verizon", "physical",
     1 * GB, None, 50, 365, "24.00", "20.00", 1),
    ("TLMX-AMIGO-200", "Telcel Amigo Sin Limite 200", "local-prepaid", "Telcel", "physical",
     3 * GB, UNLIMITED, UNLIMITED, 30, "11.50", "9.50", 4),
    ("JIO-299", "Jio 2GB/day", "local-prepaid", "Jio", "physical",
     56 * GB, UNLIMITED, 3000, 28, "3.60", "3.00", 3),
    ("EE-WORLD-5", "EE Roam World 5GB", "travel-esim", "EE", "esim",
     5 * GB, None, None, 15, "25.00", "21.00", 4),
    ("VFDE-EU-TRAVEL", "Vodafone EU Travel 12GB", "travel-esim", "Vodafone DE", "esim",
     12 * GB, 100, 100, 15, "22.00", "18.50", 4),
    ("KPN-IOT-500", "KPN IoT 500MB", "iot", "KPN", "physical",
     500, None, 100, 365, "12.00", None, 1),
    ("O2-BIZ-UNL", "O2 Business Unlimited", "business", "O2 UK", "esim",
     UNLIMITED, UNLIMITED, UNLIMITED, 30, "35.00", "30.00", 2),
)  # fmt: skip


@dataclass(frozen=True)
class Plan:
    """A catalogue row as stored, with what pricing an order needs."""

    id: int
    code: str
    name: str
    provider: Provider
    sim_type: str
    price: int  # hundredths
    floor: int | None
    weight: int


async def ensure_catalog(conn: Any) -> list[Plan]:
    """Insert missing categories and plans, then read back the seeded plans as stored."""
    await conn.executemany(
        "INSERT INTO plan_categories (name, slug, description) VALUES ($2, $1, $3)"
        " ON CONFLICT DO NOTHING",
        CATEGORIES,
    )
    await conn.executemany(
        "INSERT INTO sim_plans (code, name, category_id, network_provider, sim_type, data_mb,"
        " voice_minutes, sms_count, validity_days, price, currency, reseller_price_floor,"
        " description, is_active)"
        " SELECT $1, $2, id, $4, $5, $6, $7, $8, $9, $10::numeric, 'USD', $11::numeric, '', true"
        " FROM plan_categories WHERE slug = $3 ON CONFLICT (code) DO NOTHING",
        [(*plan[:9], Decimal(plan[9]), plan[10] and Decimal(plan[10])) for plan in PLANS],
    )
    weights = {plan[0]: plan[11] for plan in PLANS}
    rows = await conn.fetch(
        "SELECT id, code, name, network_provider, sim_type, price, reseller_price_floor"
        " FROM sim_plans WHERE code = any($1::text[]) ORDER BY id",
        list(weights),
    )
    return [
        Plan(
            id=row["id"],
            code=row["code"],
            name=row["name"],
            provider=PROVIDERS[row["network_provider"]],
            sim_type=row["sim_type"],
            price=int(row["price"] * 100),
            floor=None
            if row["reseller_price_floor"] is None
            else int(row["reseller_price_floor"] * 100),
            weight=weights[row["code"]],
        )
        for row in rows
        if row["network_provider"] in PROVIDERS  # skip plans an admin moved to another network
    ]
