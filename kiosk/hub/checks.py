"""What the receiver takes from a batch: the envelope as docs/upload-api.yaml has it, and each
contact held to the kiosk's own checks (:class:`kiosk.contacts.contact.Contact`).

A wrong envelope fails the whole batch (:class:`BatchError`, answered 400 or 413); a wrong
contact is only ``rejected``, with its reason, and the rest are taken.
"""

import json
import re
from dataclasses import dataclass
from typing import Any

from kiosk.contacts import codes
from kiosk.contacts.code_rules import code_problem
from kiosk.contacts.contact import Contact, ContactError
from kiosk.hub.ingest import STORED_COLUMNS
from kiosk.upload.documents import SCHEMA

MAX_CONTACTS = 1000  # twice the kiosk's default batch (upload_batch_size = 500)
MAX_BYTES = 4 * 1024 * 1024  # a contact is about 0.5 kB
REASON_MAX = 500  # what the kiosk keeps of a reason
ENVELOPE = ("schema", "batch_id", "sent_at", "source", "contacts")
OPTIONAL = ("status",)
SOURCE = ("site", "desk", "app_version")
STATUS_TEXT = ("app_version", "catalog_version", "printer", "doctor")
STATUS_TEXT_MAX = 200
UUID = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z"
)
_TEXT = (
    "recorded_at", "site", "desk", "staff", "service_id", "mode", "outcome", "language",
    "catalog_version", "source",
)  # fmt: skip
_TEXT_OR_NULL = ("next_time_online", "referral")
_WHOLE_OR_NULL = ("lgsl", "duration_s")
_FIELD_SET = frozenset(STORED_COLUMNS)
# No code holds one, and a code pattern ending in $ lets a final line break through (which
# PostgreSQL would then refuse as one character too many for the column, or a NUL at all).
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
INTEGER_MAX = 2**31 - 1  # the hub's integer columns


class BatchError(Exception):
    """The batch cannot be taken at all: ``reason`` is answered with ``status``."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class Batch:
    batch_id: str
    contacts: list[Any]
    status: dict[str, Any] | None


@dataclass(frozen=True)
class Rejected:
    id: str
    reason: str


def parse_json(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise BatchError("the body is not UTF-8 text") from None
    except RecursionError:
        raise BatchError("the body is nested too deeply to be a batch") from None
    except ValueError as exc:  # json.JSONDecodeError, a number too long to read
        raise BatchError(f"the body is not JSON: {str(exc)[:100]}") from None


def batch_id_of(document: Any) -> str | None:
    """The document's batch id, if it has one shaped like a UUID (to find a repeat by)."""
    if isinstance(document, dict):
        batch_id = document.get("batch_id")
        if isinstance(batch_id, str) and UUID.match(batch_id):
            return batch_id
    return None


def check_batch(document: Any, idempotency_key: str | None) -> Batch:
    """The batch, if its envelope is exactly the contract's; else :class:`BatchError`."""
    if not isinstance(document, dict):
        raise BatchError("the body must be a JSON object (a batch)")
    _check_fields("the batch", document, ENVELOPE, OPTIONAL)
    if document["schema"] != SCHEMA:
        raise BatchError(f"schema must be {SCHEMA}")
    batch_id = batch_id_of(document)
    if batch_id is None:
        raise BatchError("batch_id must be a UUID")
    if idempotency_key != batch_id:
        raise BatchError("the Idempotency-Key header must equal batch_id")
    if not isinstance(document["sent_at"], str) or not codes.TIMESTAMP.match(document["sent_at"]):
        raise BatchError("sent_at must be a UTC time like 2026-11-27T16:30:05Z")
    _check_source(document["source"])
    contacts = document["contacts"]
    if not isinstance(contacts, list):
        raise BatchError("contacts must be a list")
    if len(contacts) > MAX_CONTACTS:
        raise BatchError(f"at most {MAX_CONTACTS} contacts in a batch", 413)
    return Batch(batch_id, contacts, _checked_status(document.get("status")))


