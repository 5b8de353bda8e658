"""Everything one document shows, as plain data that can travel inside the PDF.

A document is a pure function of a ``DocumentData``: the renderer reads nothing else. The same
data (signature images included) is embedded in the PDF, so ``verify`` can draw the document
again from what the PDF carries and compare it with what the PDF shows.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import date

from linkadviser import bounded_json
from linkadviser.visit.content import (
    ActionPointContent,
    VisitContent,
    date_from_iso,
    part_from_raw,
)

PAYLOAD_FORMAT = 1



@dataclass(frozen=True)
class AmendmentNote:
    """Why the version before this one was reopened."""

    amends_version: int
    reason: str
    made_on: date


@dataclass
class DocumentData:
    """One document of one visit: a signed version (``version`` > 0) or a draft (0)."""

    kind: str
    content: VisitContent
    version: int = 0
    fingerprint: str = ""
    amendments: list[AmendmentNote] = field(default_factory=list)
    amending_version: int = 0  # a draft made while signed version N is being amended
    previous_visit: str = ""  # for the preparation sheet: which visit the action points are from
    previous_action_points: list[ActionPointContent] = field(default_factory=list)
    printed_on: date | None = None  # drafts only; a signed document is the same whenever drawn
    signature_images: dict[str, bytes] = field(default_factory=dict)  # by signature_key
    # Who digitally signs the file (``signing.pades``), printed on every page: "" when the
    # adviser has no certificate yet (the fingerprint alone, and the page says so); None in a
    # document made before digital signatures, which printed nothing about them.
    digital_signature: str | None = None
    authority: str = ""  # the store's authority; "" for the programme's
    demo: bool = False  # the invented demo county: every page says so

    @property
    def signed(self) -> bool:
        return self.version > 0

    @property
    def amended(self) -> bool:
        return self.version > 1


def signature_key(role: str, name: str) -> str:
    return f"{role}\n{name}"


def _iso(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot put {type(value).__name__} in a document payload")


def to_payload(data: DocumentData) -> str:
    """The JSON embedded in the PDF: the signed content exactly as fingerprinted, plus the rest.

    ASCII only (``\\u`` escapes): a PDF string in the document information is read back in
    PDFDocEncoding, which has no code for some characters (a soft hyphen, for one), and a
    damaged record would make an unaltered document fail ``verify``.
    """
    # Carried only when set, so a document drawn before they existed keeps its payload.
    extra = {k: v for k, v in (("authority", data.authority), ("demo", data.demo)) if v}
    if data.digital_signature is not None:
        extra["digital_signature"] = data.digital_signature
    return json.dumps({
        **extra,
        "format": PAYLOAD_FORMAT,
        "kind": data.kind,
        "content": data.content.canonical(),
        "version": data.version,
        "fingerprint": data.fingerprint,
        "amendments": [{"amends_version": a.amends_version, "reason": a.reason,
                        "made_on": a.made_on} for a in data.amendments],
        "amending_version": data.amending_version,
        "previous_visit": data.previous_visit,
        "previous_action_points": [vars(a) for a in data.previous_action_points],
        "printed_on": data.printed_on,
        "signature_images": {k: base64.b64encode(v).decode("ascii")
                             for k, v in data.signature_images.items()},
    }, ensure_ascii=True, sort_keys=True, separators=(",", ":"), default=_iso)


def from_payload(text: str) -> tuple[DocumentData, dict]:
    """The document data and the raw content dict (whose fingerprint is the one that counts)."""
    raw = bounded_json.loads(text)  # a PDF's payload is anyone's: no recursion without bound
    if not isinstance(raw, dict):
        raise ValueError("it is not a JSON object")
    if raw.get("format") != PAYLOAD_FORMAT:
        raise ValueError(f"unknown payload format {raw.get('format')!r}")
    content_raw = raw["content"]
    data = DocumentData(
        kind=raw["kind"],
        content=VisitContent.from_canonical(content_raw, signed_version=raw["version"]),
        version=raw["version"],
        fingerprint=raw["fingerprint"],
        amendments=[AmendmentNote(a["amends_version"], a["reason"], date_from_iso(a["made_on"]))
                    for a in raw["amendments"]],
        amending_version=raw["amending_version"],
        previous_visit=raw["previous_visit"],
        previous_action_points=[part_from_raw(ActionPointContent, a)
                                for a in raw["previous_action_points"]],
        printed_on=date_from_iso(raw["printed_on"]),
        signature_images={k: base64.b64decode(v) for k, v in raw["signature_images"].items()},
        digital_signature=_optional_text(raw.get("digital_signature")),
        authority=str(raw.get("authority", "")), demo=raw.get("demo") is True,
    )
    return data, content_raw


def _optional_text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise TypeError("digital_signature is not text")
