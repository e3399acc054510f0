"""Upload problems in the interface's language, for the status line and the supervisor area.

The core keeps each problem as a code with the receiver's or the network's own words
(kiosk/upload/problems.py); those words are quoted as they came, untranslated.
"""

from PySide6.QtCore import QCoreApplication

from kiosk.upload.problems import UploadProblem

CONTEXT = "UploadPanel"  # where these words were first translated: the Welsh stays with them


def problem_words(problem: UploadProblem) -> str:
    """What went wrong, in words; the receiver's or the network's own words quoted after."""
    sentence = _sentence(problem.code)
    if sentence is None:  # words from elsewhere: as they are
        return problem.detail
    sentence = sentence.format(status=problem.http_status)
    return f"{sentence}: “{problem.detail}”" if problem.detail else sentence


def _sentence(code: str) -> str | None:
    translate = QCoreApplication.translate
    return {
        "http_status": translate("UploadPanel", "the receiving system answered HTTP {status}"),
        "bad_answer": translate(
            "UploadPanel",
            "the receiving system's answer (HTTP {status}) was not in the agreed form",
        ),
        "contradictory_answer": translate(
            "UploadPanel",
            "the receiving system's answer (HTTP {status}) cannot be true of the batch sent; "
            "it is held and nothing in it is marked sent",
        ),
        "answer_too_large": translate(
            "UploadPanel", "the receiving system's answer was too large to read"
        ),
        "credentials_refused": translate(
            "UploadPanel",
            "the upload token was refused (HTTP {status}); nothing is lost: "
            "IT should check the token",
        ),
        "redirected": translate(
            "UploadPanel",
            "the receiving system sends uploads elsewhere (HTTP {status}); nothing was sent "
            "there: IT should check upload_target",
        ),
        "too_large": translate("UploadPanel", "one contact is too large for the receiving system"),
        "certificate": translate(
            "UploadPanel", "the receiving system's certificate is not trusted"
        ),
        "timeout": translate("UploadPanel", "the receiving system did not answer in time"),
        "connection_refused": translate(
            "UploadPanel", "the receiving system refused the connection"
        ),
        "name_not_found": translate(
            "UploadPanel",
            "the receiving system's name could not be found (is the network down?)",
        ),
        "no_answer": translate("UploadPanel", "no answer from the receiving system"),
        "folder_unwritable": translate("UploadPanel", "the shared folder could not be written"),
        "setup": translate("UploadPanel", "the upload is not set up right"),
        "unexpected": translate(
            "UploadPanel", "the upload failed unexpectedly; it will try again"
        ),
    }.get(code)
