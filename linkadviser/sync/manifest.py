"""The manifest: what a sync file says about itself, read strictly before anything else.

A person must be able to open the file without the app and see who made it, when, for whom
and what it holds; the app must be able to refuse a file from a newer format before it reads
a single record. See docs/sync-format.md.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from linkadviser import bounded_json
from linkadviser.sync.errors import SyncError

FORMAT_NAME = "linkadviser-sync"
# 2: report cards' areas in the compact form (data.card_codes), which an app reading version 1
# would misread; a version 1 file still imports (its cards are converted on the way in).
# 3: report cards on their school's data row, not a member of their own, which an app reading
# version 2 would drop; files of versions 1 and 2 still import (sync.old_cards).
FORMAT_VERSION = 3
MANIFEST = "manifest.json"
SCOPES = ("all", "changes")
MAX_MANIFEST_BYTES = 1024 * 1024  # 200 members' entries and notes take a few KB


@dataclass(frozen=True)
class Party:
    """One end of an exchange: a device, and the adviser (or the centre) behind it."""

    device_id: str
    role: str  # "adviser" or "centre"
    adviser_id: str = ""
    name: str = ""


@dataclass(frozen=True)
class Member:
    name: str
    sha256: str
    size: int
    records: int = 0


@dataclass(frozen=True)
class Manifest:
    created_at: str
    origin: Party
    scope: str  # "all" or "changes"
    since: str | None
    confidential_content: bool
    members: list[Member]
    recipient: Party | None = None
    app_version: str = ""
    format: str = FORMAT_NAME
    format_version: int = FORMAT_VERSION
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=2, sort_keys=True, ensure_ascii=False).encode()

    def member(self, name: str) -> Member | None:
        return next((m for m in self.members if m.name == name), None)


def parse_manifest(raw: bytes) -> Manifest:
    """Read and check a manifest; every problem is a SyncError naming the field."""
    if len(raw) > MAX_MANIFEST_BYTES:
        raise _bad(f"it is {len(raw)} bytes; a manifest is at most {MAX_MANIFEST_BYTES}")
    try:
        data = bounded_json.loads(raw.decode("utf-8"))
    except bounded_json.JSONTooDeep:
        raise _bad("it is nested deeper than any manifest is") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad(f"it is not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise _bad(f"it does not say it is a {FORMAT_NAME} file")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _bad("its format_version is missing or not a positive whole number")
    if version > FORMAT_VERSION:
        raise SyncError(
            f"This sync file is format version {version}, made by a newer linkadviser; this app "
            f"reads format version {FORMAT_VERSION}. Update linkadviser, then import it again. "
            "Nothing was changed."
        )
    try:
        manifest = Manifest(
            created_at=_text(data, "created_at"),
            origin=_party(data.get("origin"), "origin"),
            recipient=None if data.get("recipient") is None
            else _party(data["recipient"], "recipient"),
            scope=_text(data, "scope"),
            since=data.get("since") if isinstance(data.get("since"), str) else None,
            confidential_content=bool(data.get("confidential_content", False)),
            members=[_member(m) for m in _list(data, "members")],
            app_version=str(data.get("app_version", "")),
            format_version=version,
            notes=[str(n) for n in data.get("notes", []) if isinstance(n, str)],
        )
    except (TypeError, KeyError, ValueError) as exc:
        raise _bad(str(exc)) from None
    if manifest.scope not in SCOPES:
        raise _bad(f"its scope is {manifest.scope!r}, not one of {', '.join(SCOPES)}")
    return manifest


def _bad(problem: str) -> SyncError:
    return SyncError(f"The sync file's manifest cannot be read: {problem}. "
                     "The file is damaged or not a linkadviser sync file; nothing was changed.")


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise ValueError(f"{key} is missing or not text")
    return value


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list):
        raise ValueError(f"{key} is missing or not a list")
    return value


def _party(value: object, where: str) -> Party:
    if not isinstance(value, dict):
        raise ValueError(f"{where} is missing")
    return Party(device_id=_text(value, "device_id"), role=_text(value, "role"),
                 adviser_id=str(value.get("adviser_id", "")), name=str(value.get("name", "")))


def _member(value: object) -> Member:
    if not isinstance(value, dict):
        raise ValueError("a member entry is not a mapping")
    size, records = value.get("size"), value.get("records", 0)
    if not isinstance(size, int) or not isinstance(records, int) or size < 0:
        raise ValueError(f"member {value.get('name')!r} has no valid size")
    sha = _text(value, "sha256")
    if len(sha) != 64:
        raise ValueError(f"member {value.get('name')!r} has no SHA-256")
    return Member(name=_text(value, "name"), sha256=sha.lower(), size=size, records=records)
