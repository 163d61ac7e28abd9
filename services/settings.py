"""System settings: a registry of the known keys, each with its type, group, default and
validation. Rows in `system_settings` hold only what staff changed; an unset key reads as its
default, and resetting a key (null) deletes its row. services/pricing.py and
services/inventory.py read `pricing.*` and `inventory.low_stock_thresholds` directly, so
these key names are a contract.

Notification template overrides are stored here too (`notifications.template.<channel>.<name>`)
but checked and read by services/messaging/templates.py."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    EmailStr,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)
from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import AppError, ValidationFailed
from core.validators import e164
from models import SettingType, SystemSetting
from services import audit

logger = logging.getLogger("simdesk.settings")


class Group(StrEnum):
    general = "general"
    pricing = "pricing"
    notifications = "notifications"
    branding = "branding"
    inventory = "inventory"


def _places(places: int) -> AfterValidator:
    def check(value: float) -> float:
        exponent = Decimal(str(value)).as_tuple().exponent
        if isinstance(exponent, int) and exponent < -places:
            raise ValueError(f"must have at most {places} decimal places")
        return value

    return AfterValidator(check)


def _timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("must be an IANA time zone, e.g. Europe/Lisbon") from None
    return value


Money = Annotated[float, Field(ge=0, le=1000, allow_inf_nan=False), _places(2)]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False), _places(3)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$"), AfterValidator(str.lower)]
Provider = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Thresholds = Annotated[
    dict[Provider, Annotated[int, Field(ge=0, le=1_000_000)]], Field(max_length=500)
]


@dataclass(frozen=True)
class Definition:
    key: str
    type: SettingType
    default: Any
    description: str
    adapter: TypeAdapter[Any]
    is_public: bool = False
    # False: set through its own endpoint (the logo is uploaded, not typed in).
    writable: bool = True

    @property
    def group(self) -> Group:
        return Group(self.key.split(".", 1)[0])

    @property
    def name(self) -> str:
        return self.key.split(".", 1)[1]


def _define(
    key: str, kind: SettingType, annotation: Any, default: Any, description: str, **flags: bool
) -> Definition:
    return Definition(key, kind, default, description, TypeAdapter(annotation), **flags)


_S, _N, _B, _J = SettingType.string, SettingType.number, SettingType.boolean, SettingType.json
REGISTRY: dict[str, Definition] = {
    d.key: d
    for d in (
        _define("general.company_name", _S, Text, "simdesk", "Shown in the panel and emails",
                is_public=True),
        _define("general.support_email", _S, EmailStr, "support@example.com",
                "Where customers are told to write", is_public=True),
        _define("general.support_phone", _S, Annotated[str | None, AfterValidator(e164)], None,
                "Support line in E.164, or null"),
        _define("general.timezone", _S, Annotated[str, AfterValidator(_timezone)], "UTC",
                "Time zone of reports and dates shown to staff"),
        _define("pricing.tax_rate", _N, Percent, 0, "Tax in percent on new orders"),
        _define("pricing.delivery_fee", _N, Money, 0, "Added to new physical SIM orders"),
        _define("pricing.service_charge", _N, Money, 0, "Added to every new order"),
        _define("notifications.email_enabled", _B, bool, True,
                "Send optional notifications by email (account emails always go)"),
        _define("notifications.sms_enabled", _B, bool, True,
                "Send optional notifications by SMS (verification codes always go)"),
        _define("notifications.order_updates", _B, bool, True,
                "Tell customers when their order changes status"),
        _define("notifications.low_stock_alerts", _B, bool, True,
                "Alert staff when a provider's stock falls below its threshold"),
        _define("branding.primary_color", _S, Colour, "#1f6feb", "Main colour, #RRGGBB",
                is_public=True),
        _define("branding.logo_file_id", _N, int | None, None,
                "Uploaded with POST /api/settings/branding/logo/", is_public=True, writable=False),
        _define("inventory.low_stock_thresholds", _J, Thresholds, {},
                "In-stock count below which a provider is low, by provider ('*': any other)"),
    )
}  # fmt: skip


@dataclass(frozen=True)
class SettingView:
    definition: Definition
    value: Any
    is_default: bool
    updated_at: datetime | None
    updated_by_id: int | None


async def rows_by_key(
    db: AsyncSession, keys: Sequence[str], *, lock: bool = False
) -> dict[str, SystemSetting]:
    query = select(SystemSetting).where(SystemSetting.setting_key.in_(keys))
    if lock:
        query = query.with_for_update()
    # populate_existing: rows re-read after an upsert in the same session show the new values.
    rows = await db.scalars(query.execution_options(populate_existing=True))
    return {row.setting_key: row for row in rows}


def _view(definition: Definition, row: SystemSetting | None) -> SettingView:
    if row is None:
        return SettingView(definition, definition.default, True, None, None)
    return SettingView(definition, row.setting_value, False, row.updated_at, row.updated_by_id)


async def current(db: AsyncSession, group: Group | None = None) -> list[SettingView]:
    """Every known setting (of one group), in registry order; unset ones at their default."""
    definitions = [d for d in REGISTRY.values() if group is None or d.group is group]
    rows = await rows_by_key(db, [d.key for d in definitions])
    return [_view(d, rows.get(d.key)) for d in definitions]


async def public_values(db: AsyncSession) -> dict[str, Any]:
    """What the login page may know before anyone logs in."""
    definitions = [d for d in REGISTRY.values() if d.is_public]
    rows = await rows_by_key(db, [d.key for d in definitions])
    return {d.key: _view(d, rows.get(d.key)).value for d in definitions}


async def value_of(db: AsyncSession, key: str) -> Any:
    definition = REGISTRY[key]
    return _view(definition, (await rows_by_key(db, [key])).get(key)).value


def validate(definition: Definition, value: Any) -> Any:
    """The value as stored (JSON), or ValidationError. Strict: "5" is not a number."""
    parsed = definition.adapter.validate_python(value, strict=True)
    return definition.adapter.dump_python(parsed, mode="json")


async def update_group(
    db: AsyncSession, actor: audit.Actor, group: Group, changes: dict[str, Any]
) -> list[SettingView]:
    """Validate every change first, then write them all: a PATCH lands whole or not at all.
    A null resets the key to its default."""
    if not changes:
        raise ValidationFailed("Send at least one setting to change.", code="empty_update")
    writable = {d.name: d for d in REGISTRY.values() if d.group is group and d.writable}
    unknown = sorted(set(changes) - set(writable))
    if unknown:
        raise AppError(
            f"Unknown {group.value} setting(s): {', '.join(unknown)}.",
            code="unknown_setting",
            details={"unknown": unknown, "allowed": sorted(writable)},
        )
    values: dict[str, Any] = {}
    problems: list[dict[str, Any]] = []
    for name, raw in changes.items():
        if raw is None:
            values[writable[name].key] = None
            continue
        try:
            values[writable[name].key] = validate(writable[name], raw)
        except ValidationError as exc:
            problems += [
                {
                    "field": ".".join(["body", name, *(str(p) for p in err["loc"])]),
                    "message": err["msg"],
                    "type": err["type"],
                }
                for err in exc.errors()
            ]
    if problems:
        raise ValidationFailed(
            "Some settings are not valid; nothing was changed.", details=problems
        )
    await _write(db, actor, "settings.updated", group.value, values)
    return await current(db, group)


async def set_value(db: AsyncSession, actor: audit.Actor, key: str, value: Any) -> None:
    """Set one key from a service (the uploaded logo's id), audited like any change."""
    definition = REGISTRY[key]
    stored = None if value is None else validate(definition, value)
    await _write(db, actor, "settings.updated", definition.group.value, {key: stored})


async def _write(
    db: AsyncSession, actor: audit.Actor, action: str, entity_id: str, values: dict[str, Any]
) -> None:
    # Locked, so two concurrent PATCHes cannot both audit the same "before".
    rows = await rows_by_key(db, list(values), lock=True)
    before = {key: _view(REGISTRY[key], rows.get(key)).value for key in values}
    after = {key: REGISTRY[key].default if v is None else v for key, v in values.items()}
    for key, value in values.items():
        if value is None:
            await db.execute(delete(SystemSetting).where(SystemSetting.setting_key == key))
        else:
            definition = REGISTRY[key]
            await upsert(
                db, actor, key, value, definition.type, definition.group,
                description=definition.description, is_public=definition.is_public,
            )  # fmt: skip
    if before != after:
        await audit.record(db, actor, action, "settings", entity_id, before=before, after=after)


async def upsert(
    db: AsyncSession,
    actor: audit.Actor,
    key: str,
    value: Any,
    kind: SettingType,
    group: Group,
    *,
    description: str = "",
    is_public: bool = False,
) -> None:
    fields = {
        "setting_value": value,
        "setting_type": kind,
        "group": group.value,
        "description": description,
        "is_public": is_public,
        "updated_by_id": actor.account_id,
    }
    statement = insert(SystemSetting).values(setting_key=key, **fields)
    await db.execute(
        statement.on_conflict_do_update(
            index_elements=[SystemSetting.setting_key],
            set_={**fields, "updated_at": func.now()},
        )
    )
