"""Which documents a visit has, and gathering one of them from the store.

A signed version is always drawn from its frozen ``SignedVersion`` (never from the live
record), so version 1 prints the same after an amendment as on the day it was signed. Anything
not yet signed is drawn from the live record, marked DRAFT.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from linkadviser.calendar import year_label
from linkadviser.documents.data import (
    AmendmentNote,
    DocumentData,
    signature_key,
)
from linkadviser.documents.render import render_pdf
from linkadviser.errors import LinkAdviserError, NotFoundError
from linkadviser.programme.model import Programme
from linkadviser.programme.registry import ProgrammeService
from linkadviser.services import Services
from linkadviser.signing import pades
from linkadviser.signing.adviser import Unlocked
from linkadviser.store.models import ActionPoint, Visit
from linkadviser.visit.content import VisitContent
from linkadviser.visit.reading import content_of, load_visit

PREPARATION = "preparation_sheet"


class DocumentError(LinkAdviserError):
    """A document was asked for that the visit does not have, or a PDF cannot be read."""


@dataclass(frozen=True)
class Rendered:
    """A drawn document and what it was drawn from. ``data.digital_signature`` is non-empty
    when the PDF carries the adviser's PAdES signature."""

    data: DocumentData
    pdf: bytes

    @property
    def digitally_signed(self) -> bool:
        return bool(self.data.digital_signature)


class DocumentService(ProgrammeService):
    """Documents of the visits in one store, under one programme. No Qt here. A visit is drawn
    under the programme version it was begun under (``ProgrammeService.programmes``)."""

    @classmethod
    def of(cls, services: Services) -> DocumentService:
        return cls(services.store, services.programme, services.today, services.programmes.get)

    def programme_for(self, content: VisitContent) -> Programme:
        return self.programmes(content.programme_id, content.programme_version
                               ).for_year(content.academic_year)

    def kinds(self, visit_number: int, programme: Programme | None = None) -> list[str]:
        """The visit's own documents first (the one to sign), then its preparation sheet."""
        return [*(programme or self.programme).visit(visit_number).documents, PREPARATION]

    def title(self, kind: str) -> str:
        return self.programme.document(kind).title

    def versions(self, visit_id: str) -> list[int]:
        with self.store.session() as session:
            return [v.version for v in load_visit(session, visit_id).signed_versions]

    def gather(self, visit_id: str, kind: str | None = None, version: int | None = None
               ) -> DocumentData:
        """The document's data, headed with the store's authority (and, in the demo, saying
        that it is demo data)."""
        from linkadviser.authority.profile import authority_of, is_demo

        data = self._gather(visit_id, kind, version)
        with self.store.session() as session:
            found = authority_of(session)
        data.authority = found.name if found else ""
        data.demo = is_demo(self.store)
        return data

    def _gather(self, visit_id: str, kind: str | None, version: int | None) -> DocumentData:
        with self.store.session() as session:
            visit = load_visit(session, visit_id)
            kinds = self.kinds(visit.visit_number,
                               self.programmes(visit.programme_id, visit.programme_version))
            kind = kind or kinds[0]
            if kind not in kinds:
                raise DocumentError(
                    f"Visit {visit.visit_number} has no {kind.replace('_', ' ')}; "
                    f"choose one of: {', '.join(kinds)}.")
            if kind == PREPARATION:
                return self._preparation(session, visit)
            if version is None and visit.state == "signed":
                version = visit.signed_version
            if version is None:
                return DocumentData(
                    kind=kind, content=content_of(visit), printed_on=self.today(),
                    amending_version=visit.signed_version if visit.state == "amending" else 0)
            return self._signed(visit, kind, version)

    def render(self, visit_id: str, kind: str | None = None, version: int | None = None,
               signer: Unlocked | None = None) -> bytes:
        """The document; a signed version is also digitally signed when ``signer`` (this
        laptop's key, unlocked) has the authority's certificate, and says so on its pages."""
        return self.rendered(visit_id, kind, version, signer).pdf

    def rendered(self, visit_id: str, kind: str | None = None, version: int | None = None,
                 signer: Unlocked | None = None) -> Rendered:
        """``render``'s PDF with the data it was drawn from (the preview says which version
        it shows and whether it is digitally signed)."""
        data = self.gather(visit_id, kind, version)
        programme = self.programme_for(data.content)
        if signer is None or signer.certificate is None or not data.signed:
            return Rendered(data, render_pdf(data, programme))
        data.digital_signature = pades.described(signer.certificate)
        reason = f"{programme.document(data.kind).title}, version {data.version}, signed"
        return Rendered(data, pades.sign(render_pdf(data, programme), signer, reason))

    def _signed(self, visit: Visit, kind: str, version: int) -> DocumentData:
        frozen = next((v for v in visit.signed_versions if v.version == version), None)
        if frozen is None:
            have = ", ".join(str(v.version) for v in visit.signed_versions) or "none yet"
            raise NotFoundError(f"Visit {visit.visit_number} to {visit.school.name} has no "
                                f"signed version {version} (signed versions: {have}).")
        content = VisitContent.from_canonical(json.loads(frozen.content_json), "signed", version)
        images = {signature_key(s.role, s.name): s.image_png
                  for s in visit.signatures if s.version == version}
        notes = [AmendmentNote(a.amends_version, a.reason, a.created_at.date())
                 for a in visit.amendments if a.amends_version < version]
        return DocumentData(kind=kind, content=content, version=version,
                            fingerprint=frozen.fingerprint, amendments=notes,
                            signature_images=images, digital_signature="")

    def _preparation(self, session: Session, visit: Visit) -> DocumentData:
        # The last visit that agreed action points (visit 4 agrees none: it is for governors).
        earlier = session.scalars(
            select(Visit.id).join(ActionPoint, ActionPoint.visit_id == Visit.id)
            .where(Visit.school_id == visit.school_id)
            .where((Visit.academic_year < visit.academic_year)
                   | ((Visit.academic_year == visit.academic_year)
                      & (Visit.visit_number < visit.visit_number)))
            .order_by(Visit.academic_year.desc(), Visit.visit_number.desc()).limit(1)).first()
        data = DocumentData(kind=PREPARATION, content=content_of(visit), printed_on=self.today())
        if earlier:
            previous = content_of(load_visit(session, earlier))
            data.previous_visit = (f"visit {previous.visit_number}, "
                                   f"{year_label(previous.academic_year)}")
            data.previous_action_points = previous.action_points
        return data
