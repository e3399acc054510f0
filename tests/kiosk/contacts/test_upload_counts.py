"""The upload counters (pending, sent, rejected by reason) always equal a count of the log."""

import random
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.contacts import migrations
from kiosk.contacts.store import _INSERT, ContactLog
from kiosk.upload.problems import UploadProblem
from kiosk.upload.queue import UploadQueue
from kiosk.upload.status import upload_facts
from tests.kiosk.contacts.helpers import contact

REASONS = ("unknown site", "duplicate", "bad service")
OLD, RECENT, CUTOFF = "2026-01-05T09:00:00Z", "2026-11-20T10:15:00Z", "2026-06-01T00:00:00Z"


def scanned(log: ContactLog) -> tuple[int, int, dict[str, int]]:
    """The figures as the status line counted them before there were counters."""
    pending, sent = log.conn.execute(
        "SELECT total(uploaded_at IS NULL AND id NOT IN (SELECT contact_id FROM upload_rejected)),"
        " total(uploaded_at IS NOT NULL) FROM contacts"
    ).fetchone()
    rejected = log.conn.execute("SELECT reason, count(*) FROM upload_rejected GROUP BY reason")
    return int(pending), int(sent), dict(rejected.fetchall())


def counted(log: ContactLog) -> tuple[int, int, dict[str, int]]:
    facts = upload_facts(log)
    return facts.pending, facts.sent, facts.rejected


def record(log: ContactLog, rng: random.Random) -> None:
    made = [
        contact(
            recorded_at=rng.choice((OLD, RECENT)),
            uploaded_at=rng.choice((None, None, "2026-11-21T08:00:00Z")),
        )
        for _ in range(rng.randint(1, 4))
    ]
    log.record_many(made)  # what the touchscreen, `contacts add` and `contacts import` do


def prepare(log: ContactLog, rng: random.Random) -> None:
    UploadQueue(log).prepare(rng.randint(1, 3))


def settle(log: ContactLog, rng: random.Random) -> None:
    """The receiver's answer to one batch: some accepted, some rejected, the rest unanswered."""
    queue = UploadQueue(log)
    batches = queue.batches()
    if not batches:
        return
    batch = rng.choice(batches).batch_id
    fate = {m: rng.choice(("accepted", "rejected", "unanswered")) for m in queue.member_ids(batch)}
    accepted = [m for m, f in fate.items() if f == "accepted"]
    rejected = {m: rng.choice(REASONS) for m, f in fate.items() if f == "rejected"}
    queue.settle(batch, accepted, rejected)


def settle_whole(log: ContactLog, rng: random.Random) -> None:
    queue = UploadQueue(log)
    batches = queue.batches()
    if batches:
        batch = rng.choice(batches).batch_id
        queue.settle(batch, queue.member_ids(batch), {})


def reject(log: ContactLog, rng: random.Random) -> None:
    """Any contact rejected, or rejected once more, as settle writes it (INSERT OR REPLACE)."""
    rows = log.conn.execute(
        "SELECT contact_id FROM upload_rejected UNION ALL SELECT id FROM contacts"
    ).fetchall()
    if rows:
        with log.conn:
            log.conn.execute(
                "INSERT OR REPLACE INTO upload_rejected VALUES (?, ?, ?)",
                [rng.choice(rows)[0], rng.choice(REASONS), RECENT],
            )


def hold(log: ContactLog, rng: random.Random) -> None:
    queue = UploadQueue(log)
    batches = queue.batches()
    if batches:
        queue.hold(rng.choice(batches).batch_id, UploadProblem("http_status", 400))


def requeue(log: ContactLog, rng: random.Random) -> None:
    UploadQueue(log).requeue()


def purge(log: ContactLog, rng: random.Random) -> None:
    log.purge(CUTOFF, uploads_enabled=rng.choice((True, False)))


OPERATIONS: dict[str, Callable[[ContactLog, random.Random], None]] = {
    f.__name__: f for f in (record, prepare, settle, settle_whole, reject, hold, requeue, purge)
}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(OPERATIONS)), st.integers(0, 2**32)),
        min_size=1,
        max_size=25,
    )
)
def test_the_counters_equal_a_full_count_after_any_mix_of_writes(
    steps: list[tuple[str, int]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        ContactLog.in_data_dir(Path(folder)).close()  # then opened as the kiosk mostly does:
        log = ContactLog.in_data_dir(Path(folder))  # up to date, without sqlite_utils
        try:
            for name, seed in steps:
                OPERATIONS[name](log, random.Random(seed))
                assert counted(log) == scanned(log), f"after {name}"
        finally:
            log.close()
        reopened = ContactLog.in_data_dir(Path(folder))
        assert counted(reopened) == scanned(reopened)
        reopened.close()


def test_a_contact_rejected_again_counts_under_its_new_reason(data_dir: Path) -> None:
    ContactLog.in_data_dir(data_dir).close()
    log = ContactLog.in_data_dir(data_dir)
    log.record_many([contact(), contact()])
    queue = UploadQueue(log)
    queue.prepare(10)
    [batch] = queue.batches()
    first, second = queue.member_ids(batch.batch_id)
    queue.settle(batch.batch_id, [], {first: "duplicate", second: "duplicate"})
    reject_again_with = "INSERT OR REPLACE INTO upload_rejected VALUES (?, 'unknown site', ?)"
    with log.conn:
        log.conn.execute(reject_again_with, [first, RECENT])
    assert counted(log) == (0, 0, {"duplicate": 1, "unknown site": 1}) == scanned(log)


def test_an_earlier_log_gets_its_counters_from_what_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "contacts.db"
    earlier = sqlite_utils.Migrations(migrations.MIGRATION_SET)
    for step in migrations.STEPS[:-1]:  # the log as the kiosk left it before the counters
        earlier()(step)
    earlier.apply(sqlite_utils.Database(path))
    conn = sqlite3.connect(path)
    rows = [contact(), contact(), contact(uploaded_at=RECENT), contact()]
    conn.executemany(_INSERT, [c.values() for c in rows])
    conn.execute("INSERT INTO upload_rejected VALUES (?, 'duplicate', ?)", [rows[0].id, RECENT])
    conn.commit()
    conn.close()
    log = ContactLog(path)
    assert counted(log) == (2, 1, {"duplicate": 1}) == scanned(log)
    log.record(contact())
    assert counted(log) == (3, 1, {"duplicate": 1})


def test_opening_an_up_to_date_log_loads_no_sqlite_utils(data_dir: Path) -> None:
    ContactLog.in_data_dir(data_dir).close()  # the first opening creates the tables
    script = (
        "import sys\nfrom pathlib import Path\nfrom kiosk.contacts.store import ContactLog\n"
        "ContactLog.in_data_dir(Path(sys.argv[1])).record_many([])\n"
        "print('sqlite_utils' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(data_dir)], capture_output=True, text=True, check=True
    )
    assert done.stdout == "False\n"
