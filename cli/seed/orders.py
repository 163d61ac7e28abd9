"""Orders with everything that hangs off them: status history, the SIM in the ICCID registry,
payments, refunds and reseller commissions.

Each order is walked along a path of statuses with realistic delays, and the walk stops at
the end of the seeded period, so old orders are finished and recent ones are still in flight.
All other fields follow from that walk, which keeps them consistent with each other.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from cli.seed.catalog import Plan
from cli.seed.people import People, Reseller, Row, Starts
from cli.seed.pools import COUNTRIES
from cli.seed.texts import (
    CANCEL_REASONS_PAID,
    CANCEL_REASONS_UNPAID,
    ORDER_NOTES,
    PAYMENT_FAILURES,
)
from cli.seed.values import (
    DAY,
    HOUR,
    MINUTE,
    Calendar,
    Timeline,
    iccid,
    pick,
    scramble,
    wheel,
)
from models.identity import SystemRole

ORDER_COLUMNS = (
    "id", "order_number", "order_type", "user_id", "reseller_id", "client_id", "plan_id",
    "sim_type", "network_provider", "plan_name", "plan_price", "delivery_address",
    "delivery_fee", "tax_amount", "service_charge", "total_amount", "currency", "status",
    "payment_status", "courier", "delivery_tracking_number", "delivery_eta", "notes",
    "dispatched_at", "delivered_at", "activated_at", "cancelled_at", "created_at", "updated_at",
    "fulfilment_started_at",
)  # fmt: skip
HISTORY_COLUMNS = (
    "id", "order_id", "from_status", "to_status", "source", "changed_by_id", "reason", "created_at",
)  # fmt: skip
SIM_COLUMNS = (
    "id", "iccid", "msisdn", "network_provider", "sim_type", "state", "batch_ref",
    "activation_code", "order_id", "state_changed_at", "created_at", "updated_at",
)  # fmt: skip
TRANSACTION_COLUMNS = (
    "id", "transaction_id", "order_id", "user_id", "reseller_id", "parent_id",
    "transaction_type", "amount", "currency", "payment_method", "payment_gateway_response",
    "status", "gateway_transaction_id", "failure_reason", "created_by_id", "created_at",
    "updated_at",
)  # fmt: skip

APP_SHARE = 0.7  # the rest are sold by resellers to their clients
# Where an order is headed after `pending`; the end of the period cuts recent walks short.
PATHS = wheel(
    {
        ("confirmed", "dispatched", "delivered", "activated"): 72,
        ("confirmed", "dispatched", "delivered"): 10,  # never activated
        (): 4,  # abandoned at checkout
        ("cancelled",): 8,  # never paid
        ("confirmed", "cancelled"): 6,  # paid, then cancelled and refunded
    }
)
# Delay before entering a status, as (minimum, spread), for a physical SIM and for an eSIM.
DELAYS = {
    "confirmed": ((2 * MINUTE, 6 * HOUR), (MINUTE, 30 * MINUTE)),
    "dispatched": ((4 * HOUR, 2 * DAY), (0, 0)),  # eSIMs are never shipped (see WALKS)
    "delivered": ((DAY, 4 * DAY), (0, 0)),
    "activated": ((HOUR, 10 * DAY), (5 * MINUTE, 3 * DAY)),
    "cancelled": ((HOUR, 3 * DAY), (HOUR, 3 * DAY)),
}
# Who moves an order into a status: the payment webhook confirms, staff hand physical SIMs to
# the courier, workflows deliver eSIMs, couriers and carriers report delivery and activation.
# Cancellations are the system's (unpaid) or staff's (paid) and are decided during the walk.
SOURCES = {
    "confirmed": ("webhook", "webhook"),
    "dispatched": ("api", "workflow"),
    "delivered": ("webhook", "workflow"),
    "activated": ("webhook", "webhook"),
    "cancelled": ("", ""),
}
Step = tuple[str, int, int, str]  # status, minimum delay, spread, source
SHIPPING = ("dispatched", "delivered")
# Every path with its delays and sources resolved, indexed by "is it an eSIM?". An eSIM has
# nothing to ship: it goes from confirmed (profile assigned, QR code emailed) to activated,
# as the order lifecycle allows.
WALKS: tuple[tuple[tuple[Step, ...], ...], ...] = tuple(
    tuple(
        tuple(
            (step, *DELAYS[step][esim], SOURCES[step][esim])
            for step in path
            if not (esim and step in SHIPPING)
        )
        for path in PATHS
    )
    for esim in (0, 1)
)
# SIM registry state for an order status, and the status whose time the state took effect.
SIM_STATES = {
    "confirmed": ("assigned", "confirmed"),
    "dispatched": ("shipped", "dispatched"),
    "delivered": ("shipped", "dispatched"),
    "activated": ("active", "activated"),
    "cancelled": ("recycled", "cancelled"),
}
PENDING_PAYMENT = wheel({"pending": 55, "authorized": 30, "failed": 15})
UNPAID_CANCELLED_PAYMENT = ("failed", "pending")
CAPTURED = frozenset({"paid", "partially_refunded", "refunded"})
TRANSACTION_STATUS = {"authorized": "pending", "failed": "failed"}  # otherwise completed
APP_METHODS = wheel({"card": 60, "apple_pay": 20, "google_pay": 12, "paypal": 8})
APP_METHODS_SET = frozenset(APP_METHODS)
GATEWAY_PREFIX = {"payment": "pi", "refund": "re"}
CARD_RESPONSES = tuple(
    f'{{"brand": "{brand}", "last4": "{last4}", "three_d_secure": {secure}}}'
    for brand, last4 in (("visa", "4242"), ("mastercard", "4444"), ("amex", "8431"))
    for secure in ("true", "false")
)
PARTIAL_REFUND_SHARE = 0.04  # delivered orders later partly refunded as a goodwill gesture


@dataclass
class Chunk:
    orders: list[Row] = field(default_factory=list)
    history: list[Row] = field(default_factory=list)
    sims: list[Row] = field(default_factory=list)
    transactions: list[Row] = field(default_factory=list)


Pricing = tuple[int, int, int, int, int, int]  # price, fee, tax, service, total, goodwill refund


class OrderFactory:
    """Generates orders in index order; ids and code numbers continue from `starts`."""

    def __init__(
        self,
        rnd: random.Random,
        people: People,
        plans: list[Plan],
        starts: Starts,
        count: int,
        timeline: Timeline,
        calendar: Calendar,
    ) -> None:
        self.random, self.people, self.starts, self.count = rnd.random, people, starts, count
        self.timeline, self.calendar = timeline, calendar
        self.plans = wheel({plan: plan.weight for plan in plans})
        self.users = len(people.user_country)
        self.staff = people.staff_ids[SystemRole.moderator] + people.staff_ids[SystemRole.admin]
        self.refunders = people.staff_ids[SystemRole.support] + people.staff_ids[SystemRole.admin]
        self.next_sim = starts.sims
        self.next_history = starts.history
        self.next_transaction = starts.transactions
        self._pricing: dict[tuple[int, bool, int, bool], Pricing] = {}

    def chunk(self, first: int, stop: int) -> Chunk:
        out = Chunk()
        for index in range(first, stop):
            self._order(index, out)
        return out

    def stock(self, count: int) -> list[Row]:
        """Unsold SIMs and eSIM profiles received over the last four months."""
        rows: list[Row] = []
        for _ in range(count):
            plan = pick(self.random, self.plans)
            received = self.timeline.end - int(self.random() * 120 * DAY)
            rows.append(self._sim(plan, "in_stock", None, received, received))
        return rows

    def _price(self, plan: Plan, app: bool, country: int, express: bool) -> Pricing:
        key = (plan.id, app, country, express)
        if key not in self._pricing:
            physical = plan.sim_type == "physical"
            # Resellers buy 10% below list, never under the plan's floor.
            price = plan.price if app else max(plan.floor or 0, plan.price * 9 // 10)
            if not physical:
                fee = 0
            elif app:
                fee = 999 if express else 499
            else:
                fee = 250  # bulk shipping to the reseller's shop
            tax = (price * COUNTRIES[country].tax_bp + 5_000) // 10_000
            service = 99 if app else 0
            total = price + fee + tax + service
            self._pricing[key] = (price, fee, tax, service, total, max(1, total * 3 // 10))
        return self._pricing[key]

    def _order(self, index: int, out: Chunk) -> None:
        random_, people, end = self.random, self.people, self.timeline.end
        order_id = self.starts.orders + index
        created = self.timeline.at((index + random_()) / self.count)
        plan = pick(random_, self.plans)
        esim = plan.sim_type == "esim"
        reseller = None
        if random_() < APP_SHARE:
            # Only users who signed up before this point of the timeline (see PeopleFactory).
            slot = int(random_() * min(self.users, index * self.users // self.count + 1))
            user_id, reseller_id, client_id = self.starts.users + slot, None, None
            country, address = people.user_country[slot], people.user_address[slot]
            buyer = people.user_account_base + slot
        else:
            reseller_index, client_id = pick(random_, people.client_wheel)
            reseller = people.reseller_refs[reseller_index]
            user_id, reseller_id, country = None, reseller.id, reseller.country
            address, buyer = reseller.address, reseller.account_id
        express = not esim and reseller is None and random_() < 0.15
        pricing = self._price(plan, reseller is None, country, express)

        history, history_id = out.history, self.next_history
        history.append((history_id, order_id, None, "pending", "api", buyer, "", created))
        status, last = "pending", created
        stamps: dict[str, int] = {}
        for step, low, spread, source in pick(random_, WALKS[esim]):
            moment = last + low + int(random_() * spread)
            if moment > end:
                break
            by, reason = None, ""
            if source == "api":
                by = pick(random_, self.staff)
            elif step == "cancelled" and status == "pending":
                source, reason = "system", pick(random_, CANCEL_REASONS_UNPAID)
            elif step == "cancelled":
                source, by = "api", pick(random_, self.staff)
                reason = pick(random_, CANCEL_REASONS_PAID)
            history_id += 1
            history.append((history_id, order_id, status, step, source, by, reason, moment))
            status, last, stamps[step] = step, moment, moment
        self.next_history = history_id + 1

        if status == "pending":
            payment = pick(random_, PENDING_PAYMENT)
        elif status == "cancelled":
            confirmed = "confirmed" in stamps
            payment = "refunded" if confirmed else pick(random_, UNPAID_CANCELLED_PAYMENT)
        elif status in ("delivered", "activated") and random_() < PARTIAL_REFUND_SHARE:
            payment = "partially_refunded"
        else:
            payment = "paid"

        courier, tracking, eta = "", "", None
        dispatched = stamps.get("dispatched")
        if not esim and dispatched is not None:
            courier, prefix = pick(random_, COUNTRIES[country].couriers)
            tracking = f"{prefix}{scramble(order_id, 10):010d}"
            eta = dispatched + 2 * DAY + int(random_() * 3 * DAY)
        out.orders.append(
            (order_id, f"ORD-{self.calendar.year(created)}-{self.starts.order_number + index:06d}",
             "app_user" if reseller is None else "reseller_client", user_id, reseller_id,
             client_id, plan.id, plan.sim_type, plan.provider.name, plan.name, pricing[0],
             "" if esim else address, pricing[1], pricing[2], pricing[3], pricing[4], "USD",
             status, payment, courier, tracking, eta,
             pick(random_, ORDER_NOTES) if random_() < 0.03 else "", dispatched,
             stamps.get("delivered"), stamps.get("activated"), stamps.get("cancelled"), created,
             last, created)  # history, not work for the fulfilment sweeper
        )  # fmt: skip

        if status != "pending":
            state, since = SIM_STATES[status]
            received = created - DAY - int(random_() * 60 * DAY)
            out.sims.append(self._sim(plan, state, order_id, received, stamps[since]))
        if payment != "pending":
            ids = (order_id, user_id, reseller_id)
            self._money(out, ids, reseller, buyer, pricing, payment, created, stamps, last)

    def _sim(self, plan: Plan, state: str, order_id: int | None, received: int, since: int) -> Row:
        sim_id, provider = self.next_sim, plan.provider
        self.next_sim += 1
        msisdn = None
        if state in ("assigned", "shipped", "active"):  # a recycled SIM gives its number back
            digits = provider.msisdn_digits
            msisdn = f"{provider.msisdn_prefix}{scramble(sim_id, digits):0{digits}d}"
        activation = None
        if plan.sim_type == "esim":
            activation = f"LPA:1${provider.smdp}${scramble(sim_id, 15):013X}"
        return (
            sim_id, iccid(provider.iccid_prefix, provider.iccid_sum, sim_id), msisdn,
            provider.name, plan.sim_type, state,
            f"{provider.code}-{self.calendar.month(received)}", activation, order_id, since,
            received, since,
        )  # fmt: skip

    def _money(
        self,
        out: Chunk,
        ids: tuple[int, int | None, int | None],
        reseller: Reseller | None,
        buyer: int,
        pricing: Pricing,
        payment: str,
        created: int,
        stamps: dict[str, int],
        last: int,
    ) -> None:
        random_, add = self.random, self._transaction
        total, end = pricing[4], self.timeline.end
        # The charge happens between checkout and confirmation (or soon after checkout).
        charged_by = stamps.get("confirmed", min(end, created + 10 * MINUTE))
        paid_at = created + int(random_() * (charged_by - created))
        status = TRANSACTION_STATUS.get(payment, "completed")
        if reseller is None:
            method = pick(random_, APP_METHODS)
            response = pick(random_, CARD_RESPONSES) if status == "completed" else "{}"
        else:
            method, response = "reseller_credit", "{}"
        failure = pick(random_, PAYMENT_FAILURES) if status == "failed" else ""
        payment_id = add(
            out, ids, None, "payment", total, method, response, status, failure, buyer, paid_at
        )
        commission, commission_id = 0, None
        if reseller is not None and payment in CAPTURED:
            commission = max(1, (total * reseller.commission_bp + 5_000) // 10_000)
            commission_id = add(
                out,
                ids,
                None,
                "commission",
                commission,
                "ledger",
                "{}",
                "completed",
                "",
                None,
                stamps["confirmed"],
            )
        if payment not in ("refunded", "partially_refunded"):
            return
        if payment == "refunded":
            amount, refunded_at = total, stamps["cancelled"]
        else:
            amount = pricing[5]
            refunded_at = last + int(random_() * min(5 * DAY, end - last))
        staff = pick(random_, self.refunders)
        add(
            out,
            ids,
            payment_id,
            "refund",
            amount,
            method,
            "{}",
            "completed",
            "",
            staff,
            refunded_at,
        )
        if commission_id is not None:
            reversal = max(1, commission * amount // total)
            add(
                out,
                ids,
                commission_id,
                "commission_reversal",
                reversal,
                "ledger",
                "{}",
                "completed",
                "",
                staff,
                refunded_at,
            )

    def _transaction(
        self,
        out: Chunk,
        ids: tuple[int, int | None, int | None],
        parent: int | None,
        kind: str,
        amount: int,
        method: str,
        response: str,
        status: str,
        failure: str,
        by: int | None,
        at: int,
    ) -> int:
        transaction_id = self.next_transaction
        self.next_transaction += 1
        number = self.starts.transaction_number + transaction_id - self.starts.transactions
        gateway = ""
        if method in APP_METHODS_SET:  # card processor ids; credit and ledger moves have none
            gateway = f"{GATEWAY_PREFIX[kind]}_{scramble(transaction_id, 18):x}"
        out.transactions.append(
            (transaction_id, f"TXN-{self.calendar.year(at)}-{number:06d}", *ids, parent, kind,
             amount, "USD", method, response, status, gateway, failure, by, at, at)
        )  # fmt: skip
        return transaction_id
