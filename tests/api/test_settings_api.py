"""System settings: typed, grouped, validated whole-or-nothing, audited; the public subset; and
notification template overrides, their preview and their use by the notifier."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import AuditLog, Channel, OutboundMessage, SystemSetting
from models.identity import SystemRole
from services import inventory, pricing
from services.messaging.notifier import OutboxNotifier
from tests.factories import login_headers, make_staff

RESET_BODY = "Hi {{ name }}, reset here: {{ link }}"


async def _admin(client: AsyncClient, db: AsyncSession) -> dict[str, str]:
    return await login_headers(client, await make_staff(db, SystemRole.admin))


async def _stored(db: AsyncSession, prefix: str) -> dict[str, Any]:
    rows = await db.execute(
        select(SystemSetting.setting_key, SystemSetting.setting_value)
        .where(SystemSetting.setting_key.startswith(prefix))
        .execution_options(populate_existing=True)
    )
    return {key: value for key, value in rows}


async def _audit(db: AsyncSession, entity_type: str) -> list[tuple[str, str, Any, Any]]:
    rows = await db.scalars(
        select(AuditLog).where(AuditLog.entity_type == entity_type).order_by(AuditLog.id)
    )
    return [(a.action, a.entity_id, a.before, a.after) for a in rows]


def _values(group: list[dict[str, Any]]) -> dict[str, Any]:
    return {s["name"]: s["value"] for s in group}


async def test_every_group_reads_its_defaults_until_set(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    response = await client.get("/api/settings/", headers=auth)
    assert response.status_code == 200, response.text
    body = response.json()
    assert list(body) == ["general", "pricing", "notifications", "branding", "inventory"]
    assert {group: _values(settings) for group, settings in body.items()} == {
        "general": {
            "company_name": "simdesk",
            "support_email": "support@example.com",
            "support_phone": None,
            "timezone": "UTC",
        },
        "pricing": {"tax_rate": 0, "delivery_fee": 0, "service_charge": 0},
        "notifications": {
            "email_enabled": True,
            "sms_enabled": True,
            "order_updates": True,
            "low_stock_alerts": True,
        },
        "branding": {"primary_color": "#1f6feb", "logo_file_id": None},
        "inventory": {"low_stock_thresholds": {}},
    }
    tax = body["pricing"][0]
    assert {k: v for k, v in tax.items() if k != "description"} == {
        "key": "pricing.tax_rate",
        "name": "tax_rate",
        "type": "number",
        "value": 0,
        "default": 0,
        "is_default": True,
        "is_public": False,
        "writable": True,
        "updated_at": None,
        "updated_by_id": None,
    }
    assert [s["writable"] for s in body["branding"]] == [True, False]


async def test_patch_changes_a_group_and_is_audited(client: AsyncClient, db: AsyncSession) -> None:
    admin = await make_staff(db, SystemRole.admin)
    auth = await login_headers(client, admin)
    response = await client.patch(
        "/api/settings/pricing/", headers=auth, json={"tax_rate": 7.25, "delivery_fee": 4.99}
    )
    assert response.status_code == 200, response.text
    changed = {
        s["name"]: (s["value"], s["is_default"], s["updated_by_id"]) for s in response.json()
    }
    assert changed == {
        "tax_rate": (7.25, False, admin.id),
        "delivery_fee": (4.99, False, admin.id),
        "service_charge": (0, True, None),
    }
    # The pricing service reads the same keys.
    assert await pricing.pricing_settings(db) == {
        "pricing.delivery_fee": Decimal("4.99"),
        "pricing.service_charge": Decimal("0"),
        "pricing.tax_rate": Decimal("7.25"),
    }
    again = await client.patch("/api/settings/pricing/", headers=auth, json={"tax_rate": 8})
    assert _values(again.json())["tax_rate"] == 8
    row = (
        await db.scalars(
            select(SystemSetting).where(SystemSetting.setting_key == "pricing.tax_rate")
        )
    ).one()
    assert (row.group, row.setting_type.value, row.is_public) == ("pricing", "number", False)
    assert await _audit(db, "settings") == [
        (
            "settings.updated",
            "pricing",
            {"pricing.tax_rate": 0, "pricing.delivery_fee": 0},
            {"pricing.tax_rate": 7.25, "pricing.delivery_fee": 4.99},
        ),
        ("settings.updated", "pricing", {"pricing.tax_rate": 7.25}, {"pricing.tax_rate": 8}),
    ]


async def test_values_are_normalised_and_read_by_their_services(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    general = await client.patch(
        "/api/settings/general/",
        headers=auth,
        json={
            "company_name": "  Orbit SIMs  ",
            "support_phone": "+351 912 345 678",
            "timezone": "Europe/Lisbon",
        },
    )
    assert general.status_code == 200, general.text
    assert _values(general.json()) == {
        "company_name": "Orbit SIMs",
        "support_email": "support@example.com",
        "support_phone": "+351912345678",
        "timezone": "Europe/Lisbon",
    }
    colour = await client.patch(
        "/api/settings/branding/", headers=auth, json={"primary_color": "#A1B2C3"}
    )
    assert _values(colour.json())["primary_color"] == "#a1b2c3"
    flags = await client.patch(
        "/api/settings/notifications/", headers=auth, json={"sms_enabled": False}
    )
    assert _values(flags.json())["sms_enabled"] is False
    stock = await client.patch(
        "/api/settings/inventory/",
        headers=auth,
        json={"low_stock_thresholds": {"Vodafone": 3, "*": 10}},
    )
    assert stock.status_code == 200, stock.text
    assert await _stored(db, "inventory.") == {
        "inventory.low_stock_thresholds": {"Vodafone": 3, "*": 10}
    }
    assert await inventory.stock(db) == []  # no SIMs, but the setting parses where it is read


async def test_unknown_keys_are_refused_naming_the_allowed_ones(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    response = await client.patch(
        "/api/settings/pricing/", headers=auth, json={"tax_rate": 5, "vat": 20, "currency": "EUR"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unknown_setting"
    assert response.json()["error"]["message"] == "Unknown pricing setting(s): currency, vat."
    assert response.json()["error"]["details"] == {
        "unknown": ["currency", "vat"],
        "allowed": ["delivery_fee", "service_charge", "tax_rate"],
    }
    # The logo is uploaded, never typed in; a full key is not a name within the group.
    for group, body in (
        ("branding", {"logo_file_id": 1}),
        ("pricing", {"pricing.tax_rate": 5}),
    ):
        refused = await client.patch(f"/api/settings/{group}/", headers=auth, json=body)
        assert (refused.status_code, refused.json()["error"]["code"]) == (400, "unknown_setting")
    assert await _stored(db, "") == {}
    assert await _audit(db, "settings") == []


async def test_invalid_values_are_refused_and_nothing_is_written(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    cases: list[tuple[str, dict[str, Any], list[tuple[str, str]]]] = [
        ("pricing", {"tax_rate": 100.5}, [("body.tax_rate", "less_than_equal")]),
        ("pricing", {"tax_rate": -1}, [("body.tax_rate", "greater_than_equal")]),
        ("pricing", {"tax_rate": "7"}, [("body.tax_rate", "float_type")]),
        ("pricing", {"tax_rate": True}, [("body.tax_rate", "float_type")]),
        ("pricing", {"delivery_fee": 1000.01}, [("body.delivery_fee", "less_than_equal")]),
        ("pricing", {"delivery_fee": 4.999}, [("body.delivery_fee", "value_error")]),
        (
            # One good value next to a bad one: neither is written.
            "pricing",
            {"tax_rate": 5, "service_charge": -0.5, "delivery_fee": []},
            [
                ("body.service_charge", "greater_than_equal"),
                ("body.delivery_fee", "float_type"),
            ],
        ),
        ("general", {"company_name": "x" * 201}, [("body.company_name", "string_too_long")]),
        ("general", {"company_name": "   "}, [("body.company_name", "string_too_short")]),
        ("general", {"support_email": "not-an-email"}, [("body.support_email", "value_error")]),
        ("general", {"support_phone": "12"}, [("body.support_phone", "value_error")]),
        ("general", {"timezone": "Mars/Olympus"}, [("body.timezone", "value_error")]),
        ("general", {"timezone": "../../etc/passwd"}, [("body.timezone", "value_error")]),
        (
            "branding",
            {"primary_color": "red"},
            [("body.primary_color", "string_pattern_mismatch")],
        ),
        (
            "branding",
            {"primary_color": "#12345"},
            [("body.primary_color", "string_pattern_mismatch")],
        ),
        ("notifications", {"sms_enabled": "yes"}, [("body.sms_enabled", "bool_type")]),
        ("notifications", {"sms_enabled": 1}, [("body.sms_enabled", "bool_type")]),
        (
            "inventory",
            {"low_stock_thresholds": {"Vodafone": -1, "Orange": 2.5}},
            [
                ("body.low_stock_thresholds.Vodafone", "greater_than_equal"),
                ("body.low_stock_thresholds.Orange", "int_type"),
            ],
        ),
        (
            "inventory",
            {"low_stock_thresholds": [["Vodafone", 3]]},
            [("body.low_stock_thresholds", "dict_type")],
        ),
    ]
    for group, body, expected in cases:
        response = await client.patch(f"/api/settings/{group}/", headers=auth, json=body)
        assert response.status_code == 422, (body, response.text)
        error = response.json()["error"]
        assert error["code"] == "validation_error"
        assert [(d["field"], d["type"]) for d in error["details"]] == expected, body
    assert await _stored(db, "") == {}
    assert await _audit(db, "settings") == []


async def test_null_resets_to_default_and_empty_or_odd_bodies_are_refused(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    await client.patch("/api/settings/pricing/", headers=auth, json={"service_charge": 1.5})
    reset = await client.patch(
        "/api/settings/pricing/", headers=auth, json={"service_charge": None}
    )
    charge = reset.json()[2]
    assert (charge["name"], charge["value"], charge["is_default"]) == ("service_charge", 0, True)
    assert await _stored(db, "pricing.") == {}
    assert [(a[2], a[3]) for a in await _audit(db, "settings")] == [
        ({"pricing.service_charge": 0}, {"pricing.service_charge": 1.5}),
        ({"pricing.service_charge": 1.5}, {"pricing.service_charge": 0}),
    ]
    empty = await client.patch("/api/settings/pricing/", headers=auth, json={})
    assert (empty.status_code, empty.json()["error"]["code"]) == (422, "empty_update")
    not_an_object = await client.patch("/api/settings/pricing/", headers=auth, json=[1])
    assert not_an_object.status_code == 422
    unknown_group = await client.patch("/api/settings/billing/", headers=auth, json={"a": 1})
    assert unknown_group.status_code == 422
    assert [d["field"] for d in unknown_group.json()["error"]["details"]] == ["path.group"]
    broken = await client.patch(
        "/api/settings/pricing/",
        headers={**auth, "Content-Type": "application/json"},
        content=b'{"tax_rate": ',
    )
    assert (broken.status_code, broken.json()["error"]["code"]) == (400, "invalid_json")


async def test_setting_the_same_value_again_is_not_audited(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    for _ in range(2):
        response = await client.patch("/api/settings/pricing/", headers=auth, json={"tax_rate": 5})
        assert response.status_code == 200
    assert len(await _audit(db, "settings")) == 1


async def test_public_settings_need_no_login_and_show_only_public_keys(
    client: AsyncClient, db: AsyncSession
) -> None:
    before = await client.get("/api/settings/public/")
    assert before.status_code == 200, before.text
    assert before.json() == {
        "values": {
            "general.company_name": "simdesk",
            "general.support_email": "support@example.com",
            "branding.primary_color": "#1f6feb",
            "branding.logo_file_id": None,
        },
        "logo_url": None,
    }
    auth = await _admin(client, db)
    await client.patch("/api/settings/branding/", headers=auth, json={"primary_color": "#00aa55"})
    await client.patch("/api/settings/pricing/", headers=auth, json={"tax_rate": 9})
    after = (await client.get("/api/settings/public/")).json()
    assert after["values"]["branding.primary_color"] == "#00aa55"
    assert sorted(after["values"]) == sorted(before.json()["values"])


async def test_reading_and_writing_need_their_permissions(
    client: AsyncClient, db: AsyncSession
) -> None:
    support = await login_headers(client, await make_staff(db, SystemRole.support))
    moderator = await login_headers(client, await make_staff(db, SystemRole.moderator))
    assert (await client.get("/api/settings/")).status_code == 401
    assert (await client.get("/api/settings/", headers=support)).status_code == 403
    assert (
        await client.get("/api/settings/notification-templates/", headers=support)
    ).status_code == 403
    assert (await client.get("/api/settings/", headers=moderator)).status_code == 200
    denied = await client.patch("/api/settings/pricing/", headers=moderator, json={"tax_rate": 1})
    assert (denied.status_code, denied.json()["error"]["details"]) == (
        403,
        {"permission": "settings:write"},
    )
    denied_template = await client.put(
        "/api/settings/notification-templates/email/password_reset/",
        headers=moderator,
        json={"subject": "Reset", "body": RESET_BODY},
    )
    assert denied_template.status_code == 403
    assert await _stored(db, "") == {}


async def test_templates_are_listed_with_their_variables(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    listed = (await client.get("/api/settings/notification-templates/", headers=auth)).json()
    assert [
        (t["channel"], t["name"], t["variables"], t["required_variables"], t["overridden"])
        for t in listed
    ] == [
        ("email", "password_reset", ["link", "name"], ["link"], False),
        ("email", "email_verification", ["link", "name"], ["link"], False),
        ("email", "registration_attempt", [], [], False),
        ("email", "registration_phone_taken", ["name"], [], False),
        (
            "email",
            "order_confirmed",
            ["currency", "name", "order_number", "plan_name", "total"],
            ["order_number"],
            False,
        ),
        (
            "email",
            "order_dispatched",
            ["courier", "name", "order_number", "tracking_number"],
            ["order_number", "tracking_number"],
            False,
        ),
        ("email", "order_delivered", ["name", "order_number"], ["order_number"], False),
        (
            "email",
            "esim_ready",
            ["activation_code", "name", "order_number"],
            ["activation_code", "order_number"],
            False,
        ),
        (
            "email",
            "activation_reminder",
            ["name", "order_number", "plan_name"],
            ["order_number"],
            False,
        ),
        ("email", "order_cancelled", ["name", "order_number", "reason"], ["order_number"], False),
        (
            "email",
            "refund_issued",
            ["amount", "currency", "name", "order_number"],
            ["amount", "order_number"],
            False,
        ),
        (
            "email",
            "report_ready",
            ["file_name", "link", "period", "report_name", "rows"],
            ["link"],
            False,
        ),
        (
            "email",
            "reseller_welcome",
            ["api_key", "business_name", "link", "name"],
            ["api_key"],
            False,
        ),
        (
            "email",
            "reseller_onboarding_closed",
            ["business_name", "name", "reason"],
            ["reason"],
            False,
        ),
        ("sms", "phone_verification", ["code"], ["code"], False),
        ("sms", "order_confirmed", ["order_number"], ["order_number"], False),
        (
            "sms",
            "order_dispatched",
            ["courier", "order_number", "tracking_number"],
            ["order_number"],
            False,
        ),
    ]
    reset = listed[0]
    assert (reset["subject"], reset["default"]["subject"]) == (
        "Reset your simdesk password",
        "Reset your simdesk password",
    )


async def test_internal_templates_are_not_editable(client: AsyncClient, db: AsyncSession) -> None:
    """A campaign's email is written by staff per campaign: its template is the system's."""
    auth = await _admin(client, db)
    url = "/api/settings/notification-templates/email/custom_email/"
    for method, path, body in (
        ("PUT", url, {"subject": "{{ subject }}!", "body": "{{ body }}"}),
        ("DELETE", url, None),
        ("POST", f"{url}preview/", {}),
    ):
        response = await client.request(method, path, headers=auth, json=body)
        assert (response.status_code, response.json()["error"]["message"]) == (
            404,
            "No email template named 'custom_email'.",
        )
    # One stored before it was internal is neither listed nor sent.
    db.add(
        SystemSetting(
            setting_key="notifications.template.email.custom_email",
            setting_value={"subject": "Hacked {{ subject }}", "body": "{{ body }}"},
            group="notifications",
        )
    )
    await db.commit()
    listed = (await client.get("/api/settings/notification-templates/", headers=auth)).json()
    assert "custom_email" not in [t["name"] for t in listed]
    sent = await OutboxNotifier().send_email(
        db, "x@example.org", "custom_email", {"subject": "Spring offers", "body": "Hello"}
    )
    assert (sent.subject, sent.body) == ("Spring offers", "Hello")


async def test_an_override_is_used_by_the_notifier_until_reset(
    client: AsyncClient, db: AsyncSession
) -> None:
    admin = await make_staff(db, SystemRole.admin)
    auth = await login_headers(client, admin)
    url = "/api/settings/notification-templates/email/password_reset/"
    saved = await client.put(
        url, headers=auth, json={"subject": "{{ name }}: reset", "body": RESET_BODY}
    )
    assert saved.status_code == 200, saved.text
    assert (saved.json()["subject"], saved.json()["body"], saved.json()["overridden"]) == (
        "{{ name }}: reset",
        RESET_BODY,
        True,
    )
    assert await _stored(db, "notifications.template.") == {
        "notifications.template.email.password_reset": {
            "subject": "{{ name }}: reset",
            "body": RESET_BODY,
        }
    }
    notifier = OutboxNotifier()
    context = {"name": "Ada", "link": "https://x.example/r/1"}
    sent = await notifier.send_email(db, "ada@example.org", "password_reset", context)
    assert (sent.subject, sent.body) == ("Ada: reset", "Hi Ada, reset here: https://x.example/r/1")
    # A value cannot break the subject into two header lines.
    sneaky = {"name": "Ada\r\nBcc: all@example.org", "link": "https://x.example/r/2"}
    injected = await notifier.send_email(db, "ada@example.org", "password_reset", sneaky)
    assert injected.subject == "Ada Bcc: all@example.org: reset"
    # Other templates are untouched.
    sms = await notifier.send_sms(db, "+14155550100", "phone_verification", {"code": "654321"})
    assert sms.body == "Your simdesk verification code is 654321. It expires in 10 minutes."

    assert (await client.delete(url, headers=auth)).status_code == 204
    assert (await client.delete(url, headers=auth)).status_code == 204  # nothing left: no-op
    default = await notifier.send_email(db, "ada@example.org", "password_reset", context)
    assert default.subject == "Reset your simdesk password"
    assert await _stored(db, "notifications.template.") == {}
    assert [(a[0], a[1], a[3]["subject"]) for a in await _audit(db, "notification_template")] == [
        ("settings.template_overridden", "email.password_reset", "{{ name }}: reset"),
        ("settings.template_reset", "email.password_reset", "Reset your simdesk password"),
    ]


async def test_an_override_goes_through_the_password_reset_flow(
    client: AsyncClient, db: AsyncSession
) -> None:
    admin = await make_staff(db, SystemRole.admin)
    auth = await login_headers(client, admin)
    await client.put(
        "/api/settings/notification-templates/email/password_reset/",
        headers=auth,
        json={"subject": "Your reset link", "body": "Open {{ link }}"},
    )
    response = await client.post("/api/auth/password/reset/", json={"email": admin.email})
    assert response.status_code == 202
    message = (
        await db.scalars(
            select(OutboundMessage).where(
                OutboundMessage.recipient == admin.email,
                OutboundMessage.template == "password_reset",
            )
        )
    ).one()
    assert message.subject == "Your reset link"
    assert message.body.startswith("Open http")


async def test_overrides_may_use_only_the_templates_variables(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    url = "/api/settings/notification-templates/email/password_reset/"
    cases: list[tuple[dict[str, str], list[tuple[str, str, str]]]] = [
        (
            {"subject": "Hi {{ first_name }}", "body": "{{ link }} {{ token }} {{ range(3) }}"},
            [
                (
                    "body.subject",
                    "unknown_variable",
                    "unknown variable(s): first_name; allowed: link, name",
                ),
                (
                    "body.body",
                    "unknown_variable",
                    "unknown variable(s): range, token; allowed: link, name",
                ),
            ],
        ),
        (
            # The sandbox refuses Python internals, with or without the attr filter.
            {"subject": "{{ name|attr('__class__') }}", "body": "{{ link.__class__.__mro__ }}"},
            [
                (
                    "body.subject",
                    "unsafe",
                    "not allowed: line 1: access to attribute '__class__' of 'str' object is "
                    "unsafe.",
                ),
                (
                    "body.body",
                    "unsafe",
                    "not allowed: line 1: access to attribute '__class__' of 'str' object is "
                    "unsafe.",
                ),
            ],
        ),
        (
            {"subject": "Reset", "body": "Open {{ link }"},
            [("body.body", "syntax_error", "line 1: unexpected '}'")],
        ),
        (
            {"subject": "Reset {{ name | shout }}", "body": "{{ link }}"},
            [("body.subject", "syntax_error", "line 1: No filter named 'shout'.")],
        ),
        (
            {"subject": "Reset", "body": "{{ link }}\n\n{{ name.first }}"},
            [
                (
                    "body.body",
                    "render_error",
                    "does not render: line 3: 'str object' has no attribute 'first'",
                )
            ],
        ),
        (
            {"subject": "Reset", "body": "Hello {{ name }}, call us."},
            [("body.body", "missing_variable", "must keep the variable(s): link")],
        ),
        (
            {"subject": "", "body": "{{ link }}"},
            [("body.subject", "missing", "an email needs a subject")],
        ),
    ]
    for body, expected in cases:
        response = await client.put(url, headers=auth, json=body)
        assert response.status_code == 422, (body, response.text)
        error = response.json()["error"]
        assert error["code"] == "invalid_template", body
        assert [(d["field"], d["type"], d["message"]) for d in error["details"]] == expected
    first = await client.put(
        url, headers=auth, json={"subject": "Hi {{ first_name }}", "body": "{{ link }}"}
    )
    assert first.json()["error"]["message"] == "The template uses variables it does not have."
    unclosed = await client.put(
        url, headers=auth, json={"subject": "Reset", "body": "{{ link }}\n{% if name %}Hi"}
    )
    assert (unclosed.status_code, unclosed.json()["error"]["message"]) == (
        422,
        "The template's body has a syntax error on line 2: Unexpected end of template. Jinja "
        "was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block "
        "that needs to be closed is 'if'.",
    )
    sms = await client.put(
        "/api/settings/notification-templates/sms/phone_verification/",
        headers=auth,
        json={"subject": "Code", "body": "{{ code }}"},
    )
    assert [d["message"] for d in sms.json()["error"]["details"]] == ["SMS has no subject"]
    literal = await client.put(
        "/api/settings/notification-templates/sms/phone_verification/",
        headers=auth,
        json={"body": "Code {not a variable}: {{ code }}"},
    )
    assert literal.status_code == 200, literal.text
    missing = await client.put(
        "/api/settings/notification-templates/email/welcome/",
        headers=auth,
        json={"subject": "Hi", "body": "x"},
    )
    assert (missing.status_code, missing.json()["error"]["message"]) == (
        404,
        "No email template named 'welcome'.",
    )
    bad_channel = await client.put(
        "/api/settings/notification-templates/fax/password_reset/",
        headers=auth,
        json={"subject": "Hi", "body": "{{ link }}"},
    )
    assert bad_channel.status_code == 422
    assert await _stored(db, "notifications.template.") == {
        "notifications.template.sms.phone_verification": {
            "subject": "",
            "body": "Code {not a variable}: {{ code }}",
        }
    }


async def test_preview_renders_drafts_and_current_templates(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    base = "/api/settings/notification-templates"
    sample = await client.post(f"{base}/sms/phone_verification/preview/", headers=auth, json={})
    assert sample.status_code == 200, sample.text
    assert sample.json() == {
        "subject": "",
        "body": "Your simdesk verification code is 123456. It expires in 10 minutes.",
    }
    given = await client.post(
        f"{base}/email/password_reset/preview/",
        headers=auth,
        json={
            "subject": "For {{ name | upper }}",
            "body": "{% if name == 'Ines' %}Ola{% else %}Hello{% endif %} {{ name }}: {{ link }}",
            "context": {"name": "Ines"},
        },
    )
    assert given.json() == {
        "subject": "For INES",
        "body": "Ola Ines: https://simdesk.example/reset?token=sample-token",
    }
    sampled = await client.post(
        f"{base}/email/password_reset/preview/",
        headers=auth,
        json={"body": "{% if name == 'Ines' %}Ola{% else %}Hello{% endif %}: {{ link }}"},
    )
    assert sampled.json()["body"] == "Hello: https://simdesk.example/reset?token=sample-token"
    unknown = await client.post(
        f"{base}/email/password_reset/preview/",
        headers=auth,
        json={"body": "{{ link }} {{ coupon }}"},
    )
    assert unknown.status_code == 422
    assert [(d["field"], d["message"]) for d in unknown.json()["error"]["details"]] == [
        ("body.body", "unknown variable(s): coupon; allowed: link, name")
    ]
    unknown_context = await client.post(
        f"{base}/email/registration_attempt/preview/",
        headers=auth,
        json={"context": {"name": "Ines"}},
    )
    assert unknown_context.status_code == 422
    assert unknown_context.json()["error"]["details"] == [
        {
            "field": "body.context.name",
            "message": "not a variable of this template; allowed: none",
            "type": "unknown_variable",
        }
    ]
    # A preview saves nothing.
    assert await _stored(db, "notifications.template.") == {}
    support = await login_headers(client, await make_staff(db, SystemRole.support))
    denied = await client.post(f"{base}/sms/phone_verification/preview/", headers=support, json={})
    assert denied.status_code == 403


async def test_a_stored_override_that_became_invalid_falls_back_to_the_default(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    stored = {
        "registration_phone_taken": {"subject": "Hi", "body": "Hello {{ nickname }}"},
        "order_delivered": {"subject": "{{ order_number }}", "body": "{% if name %}Hi"},
    }
    db.add_all(
        SystemSetting(
            setting_key=f"notifications.template.email.{name}",
            setting_value=value,
            group="notifications",
        )
        for name, value in stored.items()
    )
    await db.commit()
    listed = (await client.get("/api/settings/notification-templates/", headers=auth)).json()
    assert [(t["name"], t["overridden"], t["subject"]) for t in listed if t["name"] in stored] == [
        ("registration_phone_taken", False, "We could not finish your registration"),
        ("order_delivered", False, "Order {{ order_number }} delivered"),
    ]
    sent = await OutboxNotifier().send_email(
        db, "x@example.org", "registration_phone_taken", {"name": "Kofi"}
    )
    assert sent.subject == "We could not finish your registration"
    # Sent templates appear in the message log under their channel.
    assert sent.channel is Channel.email


async def test_an_override_that_fails_on_real_values_falls_back_to_the_default(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await _admin(client, db)
    # Renders with the sample name, so it is accepted; a one-letter name has no second letter.
    saved = await client.put(
        "/api/settings/notification-templates/email/registration_phone_taken/",
        headers=auth,
        json={"subject": "Sorry {{ name[1] }}", "body": "Hello {{ name }}"},
    )
    assert saved.status_code == 200, saved.text
    notifier = OutboxNotifier()
    template = "registration_phone_taken"
    fine = await notifier.send_email(db, "a@example.org", template, {"name": "Al"})
    failed = await notifier.send_email(db, "b@example.org", template, {"name": "B"})
    assert (fine.subject, failed.subject) == ("Sorry l", "We could not finish your registration")
