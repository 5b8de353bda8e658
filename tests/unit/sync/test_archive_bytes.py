"""The sync file's zip is written by hand (members deflated in parallel): it must be exactly
the archive ``zipfile.ZipFile.writestr`` made before, so the format and every file's bytes
stay as documented, and any zip tool still reads it."""

from __future__ import annotations

import zipfile
from pathlib import Path

from linkadviser.sync.archive import (
    COMPRESSION_LEVEL,
    member_entry,
    open_archive,
    write_archive,
)
from linkadviser.sync.manifest import MANIFEST, Manifest, Party


def _zipfile_bytes(path: Path, manifest: Manifest, members: dict[str, bytes]) -> bytes:
    """What the archive was when zipfile wrote it (the previous writer, kept as the oracle)."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in [(MANIFEST, manifest.to_json()), *sorted(members.items())]:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data, compresslevel=COMPRESSION_LEVEL)
    return path.read_bytes()


def _manifest(members: dict[str, bytes]) -> Manifest:
    entries = [member_entry(n, d, d.count(b"\n")) for n, d in sorted(members.items())]
    origin = Party(device_id="d", role="adviser", adviser_id="a", name="A")
    return Manifest(created_at="2026-11-26T08:00:00", origin=origin, scope="all", since=None,
                    confidential_content=False, members=entries)


def test_written_bytes_are_zipfiles_own(tmp_path: Path) -> None:
    big = b"".join(b'{"id":"%d","text":"%s"}\n' % (i, b"x" * (i % 97)) for i in range(50_000))
    cases = [{}, {"records/visits.jsonl": b""},
             {"records/visits.jsonl": big, "records/targets.jsonl": b'{"id":"t"}\n',
              "deletions.jsonl": b"", "programme.yaml": "caf\u00e9: 1\n".encode()}]
    for n, members in enumerate(cases):
        manifest = _manifest(members)
        ours = tmp_path / f"ours-{n}.zip"
        write_archive(ours, manifest, members)
        assert ours.read_bytes() == _zipfile_bytes(tmp_path / f"zipfile-{n}.zip", manifest,
                                                   members)
        with zipfile.ZipFile(ours) as zf:
            assert zf.testzip() is None
        assert dict(open_archive(ours.read_bytes()).members) == members
