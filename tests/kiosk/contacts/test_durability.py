"""Kill a writer at random moments: the log stays intact and keeps every reported contact."""

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

KILLS = 100

WRITER = """
import sys
from kiosk.contacts.contact import Contact
from kiosk.contacts.store import ContactLog
log = ContactLog(__import__("pathlib").Path(sys.argv[1]))
while True:
    c = Contact(site="s", desk="d", staff="AB", service_id="pay-council-tax", lgsl=57,
                mode="showed_how", outcome="completed", catalog_version="v1")
    print(log.record(c), flush=True)
"""


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_reported(tmp_path: Path) -> None:
    database = tmp_path / "contacts.db"
    rng = random.Random(2026)
    reported: list[str] = []
    for _ in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(database)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        reported.append(writer.stdout.readline().strip())  # it is writing now
        time.sleep(rng.uniform(0, 0.03))
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate()
        reported.extend(line for line in rest.splitlines() if len(line) == 36)
    check = sqlite3.connect(database)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {row[0] for row in check.execute("SELECT id FROM contacts")}
    assert len(reported) > KILLS
    assert set(reported) <= stored
