"""A signed version must match its fingerprint, or the file is refused.

A signed version is the visit's content frozen at signing, with the fingerprint of that
content. A copy altered after signing would be stored as it came by a store that did not have
it, and its documents then print the altered text as signed. The fingerprint is a hash, not a
signature: it shows the content and the fingerprint were altered apart, not who made them
(anyone can compute a fresh fingerprint for altered content; signed files are issue 15's).
"""

from __future__ import annotations

import hashlib
from typing import Any

from linkadviser import bounded_json
from linkadviser.sync.errors import refused
from linkadviser.sync.incoming import Incoming
from linkadviser.sync.records import member_name
from linkadviser.visit.content import fingerprint_of

TABLE = "signed_versions"


def check_signed_versions(incoming: Incoming) -> None:
    """Refuse the file if any signed version's content does not give its fingerprint."""
    bad = [row for row in incoming.records.get(TABLE, ()) if not _matches(row)]
    if bad:
        row = bad[0]
        more = f" ({len(bad)} signed versions are like this)" if len(bad) > 1 else ""
        raise refused(
            f"{member_name(TABLE)}: signed version {row['version']} of visit {row['visit_id']} "
            f"(record {row['id']}) does not match its fingerprint{more}: its content was "
            "altered after it was signed. Ask the sender to export it again and check the "
            "visit's signed record with them")


def _matches(row: dict[str, Any]) -> bool:
    """The content as the app writes it hashes to the fingerprint directly; content written
    in another JSON layout (spaces, key order) is read and fingerprinted the app's way."""
    content, fingerprint = row["content_json"], row["fingerprint"]
    try:
        if hashlib.sha256(content.encode("utf-8")).hexdigest() == fingerprint:
            return True
        return fingerprint_of(bounded_json.loads(content)) == fingerprint
    except (ValueError, TypeError):
        return False  # not UTF-8 text, not JSON, too deeply nested, a value no record holds
