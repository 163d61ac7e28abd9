"""The Alembic history and the SQLAlchemy models describe the same schema, both ways."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

import models
from core.settings import PROJECT_ROOT


async def test_models_and_migrations_agree(engine: AsyncEngine) -> None:
    def diff(connection: Connection) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, models.Base.metadata)

    async with engine.connect() as connection:
        assert await connection.run_sync(diff) == []


def _alembic(url: str, *args: str) -> None:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.attributes["configure_logger"] = False

    def migrate(sync_connection: Connection) -> None:
        config.attributes["connection"] = sync_connection
        getattr(command, args[0])(config, *args[1:])

    async def run() -> None:
        engine = create_async_engine(url)
        async with engine.begin() as connection:
            await connection.run_sync(migrate)
        await engine.dispose()

    asyncio.run(run())


def _objects(url: str) -> list[str]:
    async def run() -> list[str]:
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            rows = await connection.execute(
                text(
                    "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace"
                    " AND relname NOT LIKE 'alembic_version%' ORDER BY relname"
                )
            )
            names = list(rows.scalars())
        await engine.dispose()
        return names

    return asyncio.run(run())


def test_downgrade_to_base_and_back(scratch_database_url: str) -> None:
    tables_at_head = _objects(scratch_database_url)
    assert "sim_orders" in tables_at_head
    _alembic(scratch_database_url, "downgrade", "base")
    assert _objects(scratch_database_url) == []
    _alembic(scratch_database_url, "upgrade", "head")
    assert _objects(scratch_database_url) == tables_at_head


def _run(url: str, statement: str, params: list[dict[str, Any]] | None = None) -> list[Any]:
    async def run() -> list[Any]:
        engine = create_async_engine(url)
        async with engine.begin() as connection:
            result = await connection.execute(text(statement), params)
            rows = [tuple(row) for row in result] if result.returns_rows else []
        await engine.dispose()
        return rows

    return asyncio.run(run())


def _set_overrides(url: str, overrides: dict[str, tuple[str, str]]) -> None:
    _run(
        url,
        'INSERT INTO system_settings (setting_key, setting_value, setting_type, "group",'
        " description, is_public) VALUES (:key, CAST(:value AS jsonb), 'json', 'notifications',"
        " '', false) ON CONFLICT (setting_key)"
        " DO UPDATE SET setting_value = EXCLUDED.setting_value",
        [
            {
                "key": f"notifications.template.{key}",
                "value": json.dumps({"subject": subject, "body": body}),
            }
            for key, (subject, body) in overrides.items()
        ],
    )


def test_stored_message_text_moves_to_jinja2_and_back(scratch_database_url: str) -> None:
    url = scratch_database_url
    _alembic(url, "downgrade", "0010")
    overrides = {
        "email.password_reset": ("{name}: reset", "Hi {name},\n{link}\n"),
        "sms.phone_verification": ("", "Code {{not a variable}}: {code} {{{{"),
        "email.order_delivered": ("Order {order_number}", "Open {link"),  # never valid: kept
    }
    _set_overrides(url, overrides)
    _run(
        url,
        "INSERT INTO email_campaigns (subject, body, segment, segment_value, status,"
        " recipients_total) VALUES (:subject, :body, 'all_resellers', '', 'sending', 0)",
        [{"subject": "News for {name}", "body": "Hello {name} <{email}>"}],
    )
    stored = (
        "SELECT setting_key, setting_value FROM system_settings"
        " WHERE setting_key LIKE 'notifications.template.%' ORDER BY setting_key"
    )
    campaign = "SELECT subject, body FROM email_campaigns"

    _alembic(url, "upgrade", "0011")
    assert _run(url, stored) == [
        (
            "notifications.template.email.order_delivered",
            {"subject": "Order {order_number}", "body": "Open {link"},
        ),
        (
            "notifications.template.email.password_reset",
            {"subject": "{{ name }}: reset", "body": "Hi {{ name }},\n{{ link }}\n"},
        ),
        (
            "notifications.template.sms.phone_verification",
            {"subject": "", "body": 'Code {not a variable}: {{ code }} {{ "{" }}{{ "{" }}'},
        ),
    ]
    assert _run(url, campaign) == [("News for {{ name }}", "Hello {{ name }} <{{ email }}>")]

    # What only Jinja2 can say cannot go back: that override goes, and the default is sent.
    _set_overrides(url, {"email.order_delivered": ("Hi", "{% if name %}{{ name }}{% endif %}")})
    _alembic(url, "downgrade", "0010")
    assert _run(url, stored) == [
        (f"notifications.template.{key}", {"subject": subject, "body": body})
        for key, (subject, body) in sorted(overrides.items())
        if key != "email.order_delivered"
    ]
    assert _run(url, campaign) == [("News for {name}", "Hello {name} <{email}>")]
    _alembic(url, "upgrade", "head")


def test_kyc_documents_learn_whom_they_are_about(scratch_database_url: str) -> None:
    url = scratch_database_url
    _alembic(url, "downgrade", "0014")
    person = (
        "INSERT INTO public_users (full_name, email, phone, address, city, state, postal_code,"
        " id_document_type, id_document_number, status, status_reason) VALUES ('Pat', :email,"
        " :phone, '', 'Denver', '', '', '', '', 'active', '') RETURNING id"
    )
    [(pat,)] = _run(url, person, [{"email": "pat@example.org", "phone": "+14155550101"}])
    [(role,)] = _run(
        url,
        "INSERT INTO roles (name, description, applies_to, is_system)"
        " VALUES ('customer', '', 'public', true) RETURNING id",
    )
    [(login,)] = _run(
        url,
        "INSERT INTO accounts (kind, email, password_hash, first_name, last_name, role_id,"
        " public_user_id, is_active, must_change_password, two_factor_enabled) VALUES"
        " ('public', 'pat@example.org', 'x', '', '', :role, :pat, true, false, false)"
        " RETURNING id",
        [{"role": role, "pat": pat}],
    )
    stored = (
        "INSERT INTO stored_files (owner_id, purpose, storage_key, original_name, content_type,"
        " size_bytes, sha256) VALUES (:owner, :purpose, :key, 'f.pdf', 'application/pdf', 1, '')"
    )
    _run(
        url,
        stored,
        [
            {"owner": login, "purpose": "kyc_document", "key": "scan"},
            {"owner": login, "purpose": "avatar", "key": "face"},
        ],
    )

    _alembic(url, "upgrade", "0015")
    subjects = "SELECT storage_key, public_user_id FROM stored_files ORDER BY storage_key"
    assert _run(url, subjects) == [("face", None), ("scan", pat)]

    # A document of someone without a login cannot be found below 0015: no silent rollback.
    [(ola,)] = _run(url, person, [{"email": "ola@example.org", "phone": "+4791234567"}])
    _run(
        url,
        "INSERT INTO stored_files (public_user_id, purpose, storage_key, original_name,"
        " content_type, size_bytes, sha256) VALUES (:ola, 'kyc_document', 'ola', 'o.pdf',"
        " 'application/pdf', 1, '')",
        [{"ola": ola}],
    )
    with pytest.raises(RuntimeError, match="1 KYC document"):
        _alembic(url, "downgrade", "0014")
    _run(url, "DELETE FROM stored_files WHERE storage_key = 'ola'")
    _alembic(url, "downgrade", "0014")
    _alembic(url, "upgrade", "head")
