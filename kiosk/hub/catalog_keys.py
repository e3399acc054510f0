"""The keys that sign the hub's catalog: ed25519, each a PEM (PKCS #8) file for its owner only.

The root key is offline: ``kiosk hub keys init`` writes it to a file IT keeps off the hub, and
it is read only by the commands that sign a new root. The three online keys (targets,
snapshot, timestamp) live in the hub's data folder, in ``catalog-keys/``, beside (never
inside) the folder the hub serves.
"""

import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from securesystemslib.signer import CryptoSigner, SSlibKey

from kiosk.errors import KioskError
from kiosk.files import PRIVATE_FILE, atomic_file, kept_private, private_folder

KEYS_FOLDER = "catalog-keys"
ONLINE_ROLES = ("targets", "snapshot", "timestamp")
KEY_BYTES_MAX = 64 * 1024  # a PEM ed25519 key is about 120 bytes


def new_signer() -> CryptoSigner:
    return CryptoSigner.generate_ed25519()


def keys_folder(data_dir: Path) -> Path:
    return data_dir / KEYS_FOLDER


def online_key_file(data_dir: Path, role: str) -> Path:
    return keys_folder(data_dir) / f"{role}.pem"


def write_new_key(signer: CryptoSigner, path: Path) -> None:
    """``signer``'s private key to ``path``, owner-only; refused if ``path`` exists."""
    try:
        with kept_private():
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        raise KioskError(f"{path} exists already: a key is never written over") from None
    except OSError as exc:
        raise KioskError(f"cannot write the key {path}: {exc.strerror}") from None
    with open(descriptor, "wb") as handle:  # noqa: PTH123 (a file descriptor)
        handle.write(signer.private_bytes)
        handle.flush()
        os.fsync(handle.fileno())


def replace_key(signer: CryptoSigner, path: Path) -> None:
    """``path`` now holds ``signer``'s private key, whole, owner-only (key rotation)."""
    private_folder(path.parent)
    with kept_private(), atomic_file(path, "wb") as handle:
        handle.write(signer.private_bytes)


def read_key(path: Path, what: str) -> CryptoSigner:
    """The ed25519 key in ``path``; ``what`` names it in the message when it cannot be used."""
    try:
        with path.open("rb") as handle:
            pem = handle.read(KEY_BYTES_MAX + 1)
    except OSError as exc:
        raise KioskError(f"cannot read {what} {path}: {exc.strerror}") from None
    try:
        private = load_pem_private_key(pem, password=None)
    except (ValueError, TypeError):
        raise KioskError(f"{path} is not {what}: it holds no unencrypted PEM key") from None
    if not isinstance(private, Ed25519PrivateKey):
        raise KioskError(f"{path} is not {what}: the catalog's keys are ed25519 keys")
    return CryptoSigner(private, SSlibKey.from_crypto(private.public_key()))


def read_online_key(data_dir: Path, role: str) -> CryptoSigner:
    return read_key(online_key_file(data_dir, role), f"the hub's {role} key")
