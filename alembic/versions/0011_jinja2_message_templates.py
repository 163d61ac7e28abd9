"""notification template overrides and custom emails: `{name}` placeholders to Jinja2's
`{{ name }}`

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-22 10:00:00

Message text is rendered with Jinja2 now (services/messaging/rendering.py). The stored text
staff wrote, in `notifications.template.*` settings and in custom emails (a campaign still
sending renders its text at each batch), is rewritten to match. A text that was no valid
str.format template of plain variables was never sent as it is and stays untouched.

The downgrade rewrites what plain `{{ name }}` variables can express; an override using more of
Jinja2 (filters, `{% if %}`) is deleted, so the old code sends the default rather than Jinja2
syntax; such a custom email is left as it is.
"""

import re
from collections.abc import Callable, Sequence
from string import Formatter

import sqlalchemy as sa
from alembic import op
from jinja2 import Environment, TemplateSyntaxError, nodes
from sqlalchemy.dialects import postgresql

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
# A literal `{` that would open a Jinja2 tag (`{{`, `{%`, `{#`, or the `{{` of the variable
# right after it) is written as an expression printing it.
_OPENS_TAG = re.compile(r"\{(?=[{%#]|\Z)")
_SUBJECT_LENGTH = 255  # email_campaigns.subject

_settings = sa.table(
    "system_settings",
    sa.column("id", sa.BigInteger()),
    sa.column("setting_key", sa.String()),
    sa.column("setting_value", postgresql.JSONB()),
)
_campaigns = sa.table(
    "email_campaigns",
    sa.column("id", sa.BigInteger()),
    sa.column("subject", sa.String()),
    sa.column("body", sa.Text()),
)

Convert = Callable[[str], str | None]


def to_jinja(text: str) -> str | None:
    """`Hi {name}, {{literal}}` as `Hi {{ name }}, {literal}`; None if not convertible."""
    try:
        parts = list(Formatter().parse(text))
    except ValueError:
        return None
    converted, literal = [], ""
    for text_part, field, spec, conversion in parts:
        literal += text_part  # an escaped `{{` splits the literal text in parts
        if field is None:
            continue
        if not _IDENTIFIER.fullmatch(field) or spec or conversion:
            return None
        converted += [_OPENS_TAG.sub('{{ "{" }}', literal), f"{{{{ {field} }}}}"]
        literal = ""
    return "".join(converted) + _OPENS_TAG.sub('{{ "{" }}', literal)


def from_jinja(text: str) -> str | None:
    """`Hi {{ name }}, {literal}` as `Hi {name}, {{literal}}`; None if it uses more of Jinja2
    than plain variables."""
    try:
        body = Environment(keep_trailing_newline=True).parse(text).body  # noqa: S701 - parsed only
    except TemplateSyntaxError:
        return None
    if not body:
        return ""
    if len(body) > 1 or not isinstance(body[0], nodes.Output):
        return None
    converted = []
    for node in body[0].nodes:
        literal = node.data if isinstance(node, nodes.TemplateData) else None
        if isinstance(node, nodes.Const) and isinstance(node.value, str):
            literal = node.value  # `{{ "{" }}`, as to_jinja writes a literal brace
        if literal is not None:
            converted.append(literal.replace("{", "{{").replace("}", "}}"))
        elif isinstance(node, nodes.Name) and _IDENTIFIER.fullmatch(node.name):
            converted.append(f"{{{node.name}}}")
        else:
            return None
    return "".join(converted)


def upgrade() -> None:
    _rewrite(to_jinja, delete_unconvertible=False)


def downgrade() -> None:
    _rewrite(from_jinja, delete_unconvertible=True)


def _rewrite(convert: Convert, *, delete_unconvertible: bool) -> None:
    bind = op.get_bind()
    overrides = bind.execute(
        sa.select(_settings.c.id, _settings.c.setting_value).where(
            _settings.c.setting_key.like("notifications.template.%")
        )
    ).all()
    for row_id, value in overrides:
        texts = None
        if isinstance(value, dict):
            texts = _converted(convert, value.get("subject", ""), value.get("body", ""))
        if texts is not None:
            update = _settings.update().values(setting_value={**value, **texts})
            bind.execute(update.where(_settings.c.id == row_id))
        elif delete_unconvertible:
            bind.execute(_settings.delete().where(_settings.c.id == row_id))
    campaigns = bind.execute(sa.select(_campaigns.c.id, _campaigns.c.subject, _campaigns.c.body))
    for row_id, subject, body in campaigns.all():
        texts = _converted(convert, subject, body)
        # A subject made longer than its column allows stays as it was.
        if texts is not None and len(texts["subject"]) <= _SUBJECT_LENGTH:
            bind.execute(_campaigns.update().values(texts).where(_campaigns.c.id == row_id))


def _converted(convert: Convert, subject: object, body: object) -> dict[str, str] | None:
    if not isinstance(subject, str) or not isinstance(body, str):
        return None
    new_subject, new_body = convert(subject), convert(body)
    if new_subject is None or new_body is None:
        return None
    return {"subject": new_subject, "body": new_body}
