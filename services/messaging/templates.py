"""Message templates by name. Variables are `{name}` placeholders; a missing one is an error
at render time, never a message sent with a hole in it.

These are the defaults; staff may override a template's subject and body, stored in system
settings as `notifications.template.<channel>.<name>`, using only the template's own variables
and keeping the ones the message is useless without. The notifier sends the override when one
is stored and still valid."""

from __future__ import annotations

import re
from dataclasses import dataclass
from string import Formatter
from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import NotFound, ValidationFailed
from models import Channel, SettingType, SystemSetting
from services import audit, settings

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass(frozen=True)
class Template:
    subject: str
    body: str
    # Variables an override may not drop: a reset email without its link is no email at all.
    required: frozenset[str] = frozenset()

    def variables(self) -> set[str]:
        return {
            name
            for text in (self.subject, self.body)
            for _, name, _, _ in Formatter().parse(text)
            if name
        }

    def render(self, context: dict[str, str]) -> tuple[str, str]:
        missing = self.variables() - context.keys()
        if missing:
            raise KeyError(f"template variables missing: {', '.join(sorted(missing))}")
        # A value with a line break (a name, say) must not break the subject header in two.
        subject = " ".join(self.subject.format_map(context).splitlines())
        return subject, self.body.format_map(context)


EMAIL: dict[str, Template] = {
    "password_reset": Template(
        "Reset your simdesk password",
        "Hello {name},\n\nSomeone asked to reset the password of your simdesk account. If it was "
        "you, open this link within an hour:\n\n{link}\n\nIf it was not you, ignore this email: "
        "your password stays as it is.",
        frozenset({"link"}),
    ),
    "email_verification": Template(
        "Confirm your email address",
        "Hello {name},\n\nWelcome to simdesk. Confirm your email address by opening this link "
        "within 24 hours:\n\n{link}",
        frozenset({"link"}),
    ),
    "registration_attempt": Template(
        "Someone tried to register with your email",
        "Hello,\n\nSomeone tried to create a simdesk account with this email address, which "
        "already has one. If it was you, log in or reset your password instead. Otherwise you "
        "can ignore this email.",
    ),
    "registration_phone_taken": Template(
        "We could not finish your registration",
        "Hello {name},\n\nThe phone number you gave is already registered to another account. "
        "Contact support if it is yours.",
    ),
    "order_confirmed": Template(
        "Order {order_number} confirmed",
        "Hello {name},\n\nThank you for your order {order_number}: {plan_name}, "
        "{total} {currency}. We will let you know when it is on its way.",
        frozenset({"order_number"}),
    ),
    "order_dispatched": Template(
        "Your SIM for order {order_number} is on its way",
        "Hello {name},\n\nYour SIM card was handed to {courier}. Tracking number: "
        "{tracking_number}.",
        frozenset({"order_number", "tracking_number"}),
    ),
    "order_delivered": Template(
        "Order {order_number} delivered",
        "Hello {name},\n\nYour SIM card was delivered. Insert it and it activates on the "
        "network within minutes.",
        frozenset({"order_number"}),
    ),
    "esim_ready": Template(
        "Your eSIM for order {order_number} is ready",
        "Hello {name},\n\nScan the QR code in your phone's settings (Mobile data > Add eSIM), "
        "or enter this activation code by hand:\n\n{activation_code}",
        frozenset({"order_number", "activation_code"}),
    ),
    "activation_reminder": Template(
        "Your SIM for order {order_number} is not active yet",
        "Hello {name},\n\nYour {plan_name} SIM is waiting to be activated. Reply to this "
        "email if anything is in the way.",
        frozenset({"order_number"}),
    ),
    "order_cancelled": Template(
        "Order {order_number} cancelled",
        "Hello {name},\n\nYour order {order_number} was cancelled: {reason}. Nothing was "
        "charged to your card.",
        frozenset({"order_number"}),
    ),
    "refund_issued": Template(
        "Refund for order {order_number}",
        "Hello {name},\n\nWe refunded {amount} {currency} for order {order_number}. It "
        "reaches your account within 5 to 10 business days.",
        frozenset({"order_number", "amount"}),
    ),
}

