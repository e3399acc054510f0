"""The receiver at /v1/contacts, with real ``kiosk upload`` processes as the kiosks."""

import json
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

import kiosk
from kiosk.contacts.contact import Contact
from kiosk.contacts.counts import COUNTED_COLUMNS, summarise
from kiosk.contacts.store import ContactLog
from kiosk.hub.checks import checked_contact
from kiosk.hub.database import open_engine
from kiosk.hub.tables import batches, contacts, daily_counts, demo_contacts, kiosks
from kiosk.upload.documents import SCHEMA, SENT_COLUMNS
from tests.hub.serving import ServedHub, serve_hub
from tests.kiosk.contacts.helpers import contact

KIOSK = Path(sys.executable).with_name("kiosk")
SITE, DESK = "main-office", "desk-1"


@dataclass
class KioskUnderTest:
    """A kiosk's config, data folder and token file, uploading with the real CLI."""

    folder: Path
    hub: ServedHub

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> ContactLog:
        return ContactLog.in_data_dir(self.data)

    def configure(self, token: str, site: str = SITE, desk: str = DESK, batch: int = 500) -> None:
        self.data.mkdir(parents=True, exist_ok=True)
        (self.folder / "token").write_text(token + "\n", encoding="ascii")
        (self.folder / "config.toml").write_text(
            f'site = "{site}"\ndesk = "{desk}"\nupload_target = "{self.hub.upload_url}"\n'
            f'upload_token_file = "{self.folder / "token"}"\nupload_batch_size = {batch}\n'
            "upload_backoff_base_s = 0.01\nupload_backoff_cap_s = 0.05\n",
            encoding="utf-8",
        )

    def kiosk(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(KIOSK), "--config", str(self.folder / "config.toml")]
        command += ["--data-dir", str(self.data), *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def desk(tmp_path: Path, served_hub: ServedHub) -> KioskUnderTest:
    """main-office/desk-1, allowed by the hub, with a token."""
    under_test = KioskUnderTest(tmp_path / "kiosk", served_hub)
    under_test.configure(served_hub.add_kiosk(SITE, DESK))
    return under_test


def varied(count: int, **changes: Any) -> list[Contact]:
    outcomes = ("completed", "started", "will_do_later", "could_not_complete")
    return [
        contact(
            staff=f"S{n % 3}",
            outcome=outcomes[n % 4],
            barriers=(("skills",), (), ("access", "trust"))[n % 3],
            next_time_online=(None, "yes", "with_help")[n % 3],
            recorded_at=f"2026-11-{20 + n % 5}T10:{n % 60:02d}:00Z",
            **changes,
        )
        for n in range(count)
    ]


def held(hub: ServedHub, table: Any = contacts) -> list[dict[str, Any]]:
    with hub.engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(select(table))]


def counts_held(hub: ServedHub) -> Counter[tuple[str, ...]]:
    with hub.engine.connect() as connection:
        rows = connection.execute(select(daily_counts)).all()
    return Counter({tuple(row[:5]): row[5] for row in rows})


def counts_of(stored: list[dict[str, Any]]) -> Counter[tuple[str, ...]]:
    expected: Counter[tuple[str, ...]] = Counter()
    for row in stored:
        summed = summarise([tuple(row[c] for c in COUNTED_COLUMNS)])
        expected.update({(row["site"], row["desk"], *key): n for key, n in summed.items()})
    return expected


def document(
    batch_contacts: list[Any], batch_id: str | None = None, **changes: Any
) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "batch_id": batch_id or str(uuid.uuid4()),
        "sent_at": "2026-11-27T16:30:05Z",
        "source": {"site": SITE, "desk": DESK, "app_version": "0.1.0"},
        "contacts": batch_contacts,
        **changes,
    }


def sent(c: Contact) -> dict[str, Any]:
    row = {name: getattr(c, name) for name in SENT_COLUMNS}
    return {**row, "barriers": list(c.barriers), "handout": int(c.handout)}


def post(
    hub: ServedHub, body: bytes | dict[str, Any], token: str | None, key: str | None = None
) -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    if key is None and isinstance(body, dict):
        key = str(body.get("batch_id"))
    headers = {"Content-Type": "application/json"}
    if key:  # "": none sent
        headers["Idempotency-Key"] = key
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.post(hub.upload_url, content=content, headers=headers, timeout=30)


