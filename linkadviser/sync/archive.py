"""The sync file as bytes: a zip of checked members, written atomically, read defensively.

Reading trusts nothing: the file may be cut short on a memory stick, edited by hand, or made
to hurt (a member that inflates to gigabytes, a name that climbs out with ``../``). Every
member is read with a size cap and checked against the SHA-256 its manifest gives before any
record is looked at.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from linkadviser.sync.errors import SyncError
from linkadviser.sync.manifest import MANIFEST, Manifest, Member, parse_manifest

# Limits generous for a county's work (an 18,000-visit export is tens of MB) but far below
# what would exhaust a laptop's memory.
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_MEMBER_BYTES = 1024 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_MEMBERS = 200
MAX_RATIO = 200  # uncompressed/compressed; text JSON compresses ~10:1, a bomb ~1000:1
RATIO_FROM_BYTES = 1024 * 1024  # small members may compress extremely well and harm no one
MEMBER_NAME = re.compile(r"^(manifest\.json|manifest\.sig|programme\.yaml|deletions\.jsonl"
                         r"|trust\.json|records/[a-z][a-z0-9_]{0,62}\.jsonl)$")
SIGNATURE = "manifest.sig"  # the sender's signature of manifest.json (see signing.sync_files)
MAX_SIGNATURE_BYTES = 64 * 1024
READERS = 4  # members inflated and checked at once (see _checked)
PACKERS = 2  # members deflated at once while an export reads on (see Packer); 2 cores
COMPRESSION_LEVEL = 1  # level 1 is ~4x faster than the default and only ~15% larger
# The fixed fields of each member written (see _write_zip): zip 2.0, deflate, 1980-01-01
# 00:00 in DOS form, and the system zipfile records (3, Unix, except on Windows).
ZIP_VERSION, ZIP_DEFLATE, DOS_1980 = 20, zipfile.ZIP_DEFLATED, (1 << 5) | 1
ZIP_SYSTEM = zipfile.ZipInfo().create_system
ZIP_MODE = 0o600 << 16  # rw-------, as zipfile's writestr records a member
# What a member may be: stored or deflated, never encrypted. Other methods (LZMA, bzip2)
# each fail in their own way on bad data, and nothing we write uses them.
METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
ENCRYPTED = 0x1  # general purpose bit 0


@dataclass(frozen=True)
class Archive:
    manifest: Manifest
    members: Mapping[str, bytes]
    file_sha256: str
    manifest_raw: bytes = b""  # the exact bytes a signature signs
    signature: bytes | None = None  # manifest.sig, when the sender signed the file


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_archive(path: Path, manifest: Manifest, members: Mapping[str, bytes],
                  sign: Callable[[bytes], bytes] | None = None) -> None:
    """Write the file beside its destination and rename it into place (never half a file)."""
    with Packer() as packer:
        for name, data in members.items():
            packer.add(name, data)
        packer.write(path, manifest, sign)


class Packer:
    """Members deflated, checksummed and hashed on worker threads from the moment each is
    made: an export hands over one table's records while it reads the next, so deflating (a
    quarter of a county export) happens beside the reading instead of after it. zlib and
    hashlib release the GIL on large buffers. ``entry`` gives the manifest line of a member
    (waiting for its hash) and ``write`` the file."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(PACKERS)
        self._packed: dict[str, Future[_Packed]] = {}

    def __enter__(self) -> Packer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._pool.shutdown(cancel_futures=True)

    def add(self, name: str, data: bytes) -> None:
        self._packed[name] = self._pool.submit(_pack, data)

    def entry(self, name: str, records: int) -> Member:
        packed = self._packed[name].result()
        return Member(name=name, sha256=packed.sha256, size=packed.size, records=records)

    def write(self, path: Path, manifest: Manifest,
              sign: Callable[[bytes], bytes] | None = None) -> None:
        """The file: manifest first (and its signature, when ``sign`` makes one), then the
        members in name order, written beside its destination and renamed into place (never
        half a file)."""
        raw = manifest.to_json()
        named = [(MANIFEST, _pack(raw))]
        if sign is not None:
            named.append((SIGNATURE, _pack(sign(raw))))
        named += [(name, self._packed[name].result()) for name in sorted(self._packed)]
        path = Path(path)
        folder = path.parent if str(path.parent) else Path(".")
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        except OSError as exc:
            raise _unwritable(path, exc) from exc
        try:
            with os.fdopen(fd, "wb") as raw:
                _write_zip(raw, named)
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(tmp, path)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise _unwritable(path, exc) from exc
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _unwritable(path: Path, exc: OSError) -> SyncError:
    return SyncError(f"The sync file {path} could not be written ({exc.strerror or exc}). "
                     "Check the folder exists, is writable and has space; nothing was "
                     "marked as sent.")


@dataclass(frozen=True)
class _Packed:
    deflated: bytes  # the raw deflate stream, as zipfile makes it
    crc: int
    size: int
    sha256: str


def _pack(body: bytes) -> _Packed:
    squeeze = zlib.compressobj(COMPRESSION_LEVEL, zlib.DEFLATED, -15)
    return _Packed(squeeze.compress(body) + squeeze.flush(), zlib.crc32(body), len(body),
                   sha256(body))


