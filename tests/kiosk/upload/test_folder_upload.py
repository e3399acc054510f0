import json
from pathlib import Path

from kiosk.contacts.store import ContactLog
from kiosk.upload.transport import FolderTransport
from kiosk.upload.uploader import Settings, Uploader
from tests.kiosk.contacts.helpers import contact


def test_every_contact_lands_in_the_folder_once_and_is_marked_sent(
    data_dir: Path, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    log = ContactLog.in_data_dir(data_dir)
    written = [contact() for _ in range(7)]
    log.record_many(written)
    uploader = Uploader(log, FolderTransport(share.as_uri()), Settings("main-office", "desk-1", 3))
    report = uploader.run_once()
    assert (report.accepted, report.exit_code) == (7, 0)
    files = sorted(share.glob("*.json"))
    assert len(files) == 3
    documents = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    assert all(d["schema"] == "assisted-digital-contacts/1" for d in documents)
    assert all(f.stem == d["batch_id"] for f, d in zip(files, documents, strict=True))
    ids = [c["id"] for d in documents for c in d["contacts"]]
    assert sorted(ids) == sorted(c.id for c in written)
    assert all(log.get(c.id).uploaded_at for c in written)  # type: ignore[union-attr]
    assert "uploaded_at" not in documents[0]["contacts"][0]
    assert isinstance(documents[0]["contacts"][0]["barriers"], list)
    assert uploader.run_once().requests == 0  # nothing left to send


def test_a_share_that_went_away_keeps_everything_for_later(data_dir: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    log = ContactLog.in_data_dir(data_dir)
    log.record_many([contact() for _ in range(4)])
    uploader = Uploader(log, FolderTransport(share.as_uri()), Settings("s", "d", 10))
    share.rmdir()
    report = uploader.run_once()
    assert (report.accepted, report.waiting, report.exit_code) == (0, 1, 2)
    assert "could not write" in report.problems[0]
    share.mkdir()
    assert uploader.run_once().accepted == 4