def test_a_kiosk_uploads_everything_and_the_hub_holds_each_once(desk: KioskUnderTest) -> None:
    made = varied(40)
    desk.log.record_many(made)
    first = desk.kiosk("upload")
    assert (first.returncode, first.stdout.strip()) == (
        0,
        "accepted 40, rejected 0, nothing left to send",
    ), first.stderr
    stored = held(desk.hub)
    assert sorted(row["id"] for row in stored) == sorted(c.id for c in made)
    assert {row["id"]: row for row in stored}[made[2].id]["barriers"] == '["access", "trust"]'
    desk.log.record_many(varied(3))
    second = desk.kiosk("upload")
    assert (second.returncode, second.stdout.strip()) == (
        0,
        "accepted 3, rejected 0, nothing left to send",
    )
    stored = held(desk.hub)
    assert len(stored) == 43
    assert counts_held(desk.hub) == counts_of(stored)
    with desk.hub.engine.connect() as connection:
        row = connection.execute(select(kiosks.c.last_upload_at, kiosks.c.status)).one()
    assert row.last_upload_at is not None
    assert row.status == {
        "app_version": kiosk.__version__,
        "catalog_version": "abc123def456",
        "pending": 3,  # when the second round began
        "printer": None,
        "doctor": None,
    }


def test_a_repeated_batch_gets_the_same_answer_byte_for_byte(served_hub: ServedHub) -> None:
    token = served_hub.add_kiosk(SITE, DESK)
    made = varied(5)
    body = document([sent(c) for c in made])
    first = post(served_hub, body, token)
    again = post(served_hub, {**body, "sent_at": "2026-11-27T16:40:00Z"}, token)
    assert (first.status_code, again.status_code) == (200, 200)
    assert first.content == again.content
    assert first.json() == {"accepted": [c.id for c in made], "rejected": []}
    other = post(served_hub, document([sent(c) for c in made]), token)  # held contacts, new batch
    assert other.json() == first.json()
    assert len(held(served_hub)) == 5
    assert counts_held(served_hub) == counts_of(held(served_hub))
    with served_hub.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(batches)) == 2


def test_status_fields_the_hub_does_not_know_are_left_out(served_hub: ServedHub) -> None:
    token = served_hub.add_kiosk(SITE, DESK)
    status = {"app_version": "9.0", "pending": 7, "printer": "ready", "battery": "low"}
    assert post(served_hub, document([], status=status), token).status_code == 200
    with served_hub.engine.connect() as connection:
        stored = connection.execute(select(kiosks.c.status)).scalar_one()
    assert stored == {
        "app_version": "9.0",
        "catalog_version": None,
        "pending": 7,
        "printer": "ready",
        "doctor": None,
    }


def test_a_same_batch_sent_at_once_many_times_is_stored_once(served_hub: ServedHub) -> None:
    token = served_hub.add_kiosk(SITE, DESK)
    body = document([sent(c) for c in varied(50)])
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: post(served_hub, body, token), range(8)))
    assert {a.status_code for a in answers} == {200}
    assert len({a.content for a in answers}) == 1
    assert len(held(served_hub)) == 50
    assert counts_held(served_hub) == counts_of(held(served_hub))


def test_an_empty_batch_is_answered_as_a_batch(served_hub: ServedHub) -> None:
    token = served_hub.add_kiosk(SITE, DESK)
    answer = post(served_hub, document([]), token)
    assert (answer.status_code, answer.json()) == (200, {"accepted": [], "rejected": []})


