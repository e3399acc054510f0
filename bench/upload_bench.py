"""Upload: 100,000 pending contacts to the reference receiver on 127.0.0.1, no faults.

Budget (issue 5): at least 20,000 contacts/s. Peak memory is that of a real ``kiosk upload``
process. The floor, measured in the same run: the same documents POSTed by plain urllib with
no queue, no database and no bookkeeping.
"""

import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.timing import peak_memory_mb
from kiosk.contacts.store import ContactLog
from kiosk.upload.queue import UploadQueue
from tests.upload_receiver import Receiver

CONTACTS = 100_000
BATCH = 500


def _seed(folder: Path) -> None:
    command = [sys.executable, "-m", "kiosk", "--data-dir", str(folder), "seed-demo",
               "--contacts", str(CONTACTS), "--days", "60", "--seed", "5"]  # fmt: skip
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def _floor(url: str, folder: Path) -> float:
    log = ContactLog.in_data_dir(folder)
    queue = UploadQueue(log)
    queue.prepare(BATCH)
    documents = [
        json.dumps({"schema": "assisted-digital-contacts/1", "batch_id": b.batch_id,
                    "sent_at": "2026-11-27T10:00:00Z", "source": {}, "contacts":
                    json.loads(queue.contacts_json(b.batch_id))}).encode()
        for b in queue.batches()
    ]  # fmt: skip
    log.close()
    start = time.perf_counter()
    for document in documents:
        batch_id = json.loads(document)["batch_id"]
        headers = {"Content-Type": "application/json", "Idempotency-Key": batch_id}
        request = urllib.request.Request(url, document, headers, method="POST")
        with urllib.request.urlopen(request) as answer:
            answer.read()
    return time.perf_counter() - start


def run() -> None:
    with tempfile.TemporaryDirectory() as name:
        ours_dir, floor_dir = Path(name) / "ours", Path(name) / "floor"
        for folder in (ours_dir, floor_dir):
            _seed(folder)
        with Receiver() as receiver:
            floor = _floor(receiver.url, floor_dir)
        with Receiver() as receiver:
            arguments = ["--data-dir", str(ours_dir), "upload", "--target", receiver.url]
            start = time.perf_counter()
            peak = peak_memory_mb(arguments)
            seconds = time.perf_counter() - start
            assert len(receiver.contacts) == CONTACTS
    rate = CONTACTS / seconds
    print(f"upload of {CONTACTS:,} pending contacts, batches of {BATCH}, no faults")
    print(
        f"  kiosk upload      {seconds:5.2f} s = {rate:8,.0f} contacts/s, whole process "
        f"(floor: plain urllib POSTs of ready documents {CONTACTS / floor:,.0f}/s)   "
        f"budget 20,000/s: {'ok' if rate >= 20_000 else 'UNDER BUDGET'}"
    )
    print(f"  peak memory       {peak:5.0f} MB (whole kiosk process)")
