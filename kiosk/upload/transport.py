"""Getting a batch document to the council: over HTTPS, or into a shared folder.

Both transports ``post`` a document and hand back a function that waits for the answer, so
the uploader can do its bookkeeping while the receiver works. ``session()`` is one round:
over HTTP(S) one connection, kept open for every batch of the round.
"""

import contextlib
import json
import os
import ssl
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kiosk.config_checks import is_this_computer
from kiosk.errors import ConfigError
from kiosk.files import atomic_file, remove_stale_partials
from kiosk.logs import REDACTED
from kiosk.redact import shown_address
from kiosk.upload.answers import Answer, TransportError
from kiosk.upload.connection import KeptConnection, Route
from kiosk.upload.problems import UploadProblem

__all__ = ["Answer", "FolderTransport", "HttpTransport", "TransportError", "check_target"]


SHORTEST_SCRUBBED = 12  # a random token this long is never part of an answer's own words


class HttpTransport:
    """POST to an https:// target (or http:// to this computer); redirects are not followed."""

    takes_heartbeats = True

    def __init__(
        self, url: str, token: str | None, timeout: float, ca_bundle: Path | None = None
    ) -> None:
        check_target(url)
        self.url, self._token, self.timeout = url, token, timeout
        self._context = ssl.create_default_context(cafile=str(ca_bundle) if ca_bundle else None)
        self._route = Route.to(url)
        self._kept: KeptConnection | None = None

    def __repr__(self) -> str:  # never the token
        return f"HttpTransport({self.url!r})"

    @contextlib.contextmanager
    def session(self) -> Iterator[None]:
        """One connection for every ``post`` made inside; closed at the end."""
        self._kept = KeptConnection(self._route, self.timeout, self._context)
        try:
            yield
        finally:
            self._kept.close()
            self._kept = None

    def post(self, batch_id: str, document: bytes) -> Callable[[], Answer]:
        if self._kept is None:
            raise RuntimeError("HttpTransport.post is only for inside session()")
        headers = {"Content-Type": "application/json", "Idempotency-Key": batch_id}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        answer = self._kept.post(headers, document)
        return lambda: self._without_the_token(answer())

    def _without_the_token(self, answer: Answer) -> Answer:
        """A receiver that echoes the token back never gets it stored or shown: not in its
        words, nor in a rejection's reason, nor in a header such as a redirect's address.

        A token shorter than ``SHORTEST_SCRUBBED`` could be part of a yes's own JSON
        ("accepted"), so in a 2xx body only a longer one is replaced.
        """
        token = self._token
        if not token:
            return answer
        headers = {name: value.replace(token, REDACTED) for name, value in answer.headers.items()}
        body = answer.body
        if not (200 <= answer.status < 300) or len(token) >= SHORTEST_SCRUBBED:
            body = body.replace(token.encode(), REDACTED.encode())
        return Answer(answer.status, headers, body)

    def send(self, batch_id: str, document: bytes) -> Answer:
        """One request on a connection of its own (``kiosk doctor``)."""
        with self.session():
            return self.post(batch_id, document)()


class FolderTransport:
    """``file:///folder``: the document as ``<batch_id>.json``, whole or not at all."""

    takes_heartbeats = False  # a file with no contacts in a share is read by nobody

    def __init__(self, url: str) -> None:
        self.folder = local_folder(url)
        if not self.folder.is_dir():
            raise ConfigError(f"upload folder {self.folder} does not exist or is not a folder")

    def session(self) -> contextlib.nullcontext[None]:
        remove_stale_partials(self.folder, shared=True)  # what a killed round left
        return contextlib.nullcontext()

    def post(self, batch_id: str, document: bytes) -> Callable[[], Answer]:
        answer = self.send(batch_id, document)
        return lambda: answer

    def send(self, batch_id: str, document: bytes) -> Answer:
        try:
            with atomic_file(self.folder / f"{batch_id}.json", "wb") as handle:
                handle.write(document)
        except Exception as exc:  # a share that went away: try again later
            problem = UploadProblem("folder_unwritable", detail=f"{self.folder}: {exc}")
            raise TransportError(problem) from None
        # Once the file is renamed into place, every contact in it counts as accepted.
        accepted = [contact["id"] for contact in json.loads(document)["contacts"]]
        return Answer(200, body=json.dumps({"accepted": accepted, "rejected": []}).encode())


def local_folder(url: str) -> Path:
    """The folder a ``file:`` address names, which must be on this computer.

    ``file://server/share`` names another computer's folder; the path alone would be a
    local folder, and contacts written there would be marked sent to the council.
    """
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost") or not parts.path.startswith("/"):
        raise ConfigError(
            f"upload target {shown_address(url)!r} refused: it names a folder on another "
            "computer, or no folder; mount the share and use file:/// and its folder here"
        )
    return Path(unquote(parts.path))


def check_target(url: str) -> None:
    """Only https, or plain http to this very computer (for testing)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and is_this_computer(parts.hostname or ""):
        return
    raise ConfigError(
        f"upload target {shown_address(url)!r} refused: use https:// (plain http:// is only "
        "allowed to this computer, for testing) or file:/// and a folder"
    )


def token_from(file: Path | None, env_name: str | None) -> str | None:
    """The upload token, from a file or an environment variable; None when neither is set."""
    if file is not None:
        token = _read_token_file(file)
        if not token:
            raise ConfigError(f"the upload token file {file} is empty")
        return token
    if env_name:
        token = os.environ.get(env_name, "").strip()
        if not token:
            raise ConfigError(f"the environment variable {env_name} holds no upload token")
        return token
    return None


MAX_TOKEN_FILE_BYTES = 64 * 1024


def _read_token_file(file: Path) -> str:
    """The file's text, if it is a small regular file now (it may have been replaced since
    the config was checked): a pipe or a device is never waited on, a huge file never read."""
    try:
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ConfigError(f"cannot read the upload token file {file}: {exc.strerror}") from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_TOKEN_FILE_BYTES:
        os.close(descriptor)
        raise ConfigError(
            f"the upload token file {file} is not a small file holding the token; "
            "put the token alone in a plain file"
        )
    with open(descriptor, "rb") as handle:  # noqa: PTH123 (a file descriptor)
        data = handle.read(MAX_TOKEN_FILE_BYTES + 1)
    try:
        return data.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise ConfigError(f"the upload token file {file} is not text") from None
