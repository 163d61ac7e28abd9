"""/api/resellers/{id}/onboarding/ and /documents/: a new reseller's way to active (the
ResellerOnboarding workflow), and the KYB documents it submits."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request, UploadFile

from api.deps import OnboardingWorkflowsDep, SessionDep, SettingsDep, StorageDep
from api.routes.files import file_read, read_upload
from api.schemas.files import FileRead
from api.schemas.onboarding import OnboardingDecisionBody, OnboardingRead, ResellerDocumentRead
from api.security import require
from models import DocumentType, Reseller, ResellerDocument, StoredFile
from services import onboarding, resellers
from services.auth.principal import Principal
from workflows.onboarding_control import OnboardingWorkflows
from workflows.reseller_onboarding import OnboardingDecision

router = APIRouter(prefix="/api/resellers", tags=["resellers"])


async def _read(workflows: OnboardingWorkflows, reseller: Reseller) -> OnboardingRead:
    progress = await workflows.progress(reseller.id)
    return OnboardingRead(
        reseller_id=reseller.id,
        onboarding_status=reseller.onboarding_status,
        email_verified_at=reseller.email_verified_at,
        documents_submitted_at=reseller.documents_submitted_at,
        step=progress.step if progress else None,
        reminders_sent=progress.reminders_sent if progress else None,
        expires_at=datetime.fromisoformat(progress.expires_at) if progress else None,
        workflow_id=onboarding.workflow_id(reseller.id),
    )


@router.get("/{reseller_id}/onboarding/", response_model=OnboardingRead)
async def read_onboarding(
    reseller_id: int,
    principal: Annotated[Principal, require("resellers:read")],
    db: SessionDep,
    workflows: OnboardingWorkflowsDep,
) -> OnboardingRead:
    """Where the reseller's onboarding stands: the stored state, and the workflow's own
    progress (current step, reminders sent to approvers, when it expires) while it runs."""
    reseller = await resellers.get_reseller(db, principal, reseller_id)
    return await _read(workflows, reseller)


@router.post("/{reseller_id}/onboarding/decision/", response_model=OnboardingRead, status_code=202)
async def decide_onboarding(
    reseller_id: int,
    body: OnboardingDecisionBody,
    principal: Annotated[Principal, require("resellers:suspend")],
    db: SessionDep,
    workflows: OnboardingWorkflowsDep,
) -> OnboardingRead:
    """Approve (setting the credit limit and commission rate) or reject (with a reason) a
    reseller whose email is verified and documents are in. The workflow applies it: approved
    resellers become active and get their welcome email with an API key."""
    reseller = await resellers.get_reseller(db, principal, reseller_id)
    decision = OnboardingDecision(
        approve=body.approve,
        actor_id=principal.account_id,
        reason=body.reason,
        credit_limit=body.credit_limit or 0,
        commission_rate=body.commission_rate or 0,
    )
    await workflows.decide(reseller.id, decision)
    return await _read(workflows, reseller)


@router.post("/{reseller_id}/documents/", response_model=ResellerDocumentRead, status_code=201)
async def upload_document(
    reseller_id: int,
    file: UploadFile,
    document_type: Annotated[DocumentType, Form()],
    principal: Annotated[Principal, require("resellers:update")],
    db: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    workflows: OnboardingWorkflowsDep,
    request: Request,
) -> ResellerDocumentRead:
    """A KYB document (multipart `file`: PDF, PNG, JPEG, WEBP or GIF up to MAX_UPLOAD_BYTES,
    its type read from its content, and `document_type`). The reseller's onboarding is told."""
    reseller = await resellers.get_reseller(db, principal, reseller_id)
    actor = principal.actor(request.client.host if request.client else None)
    document, stored = await onboarding.add_document(
        db, storage, actor, reseller, document_type, file.filename,
        await read_upload(file, settings), max_bytes=settings.max_upload_bytes,
    )  # fmt: skip
    answer = _document(document, stored)
    await db.commit()  # the workflow, once told, reads the document
    await workflows.document_received(reseller.id)
    return answer


@router.get("/{reseller_id}/documents/", response_model=list[ResellerDocumentRead])
async def list_documents(
    reseller_id: int,
    principal: Annotated[Principal, require("resellers:read")],
    db: SessionDep,
) -> list[ResellerDocumentRead]:
    reseller = await resellers.get_reseller(db, principal, reseller_id)
    return [_document(d, f) for d, f in await onboarding.list_documents(db, reseller)]


def _document(document: ResellerDocument, stored: StoredFile) -> ResellerDocumentRead:
    return ResellerDocumentRead(
        id=document.id,
        document_type=document.document_type,
        uploaded_by_id=document.uploaded_by_id,
        created_at=document.created_at,
        file=FileRead.model_validate(file_read(stored)),
    )
