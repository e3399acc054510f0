"""A hub's catalog feed for tests: a real TUF repository, made with tuf's Metadata API in the
layout of issue 16's contract, and a real HTTP server on 127.0.0.1 that serves it.

``HubRepository.publish(folder, version)`` makes a release: the folder as catalog.tar.gz in
``targets/<sha256>.catalog.tar.gz``, and new targets, snapshot and timestamp metadata in
``metadata/`` (consistent snapshots: ``<N>.targets.json``, ``<N>.snapshot.json``). Each
release's metadata is kept, so a test can replay one or mix two.
"""

import http.server
import io
import socket
import ssl
import tarfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from securesystemslib.signer import CryptoSigner, Signer
from tuf.api.metadata import (
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer

ROLES = ("root", "targets", "snapshot", "timestamp")
TARGET = "catalog.tar.gz"


def catalog_archive(folder: Path) -> bytes:
    """``folder`` as a gzip tar, its files named from the folder's top (council.toml, …)."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for path in sorted(folder.rglob("*")):
            tar.add(path, arcname=path.relative_to(folder).as_posix(), recursive=False)
    return out.getvalue()


@dataclass
class Release:
    version: int  # the catalog_version
    files: dict[str, bytes] = field(default_factory=dict)  # metadata file name -> bytes
    archive_name: str = ""  # targets/<sha256>.catalog.tar.gz


class HubRepository:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.metadata = folder / "metadata"
        self.targets_dir = folder / "targets"
        self.metadata.mkdir(parents=True)
        self.targets_dir.mkdir()
        self.signers: dict[str, Signer] = {r: CryptoSigner.generate_ed25519() for r in ROLES}
        root = Root(expires=_days(365), consistent_snapshot=True)
        for role in ROLES:
            root.add_key(self.signers[role].public_key, role)
        self.root = Metadata(root)
        self.targets = Metadata(Targets(expires=_days(30)))
        self.snapshot = Metadata(Snapshot(expires=_days(30)))
        self.timestamp = Metadata(Timestamp(expires=_days(1)))
        self._write(self.root, "1.root.json", self.signers["root"])
        self.releases: dict[int, Release] = {}

    @property
    def root_file(self) -> Path:
        return self.metadata / "1.root.json"

    def publish(
        self,
        catalog: Path | None = None,
        version: int = 1,
        *,
        archive: bytes | None = None,
        custom: dict[str, Any] | None = None,
        timestamp_expires: datetime | None = None,
        signers: dict[str, Signer] | None = None,
        length: int | None = None,
    ) -> Release:
        """A new release of ``catalog`` (or of ``archive`` as it is) as catalog_version
        ``version``; ``signers`` replaces a role's key (a key the kiosk does not trust),
        ``length`` the length the signed metadata gives the archive."""
        data = archive if archive is not None else catalog_archive(catalog or Path())
        keys = self.signers | (signers or {})
        release = Release(version)
        target = TargetFile.from_data(TARGET, data, ["sha256"])
        if length is not None:
            target.length = length
        target.unrecognized_fields["custom"] = custom or {
            "catalog_version": version,
            "published_by": "CM",
            "published_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        release.archive_name = f"{target.hashes['sha256']}.{TARGET}"
        (self.targets_dir / release.archive_name).write_bytes(data)
        self.targets.signed.targets = {TARGET: target}
        self.targets.signed.version += 1
        name = f"{self.targets.signed.version}.targets.json"
        release.files[name] = self._write(self.targets, name, keys["targets"])
        self.snapshot.signed.meta["targets.json"] = MetaFile(self.targets.signed.version)
        self.snapshot.signed.version += 1
        name = f"{self.snapshot.signed.version}.snapshot.json"
        release.files[name] = self._write(self.snapshot, name, keys["snapshot"])
        self.timestamp.signed.snapshot_meta = MetaFile(self.snapshot.signed.version)
        self.timestamp.signed.version += 1
        self.timestamp.signed.expires = timestamp_expires or _days(1)
        release.files["timestamp.json"] = self._write(
            self.timestamp, "timestamp.json", keys["timestamp"]
        )
        self.releases[version] = release
        return release

    def rotate(self, role: str) -> Signer:
        """A new key for ``role`` in a new root version, signed by the old root key and (for
        the root itself) the new one too; returns the key it replaced."""
        old = self.signers[role]
        new = CryptoSigner.generate_ed25519()
        root = self.root.signed
        root.revoke_key(old.public_key.keyid, role)
        root.add_key(new.public_key, role)
        root.version += 1
        self.signers[role] = new
        self.root.signatures.clear()
        for signer in [self.signers["root"], *([old] if role == "root" else [])]:
            self.root.sign(signer, append=True)  # the old root vouches for the new
        data = self.root.to_bytes(JSONSerializer(compact=True))
        (self.metadata / f"{root.version}.root.json").write_bytes(data)
        return old

    def serve_again(self, release: Release) -> None:
        """Put ``release``'s timestamp back (a replay: its other files are still there)."""
        (self.metadata / "timestamp.json").write_bytes(release.files["timestamp.json"])

    def file_of(self, release: Release, kind: str) -> str:
        return next(name for name in release.files if name.endswith(f".{kind}.json"))

    def _write(self, metadata: Metadata[Any], name: str, signer: Signer) -> bytes:
        metadata.sign(signer)
        data = metadata.to_bytes(JSONSerializer(compact=True))
        (self.metadata / name).write_bytes(data)
        return data


def _days(days: float) -> datetime:
    return datetime.now(UTC) + timedelta(days=days)


class _Handler(http.server.SimpleHTTPRequestHandler):
    trickle_s = 0.0  # > 0: every answer is sent a byte at a time, this long apart

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def copyfile(self, source: Any, outputfile: Any) -> None:
        if not self.trickle_s:
            super().copyfile(source, outputfile)
            return
        while byte := source.read(1):
            outputfile.write(byte)
            outputfile.flush()
            time.sleep(self.trickle_s)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a kiosk hanging up on a file too long is the point of some tests


@dataclass
class Hub:
    url: str  # the catalog_source: http://127.0.0.1:PORT/catalog/
    handler: type[_Handler]

    def trickle(self, seconds: float) -> None:
        self.handler.trickle_s = seconds


@contextmanager
def serve(repository: HubRepository, tls: ssl.SSLContext | None = None) -> Iterator[Hub]:
    """``repository`` served at http://127.0.0.1:PORT/<its folder's name>/ until the end
    (https:// with ``tls``)."""
    handler: type[_Handler] = type("Handler", (_Handler,), {})
    server = _QuietServer(
        ("127.0.0.1", 0),
        lambda *a: handler(*a, directory=str(repository.folder.parent)),
    )
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    try:
        scheme = "https" if tls else "http"
        yield Hub(f"{scheme}://127.0.0.1:{port}/{repository.folder.name}/", handler)
    finally:
        server.shutdown()
        server.server_close()


def unused_port() -> int:
    """A port with nothing listening on it (a hub that is down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
