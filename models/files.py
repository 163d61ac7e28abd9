"""Uploaded and generated files; the bytes live behind the storage interface, keyed here."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAtMixin, IdMixin, enum_column


class FilePurpose(StrEnum):
    avatar = "avatar"
    kyc_document = "kyc_document"
    reseller_document = "reseller_document"
    logo = "logo"
    report = "report"
    invoice = "invoice"
    import_file = "import_file"


class StoredFile(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "stored_files"
    __table_args__ = (CheckConstraint("size_bytes >= 0", name="size_not_negative"),)

    owner_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    # The app user a file is about (KYC documents), with or without a login of their own. A
    # scan of someone's ID must not outlive their row: it goes with it.
    public_user_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("public_users.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[FilePurpose] = mapped_column(enum_column(FilePurpose), index=True)
    storage_key: Mapped[str] = mapped_column(String(255), unique=True)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
