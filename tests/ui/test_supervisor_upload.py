"""The Upload section: facts from the core, sentences (and Welsh) from the screen, every reason
in full."""

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from kiosk.upload.problems import PROBLEM_CODES, UploadProblem
from kiosk.upload.status import upload_status
from tests.kiosk.upload.test_http_upload import TOKEN, fill, uploader
from tests.ui.test_supervisor import _show
from tests.upload_receiver import Receiver
from ui.services import AppServices
from ui.supervisor.area import SupervisorArea
from ui.translation import Translations
from ui.upload_words import problem_words

LONG_REASON = (
    "the desk 'desk-1' is not registered for the site 'main-office' in the central system; "
    "ask the digital team to add it, then requeue these contacts"
)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver(token=TOKEN, strict=True, hang_s=1.0) as running:
        yield running


@pytest.fixture
def area(qtbot: QtBot, services: AppServices, kiosk_style: None) -> Iterator[SupervisorArea]:
    made = SupervisorArea(services)
    _show(qtbot, made)
    yield made
    made.shutdown()


def words(label: QLabel) -> str:
    """What a label shows, as plain text (rich text unwrapped)."""
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


def reject_and_hold(services: AppServices, receiver: Receiver) -> None:
    """Two reasons for rejected contacts (one long), then a batch the receiver answers 400."""
    log = services.contact_log
    fill(log, 6)
    receiver.reject_if = lambda c: {"S1": LONG_REASON, "S2": "unknown service"}.get(c["staff"])
    uploader(log, receiver).run_once()
    receiver.reject_if = None
    fill(log, 3)
    receiver.force("400")
    uploader(log, receiver).run_once()


def test_rejected_and_held_show_every_reason_in_full(
    qtbot: QtBot, area: SupervisorArea, services: AppServices, receiver: Receiver
) -> None:
    reject_and_hold(services, receiver)
    area.show_section("upload")
    qtbot.wait(10)
    panel = area.upload
    rejected = words(panel.rejected)
    assert rejected.startswith("Rejected by the receiving system: 2")
    assert f"“{LONG_REASON}”: 1" in rejected
    assert "“unknown service”: 1" in rejected
    [held] = upload_status(services.contact_log).held
    batch, answer = held[0], held[2].split(": ", 1)[1]
    assert words(panel.held) == (
        "Held batches: 1\n"
        f"Batch {batch[:8]} (3 contacts): the receiving system answered HTTP 400: “{answer}”"
    )
    assert "Sent: 4" in panel.counts.text()
    assert "(4 accepted, 2 rejected)" in panel.events.text()
    for label in (panel.rejected, panel.held):
        assert label.isVisible()
        assert label.height() >= label.heightForWidth(label.width())  # wrapped, not cut off
        assert label.width() <= panel.width()


def test_the_last_problem_and_next_attempt_are_sentences(
    area: SupervisorArea, services: AppServices, receiver: Receiver
) -> None:
    services.config = replace(services.config, upload_target=receiver.url)
    fill(services.contact_log, 2)
    receiver.force("503_retry_after")
    uploader(services.contact_log, receiver).run_once()
    area.show_section("upload")
    lines = area.upload.events.text().splitlines()
    assert lines[0] == "Last sent: never"
    assert lines[1].startswith("Last problem: ")
    assert lines[1].endswith(": the receiving system answered HTTP 503")
    assert lines[2].startswith("Next attempt: ")
    assert lines[2] != "Next attempt: now, or when new contacts arrive"


def test_nothing_sent_yet_reads_plainly(area: SupervisorArea, services: AppServices) -> None:
    fill(services.contact_log, 3)
    area.show_section("upload")
    assert area.upload.counts.text() == "Waiting to upload: 3\nSent: 0"
    assert area.upload.events.text() == (
        "Last sent: never\nLast problem: none\nNext attempt: none until upload is set up"
    )  # this kiosk has no upload_target
    assert words(area.upload.rejected) == "Rejected by the receiving system: 0"
    assert words(area.upload.held) == "Held batches: 0"


@pytest.mark.parametrize(
    ("problem", "said"),
    [
        (UploadProblem("credentials_refused", 401), "the upload token was refused (HTTP 401)"),
        (UploadProblem("timeout"), "the receiving system did not answer in time"),
        (
            UploadProblem("no_answer", detail="OSError: boom"),
            "from the receiving system: “OSError",
        ),
        (UploadProblem("other", detail="a cosmic ray"), "a cosmic ray"),
    ],
)
def test_each_problem_code_has_its_sentence(
    area: SupervisorArea, problem: UploadProblem, said: str
) -> None:
    assert said in area.upload.problem(problem)


def test_every_code_the_core_knows_has_words_of_its_own(qapp: QApplication) -> None:
    for code in set(PROBLEM_CODES) - {"other"}:
        said = problem_words(UploadProblem(code, 500, "their words"))
        assert said.endswith(": “their words”"), code
        assert len(said) > len(": “their words”") + 10, code


def test_the_section_speaks_welsh(
    qapp: QApplication, area: SupervisorArea, services: AppServices
) -> None:
    fill(services.contact_log, 3)
    area.show_section("upload")
    translations = Translations(qapp)
    try:
        translations.use("cy")
        area.retranslate()
        counts = area.upload.counts.text()
        assert "3" in counts
        assert "Waiting to upload" not in counts
        assert area.upload.requeue_button.text() != "Requeue rejected"
    finally:
        translations.use("en")
    area.retranslate()
    assert area.upload.counts.text() == "Waiting to upload: 3\nSent: 0"


def test_upload_now_without_an_upload_address_says_what_it_must_set(
    qtbot: QtBot, area: SupervisorArea, services: AppServices
) -> None:
    assert services.config.upload_target is None
    area.show_section("upload")
    asked: list[bool] = []
    area.upload_now.connect(lambda: asked.append(True))
    area.upload.upload_button.click()
    assert asked == []  # nothing to start: it would only fail again
    assert "Upload is not set up" in area.upload.message.text()
    assert "upload_target" in area.upload.message.text()
