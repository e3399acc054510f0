"""The upload queue on a real contact log: settling answers, and batching a backlog."""

import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kiosk.contacts.store import ContactLog
from kiosk.upload.queue import UploadQueue
from kiosk.upload.status import upload_status
from tests.kiosk.contacts.helpers import contact


@pytest.fixture
def log(data_dir: Path) -> ContactLog:
    return ContactLog.in_data_dir(data_dir)


def fill(log: ContactLog, count: int) -> None:
    """``count`` pending contacts, fast (one row copied under new ids)."""
    row = contact().values()
    log.insert_rows((str(uuid.uuid4()), *row[1:]) for _ in range(count))


def uploaded(log: ContactLog) -> dict[str, str]:
    rows = log.conn.execute("SELECT id, uploaded_at FROM contacts WHERE uploaded_at IS NOT NULL")
    return dict(rows.fetchall())


@contextmanager
def statements(log: ContactLog) -> Iterator[list[str]]:
    """Every statement the log's connection runs meanwhile, as SQLite traces them."""
    seen: list[str] = []
    log.conn.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        log.conn.set_trace_callback(None)


def test_a_fully_accepted_batch_marks_exactly_its_contacts_in_one_statement(
    log: ContactLog,
) -> None:
    fill(log, 30)
    queue = UploadQueue(log)
    queue.prepare(10)
    first, second, _ = (b.batch_id for b in queue.batches())
    members, elsewhere = queue.member_ids(first), queue.member_ids(second)
    accepted = [*members, elsewhere[0]]  # an id of another batch is not this one's to mark
    rejected = {elsewhere[1]: "not in this batch"}
    with statements(log) as seen:
        assert queue.settle(first, accepted, rejected) == 10
    marks = {s for s in seen if s.startswith("UPDATE contacts")}  # also traced per trigger run
    assert len(marks) == 1
    assert "json_each" not in marks.pop()
    assert set(uploaded(log)) == set(members)
    assert len(set(uploaded(log).values())) == 1  # one time for the whole batch
    status = upload_status(log)
    assert (status.pending, status.sent, status.rejected) == (20, 10, {})
    assert status.last_success is not None
    assert status.last_success[1] == "10 accepted, 1 rejected"
    assert first not in {b.batch_id for b in queue.batches()}


def test_a_partial_answer_marks_the_accepted_keeps_the_rejected_and_frees_the_rest(
    log: ContactLog,
) -> None:
    fill(log, 10)
    queue = UploadQueue(log)
    queue.prepare(10)
    (batch,) = queue.batches()
    members = queue.member_ids(batch.batch_id)
    assert queue.settle(batch.batch_id, members[:7], {members[7]: "unknown site"}) == 7
    assert set(uploaded(log)) == set(members[:7])
    status = upload_status(log)
    assert (status.pending, status.sent, status.rejected) == (2, 7, {"unknown site": 1})
    assert queue.batches() == []
    assert queue.prepare(10) == 1  # the two nobody mentioned go again, in a new batch
    assert set(queue.member_ids(queue.batches()[0].batch_id)) == set(members[8:])


def test_prepare_makes_one_short_transaction_per_batch(log: ContactLog) -> None:
    fill(log, 2_000)
    queue = UploadQueue(log)
    with statements(log) as seen:
        assert queue.prepare(100) == 20
    transactions = " ".join(seen).split("COMMIT")
    with_batches = [t for t in transactions if "INSERT INTO upload_batches" in t]
    assert len(with_batches) == 20
    assert all(t.count("INSERT INTO upload_batches") == 1 for t in with_batches)
    assert sum(len(queue.member_ids(b.batch_id)) for b in queue.batches()) == 2_000


@pytest.mark.slow
def test_a_large_backlog_never_keeps_the_touchscreen_from_saving_for_long(
    log: ContactLog,
) -> None:
    fill(log, 100_000)  # batched in one transaction, this held the lock for 0.7 s or more
    longest = _longest_lock_while(lambda: UploadQueue(log).prepare(500), log.path)
    assert longest < 0.3  # a few ms when the machine is idle; it may be busy with other work


# Another process saving contacts: takes the write lock whenever it can, until told to stop,
# then prints the longest it could not (this measures the lock, free of our GIL).
TOUCHSCREEN = """
import select, sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
print("ready", flush=True)
longest, free_at = 0.0, time.perf_counter()
while not select.select([sys.stdin], [], [], 0)[0]:
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:  # locked: try again at once
        continue
    conn.execute("ROLLBACK")
    now = time.perf_counter()
    longest, free_at = max(longest, now - free_at), now
print(longest, flush=True)
"""


def _longest_lock_while(work: Callable[[], object], path: Path) -> float:
    """The longest time another process could not take the write lock during ``work``."""
    with subprocess.Popen(
        [sys.executable, "-c", TOUCHSCREEN, str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    ) as touchscreen:  # fmt: skip
        assert touchscreen.stdin is not None
        assert touchscreen.stdout is not None
        assert touchscreen.stdout.readline() == "ready\n"
        try:
            work()
        finally:
            touchscreen.stdin.write("done\n")
            touchscreen.stdin.flush()
        return float(touchscreen.stdout.readline())