def _write_zip(out: BinaryIO, named: list[tuple[str, _Packed]]) -> None:
    """The zip archive of these members, in this order, each deflated at
    ``COMPRESSION_LEVEL`` with a fixed date (1980-01-01), so the same records always make the
    same bytes. These are the bytes ``zipfile.ZipFile.writestr`` wrote for the same members
    (a test compares them); the archive is written here only so that the members can be
    deflated on other threads (``Packer``), which was a quarter of a county export's time
    when zipfile did it one member after another. No zip64: a sync file and its members are
    far below 4 GB (``MAX_FILE_BYTES``, ``MAX_MEMBER_BYTES``)."""
    central = []
    for name, packed in named:
        label = name.encode("ascii")
        # flags, method, DOS time and date, CRC, sizes, name and extra-field lengths
        common = (0, ZIP_DEFLATE, 0, DOS_1980, packed.crc, len(packed.deflated), packed.size,
                  len(label), 0)
        central.append(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", ZIP_VERSION, ZIP_SYSTEM,
                                   ZIP_VERSION, 0, *common, 0, 0, 0, ZIP_MODE, out.tell())
                       + label)
        out.write(struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", ZIP_VERSION, 0, *common) + label)
        out.write(packed.deflated)
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central),
                          len(directory), start, 0))


def member_entry(name: str, data: bytes, records: int) -> Member:
    return Member(name=name, sha256=sha256(data), size=len(data), records=records)


def read_file_bytes(path: Path) -> bytes:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SyncError(f"{path} is {size // (1024 * 1024)} MB, larger than any sync file "
                            f"should be ({MAX_FILE_BYTES // (1024 * 1024)} MB); not imported.")
        return path.read_bytes()
    except FileNotFoundError:
        raise SyncError(f"There is no file {path}. Check the name and folder.") from None
    except IsADirectoryError:
        raise SyncError(f"{path} is a folder, not a sync file.") from None
    except OSError as exc:
        raise SyncError(f"{path} could not be read ({exc.strerror or exc}).") from exc


def open_archive(data: bytes) -> Archive:
    """Check the whole archive and return its members; raises SyncError on any fault."""
    file_sha = sha256(data)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError,
            OSError) as exc:
        raise _damaged(f"it is not a complete zip archive ({exc})") from None
    with zf:
        infos = _check_entries(zf.infolist())
        manifest_raw = _read(zf, infos[MANIFEST])
        manifest = parse_manifest(manifest_raw)
        signature = None
        if SIGNATURE in infos:
            if infos[SIGNATURE].file_size > MAX_SIGNATURE_BYTES:
                raise _bomb(SIGNATURE, "it is larger than any signature")
            signature = _read(zf, infos[SIGNATURE])
        listed = {m.name: m for m in manifest.members}
        if len(listed) != len(manifest.members):
            raise _damaged("its manifest lists a member twice")
        if SIGNATURE in listed:
            raise _damaged(f"its manifest lists {SIGNATURE}, which signs the manifest itself")
        present = set(infos) - {MANIFEST, SIGNATURE}
        if missing := sorted(set(listed) - present):
            raise _damaged(f"members named in its manifest are missing: {', '.join(missing)}")
        if extra := sorted(present - set(listed)):
            raise _damaged(f"it holds members its manifest does not list: {', '.join(extra)}")
        with ThreadPoolExecutor(READERS) as pool:
            checked = list(pool.map(lambda item: _checked(zf, infos[item[0]], item[1]),
                                    sorted(listed.items())))
        members = dict(checked)
    return Archive(manifest=manifest, members=members, file_sha256=file_sha,
                   manifest_raw=manifest_raw, signature=signature)


def _checked(zf: zipfile.ZipFile, info: zipfile.ZipInfo, entry: Member) -> tuple[str, bytes]:
    """One member, inflated and matched against its manifest entry. Run on several threads
    at once: zlib and hashlib release the GIL on large buffers, and zipfile's reads of the
    one underlying file are locked, so a county's members inflate side by side."""
    content = _read(zf, info)
    if len(content) != entry.size or sha256(content) != entry.sha256:
        raise _damaged(f"{info.filename} does not match its SHA-256 in the manifest "
                       "(it was altered or damaged after export)")
    return info.filename, content


def _check_entries(infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    if len(infos) > MAX_MEMBERS:
        raise _damaged(f"it holds {len(infos)} members; a sync file has at most {MAX_MEMBERS}")
    by_name: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        if not MEMBER_NAME.match(name) or ".." in name or name.startswith("/"):
            raise _damaged(f"it holds a member with a name a sync file never uses ({name!r}); "
                           "paths leaving the archive or unknown names are refused")
        if name in by_name:
            raise _damaged(f"it holds {name!r} twice")
        if info.flag_bits & ENCRYPTED:
            raise _damaged(f"{name} is encrypted; a sync file is never encrypted")
        if info.compress_type not in METHODS:
            raise _damaged(f"{name} is compressed in a way a sync file never is (zip method "
                           f"{info.compress_type}; only stored or deflated)")
        if info.file_size > MAX_MEMBER_BYTES:
            raise _bomb(name, f"it would expand to {info.file_size} bytes")
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(
                info.compress_size, 1):
            raise _bomb(name, f"it expands {info.file_size // max(info.compress_size, 1)} times")
        total += info.file_size
        by_name[name] = info
    if total > MAX_TOTAL_BYTES:
        raise _bomb("the archive", f"its members would expand to {total} bytes")
    if MANIFEST not in by_name:
        raise _damaged("it has no manifest.json")
    return by_name


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Read a member, never more than its declared size (a lying header cannot inflate it)."""
    try:
        with zf.open(info) as fh:
            content = fh.read(info.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
            RuntimeError, ValueError) as exc:
        raise _damaged(f"{info.filename} cannot be read ({exc})") from None
    if len(content) > info.file_size:
        raise _bomb(info.filename, "it holds more than its header declares")
    return content


def _damaged(problem: str) -> SyncError:
    return SyncError(f"The sync file was refused: {problem}. It may have been cut short or "
                     "altered; ask for it to be exported again. Nothing was changed.")


def _bomb(name: str, problem: str) -> SyncError:
    return SyncError(f"The sync file was refused: {name} is not a plausible sync member ({problem}"
                     "). Nothing was changed.")
