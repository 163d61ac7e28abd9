"""Message templates by name, rendered with Jinja2 (services/messaging/rendering.py):
`{{ name }}` inserts a variable; a missing one is an error at render time, never a message sent
with a hole in it.

These are the defaults; staff may override a template's subject and body, stored in system
settings as `notifications.template.<channel>.<name>`, using only the template's own variables
and keeping the ones the message is useless without. The notifier sends the override when one
is stored and still valid."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import NotFound, ValidationFailed
from models import Channel, SettingType, SystemSetting
from services import audit, settings
from services.messaging import rendering


@dataclass(frozen=True)
class Template:
    subject: str
    body: str
    # Variables an override may not drop: a reset email without its link is no email at all.
    required: frozenset[str] = frozenset()
    # Used by the system itself (a campaign's staff-written email): never listed, overridden or
    # previewed in the settings, and always sent as it is.
    internal: bool = False

    def variables(self) -> set[str]:
        return set(rendering.variables(self.subject) | rendering.variables(self.body))

    def render(self, context: Mapping[str, str]) -> tuple[str, str]:
        # Checked up front: a variable read only in a branch not taken must be given too.
        missing = self.variables() - context.keys()
        if missing:
            raise rendering.RenderFailed(
                f"template variables missing: {', '.join(sorted(missing))}"
            )
        return (
            rendering.render_subject(self.subject, context),
            rendering.render(self.body, context),
        )


EMAIL: dict[str, Template] = {
    "password_reset": Template(
        "Reset your simdesk password",
        "Hello {{ name }},\n\nSomeone asked to reset the password of your simdesk account. If it "
        "was you, open this link within an hour:\n\n{{ link }}\n\nIf it was not you, ignore this "
        "email: your password stays as it is.",
        frozenset({"link"}),
    ),
    "email_verification": Template(
        "Confirm your email address",
        "Hello {{ name }},\n\nWelcome to simdesk. Confirm your email address by opening this link "
        "within 24 hours:\n\n{{ link }}",
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
        "Hello {{ name }},\n\nThe phone number you gave is already registered to another account. "
        "Contact support if it is yours.",
    ),
    "order_confirmed": Template(
        "Order {{ order_number }} confirmed",
        "Hello {{ name }},\n\nThank you for your order {{ order_number }}: {{ plan_name }}, "
        "{{ total }} {{ currency }}. We will let you know when it is on its way.",
        frozenset({"order_number"}),
    ),
    "order_dispatched": Template(
        "Your SIM for order {{ order_number }} is on its way",
        "Hello {{ name }},\n\nYour SIM card was handed to {{ courier }}. Tracking number: "
        "{{ tracking_number }}.",
        frozenset({"order_number", "tracking_number"}),
    ),
    "order_delivered": Template(
        "Order {{ order_number }} delivered",
        "Hello {{ name }},\n\nYour SIM card was delivered. Insert it and it activates on the "
        "network within minutes.",
        frozenset({"order_number"}),
    ),
    "esim_ready": Template(
        "Your eSIM for order {{ order_number }} is ready",
        "Hello {{ name }},\n\nScan the QR code in your phone's settings (Mobile data > Add eSIM), "
        "or enter this activation code by hand:\n\n{{ activation_code }}",
        frozenset({"order_number", "activation_code"}),
    ),
    "activation_reminder": Template(
        "Your SIM for order {{ order_number }} is not active yet",
        "Hello {{ name }},\n\nYour {{ plan_name }} SIM is waiting to be activated. Reply to this "
        "email if anything is in the way.",
        frozenset({"order_number"}),
    ),
    "order_cancelled": Template(
        "Order {{ order_number }} cancelled",
        "Hello {{ name }},\n\nYour order {{ order_number }} was cancelled: {{ reason }}. Nothing "
        "was charged to your card.",
        frozenset({"order_number"}),
    ),
    "refund_issued": Template(
        "Refund for order {{ order_number }}",
        "Hello {{ name }},\n\nWe refunded {{ amount }} {{ currency }} for order "
        "{{ order_number }}. It reaches your account within 5 to 10 business days.",
        frozenset({"order_number", "amount"}),
    ),
    "report_ready": Template(
        "Report ready: {{ report_name }}",
        "Hello,\n\nThe report {{ report_name }} for {{ period }} is ready: {{ file_name }} "
        "({{ rows }} rows).\n\nDownload it within 7 days (no login needed; do not forward "
        "it to anyone who should not see it):\n\n{{ link }}",
        frozenset({"link"}),
    ),
    "reseller_welcome": Template(
        "{{ business_name }} is live on simdesk",
        "Hello {{ name }},\n\n{{ business_name }} was approved: you can sell from today. Your API "
        "key is below; send it as the X-API-Key header. It is shown only in this email, so keep "
        "it somewhere safe (you can revoke it and create others in the panel).\n\n{{ api_key }}"
        '\n\nTo sign in to the panel at {{ link }}, choose "Forgot password" with this address.',
        frozenset({"api_key"}),
    ),
    "reseller_onboarding_closed": Template(
        "Your simdesk reseller application",
        "Hello {{ name }},\n\nWe could not approve {{ business_name }} as a reseller: "
        "{{ reason }}. Reply to this email if you would like to apply again.",
        frozenset({"reason"}),
    ),
    # Staff-written emails (campaigns): subject and body are rendered before they get here.
    "custom_email": Template(
        "{{ subject }}", "{{ body }}", frozenset({"subject", "body"}), internal=True
    ),
}

SMS: dict[str, Template] = {
    "phone_verification": Template(
        "",
        "Your simdesk verification code is {{ code }}. It expires in 10 minutes.",
        frozenset({"code"}),
    ),
    "order_confirmed": Template(
        "", "simdesk: order {{ order_number }} is confirmed.", frozenset({"order_number"})
    ),
    "order_dispatched": Template(
        "",
        "simdesk: your SIM ({{ order_number }}) is on its way with {{ courier }}, tracking "
        "{{ tracking_number }}.",
        frozenset({"order_number"}),
    ),
}

BY_CHANNEL: dict[Channel, dict[str, Template]] = {Channel.email: EMAIL, Channel.sms: SMS}

# What a preview fills in for variables the caller gives no value for, and what a draft must
# render with before it is saved.
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
    "report_name": "Daily sales",
    "period": "2026-03-01 to 2026-03-01",
    "file_name": "report-42-sales-2026-03-01-2026-03-01.csv",
    "rows": "128",
    "business_name": "Nimbus Mobile",
    "api_key": "sdk_sample-key",
    "subject": "A word from simdesk",
    "body": "Hello,\n\nThe body of the email.",
}


def sample_context(template: Template) -> dict[str, str]:
    return {name: SAMPLE_VALUES.get(name, f"<{name}>") for name in template.variables()}


# --- overrides, stored in system settings ------------------------------------------------


def template_key(channel: Channel, name: str) -> str:
    return f"notifications.template.{channel.value}.{name}"


def default_template(channel: Channel, name: str) -> Template:
    """The default of a template staff may override."""
    template = BY_CHANNEL[channel].get(name)
    if template is None or template.internal:
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
    return override if not _template_problems(default, override) else None


async def list_templates(db: AsyncSession) -> list[TemplateView]:
    names = [
        (c, n) for c, by_name in BY_CHANNEL.items() for n, t in by_name.items() if not t.internal
    ]
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
    default = BY_CHANNEL[channel][name]
    if default.internal:
        return default
    view = await template_view(db, channel, name)
    return view.effective


def _template_problems(default: Template, draft: Template) -> list[dict[str, str]]:
    sample = sample_context(default)
    problems = [
        problem
        for part, text in (("subject", draft.subject), ("body", draft.body))
        for problem in rendering.problems(f"body.{part}", text, sample)
    ]
    # Only once both parse: variables() cannot read a malformed template.
    dropped = sorted(default.required - draft.variables()) if not problems else []
    if dropped:
        problems.append(
            {
                "field": "body.body",
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
        raise ValidationFailed(_summary(problems), details=problems, code="invalid_template")
    return draft


def _summary(problems: list[dict[str, str]]) -> str:
    by_type = {p["type"]: p for p in reversed(problems)}  # the first of each type
    if "unknown_variable" in by_type:
        return "The template uses variables it does not have."
    if syntax := by_type.get("syntax_error"):
        part = syntax["field"].removeprefix("body.")
        return f"The template's {part} has a syntax error on {syntax['message'].rstrip('.')}."
    return "The template is not valid."


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
    try:
        return template.render({**sample_context(template), **context})
    except rendering.RenderFailed as exc:  # the values given do not fit a filter, say
        raise ValidationFailed(
            f"The template does not render with these values: {exc}",
            code="invalid_template",
            details=[{"field": "body.context", "message": str(exc), "type": "render_error"}],
        ) from exc
