"""What happens when a record arrives that this store already has: one rule per kind.

The rules (documented for users in docs/sync-format.md):

- Same content: nothing changes (the later of the two stamps is kept, so stores converge).
- A signed version, its signatures and amendment reasons are never overwritten: an incoming
  copy that differs is kept apart as a conflict.
- A visit that is signed here does not change unless the incoming copy carries a later signed
  version or the visit was opened for amendment there: its parts (notes, targets...) that
  differ are kept apart as conflicts, not applied.
- A visit's signed version only goes up: a copy with an earlier signed version never replaces
  one with a later, whatever the clocks say.
- Anything else: the later edit (``modified_at``, then device id to break a tie) wins. The
  records are kept small (one note per agenda item, one text per section, one row per target),
  so "later wins" is per field of the visit, not per visit. When both sides changed the record
  since they last exchanged, the version that lost is kept as a conflict for review.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from linkadviser.sync.kinds import IMMUTABLE, Kind

SAME, TAKE, KEEP = "same", "take", "keep"

# Conflict kinds, as listed to the user and stored for review.
BOTH_EDITED = "edited_in_both_places"
SIGNED_DIFFERS = "signed_record_differs"
SIGNED_TWICE = "two_signed_versions"
SIGNED_EDIT = "change_to_signed_record"
EARLIER_SIGNATURE = "earlier_signed_version"
CREATED_TWICE = "created_in_both_places"
PARENT_APART = "parent_kept_apart"
DELETED_HERE = "deleted_here"
EDITED_HERE = "edited_here_deleted_there"
STILL_USED = "deleted_there_still_used_here"
NOT_THE_SENDERS = "school_not_the_senders"

MESSAGES = {
    BOTH_EDITED: "changed in both places since the last exchange; the later edit was kept",
    SIGNED_DIFFERS: "a signed record arrived with different content; the signed record here "
                    "was kept unchanged",
    SIGNED_TWICE: "two different signed versions with the same number; both are kept, this "
                  "store's in place and the other for review",
    SIGNED_EDIT: "a change to a record that is signed here; the signed content was kept",
    EARLIER_SIGNATURE: "an older copy of a visit signed later here; the later signing was kept",
    CREATED_TWICE: "the same record was created in both places; this store's was kept",
    PARENT_APART: "belongs to a record that was kept apart; kept apart with it",
    DELETED_HERE: "deleted here after the edit that arrived; left deleted",
    EDITED_HERE: "deleted there but edited here later; this store's copy was kept",
    STILL_USED: "deleted there but other records here still refer to it; it was kept",
    NOT_THE_SENDERS: "a record of a school not assigned to the adviser who sent it; it was not "
                     "applied (ask the centre whether the school should be assigned to them)",
}


@dataclass(frozen=True)
class Context:
    """What the decision needs beyond the two copies."""

    last_import: datetime | None  # when we last took a file from this partner
    last_export: datetime | None  # when we last sent one
    frozen_visits: frozenset[str]  # visits signed here that this file does not re-sign


@dataclass(frozen=True)
class Decision:
    action: str  # SAME, TAKE (apply the incoming copy) or KEEP (leave this store's)
    conflict: str | None = None


# The decisions without a conflict, made once: one is asked for each record arriving.
_SAME, _TAKE, _KEEP = Decision(SAME), Decision(TAKE), Decision(KEEP)


def _stamp(row: Mapping[str, Any]) -> tuple:
    return (row["modified_at"], row["device_id"])


def differs(kind: Kind, local: Mapping[str, Any], incoming: Mapping[str, Any]) -> bool:
    return kind.content(local) != kind.content(incoming)


def decide(kind: Kind, local: Mapping[str, Any], incoming: Mapping[str, Any],
           ctx: Context) -> Decision:
    if not differs(kind, local, incoming):
        return _TAKE if _stamp(incoming) > _stamp(local) else _SAME
    if kind.name in IMMUTABLE:
        return Decision(KEEP, SIGNED_DIFFERS)
    if local.get("visit_id") in ctx.frozen_visits:
        return Decision(KEEP, SIGNED_EDIT)
    if kind.name == "visits":
        if incoming["signed_version"] != local["signed_version"]:
            newer = incoming["signed_version"] > local["signed_version"]
            return _TAKE if newer else Decision(KEEP, EARLIER_SIGNATURE)
    later = _stamp(incoming) > _stamp(local)
    # Concurrent: each side changed it without having seen the other's change. The same
    # device's later edit of its own record never is.
    concurrent = (local["device_id"] != incoming["device_id"]
                  and _after(incoming["modified_at"], ctx.last_import)
                  and _after(local["modified_at"], ctx.last_export))
    if not concurrent:
        return _TAKE if later else _KEEP
    return Decision(TAKE if later else KEEP, BOTH_EDITED)


def _after(when: datetime, mark: datetime | None) -> bool:
    return mark is None or when > mark
