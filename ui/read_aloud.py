"""Read the current step aloud, where this computer has a speech engine."""

from ctypes.util import find_library

from PySide6.QtCore import QLocale, QObject

try:
    from PySide6.QtTextToSpeech import QTextToSpeech
except ImportError:  # the Addons wheel without its speech plug-ins
    QTextToSpeech = None


def _engine() -> str | None:
    """A real speech engine whose system library is present (so loading it cannot fail)."""
    if QTextToSpeech is None:
        return None
    for name in QTextToSpeech.availableEngines():
        if name == "mock":
            continue
        if name == "speechd" and find_library("speechd") is None:  # speech-dispatcher absent
            continue
        return str(name)
    return None


class ReadAloud(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        engine = _engine()
        self._speech = QTextToSpeech(engine, self) if engine and QTextToSpeech else None
        if self._speech is not None and self._speech.state() == QTextToSpeech.State.Error:
            self._speech = None

    @property
    def available(self) -> bool:
        return self._speech is not None

    def say(self, text: str, language: str) -> None:
        if self._speech is None:
            return
        self._speech.setLocale(QLocale(language))
        self._speech.say(text)

    def stop(self) -> None:
        if self._speech is not None:
            self._speech.stop()
