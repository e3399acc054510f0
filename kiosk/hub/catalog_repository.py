"""The hub's catalog as a TUF repository: keys made, catalogs published, metadata kept fresh.

The catalog is one target, ``catalog.tar.gz``, whose custom field says its catalog version
(one more at every publish, rollback included), who published it and when. Each online role
is signed again, with a higher version, once less than half of its lifetime is left: at every
publish, and from ``kiosk hub serve`` every few minutes (catalog_refresh.py), so kiosks never
see an expired feed while the hub runs. Only the root needs the offline key. Every change
happens under a lock on the keys folder, so a publish and the running hub never interleave.
"""

import fcntl
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from securesystemslib.signer import CryptoSigner, Signer
from tuf.api.metadata import Metadata, Root, Snapshot, TargetFile, Targets, Timestamp

from kiosk.errors import KioskError
from kiosk.files import atomic_file, kept_private, private_folder
from kiosk.hub.catalog_keys import (
    ONLINE_ROLES,
    keys_folder,
    new_signer,
    online_key_file,
    read_key,
    read_online_key,
    replace_key,
    write_new_key,
)
from kiosk.hub.catalog_metadata import (
    HASHES,
    Lifetimes,
    TopLevel,
    content_versions,
    file_name,
    meta_file,
    metadata_folder,
    read_top_level,
    remember_content_version,
    sign_and_write,
    targets_folder,
    targets_history,
    utc_stamp,
)

TARGET_NAME = "catalog.tar.gz"
CHAIN = ("targets", "snapshot", "timestamp")  # each role's metadata names the one before it
ROOT_KEY = "the catalog's root key"
NOT_SET_UP = "the hub has no catalog keys yet: run kiosk hub keys init --root-key FILE first"


@dataclass(frozen=True)
class Published:
    """One published catalog version, as its targets metadata records it."""

    catalog_version: int
    published_by: str
    published_at: str
    sha256: str
    length: int
    content_version: str | None  # the kiosk's name for the catalog (its check's digest)


def utc_now() -> datetime:
    return datetime.now(UTC)