@pytest.mark.parametrize(
    "authorization", [None, "Bearer", "Basic dXNlcjpwYXNz", "Bearer not-the-token", "revoked"]
)
def test_a_missing_wrong_or_revoked_token_is_401(
    served_hub: ServedHub, authorization: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    good = served_hub.add_kiosk(SITE, DESK)
    if authorization == "revoked":
        served_hub.revoke_kiosk(SITE, DESK)
        authorization = f"Bearer {good}"
    body = document([sent(contact())])
    headers = {"Idempotency-Key": body["batch_id"]}
    if authorization is not None:
        headers["Authorization"] = authorization
    answer = httpx.post(served_hub.upload_url, json=body, headers=headers, timeout=30)
    assert answer.status_code == 401
    assert set(answer.json()) == {"error"}
    assert good not in answer.text
    assert good not in caplog.text
    assert held(served_hub) == []


@pytest.mark.parametrize("revoked", [False, True])
def test_the_kiosk_says_its_credentials_were_refused(desk: KioskUnderTest, revoked: bool) -> None:
    desk.log.record_many(varied(2))
    if revoked:
        desk.hub.revoke_kiosk(SITE, DESK)
    else:
        desk.configure("a-token-the-hub-never-issued")
    token = (desk.folder / "token").read_text().strip()
    result = desk.kiosk("upload")
    assert result.returncode == 1
    assert "credentials were refused (HTTP 401)" in result.stderr
    assert token not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert held(desk.hub) == []


def test_contacts_of_another_site_are_rejected_with_a_reason(desk: KioskUnderTest) -> None:
    own, others = varied(2), varied(2, site="library-3")
    desk.log.record_many(own + others)
    result = desk.kiosk("upload")
    assert result.returncode == 1
    assert result.stdout.startswith("accepted 2, rejected 2")
    status = desk.kiosk("upload", "status").stdout
    assert f"2 x this kiosk's token is for {SITE}/{DESK}" in status
    assert sorted(row["id"] for row in held(desk.hub)) == sorted(c.id for c in own)


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


_KEY = str(uuid.uuid4())
HOSTILE_BODIES: list[tuple[str, bytes | dict[str, Any], str | None]] = [
    ("not JSON", b"this is not JSON {", _KEY),
    ("not UTF-8", b'{"schema": "\xff\xfe"}', _KEY),
    ("nested 10k deep", _nested(10_000), _KEY),
    ("nested in an object", b'{"contacts": ' + _nested(10_000) + b"}", _KEY),
    ("a list", b"[]", _KEY),
    ("wrong schema", document([], schema="assisted-digital-contacts/2"), None),
    ("an extra field", document([], comment="hello"), None),
    ("no contacts", {k: v for k, v in document([]).items() if k != "contacts"}, None),
    ("Idempotency-Key mismatch", document([], batch_id=_KEY), str(uuid.uuid4())),
    ("no Idempotency-Key", document([], batch_id=_KEY), ""),
    ("batch_id not a UUID", document([], batch_id="1; DROP TABLE contacts"), None),
    ("contacts not a list", document([], contacts={"a": 1}), None),
    ("a contact without an id", document([{"site": SITE}]), None),
    ("source with a name", document([], source={"site": "Jane Smith", "desk": DESK,
                                                "app_version": "1"}), None),
    ("status not an object", document([], status="fine"), None),
    ("status.pending below 0", document([], status={"pending": -1}), None),
    ("status.printer not text", document([], status={"printer": ["x"]}), None),
    ("status.doctor too long", document([], status={"doctor": "x" * 201}), None),
    ("status.printer with a NUL", document([], status={"printer": "ready\x00"}), None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "key"), [b[1:] for b in HOSTILE_BODIES], ids=[b[0] for b in HOSTILE_BODIES]
)
def test_a_malformed_batch_is_400_with_a_reason_and_nothing_stored(
    served_hub: ServedHub, body: bytes | dict[str, Any], key: str | None
) -> None:
    token = served_hub.add_kiosk(SITE, DESK)
    answer = post(served_hub, body, token, key)
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"]
    with served_hub.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(batches)) == 0
    assert held(served_hub) == []


def _with(c: Contact, **changes: Any) -> dict[str, Any]:
    return {**sent(c), **changes}


def _without(c: Contact, name: str) -> dict[str, Any]:
    return {k: v for k, v in sent(c).items() if k != name}


HOSTILE_CONTACTS: list[tuple[str, Any, str]] = [
    ("a name in staff", {"staff": "Jane Smith"}, "staff"),
    ("<script> in site", {"site": "<script>alert(1)</script>"}, "site"),
    ("a phone number as desk", {"desk": "07700900123"}, "desk"),
    ("free text in service_id", {"service_id": "rang about her benefits"}, "service_id"),
    ("an unknown mode", {"mode": "magic"}, "mode"),
    ("handout true", {"handout": True}, "handout"),
    ("barriers as text", {"barriers": "skills"}, "barriers"),
    ("a barrier twice", {"barriers": ["skills", "skills"]}, "barrier"),
    ("duration a day and more", {"duration_s": 86_401}, "duration_s"),
    ("lgsl as text", {"lgsl": "57"}, "lgsl"),
    ("not a time", {"recorded_at": "yesterday"}, "recorded_at"),
    ("a language of free text", {"language": "welsh please"}, "language"),
    ("an extra field", {"note": "lives at 1 High St"}, "fields the contract does not have"),
    ("no outcome", "outcome", "no outcome"),
    ("a line break after a 40-letter code", {"service_id": "s" * 40 + "\n"}, "service_id"),
    ("a NUL in staff", {"staff": "AB\x00"}, "staff"),
    ("lgsl beyond any column", {"lgsl": 10**12}, "lgsl"),
    ("a name as a barrier", {"barriers": ["Jane Smith"]}, "barriers"),
]


