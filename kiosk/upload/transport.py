"""Getting a batch document to the council: over HTTPS, or into a shared folder."""

import http.client
import ipaddress
import json
import os
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kiosk.errors import ConfigError
from kiosk.files import atomic_file
from kiosk.upload.answers import Answer, TransportError
from kiosk.upload.problems import UploadProblem

__all__ = ["Answer", "FolderTransport", "HttpTransport", "TransportError", "check_target"]


class HttpTransport:
    def __init__(
        self, url: str, token: str | None, timeout: float, ca_bundle: Path | None = None
    ) -> None:
        check_target(url)
        self.url, self._token, self.timeout = url, token, timeout
        context = ssl.create_default_context(cafile=str(ca_bundle) if ca_bundle else None)
        # build_opener includes the ProxyHandler, which honours HTTPS_PROXY and NO_PROXY.
        self._opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context))

    def __repr__(self) -> str:  # never the token
        return f"HttpTransport({self.url!r})"

    def send(self, batch_id: str, document: bytes) -> Answer:
        headers = {"Content-Type": "application/json", "Idempotency-Key": batch_id}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        request = urllib.request.Request(self.url, document, headers, method="POST")
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return Answer(response.status, _lower(response.headers.items()), response.read())
        except urllib.error.HTTPError as error:
            with error:
                return Answer(error.code, _lower(error.headers.items()), error.read())
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            raise TransportError(_describe(exc)) from None


class FolderTransport:
    """``file:///folder``: the document as ``<batch_id>.json``, whole or not at all."""

    def __init__(self, url: str) -> None:
        self.folder = Path(unquote(urlsplit(url).path))
        if not self.folder.is_dir():
            raise ConfigError(f"upload folder {self.folder} does not exist or is not a folder")

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


def check_target(url: str) -> None:
    """Only https, or plain http to this very computer (for testing)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and _loopback(parts.hostname or ""):
        return
    raise ConfigError(
        f"upload target {url!r} refused: use https:// (plain http:// is only allowed to "
        "this computer, for testing) or file:/// and a folder"
    )


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _lower(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {k.lower(): v for k, v in items}


def _describe(exc: BaseException) -> UploadProblem:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, ssl.SSLCertVerificationError):
        return UploadProblem("certificate", detail=str(reason.verify_message))
    if isinstance(reason, TimeoutError | socket.timeout):
        return UploadProblem("timeout")
    if isinstance(reason, ConnectionRefusedError):
        return UploadProblem("connection_refused")
    if isinstance(reason, socket.gaierror):
        return UploadProblem("name_not_found")
    return UploadProblem("no_answer", detail=f"{type(reason).__name__}: {reason}")


def token_from(file: Path | None, env_name: str | None) -> str | None:
    """The upload token, from a file or an environment variable; None when neither is set."""
    if file is not None:
        try:
            token = file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(
                f"cannot read the upload token file {file}: {exc.strerror}"
            ) from None
        if not token:
            raise ConfigError(f"the upload token file {file} is empty")
        return token
    if env_name:
        token = os.environ.get(env_name, "").strip()
        if not token:
            raise ConfigError(f"the environment variable {env_name} holds no upload token")
        return token
    return None
