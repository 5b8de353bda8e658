"""Writing sync files: an adviser's work for the centre, and the centre's share for an adviser.

The partner's mark moves only once the file is safely on disk, so an export that fails (disk
full, stick pulled out) is simply made again: nothing is lost between two exchanges.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import or_, select

from linkadviser import __version__
from linkadviser.errors import NotFoundError
from linkadviser.programme.model import Programme
from linkadviser.signing import sync_files
from linkadviser.signing.exchange import MEMBER as TRUST_MEMBER
from linkadviser.store.base import utcnow
from linkadviser.store.db import Store
from linkadviser.store.models import Adviser, CaseloadAssignment
from linkadviser.sync import marks
from linkadviser.sync.archive import Packer
from linkadviser.sync.kinds import CENTRE_OWNED, all_kinds
from linkadviser.sync.manifest import Manifest, Party
from linkadviser.sync.programme_source import PROGRAMME_MEMBER, current_programme, programme_text
from linkadviser.sync.records import DELETIONS
from linkadviser.sync.select import Selection, changed_since, select_rows
from linkadviser.words import count

Progress = Callable[[int, int, str], None]


@dataclass
class ExportReport:
    path: Path
    scope: str
    since: datetime | None
    records: dict[str, int] = field(default_factory=dict)
    withheld_visits: int = 0  # confidential visits sent without their content
    signed: bool = False  # the manifest carries its sender's signature
    notes: list[str] = field(default_factory=list)  # e.g. certificates issued for the file

    def lines(self) -> list[str]:
        total = sum(self.records.values())
        since = f" changed since {self.since:%Y-%m-%d %H:%M}" if self.since else ""
        out = [f"Wrote {self.path}: {count(total, 'record')}{since}"
               + (", signed." if self.signed else ", unsigned.")]
        out += [f"  {name.replace('_', ' ')}: {n}" for name, n in sorted(self.records.items())
                if n]
        if self.withheld_visits:
            visits = count(self.withheld_visits, "confidential visit")
            out.append(f"  {visits} sent as date and state only (their content stays with "
                       "the governors).")
        return out + [f"  {note}" for note in self.notes]


def hidden_visit_numbers(programme: Programme) -> frozenset[int]:
    if programme.sync.share_confidential_content:
        return frozenset()
    return frozenset(v.number for v in programme.visits if v.confidential)


def export_adviser(store: Store, path: Path, everything: bool = False,
                   programme: Programme | None = None, now: datetime | None = None,
                   progress: Progress | None = None,
                   signer: sync_files.ManifestSigner | None = None) -> ExportReport:
    """The adviser's file for the centre: all they keep except what the centre owns, signed
    by ``signer`` (the adviser's certified key) once they are enrolled."""
    programme = programme or current_programme(store)
    with store.session() as session:
        origin = marks.this_adviser(session, store.device_id)
        trust, sign = sync_files.adviser_outgoing(session, signer)
    kinds = tuple(k for k in all_kinds() if k.name not in CENTRE_OWNED)
    return _export(store, path, kinds, None, origin, None, marks.CENTRE, everything,
                   programme, now, progress, with_programme=False,
                   signing=_Signing(trust, sign))


def export_central(store: Store, path: Path, adviser: str, everything: bool = False,
                   programme: Programme | None = None, now: datetime | None = None,
                   progress: Progress | None = None,
                   signer: sync_files.ManifestSigner | None = None) -> ExportReport:
    """The centre's file for one adviser: their schools and everything hanging off them,
    with the authority's certificates, signed by its CA (``signer``) once it has one."""
    programme = programme or current_programme(store)
    with store.session() as session:
        person = find_adviser(session, adviser)
        assigned = CaseloadAssignment.adviser_id == person.id
        # A school moved away this year still goes to its former adviser, once more at
        # least, so their laptop learns it has moved (their history of it stays theirs).
        moved = CaseloadAssignment.previous_adviser_id == person.id
        school_ids = frozenset(session.scalars(select(CaseloadAssignment.school_id)
                                               .where(assigned | moved)))
        recipient = Party(device_id="", role=marks.ADVISER, adviser_id=person.id,
                          name=person.name)
        key = marks.partner_key(recipient)
        since, _ = marks.export_marks(session, key)
        fresh = frozenset() if since is None else frozenset(session.scalars(
            select(CaseloadAssignment.school_id).where(
                assigned, changed_since(CaseloadAssignment, since))))
    origin = Party(device_id=store.device_id, role=marks.CENTRE, name="centre")
    with store.transaction() as session:
        trust, sign, issued = sync_files.centre_outgoing(session, recipient.adviser_id, signer)
    notes = [f"Certificate {i.serial} issued to {i.adviser} (key {i.key_fingerprint})."
             for i in issued]
    return _export(store, path, all_kinds(), school_ids, origin, recipient, key, everything,
                   programme, now, progress, with_programme=True, fresh_school_ids=fresh,
                   signing=_Signing(trust, sign, notes))


@dataclass(frozen=True)
class _Signing:
    """What signing adds to a file: trust.json, the manifest's signature, report notes."""

    trust: bytes | None = None
    sign: sync_files.Sign | None = None
    notes: list[str] = field(default_factory=list)


def find_adviser(session: object, who: str) -> Adviser:
    """An adviser by id, email or exact name (what a person at the centre would type)."""
    matches = session.scalars(select(Adviser).where(
        or_(Adviser.id == who, Adviser.email == who, Adviser.name == who))).all()
    if len(matches) != 1:
        problem = "no adviser" if not matches else f"{len(matches)} advisers"
        raise NotFoundError(f"There is {problem} matching {who!r} in the central store. "
                            "Give the adviser's email or id.")
    return matches[0]


def _export(store: Store, path: Path, kinds: tuple, school_ids: frozenset[str] | None,
            origin: Party, recipient: Party | None, key: str, everything: bool,
            programme: Programme, now: datetime | None, progress: Progress | None,
            with_programme: bool, fresh_school_ids: frozenset[str] = frozenset(),
            signing: _Signing | None = None) -> ExportReport:
    signing = signing or _Signing()
    started = now or utcnow()
    with store.session() as session:
        since, since_seq = (None, 0) if everything else marks.export_marks(session, key)
    hidden = hidden_visit_numbers(programme)
    selection = Selection(kinds=kinds, school_ids=school_ids, since=since,
                          since_log_seq=since_seq, hidden_visit_numbers=hidden,
                          fresh_school_ids=fresh_school_ids)
    steps = len(kinds) + 2
    done = iter(range(1, steps + 1))

    def step(name: str) -> None:
        if progress:
            progress(next(done), steps, f"Reading {name.replace('_', ' ')}")

    with Packer() as packer:
        with store.engine.connect() as conn:
            selected = select_rows(conn, selection, step, sink=packer.add)
        names, counts = sorted(selected.members), selected.counts
        if with_programme:
            packer.add(PROGRAMME_MEMBER, programme_text(store).encode("utf-8"))
            names = sorted([*names, PROGRAMME_MEMBER])
        if signing.trust is not None:
            packer.add(TRUST_MEMBER, signing.trust)
            names = sorted([*names, TRUST_MEMBER])
        manifest = Manifest(
            created_at=started.isoformat(), origin=origin, recipient=recipient,
            scope="all" if since is None else "changes",
            since=since.isoformat() if since else None,
            confidential_content=not hidden, app_version=__version__,
            members=[packer.entry(name, counts.get(_count_key(name), 0)) for name in names],
        )
        if progress:
            progress(steps - 1, steps, "Writing the file")
        packer.write(path, manifest, signing.sign)
    with store.transaction() as session:
        marks.partner(session, key, recipient.role if recipient else marks.CENTRE,
                      recipient.name if recipient else "")
        marks.mark_exported(session, key, recipient.role if recipient else marks.CENTRE,
                            started, selected.max_log_seq)
    if progress:
        progress(steps, steps, "Done")
    return ExportReport(path=Path(path), scope=manifest.scope, since=since, records=counts,
                        withheld_visits=selected.withheld_visits,
                        signed=signing.sign is not None, notes=signing.notes)


def _count_key(member: str) -> str:
    if member == DELETIONS:
        return "deletions"
    return member.removeprefix("records/").removesuffix(".jsonl")

