"""What went wrong with an upload: a code, the HTTP status, and the words that came with it.

The upload tables keep a problem as JSON, so the touchscreen can put it into the interface's
language and the command line into English (``sentence``). Kiosks before this kept an English
sentence; ``UploadProblem.loads`` still reads those.
"""

import json
import re
from dataclasses import asdict, dataclass
from typing import Any

PROBLEM_CODES = (
    "http_status",  # the receiver answered with an HTTP error status (and perhaps words)
    "bad_answer",  # the receiver said yes, but not in the agreed form
    "contradictory_answer",  # the receiver's yes cannot be true of the batch: held
    "answer_too_large",  # the receiver's answer was longer than any true answer can be
    "credentials_refused",  # the upload token was refused (401 or 403)
    "redirected",  # the endpoint sent the kiosk elsewhere (3xx): not followed, batch held
    "too_large",  # one contact is larger than the receiver takes
    "certificate",  # the endpoint's TLS certificate was not trusted
    "timeout",  # the endpoint did not answer in time
    "connection_refused",  # nothing listening at the endpoint
    "name_not_found",  # the endpoint's name did not resolve (no network?)
    "no_answer",  # any other network failure
    "folder_unwritable",  # a file:/// target (a network share) could not be written
    "setup",  # the kiosk's own set-up is wrong (no token file, say); detail says what
    "unexpected",  # a failure of ours: the details are in the log
    "other",  # words from elsewhere: shown as they are
)


@dataclass(frozen=True)
class UploadProblem:
    code: str  # one of PROBLEM_CODES
    http_status: int | None = None
    detail: str = ""  # the receiver's or the network's own words, if any

    def sentence(self) -> str:
        """The problem in English, for the command line and the log."""
        status, words = self.http_status, self.detail
        sentences = {
            "http_status": f"HTTP {status}: {words}" if words else f"HTTP {status}",
            "bad_answer": f"HTTP {status} with an answer that is not the agreed one",
            "contradictory_answer": (
                f"the receiver's answer {words}; the batch is held and nothing in it is "
                "marked sent: the receiving system's supplier should look"
            ),
            "answer_too_large": f"the endpoint's answer was too large ({words})",
            "credentials_refused": (
                f"the upload credentials were refused (HTTP {status}); nothing is lost: "
                "check the upload token"
            ),
            "redirected": (
                f"the endpoint redirects (HTTP {status}) to {words}; nothing was sent there: "
                "set upload_target to the address the council gives"
            ),
            "too_large": "one contact is too large for the receiver",
            "certificate": f"the endpoint's certificate was not trusted ({words})",
            "timeout": (
                f"the endpoint did not answer in time ({words})"
                if words
                else "the endpoint did not answer in time"
            ),
            "connection_refused": "the endpoint refused the connection",
            "name_not_found": "the endpoint's name could not be found (no network?)",
            "no_answer": f"no answer from the endpoint ({words})",
            "folder_unwritable": f"could not write to {words}",
            "unexpected": "the upload failed unexpectedly; it will try again (details in the log)",
        }
        return sentences.get(self.code, words)

    def dumps(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def loads(cls, text: str) -> "UploadProblem":
        """A problem as ``dumps`` wrote it, or as the English sentence older kiosks kept."""
        try:
            data: Any = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict) and data.get("code") in PROBLEM_CODES:
            status = data.get("http_status")
            return cls(
                data["code"], status if isinstance(status, int) else None, str(data["detail"])
            )
        return _from_sentence(text)


# The English sentences earlier kiosks recorded instead, read back into codes.
_SENTENCES = (
    ("bad_answer", re.compile(r"HTTP (\d{3}) with an answer that is not the agreed one")),
    ("http_status", re.compile(r"HTTP (\d{3})(?:: (.*))?", re.DOTALL)),
    ("credentials_refused", re.compile(r"the upload credentials were refused \(HTTP (\d{3})\).*")),
    ("too_large", re.compile(r"one contact is too large for the receiver")),
    ("certificate", re.compile(r"the endpoint's certificate was not trusted \((.*)\)", re.DOTALL)),
    ("timeout", re.compile(r"the endpoint did not answer in time")),
    ("connection_refused", re.compile(r"the endpoint refused the connection")),
    ("name_not_found", re.compile(r"the endpoint's name could not be found.*")),
    ("no_answer", re.compile(r"no answer from the endpoint \((.*)\)", re.DOTALL)),
    ("folder_unwritable", re.compile(r"could not write to (.*)", re.DOTALL)),
    ("unexpected", re.compile(r"the upload failed unexpectedly.*")),
)
_WITH_STATUS = frozenset({"bad_answer", "http_status", "credentials_refused"})


def _from_sentence(words: str) -> UploadProblem:
    for code, pattern in _SENTENCES:
        found = pattern.fullmatch(words.strip())
        if found:
            groups = [group for group in found.groups() if group is not None]
            if code in _WITH_STATUS:
                status, *rest = groups
                return UploadProblem(code, int(status), rest[0] if rest else "")
            return UploadProblem(code, detail=groups[0] if groups else "")
    return UploadProblem("other", detail=words)