class CatalogRepository:
    """The repository in ``data_dir``; ``lifetimes`` and ``clock`` are the tests' to change."""

    def __init__(
        self,
        data_dir: Path,
        lifetimes: Lifetimes | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.data_dir = data_dir
        self.lifetimes = lifetimes or Lifetimes()
        self.clock = clock

    @property
    def first_root(self) -> Path:
        """The file IT installs on every kiosk as its trust anchor."""
        return metadata_folder(self.data_dir) / file_name(Root.type, 1)

    @property
    def set_up(self) -> bool:
        return self.first_root.is_file()

    def init(self, root_key_file: Path) -> Path:
        """New keys and the first, empty release; returns the root metadata file."""
        if self.set_up or any(online_key_file(self.data_dir, r).exists() for r in ONLINE_ROLES):
            raise KioskError(
                f"this hub has catalog keys already ({keys_folder(self.data_dir)}): "
                "to replace them, use kiosk hub keys rotate --root-key FILE"
            )
        try:
            private_folder(keys_folder(self.data_dir))
            metadata_folder(self.data_dir).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise KioskError(f"cannot make the hub's catalog folders: {exc}") from None
        root_signer = new_signer()
        write_new_key(root_signer, root_key_file)  # refused if the file is there
        signers: dict[str, Signer] = {}
        for role in ONLINE_ROLES:
            online = new_signer()
            write_new_key(online, online_key_file(self.data_dir, role))
            signers[role] = online
        root = Root(consistent_snapshot=True)
        root.add_key(root_signer.public_key, Root.type)
        for role, signer in signers.items():
            root.add_key(signer.public_key, role)
        now = self.clock()
        sign_and_write(self.data_dir, Metadata(root), [root_signer], now, self.lifetimes.root)
        first = (Metadata(Timestamp()), Metadata(Snapshot()), Metadata(Targets()))
        top = TopLevel(Metadata(root), *first)
        self._sign_from(top, "targets", signers, now, bump=False)
        return self.first_root

    def publish(self, archive: bytes, by: str, content_version: str | None) -> Published:
        """``archive`` (a checked catalog.tar.gz) as the next catalog version."""
        with self._locked():
            top = read_top_level(self.data_dir)
            signers = self._online_signers(top)
            version = max((p.catalog_version for p in self.published()), default=0) + 1
            now = self.clock()
            target = TargetFile.from_data(TARGET_NAME, archive, HASHES)
            target.unrecognized_fields["custom"] = {
                "catalog_version": version,
                "published_by": by,
                "published_at": utc_stamp(now),
            }
            self._keep_target(target, archive)
            if content_version is not None:
                remember_content_version(self.data_dir, version, content_version)
            top.targets.signed.targets[TARGET_NAME] = target
            self._sign_from(top, "targets", signers, now)
        return self._published_from(target, content_version)

    def rollback(self, version: int, by: str) -> Published:
        """Version ``version``'s archive published again, as a new, higher version."""
        archive = self.archive(version)
        return self.publish(archive, by, content_versions(self.data_dir).get(version))

    def refresh(self) -> list[str]:
        """Sign again each role with less than half its lifetime left (and those above it);
        returns the roles signed, none when all are fresh enough."""
        with self._locked():
            top = read_top_level(self.data_dir)
            now = self.clock()
            due = [role for role in CHAIN if self._due(top, role, now)]
            if not due:
                return []
            self._sign_from(top, due[0], self._online_signers(top), now)
        return list(CHAIN[CHAIN.index(due[0]) :])

    def root_expires(self) -> datetime:
        return read_top_level(self.data_dir).root.signed.expires

    def published(self) -> list[Published]:
        """Every catalog version published, newest first (read from the targets metadata)."""
        found: dict[int, Published] = {}
        contents = content_versions(self.data_dir)
        for targets in targets_history(self.data_dir):
            target = targets.signed.targets.get(TARGET_NAME)
            custom = target.custom if target is not None else None
            if target is None or not isinstance(custom, dict):
                continue
            version = custom.get("catalog_version")
            if isinstance(version, int) and version not in found:
                found[version] = self._published_from(target, contents.get(version))
        return sorted(found.values(), key=lambda p: p.catalog_version, reverse=True)

    def archive(self, version: int) -> bytes:
        """Version ``version``'s catalog.tar.gz, as published (its hash checked)."""
        if not self.set_up:
            raise KioskError(NOT_SET_UP)
        chosen = [p for p in self.published() if p.catalog_version == version]
        if not chosen:
            raise KioskError(f"no catalog version {version} was published here")
        path = targets_folder(self.data_dir) / f"{chosen[0].sha256}.{TARGET_NAME}"
        try:
            archive = path.read_bytes()
        except OSError as exc:
            raise KioskError(
                f"cannot read version {version}'s catalog {path}: {exc.strerror}"
            ) from None
        if hashlib.sha256(archive).hexdigest() != chosen[0].sha256:
            raise KioskError(f"{path} has changed since version {version} was published")
        return archive

    def rotate(self, root_key_file: Path, new_root_key_file: Path | None = None) -> int:
        """New online keys (and, with ``new_root_key_file``, a new root key) named by a new
        root version signed by the offline root key (and the new one); returns that version."""
        with self._locked():
            top = read_top_level(self.data_dir)
            old_root = read_key(root_key_file, ROOT_KEY)
            root = top.root.signed
            if old_root.public_key.keyid not in root.roles[Root.type].keyids:
                raise KioskError(f"{root_key_file} is not this hub's root key: nothing changed")
            root_signers: list[Signer] = [old_root]
            if new_root_key_file is not None:
                new_root = new_signer()
                write_new_key(new_root, new_root_key_file)
                _swap_key(root, Root.type, new_root)
                root_signers.append(new_root)
            online = {role: new_signer() for role in ONLINE_ROLES}
            for role, signer in online.items():
                _swap_key(root, role, signer)
            root.version += 1
            now = self.clock()
            sign_and_write(self.data_dir, top.root, root_signers, now, self.lifetimes.root)
            for role, signer in online.items():
                replace_key(signer, online_key_file(self.data_dir, role))
            self._sign_from(top, "targets", dict(online), now)
        return root.version

    def _sign_from(
        self,
        top: TopLevel,
        first: str,
        signers: dict[str, Signer],
        now: datetime,
        *,
        bump: bool = True,
    ) -> None:
        """Sign ``first`` afresh and each role above it, each written before the one naming it."""
        for role in CHAIN[CHAIN.index(first) :]:
            metadata: Metadata[Targets] | Metadata[Snapshot] | Metadata[Timestamp]
            metadata = getattr(top, role)
            if bump:
                metadata.signed.version += 1
            life = self.lifetimes.of(role)
            data = sign_and_write(self.data_dir, metadata, [signers[role]], now, life)
            written = meta_file(metadata.signed.version, data)
            if role == Targets.type:
                top.snapshot.signed.meta["targets.json"] = written
            elif role == Snapshot.type:
                top.timestamp.signed.snapshot_meta = written

    def _due(self, top: TopLevel, role: str, now: datetime) -> bool:
        left = getattr(top, role).signed.expires - now
        return bool(left < self.lifetimes.of(role) / 2)

    def _online_signers(self, top: TopLevel) -> dict[str, Signer]:
        signers: dict[str, Signer] = {}
        for role in ONLINE_ROLES:
            signer = read_online_key(self.data_dir, role)
            if signer.public_key.keyid not in top.root.signed.roles[role].keyids:
                raise KioskError(
                    f"the hub's {role} key ({online_key_file(self.data_dir, role)}) is not the "
                    "one its root metadata names: run kiosk hub keys rotate --root-key FILE"
                )
            signers[role] = signer
        return signers

    def _keep_target(self, target: TargetFile, archive: bytes) -> None:
        folder = targets_folder(self.data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / target.get_prefixed_paths()[0]
        if not path.is_file():  # the same bytes published before (a rollback) are kept once
            with atomic_file(path, "wb") as handle:
                handle.write(archive)

    @staticmethod
    def _published_from(target: TargetFile, content_version: str | None) -> Published:
        custom = target.custom
        return Published(
            catalog_version=custom["catalog_version"],
            published_by=str(custom.get("published_by", "")),
            published_at=str(custom.get("published_at", "")),
            sha256=target.hashes["sha256"],
            length=target.length,
            content_version=content_version,
        )

    @contextmanager
    def _locked(self) -> Iterator[None]:
        if not self.set_up:
            raise KioskError(NOT_SET_UP)
        try:
            with kept_private():
                handle = (keys_folder(self.data_dir) / ".lock").open("a")
        except OSError as exc:
            raise KioskError(f"cannot open {keys_folder(self.data_dir)}: {exc.strerror}") from None
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield


def _swap_key(root: Root, role: str, signer: CryptoSigner) -> None:
    for keyid in list(root.roles[role].keyids):
        root.revoke_key(keyid, role)
    root.add_key(signer.public_key, role)