@pytest.mark.parametrize(
    ("change", "said"), [h[1:] for h in HOSTILE_CONTACTS], ids=[h[0] for h in HOSTILE_CONTACTS]
)
def test_a_wrong_contact_is_rejected_with_a_reason_and_the_rest_taken(
    served_hub: ServedHub, change: Any, said: str
) -> None:
    token = served_hub.add_kiosk(SITE, DESK)
    good, bad = contact(), contact()
    wrong = _without(bad, change) if isinstance(change, str) else _with(bad, **change)
    answer = post(served_hub, document([sent(good), wrong]), token)
    assert answer.status_code == 200
    assert answer.json()["accepted"] == [good.id]
    [rejected] = answer.json()["rejected"]
    assert rejected["id"] == bad.id
    assert said in rejected["reason"]
    assert len(rejected["reason"]) <= 500
    assert "Jane Smith" not in rejected["reason"]
    assert "High St" not in rejected["reason"]
    assert [row["id"] for row in held(served_hub)] == [good.id]


@pytest.mark.parametrize("made", varied(6), ids=lambda c: f"{c.outcome}-{len(c.barriers)}")
def test_a_checked_contact_is_stored_as_the_kiosk_would_write_it(made: Contact) -> None:
    row = made.row()
    del row["uploaded_at"]
    assert checked_contact(sent(made), SITE, DESK) == row


def test_a_body_over_the_limit_is_413(served_hub: ServedHub) -> None:
    token = served_hub.add_kiosk(SITE, DESK)
    too_many = document([sent(contact()) for _ in range(1001)])
    assert post(served_hub, too_many, token).status_code == 413
    too_long = json.dumps(document([])).encode() + b" " * (4 * 2**20)
    answer = post(served_hub, too_long, token, "0" * 8 + "-0000-0000-0000-" + "0" * 12)
    assert (answer.status_code, answer.json()) == (
        413,
        {"error": "at most 1000 contacts in a batch (4 MiB)"},
    )
    assert held(served_hub) == []


def test_a_body_sent_in_chunks_is_stopped_at_the_limit(served_hub: ServedHub) -> None:
    token = served_hub.add_kiosk(SITE, DESK)
    key = str(uuid.uuid4())

    def endless() -> Iterator[bytes]:  # no Content-Length: only reading it shows its size
        yield b'{"contacts": ['
        for _ in range(100):
            yield b" " * 65536

    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": key}
    answer = httpx.post(served_hub.upload_url, content=endless(), headers=headers, timeout=30)
    assert answer.status_code == 413
    assert held(served_hub) == []


def test_the_kiosk_splits_a_batch_answered_413_and_all_arrive(desk: KioskUnderTest) -> None:
    desk.configure(desk.hub.add_kiosk("library-3", "desk-9"), "library-3", "desk-9", batch=1500)
    made = varied(1200, site="library-3", desk="desk-9")
    desk.log.record_many(made)
    result = desk.kiosk("upload")
    assert (result.returncode, result.stdout.strip()) == (
        0,
        "accepted 1200, rejected 0, nothing left to send",
    ), result.stderr
    stored = held(desk.hub)
    assert len(stored) == 1200
    assert counts_held(desk.hub) == counts_of(stored)


def test_demo_contacts_are_stored_apart_and_never_counted(desk: KioskUnderTest) -> None:
    real, demo = varied(3), varied(4, source="demo")
    desk.log.record_many(real + demo)
    assert desk.kiosk("upload").returncode == 0
    assert sorted(row["id"] for row in held(desk.hub)) == sorted(c.id for c in real)
    assert sorted(r["id"] for r in held(desk.hub, demo_contacts)) == sorted(c.id for c in demo)
    assert counts_held(desk.hub) == counts_of(held(desk.hub))
    assert ("main-office", "desk-1", "2026-11-20", "source", "demo") not in counts_held(desk.hub)


def test_a_database_that_does_not_answer_is_503_with_retry_after(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    gone = open_engine(f"sqlite:///{tmp_path / 'no-such-folder' / 'hub.db'}")
    token = "a-token-of-a-hub-whose-database-is-gone"
    with serve_hub(gone) as url:
        hub = ServedHub(url, gone)
        answer = post(hub, document([sent(contact())]), token)
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "30"
    assert answer.json() == {"error": "the hub's database is not answering; try again later"}
    assert token not in caplog.text