def _check_fields(
    what: str, value: dict[str, Any], required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> None:
    missing = [name for name in required if name not in value]
    if missing:
        raise BatchError(f"{what} has no {', '.join(missing)}")
    extra = [name for name in value if name not in required + optional]
    if extra:
        raise BatchError(f"{what} has fields the contract does not have: {_names(extra)}")


def _names(names: list[str]) -> str:
    """Field names, each shown only if it is a code (a name could be anything a sender typed)."""
    shown = [n if codes.CODE.fullmatch(n) else "(a name that is not a code)" for n in names]
    return ", ".join(shown[:5]) + (", …" if len(shown) > 5 else "")


def _check_source(source: Any) -> None:
    if not isinstance(source, dict):
        raise BatchError("source must be an object: site, desk, app_version")
    _check_fields("source", source, SOURCE)
    for name in ("site", "desk"):
        if problem := code_problem(f"source.{name}", source[name]):
            raise BatchError(problem)
    if not isinstance(source["app_version"], str):
        raise BatchError("source.app_version must be text")


def _checked_status(status: Any) -> dict[str, Any] | None:
    """The fields of ``status`` this hub knows; those it does not are left out, not refused."""
    if status is None:
        return None
    if not isinstance(status, dict):
        raise BatchError("status must be an object")
    kept: dict[str, Any] = {}
    for name in STATUS_TEXT:
        value = status.get(name)
        if value is not None and (
            not isinstance(value, str) or len(value) > STATUS_TEXT_MAX or CONTROL.search(value)
        ):
            raise BatchError(
                f"status.{name} must be one line of text of at most {STATUS_TEXT_MAX} characters"
            )
        kept[name] = value
    pending = status.get("pending")
    if pending is not None and (not _whole(pending) or pending < 0):
        raise BatchError("status.pending must be a whole number, 0 or more")
    kept["pending"] = pending
    return kept


def check_contacts(
    contacts: list[Any], site: str, desk: str
) -> tuple[list[dict[str, Any]], list[Rejected]]:
    """The contacts to store (as kiosk columns) and those rejected, with reasons.

    ``site``/``desk``: the kiosk the token is for; a contact of any other is rejected. A
    contact without a UUID as its id cannot be named in the answer, so it fails the batch.
    """
    taken: dict[str, dict[str, Any]] = {}
    rejected: dict[str, Rejected] = {}
    for number, contact in enumerate(contacts, start=1):
        contact_id = _contact_id(contact, number)
        if contact_id in taken or contact_id in rejected:
            continue  # the same contact twice in a batch: answered once
        try:
            taken[contact_id] = checked_contact(contact, site, desk)
        except ContactError as exc:
            rejected[contact_id] = Rejected(contact_id, _unquoted(str(exc), contact)[:REASON_MAX])
    return list(taken.values()), list(rejected.values())


def _unquoted(reason: str, contact: dict[str, Any]) -> str:
    """The reason without the values it quotes: the hub keeps its answers, and a value that
    is not a code may be anything a sender typed."""
    for name, value in contact.items():
        if name == "id":
            continue
        reason = reason.replace(repr(value), "the value")
        for item in value if isinstance(value, list) else ():  # a barrier named on its own
            reason = reason.replace(repr(item), "a value")
    return reason


def _contact_id(contact: Any, number: int) -> str:
    contact_id = contact.get("id") if isinstance(contact, dict) else None
    if not isinstance(contact_id, str) or not UUID.match(contact_id):
        raise BatchError(f"contact {number} is not an object with a UUID as its id")
    return contact_id  # as sent: the kiosk marks uploaded the ids it finds in the answer


def checked_contact(contact: dict[str, Any], site: str, desk: str) -> dict[str, Any]:
    """The contact as kiosk columns, if the kiosk's own checks pass; else ContactError."""
    _check_contact_fields(contact)
    fields = dict(contact)
    fields["barriers"] = tuple(contact["barriers"])
    fields["handout"] = bool(contact["handout"])
    Contact(**fields)  # the kiosk's own checks: ContactError with its reasons
    if (contact["site"], contact["desk"]) != (site, desk):
        raise ContactError(f"this kiosk's token is for {site}/{desk}")
    # The row Contact.row() would give, built straight from what was checked (a third quicker).
    fields["barriers"] = json.dumps(contact["barriers"])
    fields["handout"] = contact["handout"]
    return fields


def _check_contact_fields(contact: dict[str, Any]) -> None:
    """The types the contract gives; the values are the kiosk's checks' to judge."""
    if contact.keys() == _FIELD_SET and _as_the_contract_has_them(contact):
        return  # the usual case, checked at once; else each field in turn, to name the wrong
    if contact.keys() != _FIELD_SET:
        missing = [name for name in STORED_COLUMNS if name not in contact]
        if missing:
            raise ContactError(f"the contact has no {', '.join(missing)}")
        extra = [name for name in contact if name not in _FIELD_SET]
        raise ContactError(f"the contact has fields the contract does not have: {_names(extra)}")
    wrong = [name for name in _TEXT if not _one_line(contact[name])]
    wrong += [n for n in _TEXT_OR_NULL if contact[n] is not None and not _one_line(contact[n])]
    wrong += [n for n in _WHOLE_OR_NULL if contact[n] is not None and not _held(contact[n])]
    barriers = contact["barriers"]
    if not isinstance(barriers, list) or not all(_one_line(b) for b in barriers):
        wrong.append("barriers")
    if not _whole(contact["handout"]) or contact["handout"] not in (0, 1):
        wrong.append("handout")
    if wrong:
        raise ContactError(
            f"not as the contract has them (one line of text, whole numbers): {', '.join(wrong)}"
        )


def _as_the_contract_has_them(contact: dict[str, Any]) -> bool:
    """What the checks below pass, all at once: the texts joined are searched once for a
    control character (one is in the join exactly when it is in one of them)."""
    texts = [contact[name] for name in _TEXT]
    texts += [value for name in _TEXT_OR_NULL if (value := contact[name]) is not None]
    barriers, handout = contact["barriers"], contact["handout"]
    if not isinstance(barriers, list):
        return False
    texts += barriers
    return (
        all(isinstance(text, str) for text in texts)
        and not CONTROL.search("".join(texts))
        and all(value is None or _held(value) for value in map(contact.get, _WHOLE_OR_NULL))
        and _whole(handout)
        and handout in (0, 1)
    )


def _one_line(value: Any) -> bool:
    return isinstance(value, str) and not CONTROL.search(value)


def _held(value: Any) -> bool:
    """A whole number the hub's integer columns can hold."""
    return _whole(value) and -INTEGER_MAX <= value <= INTEGER_MAX


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def answer_json(accepted: list[str], rejected: list[Rejected]) -> str:
    """The answer's body, as stored and given again to a repeated batch."""
    answer = {
        "accepted": accepted,
        "rejected": [{"id": r.id, "reason": r.reason} for r in rejected],
    }
    return json.dumps(answer, ensure_ascii=False, separators=(",", ":"))
