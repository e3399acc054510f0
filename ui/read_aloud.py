"""Read the current step aloud, where this computer has a speech engine."""

from ctypes.util import find_library
from typing import Any

from PySide6.QtCore import QLocale, QObject


def _speech_class() -> Any:
    """QTextToSpeech, imported only when wanted: importing it loads Qt Multimedia."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:  # the Addons wheel without its speech plug-ins
        return None
    return QTextToSpeech


def _engine(speech: Any) -> str | None:
    """A real speech engine whose system library is present (so loading it cannot fail)."""
    for name in speech.availableEngines():
        if name == "mock":
            continue
        if name == "speechd" and find_library("speechd") is None:  # speech-dispatcher absent
            continue
        return str(name)
    return None


class ReadAloud(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        speech = _speech_class()
        engine = _engine(speech) if speech is not None else None
        self._speech = speech(engine, self) if engine else None
        if self._speech is not None and self._speech.state() == speech.State.Error:
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
