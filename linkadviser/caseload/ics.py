"""The booked visits as an iCalendar file (RFC 5545) for Outlook and Google Calendar.

Written with the ``icalendar`` library. Each visit is one event whose UID comes from the
visit's UUID, so importing a later export updates the same events instead of adding copies;
SEQUENCE counts the re-bookings so calendars take the newer time.

Times are written in UTC (``...Z``): the booking is the adviser's local time, converted with
the adviser's time zone. Outlook misreads the VTIMEZONE blocks a library builds from the time
zone database (RDATE lists rather than yearly rules) and shifts summer-time events by an hour;
a UTC time every calendar reads the same and shows in the reader's own zone. A booking with no
time is an all-day event on its date.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
from sqlalchemy import func, select

from linkadviser import __version__
from linkadviser.caseload.term import PlannedVisit, TermAhead
from linkadviser.errors import LinkAdviserError
from linkadviser.store.db import Store
from linkadviser.store.models import ChangeLog
from linkadviser.visit.booking import stored_time

DEFAULT_ZONE = "Europe/London"
ZONE_KEY = "calendar.time_zone"  # the adviser's zone, if not the default
VISIT_LENGTH = timedelta(hours=2)  # a timed visit's block in the calendar (half a morning)
UID_DOMAIN = "linkadviser"
PRODID = f"-//linkadviser//Link Adviser visits {__version__}//EN"


def adviser_zone(store: Store, name: str | None = None) -> ZoneInfo:
    """The zone named, else the one this store keeps, else England's."""
    return zone_named(name or store.get_meta(ZONE_KEY) or DEFAULT_ZONE)


def zone_named(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise LinkAdviserError(f"{name!r} is not a time zone name like Europe/London.") from None


def event_uid(visit_id: str) -> str:
    return f"{visit_id}@{UID_DOMAIN}"


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def visit_event(visit: PlannedVisit, zone: ZoneInfo, sequence: int = 0) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", event_uid(visit.visit_id or ""))
    # Without a METHOD, DTSTAMP is when the record last changed (RFC 5545, 3.8.7.2); the
    # store keeps that time in UTC.
    stamp = (visit.modified_at or datetime(1970, 1, 1)).replace(tzinfo=UTC)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", sequence)
    event.add("summary", f"{visit.school_name}: {visit.label}")
    at = stored_time(visit.booked_time)
    if at is None:
        event.add("dtstart", visit.booked_on)
        event.add("dtend", visit.booked_on + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    else:
        start = datetime.combine(visit.booked_on, at, tzinfo=zone)
        event.add("dtstart", _utc(start))
        event.add("dtend", _utc(start + VISIT_LENGTH))
    event.add("location", visit.place or visit.school_name)
    event.add("description", "\n".join((
        f"{visit.label}, {visit.term} term",
        f"{visit.school_name} (URN {visit.urn})",
        f"State when exported: {visit.state_label}",
    )))
    event.add("categories", ["Link Adviser visit"])
    return event


def calendar_bytes(visits: list[PlannedVisit], zone: ZoneInfo,
                   sequences: dict[str, int] | None = None) -> bytes:
    """The ``visits`` (booked ones) as one VCALENDAR."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Link Adviser visits")
    for visit in visits:
        if visit.booked_on is None or visit.visit_id is None:
            continue
        calendar.add_component(visit_event(visit, zone, (sequences or {}).get(visit.visit_id, 0)))
    return calendar.to_ical()


def local_start(event: icalendar.Event, zone: ZoneInfo) -> datetime | None:
    """An exported event's start in the adviser's zone (None for an all-day event)."""
    start = event.decoded("dtstart")
    if not isinstance(start, datetime):
        return None
    return start.astimezone(zone)



def export_calendar(store: Store, ahead: TermAhead, since: date, zone: ZoneInfo
                    ) -> tuple[bytes, int]:
    """The caseload's visits booked from ``since`` on, and how many there are."""
    visits = [v for v in ahead.booked_since(since) if v.visit_id]
    with store.session() as session:
        bookings = dict(session.execute(
            select(ChangeLog.record_id, func.count()).where(
                ChangeLog.record_type == "visit", ChangeLog.action == "booked")
            .group_by(ChangeLog.record_id)).all())
    sequences = {v.visit_id: max(bookings.get(v.visit_id, 1) - 1, 0) for v in visits}
    return calendar_bytes(visits, zone, sequences), len(visits)


def write_calendar(path: Path, data: bytes) -> None:
    """Write whole or not at all (a half-written calendar would import half the visits)."""
    partial = path.with_name(f".{path.name}.part")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise LinkAdviserError(f"Could not write {path}: {exc.strerror or exc}.") from None
