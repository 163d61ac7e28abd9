"""/api/settings/: typed system settings, the public subset for the login page, the brand
logo, and overrides of the notification templates."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Request, Response, UploadFile

from api.deps import SessionDep, SettingsDep, StorageDep
from api.routes.files import file_read, read_upload
from api.schemas.files import FileRead
from api.schemas.settings import (
    PublicSettings,
    SettingRead,
    SettingsByGroup,
    TemplateOverride,
    TemplatePreview,
    TemplatePreviewRequest,
    TemplateRead,
    TemplateText,
)
from api.security import PUBLIC, require
from models import Channel
from services import files, settings
from services.auth.principal import Principal
from services.messaging import templates

router = APIRouter(prefix="/api/settings", tags=["settings"])

Readers = Annotated[Principal, require("settings:read")]
Writers = Annotated[Principal, require("settings:write")]


def _ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def _setting(view: settings.SettingView) -> SettingRead:
    d = view.definition
    return SettingRead(
        key=d.key,
        name=d.name,
        type=d.type.value,
        value=view.value,
        default=d.default,
        is_default=view.is_default,
        description=d.description,
        is_public=d.is_public,
        writable=d.writable,
        updated_at=view.updated_at,
        updated_by_id=view.updated_by_id,
    )


def _template(view: templates.TemplateView) -> TemplateRead:
    return TemplateRead(
        channel=view.channel.value,
        name=view.name,
        variables=sorted(view.default.variables()),
        required_variables=sorted(view.default.required),
        subject=view.effective.subject,
        body=view.effective.body,
        overridden=view.override is not None,
        default=TemplateText(subject=view.default.subject, body=view.default.body),
    )


@router.get("/", response_model=SettingsByGroup)
async def read_settings(principal: Readers, db: SessionDep) -> SettingsByGroup:
    """Every known setting by group; one never set shows its default (`is_default`)."""
    grouped: dict[str, list[SettingRead]] = {group.value: [] for group in settings.Group}
    for view in await settings.current(db):
        grouped[view.definition.group.value].append(_setting(view))
    return SettingsByGroup.model_validate(grouped)


@router.get("/public/", response_model=PublicSettings, openapi_extra=PUBLIC)
async def read_public_settings(db: SessionDep) -> PublicSettings:
    """Company name, support email and branding, for the login page: no login needed."""
    values = await settings.public_values(db)
    return PublicSettings(values=values, logo_url=files.url_of(values[files.LOGO_SETTING]))


@router.get("/notification-templates/", response_model=list[TemplateRead])
async def list_templates(principal: Readers, db: SessionDep) -> list[TemplateRead]:
    """Email and SMS templates, their variables, and what is sent now (override or default)."""
    return [_template(view) for view in await templates.list_templates(db)]


@router.put("/notification-templates/{channel}/{name}/", response_model=TemplateRead)
async def override_template(
    channel: Channel,
    name: str,
    body: TemplateOverride,
    principal: Writers,
    db: SessionDep,
    request: Request,
) -> TemplateRead:
    """Replace a template's subject and body, Jinja2 templates (`{{ name }}`, filters,
    `{% if %}`). Only the template's own variables may be used, and the required ones (a reset
    link, a code) must stay; a syntax error is refused with its line."""
    view = await templates.override_template(
        db, principal.actor(_ip(request)), channel, name, body.subject, body.body
    )
    return _template(view)


@router.delete("/notification-templates/{channel}/{name}/", status_code=204)
async def reset_template(
    channel: Channel, name: str, principal: Writers, db: SessionDep, request: Request
) -> Response:
    """Go back to the default text."""
    await templates.reset_template(db, principal.actor(_ip(request)), channel, name)
    return Response(status_code=204)


@router.post("/notification-templates/{channel}/{name}/preview/", response_model=TemplatePreview)
async def preview_template(
    channel: Channel, name: str, body: TemplatePreviewRequest, principal: Readers, db: SessionDep
) -> TemplatePreview:
    """Render a draft (`subject`/`body`), or the template as it is now, with `context`;
    sample values fill the variables not given. Nothing is saved."""
    subject, text = await templates.preview(
        db, channel, name, subject=body.subject, body=body.body, context=body.context
    )
    return TemplatePreview(subject=subject, body=text)


@router.post("/branding/logo/", response_model=FileRead, status_code=201)
async def upload_logo(
    file: UploadFile,
    principal: Writers,
    db: SessionDep,
    storage: StorageDep,
    config: SettingsDep,
    request: Request,
) -> FileRead:
    """A PNG, JPEG, WEBP or GIF (its type is read from its content); it becomes
    `branding.logo_file_id` and is served publicly. The previous logo is deleted."""
    stored = await files.set_logo(
        db, storage, principal.actor(_ip(request)), file.filename,
        await read_upload(file, config), max_bytes=config.max_upload_bytes,
    )  # fmt: skip
    return FileRead.model_validate(file_read(stored))


@router.patch("/{group}/", response_model=list[SettingRead])
async def update_settings(
    group: settings.Group,
    changes: Annotated[dict[str, Any], Body(examples=[{"tax_rate": 7.5, "delivery_fee": 4.99}])],
    principal: Writers,
    db: SessionDep,
    request: Request,
) -> list[SettingRead]:
    """Change some of a group's settings by name (`{"tax_rate": 7.5}`); null resets one to its
    default. Every value is checked first: the change is applied whole or not at all."""
    views = await settings.update_group(db, principal.actor(_ip(request)), group, changes)
    return [_setting(view) for view in views]