SMS: dict[str, Template] = {
    "phone_verification": Template(
        "",
        "Your simdesk verification code is {code}. It expires in 10 minutes.",
        frozenset({"code"}),
    ),
    "order_confirmed": Template(
        "", "simdesk: order {order_number} is confirmed.", frozenset({"order_number"})
    ),
    "order_dispatched": Template(
        "",
        "simdesk: your SIM ({order_number}) is on its way with {courier}, tracking "
        "{tracking_number}.",
        frozenset({"order_number"}),
    ),
}

BY_CHANNEL: dict[Channel, dict[str, Template]] = {Channel.email: EMAIL, Channel.sms: SMS}

# What a preview fills in for variables the caller gives no value for.
SAMPLE_VALUES: dict[str, str] = {
    "name": "Alex Example",
    "link": "https://simdesk.example/reset?token=sample-token",
    "code": "123456",
    "order_number": "ORD-2026-000042",
    "plan_name": "Travel 10 GB",
    "total": "25.99",
    "currency": "USD",
    "amount": "10.00",
    "courier": "DHL",
    "tracking_number": "JD014600006281",
    "activation_code": "LPA:1$smdp.example.com$ABCDEF123456",
    "reason": "not paid in time",
}


def sample_context(template: Template) -> dict[str, str]:
    return {name: SAMPLE_VALUES.get(name, f"<{name}>") for name in template.variables()}


def placeholder_problems(text: str, allowed: set[str]) -> tuple[list[str], list[str]]:
    """(unknown variables, other problems) of a subject or body written by staff. Only plain
    `{name}` placeholders pass: attribute or index access (`{name.__class__}`), conversions and
    format specs are refused, so an override can only ever insert a variable's value."""
    try:
        fields = [(name, spec, conv) for _, name, spec, conv in Formatter().parse(text)]
    except ValueError as exc:
        return [], [f"{exc} (write a literal brace as {{{{ or }}}})"]
    unknown: list[str] = []
    problems: list[str] = []
    for name, spec, conversion in fields:
        if name is None:
            continue
        if not _IDENTIFIER.fullmatch(name):
            problems.append(f"{{{name}}} is not a plain variable name")
        elif spec or conversion:
            problems.append(f"{{{name}}} may not carry a format or conversion")
        elif name not in allowed and name not in unknown:
            unknown.append(name)
    return unknown, problems


# --- overrides, stored in system settings ------------------------------------------------


def template_key(channel: Channel, name: str) -> str:
    return f"notifications.template.{channel.value}.{name}"


def default_template(channel: Channel, name: str) -> Template:
    template = BY_CHANNEL[channel].get(name)
    if template is None:
        raise NotFound(f"No {channel.value} template named {name!r}.")
    return template


@dataclass(frozen=True)
class TemplateView:
    channel: Channel
    name: str
    default: Template
    override: Template | None

    @property
    def effective(self) -> Template:
        return self.override or self.default


def _override_from(stored: Any, default: Template) -> Template | None:
    if not isinstance(stored, dict):
        return None
    override = Template(
        str(stored.get("subject", "")), str(stored.get("body", "")), default.required
    )
    return override if not _template_problems(default, override, "") else None


async def list_templates(db: AsyncSession) -> list[TemplateView]:
    names = [(c, n) for c, by_name in BY_CHANNEL.items() for n in by_name]
    rows = await settings.rows_by_key(db, [template_key(c, n) for c, n in names])
    views = []
    for channel, name in names:
        default = BY_CHANNEL[channel][name]
        row = rows.get(template_key(channel, name))
        override = _override_from(row.setting_value, default) if row else None
        views.append(TemplateView(channel, name, default, override))
    return views


async def template_view(db: AsyncSession, channel: Channel, name: str) -> TemplateView:
    default = default_template(channel, name)
    key = template_key(channel, name)
    row = (await settings.rows_by_key(db, [key])).get(key)
    override = _override_from(row.setting_value, default) if row else None
    return TemplateView(channel, name, default, override)


async def effective_template(db: AsyncSession, channel: Channel, name: str) -> Template:
    """What the notifier sends: the override when one is stored and still valid."""
    view = await template_view(db, channel, name)
    return view.effective


