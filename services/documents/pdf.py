"""The building blocks of every PDF we produce (report tables, invoices): a branded page with
the company's name, colour and logo, a title, label/value blocks, and tables whose heading row
repeats on every page.

The PDF core fonts are used, so nothing needs installing; they cover Latin-1, and any other
character is replaced rather than failing a whole document over one name."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace
from sqlalchemy.ext.asyncio import AsyncSession

from integrations.storage import ObjectMissing, Storage
from models import StoredFile
from services import settings

logger = logging.getLogger("simdesk.documents")
FONT = "Helvetica"
MUTED = (110, 110, 110)
STRIPE = (244, 246, 248)


@dataclass(frozen=True)
class Branding:
    company_name: str
    support_email: str
    primary_color: str = "#1f6feb"
    logo: bytes | None = None

    @property
    def rgb(self) -> tuple[int, int, int]:
        value = self.primary_color.lstrip("#")
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


async def load_branding(db: AsyncSession, storage: Storage | None = None) -> Branding:
    """The branding and general settings as staff set them; the logo when one was uploaded and
    a storage is given to read it from."""
    logo: bytes | None = None
    logo_id = await settings.value_of(db, "branding.logo_file_id")
    if storage is not None and logo_id is not None:
        stored = await db.get(StoredFile, logo_id)
        if stored is not None:
            try:
                logo = b"".join([chunk async for chunk in await storage.open(stored.storage_key)])
            except ObjectMissing:
                logger.warning("logo file has no content", extra={"file_id": logo_id})
    return Branding(
        company_name=await settings.value_of(db, "general.company_name"),
        support_email=await settings.value_of(db, "general.support_email"),
        primary_color=await settings.value_of(db, "branding.primary_color"),
        logo=logo,
    )


def latin1(text: object) -> str:
    """Text the core fonts can draw: characters outside Latin-1 become '?'."""
    return str(text).encode("latin-1", "replace").decode("latin-1")


class BrandedDocument(FPDF):
    """A page with the brand's header band and a numbered footer."""

    def __init__(self, branding: Branding, title: str, *, landscape: bool = False) -> None:
        super().__init__(orientation="L" if landscape else "P", unit="mm", format="A4")
        self.branding = branding
        self.document_title = latin1(title)
        self.generated_at = datetime.now(UTC)
        self.set_title(self.document_title)
        self.set_author(latin1(branding.company_name))
        self.set_creator("simdesk")
        self.set_auto_page_break(auto=True, margin=18)
        self.add_page()

    def header(self) -> None:
        self.set_fill_color(*self.branding.rgb)
        self.rect(0, 0, self.w, 4, style="F")
        self.set_y(9)
        x = self.l_margin
        if self.branding.logo:
            try:
                self.image(io.BytesIO(self.branding.logo), x=x, y=8, h=10)
                x += 24
            except Exception:
                logger.warning("logo could not be drawn")
        self.set_x(x)
        self.set_font(FONT, "B", 13)
        self.set_text_color(*self.branding.rgb)
        self.cell(0, 6, latin1(self.branding.company_name), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_x(x)
        self.set_font(FONT, "", 10)
        self.set_text_color(*MUTED)
        self.cell(0, 5, self.document_title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(max(self.get_y(), 20) + 4)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        stamp = self.generated_at.strftime("%Y-%m-%d %H:%M UTC")
        contact = latin1(self.branding.support_email)
        self.cell(0, 5, f"{contact} - generated {stamp}", align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"Page {self.page_no()}/{{nb}}", align="R")

    def heading(self, text: str) -> None:
        self.set_font(FONT, "B", 16)
        self.cell(0, 9, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def key_values(self, pairs: Iterable[tuple[str, str]], *, label_width: float = 40) -> None:
        """A block of `label: value` lines (report parameters, invoice parties)."""
        for label, value in pairs:
            self.set_font(FONT, "B", 9)
            self.cell(label_width, 5, latin1(label))
            self.set_font(FONT, "", 9)
            self.multi_cell(0, 5, latin1(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(3)

    def data_table(
        self,
        columns: Sequence[str],
        rows: Iterable[Sequence[str]],
        *,
        numeric: Sequence[bool] | None = None,
        widths: Sequence[float] | None = None,
    ) -> None:
        """A striped table; numeric columns align right; the heading repeats on each page."""
        align = ["RIGHT" if n else "LEFT" for n in (numeric or [False] * len(columns))]
        self.set_font(FONT, "", 8)
        heading = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=self.branding.rgb)
        with self.table(
            col_widths=tuple(widths) if widths else None,
            text_align=tuple(align),
            headings_style=heading,
            cell_fill_color=STRIPE,
            cell_fill_mode="ROWS",
            line_height=5,
            borders_layout="HORIZONTAL_LINES",
            repeat_headings=1,
        ) as table:
            header = table.row()
            for column in columns:
                header.cell(latin1(column))
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(latin1(value))
        self.ln(3)

    def totals(self, pairs: Iterable[tuple[str, str]], *, emphasise_last: bool = False) -> None:
        """Right-aligned `label  value` lines under a table; the last one bold (a grand total)."""
        items = list(pairs)
        for index, (label, value) in enumerate(items):
            bold = emphasise_last and index == len(items) - 1
            self.set_font(FONT, "B" if bold else "", 10 if bold else 9)
            self.set_x(self.w - self.r_margin - 90)
            self.cell(55, 6, latin1(label), align="R")
            self.cell(35, 6, latin1(value), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def note(self, text: str) -> None:
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.multi_cell(0, 4, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)

    def finish(self) -> bytes:
        return bytes(self.output())
