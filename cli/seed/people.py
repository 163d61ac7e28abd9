"""Rows for staff, resellers and their clients, app users and everyone's login account, plus the
lookups the order generator needs to reference them without querying."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from cli.seed.catalog import Plan
from cli.seed.pools import COUNTRIES, Names, slug
from cli.seed.texts import BLOCK_REASONS, SUSPENSION_REASONS
from cli.seed.values import DAY, HOUR, MINUTE, Timeline, pick, scramble, wheel
from models.identity import SystemRole

Row = tuple[object, ...]

STAFF_PER_ROLE = {
    SystemRole.super_admin: 1,
    SystemRole.admin: 2,
    SystemRole.moderator: 4,
    SystemRole.support: 8,
}
CLIENTS_PER_RESELLER = 20

ACCOUNT_COLUMNS = (
    "id", "kind", "email", "password_hash", "first_name", "last_name", "phone", "role_id",
    "reseller_id", "public_user_id", "is_active", "must_change_password", "two_factor_enabled",
    "last_login_at", "password_changed_at", "created_at", "updated_at",
)  # fmt: skip
USER_COLUMNS = (
    "id", "full_name", "email", "phone", "address", "city", "state", "postal_code",
    "date_of_birth", "id_document_type", "id_document_number", "status", "status_reason",
    "email_verified_at", "phone_verified_at", "created_at", "updated_at",
)  # fmt: skip
RESELLER_COLUMNS = (
    "id", "business_name", "contact_person", "email", "phone", "address", "city", "state",
    "country", "status", "status_reason", "credit_limit", "current_balance", "commission_rate",
    "currency", "created_by_id", "created_at", "updated_at",
)  # fmt: skip
CLIENT_COLUMNS = (
    "id", "reseller_id", "client_name", "client_email", "client_phone", "plan_id", "status",
    "monthly_limit", "current_usage", "usage_period", "created_at", "updated_at",
)  # fmt: skip

COUNTRY_WHEEL = wheel({index: country.weight for index, country in enumerate(COUNTRIES)})
USER_STATUS = wheel({"active": 85, "pending_verification": 12, "blocked": 3})
RESELLER_STATUS = wheel({"active": 88, "suspended": 7, "pending": 5})
CLIENT_STATUS = wheel({"active": 85, "inactive": 10, "suspended": 5})
RESELLER_SIZE = (1, 1, 1, 2, 2, 3, 5, 8)  # relative order volume: a few big resellers
BUSINESS_NAMES = (
    "{city} Mobile Hub", "{last} Telecom", "SimPoint {city}", "{last} Wireless",
    "Connect {city}", "{city} Roaming Store", "{last} & Partners Mobile",
)  # fmt: skip
LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


@dataclass(frozen=True)
class Starts:
    """First id (or code number) this run uses per table, continuing after existing rows."""

    users: int
    resellers: int
    clients: int
    accounts: int
    orders: int
    sims: int
    history: int
    transactions: int
    tickets: int
    replies: int
    order_number: int
    transaction_number: int
    ticket_number: int


@dataclass(frozen=True)
class Reseller:
    id: int
    account_id: int
    country: int
    address: str
    commission_bp: int


@dataclass
class People:
    """What orders and tickets need to reference people, filled in as rows are generated."""

    staff_ids: dict[SystemRole, list[int]] = field(default_factory=dict)
    reseller_refs: list[Reseller] = field(default_factory=list)
    # (reseller index, client id), repeated by reseller size so one pick is a weighted draw.
    client_wheel: list[tuple[int, int]] = field(default_factory=list)
    user_country: list[int] = field(default_factory=list)
    user_address: list[str] = field(default_factory=list)  # full delivery address
    user_account_base: int = 0


# KYC numbers are stored encrypted, as the API stores them (core.crypto.FieldCipher.encrypt).
Encrypt = Callable[[str], str]


class PeopleFactory:
    """Accounts are numbered staff first, then one owner per reseller, then one per app user."""

    def __init__(
        self,
        rnd: random.Random,
        names: list[Names],
        timeline: Timeline,
        role_ids: dict[SystemRole, int],
        password_hash: str,
        starts: Starts,
        encrypt: Encrypt,
    ) -> None:
        self.random, self.names, self.timeline = rnd.random, names, timeline
        self.role_ids, self.password_hash, self.starts = role_ids, password_hash, starts
        self.people = People()
        self.encrypt = encrypt
        self.staff_count = sum(STAFF_PER_ROLE.values())

    def _person(self, country: int) -> tuple[str, str, str, str]:
        pool = self.names[country]
        first, first_slug = pick(self.random, pool.first)
        last, last_slug = pick(self.random, pool.last)
        return first, last, first_slug, last_slug

    def _phone(self, country: int, n: int) -> str:
        spec = COUNTRIES[country]
        prefix = pick(self.random, spec.phone_prefixes)
        return f"{prefix}{scramble(n, spec.phone_digits):0{spec.phone_digits}d}"

    def _address(self, country: int) -> tuple[str, str, str, str]:
        """(street line, city, state, postcode)."""
        spec, pool = COUNTRIES[country], self.names[country]
        street, number = pick(self.random, pool.streets), 1 + int(self.random() * 240)
        line = f"{number} {street}" if spec.number_first else f"{street} {number}"
        city, state = pick(self.random, spec.cities)
        return line, city, state, pick(self.random, pool.postcodes)

    def staff(self) -> list[Row]:
        """Staff accounts for every staff role."""
        rows: list[Row] = []
        account_id = self.starts.accounts
        joined = self.timeline.start - 400 * DAY
        for role, count in STAFF_PER_ROLE.items():
            for _ in range(count):
                first, last, first_slug, last_slug = self._person(pick(self.random, (0, 1)))
                email = f"{first_slug}.{last_slug}.{account_id}@example.com"
                seen = self.timeline.end - int(self.random() * 3 * DAY)
                rows.append(
                    (account_id, "staff", email, self.password_hash, first, last, None,
                     self.role_ids[role], None, None, True, False, False, seen, joined, joined,
                     seen)
                )  # fmt: skip
                self.people.staff_ids.setdefault(role, []).append(account_id)
                account_id += 1
        return rows

    def resellers(self, count: int, plans: list[Plan]) -> tuple[list[Row], list[Row], list[Row]]:
        """Resellers, their owners' accounts and their clients."""
        random_, people = self.random, self.people
        role, admins = self.role_ids[SystemRole.reseller_owner], people.staff_ids[SystemRole.admin]
        resellers: list[Row] = []
        accounts: list[Row] = []
        clients: list[Row] = []
        client_id = self.starts.clients
        for index in range(count):
            reseller_id = self.starts.resellers + index
            account_id = self.starts.accounts + self.staff_count + index
            country = pick(random_, COUNTRY_WHEEL)
            first, last, _, _ = self._person(country)
            line, city, state, postcode = self._address(country)
            business = pick(random_, BUSINESS_NAMES).format(city=city, last=last)
            email = f"sales.{reseller_id}@{slug(business)}.com"
            # The first reseller is always active, so reseller orders always have a seller.
            status = "active" if index == 0 else pick(random_, RESELLER_STATUS)
            reason = pick(random_, SUSPENSION_REASONS) if status == "suspended" else ""
            credit = pick(random_, (5_000, 10_000, 25_000, 50_000)) * 100
            commission = pick(random_, (500, 750, 1_000, 1_250, 1_500))
            joined = self.timeline.start - (60 + int(random_() * 400)) * DAY
            phone = self._phone(country, reseller_id)
            resellers.append(
                (reseller_id, business, f"{first} {last}", email, phone, line, city, state,
                 COUNTRIES[country].name, status, reason, credit, int(random_() * credit * 0.6),
                 commission, "USD", pick(random_, admins), joined, joined)
            )  # fmt: skip
            accounts.append(
                (account_id, "reseller", email, self.password_hash, first, last, phone, role,
                 reseller_id, None, status != "suspended", False, False,
                 self.timeline.end - int(random_() * 20 * DAY), joined, joined, joined)
            )  # fmt: skip
            address = f"{line}, {postcode} {city}, {COUNTRIES[country].name}"
            people.reseller_refs.append(
                Reseller(reseller_id, account_id, country, address, commission)
            )
            size = 0 if status == "pending" else pick(random_, RESELLER_SIZE)
            for _ in range(CLIENTS_PER_RESELLER):
                clients.append(self._client(client_id, reseller_id, country, joined, plans))
                people.client_wheel.extend([(index, client_id)] * size)
                client_id += 1
        people.user_account_base = self.starts.accounts + self.staff_count + count
        return resellers, accounts, clients

    def _client(
        self, client_id: int, reseller_id: int, country: int, joined: int, plans: list[Plan]
    ) -> Row:
        random_ = self.random
        first, last, first_slug, last_slug = self._person(country)
        domain = pick(random_, COUNTRIES[country].email_domains)
        limit = pick(random_, (0, 0, 5, 10, 20))
        usage = int(random_() * limit)
        period = date.fromordinal(self.timeline.month_start_ordinal) if usage else None
        created = joined + int(random_() * (self.timeline.start - joined))
        email = f"{first_slug}.{last_slug}{client_id}@{domain}"
        return (
            client_id, reseller_id, f"{first} {last}", email, self._phone(country, client_id),
            pick(random_, plans).id if random_() < 0.6 else None, pick(random_, CLIENT_STATUS),
            limit, usage, period, created, created,
        )  # fmt: skip

    def users(self, first: int, stop: int, count: int) -> tuple[list[Row], list[Row]]:
        """App users [first, stop) of `count`, with their accounts; call after `resellers`."""
        random_, timeline, people = self.random, self.timeline, self.people
        role = self.role_ids[SystemRole.customer]
        born_from = date(1950, 1, 1).toordinal()
        users: list[Row] = []
        accounts: list[Row] = []
        for index in range(first, stop):
            user_id, account_id = self.starts.users + index, people.user_account_base + index
            country = pick(random_, COUNTRY_WHEEL)
            spec = COUNTRIES[country]
            first_name, last, first_slug, last_slug = self._person(country)
            email = f"{first_slug}.{last_slug}{user_id}@{pick(random_, spec.email_domains)}"
            phone = self._phone(country, user_id)
            line, city, state, postcode = self._address(country)
            status = pick(random_, USER_STATUS)
            # Orders pick users whose position is at most their own (see OrderFactory), so a
            # user placed on the same growth curve, a few days earlier, exists before ordering.
            created = timeline.at(index / count) - int(random_() * 30 * DAY)
            verified = created + int(random_() * HOUR)
            document, number = "", ""
            if status != "pending_verification" or random_() < 0.5:
                document = pick(random_, spec.documents)
                number = self.encrypt(
                    f"{pick(random_, LETTERS)}{pick(random_, LETTERS)}{int(random_() * 1e7):07d}"
                )
            users.append(
                (user_id, f"{first_name} {last}", email, phone, line, city, state, postcode,
                 date.fromordinal(born_from + int(random_() * 20_000)), document, number,
                 status, pick(random_, BLOCK_REASONS) if status == "blocked" else "",
                 verified, verified + 5 * MINUTE if status != "pending_verification" else None,
                 created, verified)
            )  # fmt: skip
            accounts.append(
                (account_id, "public", email, self.password_hash, first_name, last, phone, role,
                 None, user_id, status != "blocked", False, False,
                 created + int(random_() * (timeline.end - created)), created, created, verified)
            )  # fmt: skip
            people.user_country.append(country)
            people.user_address.append(f"{line}, {postcode} {city}, {spec.name}")
        return users, accounts
