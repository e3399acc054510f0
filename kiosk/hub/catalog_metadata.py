"""The catalog repository's TUF metadata files: where each lives, reading, signing, writing.

One folder, ``<data>/catalog``, holds ``metadata/`` and ``targets/`` (the two the hub serves
at ``/catalog/``) and ``content-versions.json`` (never served). Snapshots are consistent:
every root, snapshot and targets file is kept under its version (``3.targets.json``), only
``timestamp.json`` is replaced, and each file is written whole before the one that names it,
so a kiosk fetching at any moment sees one release or the one before, never a mixture.
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from securesystemslib.signer import Signer
from tuf.api.metadata import Metadata, MetaFile, Root, Snapshot, Targets, Timestamp
from tuf.api.serialization import DeserializationError
from tuf.api.serialization.json import JSONSerializer

from kiosk.errors import KioskError
from kiosk.files import atomic_file

REPOSITORY_FOLDER = "catalog"
CONTENT_VERSIONS = "content-versions.json"
HASHES = ["sha256"]
METADATA_BYTES_MAX = 16 * 1024 * 1024
ROOT_WARNING = timedelta(days=60)  # the root is signed offline: IT is told this long before

S = TypeVar("S", Root, Timestamp, Snapshot, Targets)


@dataclass(frozen=True)
class Lifetimes:
    """How long each role's metadata is valid for once signed (the tests shorten them)."""

    root: timedelta = timedelta(days=365)
    targets: timedelta = timedelta(days=30)
    snapshot: timedelta = timedelta(days=7)
    timestamp: timedelta = timedelta(days=1)

    def of(self, role: str) -> timedelta:
        lifetime: timedelta = getattr(self, role)
        return lifetime


@dataclass
class TopLevel:
    """The repository's current metadata: the newest root, and the release timestamp names."""

    root: Metadata[Root]
    timestamp: Metadata[Timestamp]
    snapshot: Metadata[Snapshot]
    targets: Metadata[Targets]


def repository_folder(data_dir: Path) -> Path:
    return data_dir / REPOSITORY_FOLDER


def metadata_folder(data_dir: Path) -> Path:
    return repository_folder(data_dir) / "metadata"


def targets_folder(data_dir: Path) -> Path:
    return repository_folder(data_dir) / "targets"


def file_name(role: str, version: int) -> str:
    return "timestamp.json" if role == Timestamp.type else f"{version}.{role}.json"


def expiry(now: datetime, lifetime: timedelta) -> datetime:
    return (now + lifetime).replace(microsecond=0)


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def read(path: Path, kind: type[S]) -> Metadata[S]:
    """The metadata in ``path``, of ``kind``; a KioskError naming the file if it is unusable."""
    try:
        with path.open("rb") as handle:
            data = handle.read(METADATA_BYTES_MAX)
        found: Metadata[Any] = Metadata.from_bytes(data)
    except FileNotFoundError:
        raise KioskError(f"{path} is missing from the hub's catalog repository") from None
    except OSError as exc:
        raise KioskError(f"cannot read {path}: {exc.strerror}") from None
    except DeserializationError:
        raise KioskError(f"{path} is damaged: it is not TUF metadata") from None
    if not isinstance(found.signed, kind):
        raise KioskError(f"{path} is not {kind.type} metadata")
    checked: Metadata[S] = found
    return checked


def newest_root_version(data_dir: Path) -> int:
    """The highest N with an N.root.json, or 0 when there is none."""
    folder = metadata_folder(data_dir)
    versions = [_leading_number(p.name) for p in folder.glob("*.root.json")]
    return max((v for v in versions if v is not None), default=0)


def read_top_level(data_dir: Path) -> TopLevel:
    folder = metadata_folder(data_dir)
    root = read(folder / file_name(Root.type, newest_root_version(data_dir)), Root)
    timestamp = read(folder / "timestamp.json", Timestamp)
    snapshot_version = timestamp.signed.snapshot_meta.version
    snapshot = read(folder / file_name(Snapshot.type, snapshot_version), Snapshot)
    targets_version = snapshot.signed.meta["targets.json"].version
    targets = read(folder / file_name(Targets.type, targets_version), Targets)
    return TopLevel(root, timestamp, snapshot, targets)


def sign_and_write(
    data_dir: Path, metadata: Metadata[Any], signers: list[Signer], now: datetime, life: timedelta
) -> bytes:
    """``metadata`` with its expiry set from ``now``, signed by each of ``signers``, written
    whole to its file; returns the bytes written (the role above hashes them)."""
    signed = metadata.signed
    signed.expires = expiry(now, life)
    metadata.signatures.clear()
    for signer in signers:
        metadata.sign(signer, append=True)
    data = metadata.to_bytes(JSONSerializer(compact=False))
    folder = metadata_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    with atomic_file(folder / file_name(signed.type, signed.version), "wb") as handle:
        handle.write(data)
    return data


def meta_file(version: int, data: bytes) -> MetaFile:
    return MetaFile.from_data(version, data, HASHES)


def targets_history(data_dir: Path) -> list[Metadata[Targets]]:
    """Every targets metadata file the repository has kept, oldest first."""
    folder = metadata_folder(data_dir)
    numbered = [(_leading_number(p.name), p) for p in folder.glob("*.targets.json")]
    return [read(p, Targets) for n, p in sorted((n, p) for n, p in numbered if n is not None)]


def content_versions(data_dir: Path) -> dict[int, str]:
    """Each published catalog version's content version (what a kiosk's check calls it)."""
    path = repository_folder(data_dir) / CONTENT_VERSIONS
    try:
        held = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(held, dict):
        return {}
    return {int(k): str(v) for k, v in held.items() if str(k).isdigit()}


def remember_content_version(data_dir: Path, catalog_version: int, content: str) -> None:
    held = content_versions(data_dir) | {catalog_version: content}
    path = repository_folder(data_dir) / CONTENT_VERSIONS
    with atomic_file(path, encoding="utf-8") as handle:
        json.dump({str(k): v for k, v in sorted(held.items())}, handle, indent=1)


def _leading_number(name: str) -> int | None:
    first = name.split(".", 1)[0]
    return int(first) if first.isdigit() and not first.startswith("0") else None