def _template_problems(
    default: Template, draft: Template, prefix: str = "body."
) -> list[dict[str, str]]:
    allowed = default.variables()
    problems: list[dict[str, str]] = []
    for part, text in (("subject", draft.subject), ("body", draft.body)):
        unknown, other = placeholder_problems(text, allowed)
        if unknown:
            problems.append(
                {
                    "field": f"{prefix}{part}",
                    "message": f"unknown variable(s): {', '.join(unknown)}; "
                    f"allowed: {', '.join(sorted(allowed)) or 'none'}",
                    "type": "unknown_variable",
                }
            )
        problems += [
            {"field": f"{prefix}{part}", "message": m, "type": "invalid_placeholder"} for m in other
        ]
    # Only once both parse: variables() cannot read a malformed placeholder.
    dropped = sorted(default.required - draft.variables()) if not problems else []
    if dropped:
        problems.append(
            {
                "field": f"{prefix}body",
                "message": f"must keep the variable(s): {', '.join(dropped)}",
                "type": "missing_variable",
            }
        )
    return problems


def check_draft(channel: Channel, default: Template, subject: str, body: str) -> Template:
    draft = Template(subject, body, default.required)
    problems = _template_problems(default, draft)
    if channel is Channel.sms and subject:
        problems.insert(
            0, {"field": "body.subject", "message": "SMS has no subject", "type": "sms_subject"}
        )
    if channel is Channel.email and not subject:
        problems.insert(
            0, {"field": "body.subject", "message": "an email needs a subject", "type": "missing"}
        )
    if problems:
        unknown = [p for p in problems if p["type"] == "unknown_variable"]
        message = (
            "The template uses variables it does not have."
            if unknown
            else "The template is not valid."
        )
        raise ValidationFailed(message, details=problems, code="invalid_template")
    return draft


async def override_template(
    db: AsyncSession, actor: audit.Actor, channel: Channel, name: str, subject: str, body: str
) -> TemplateView:
    view = await template_view(db, channel, name)
    draft = check_draft(channel, view.default, subject, body)
    await settings.upsert(
        db, actor, template_key(channel, name), {"subject": subject, "body": body},
        SettingType.json, settings.Group.notifications,
        description=f"Override of the {name} {channel.value} template",
    )  # fmt: skip
    await audit.record(
        db, actor, "settings.template_overridden", "notification_template", f"{channel}.{name}",
        before=_template_snapshot(view.effective), after=_template_snapshot(draft),
    )  # fmt: skip
    return TemplateView(channel, name, view.default, draft)


async def reset_template(db: AsyncSession, actor: audit.Actor, channel: Channel, name: str) -> None:
    view = await template_view(db, channel, name)
    deleted = await db.execute(
        delete(SystemSetting)
        .where(SystemSetting.setting_key == template_key(channel, name))
        .returning(SystemSetting.id)
    )
    if deleted.first() is None:
        return
    await audit.record(
        db, actor, "settings.template_reset", "notification_template", f"{channel}.{name}",
        before=_template_snapshot(view.effective), after=_template_snapshot(view.default),
    )  # fmt: skip


def _template_snapshot(template: Template) -> dict[str, str]:
    return {"subject": template.subject, "body": template.body}


async def preview(
    db: AsyncSession,
    channel: Channel,
    name: str,
    *,
    subject: str | None,
    body: str | None,
    context: dict[str, str],
) -> tuple[str, str]:
    """Render a draft (or the template as it is now) with the given values, sample values
    standing in for the rest. Nothing is saved."""
    view = await template_view(db, channel, name)
    template = view.effective
    if subject is not None or body is not None:
        template = check_draft(
            channel,
            view.default,
            template.subject if subject is None else subject,
            template.body if body is None else body,
        )
    unknown = sorted(set(context) - view.default.variables())
    if unknown:
        raise ValidationFailed(
            f"Unknown variable(s) in the context: {', '.join(unknown)}.",
            code="invalid_template",
            details=[
                {
                    "field": f"body.context.{key}",
                    "message": f"not a variable of this template; allowed: "
                    f"{', '.join(sorted(view.default.variables())) or 'none'}",
                    "type": "unknown_variable",
                }
                for key in unknown
            ],
        )
    return template.render({**sample_context(template), **context})
