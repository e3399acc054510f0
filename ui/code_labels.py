"""The words staff see for the contact log's codes, in the interface's language.

Used where contacts are logged and where they are counted, so a supervisor reads the same
words on the figures as staff tapped on the log screen. The words belong to the log screen's
translation context, where they were first translated.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "LogContactScreen"
_ENGLISH = {
    "showed_how": QT_TRANSLATE_NOOP("LogContactScreen", "Showed how"),
    "did_together": QT_TRANSLATE_NOOP("LogContactScreen", "Did it together"),
    "did_for_them": QT_TRANSLATE_NOOP("LogContactScreen", "Did it for them"),
    "handout_only": QT_TRANSLATE_NOOP("LogContactScreen", "Handout only"),
    "signposted": QT_TRANSLATE_NOOP("LogContactScreen", "Signposted"),
    "completed": QT_TRANSLATE_NOOP("LogContactScreen", "Completed"),
    "started": QT_TRANSLATE_NOOP("LogContactScreen", "Started"),
    "will_do_later": QT_TRANSLATE_NOOP("LogContactScreen", "Will do later"),
    "could_not_complete": QT_TRANSLATE_NOOP("LogContactScreen", "Could not complete"),
    "not_recorded": QT_TRANSLATE_NOOP("LogContactScreen", "Not recorded"),
    "access": QT_TRANSLATE_NOOP("LogContactScreen", "Access"),
    "skills": QT_TRANSLATE_NOOP("LogContactScreen", "Skills"),
    "confidence": QT_TRANSLATE_NOOP("LogContactScreen", "Confidence"),
    "trust": QT_TRANSLATE_NOOP("LogContactScreen", "Trust"),
    "accessibility": QT_TRANSLATE_NOOP("LogContactScreen", "Accessibility"),
    "language": QT_TRANSLATE_NOOP("LogContactScreen", "Language"),
    "yes": QT_TRANSLATE_NOOP("LogContactScreen", "Yes"),
    "with_help": QT_TRANSLATE_NOOP("LogContactScreen", "With help"),
    "no": QT_TRANSLATE_NOOP("LogContactScreen", "No"),
    "unsure": QT_TRANSLATE_NOOP("LogContactScreen", "Unsure"),
    "digital_skills": QT_TRANSLATE_NOOP("LogContactScreen", "Digital skills"),
    "device_loan": QT_TRANSLATE_NOOP("LogContactScreen", "Device loan"),
    "data_bank": QT_TRANSLATE_NOOP("LogContactScreen", "Data bank"),
    "library_pcs": QT_TRANSLATE_NOOP("LogContactScreen", "Library PCs"),
    "other_service": QT_TRANSLATE_NOOP("LogContactScreen", "Other service"),
}


def code_label(code: str) -> str | None:
    """The word for ``code`` in the current language; None for a code this kiosk does not know
    (one in an imported paper log, say)."""
    english = _ENGLISH.get(code)
    return None if english is None else QCoreApplication.translate(CONTEXT, english)
