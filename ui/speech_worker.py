"""``kiosk speech-worker``: the speech engine, in a process of its own.

Creating ``QTextToSpeech`` waits for a synchronous answer from the speech service
(speech-dispatcher: about 2 s when healthy, 37 s on a first autospawn, for ever when it is
wedged), and libspeechd gives no way to give up on that wait. So the engine lives here, and the
kiosk (``ui/read_aloud.py``) talks to this process over its stdin and stdout, one JSON object a
line, with a deadline it enforces by killing the process.

The kiosk sends ``{"say": TEXT, "language": CODE}`` and ``{"stop": true}``; this process
answers ``{"event": "ready", "languages": [...]}`` once the engine works, ``{"event":
"absent"}`` when this computer has no speech engine, ``{"event": "unavailable", "reason": ...}``
when it has one that fails, and ``{"event": "said"}`` after each ``say`` has been handed over.
It ends when its stdin closes (the kiosk has gone).
"""

import json
import logging
import sys
import threading
from ctypes.util import find_library
from typing import Any

import click
from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)


def _send(event: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def _engine_name(speech: Any) -> str | None:
    """A real speech engine whose system library is present (so loading it cannot fail)."""
    for name in speech.availableEngines():
        if name == "mock":
            continue
        if name == "speechd" and find_library("speechd") is None:  # speech-dispatcher absent
            continue
        return str(name)
    return None


class _Commands(QObject):
    """Lines from stdin, read on a thread and handed to the engine on the main thread."""

    line = Signal(str)
    ended = Signal()

    def read_forever(self) -> None:
        for line in sys.stdin:
            self.line.emit(line)
        self.ended.emit()


class _Speaker(QObject):
    def __init__(self, speech: Any) -> None:
        super().__init__()
        self.speech = speech

    @Slot(str)
    def handle(self, line: str) -> None:
        if not line.strip():
            return
        try:
            command = json.loads(line)
        except ValueError:
            log.warning("speech worker: ignored a line that is not JSON")
            return
        if "say" in command:
            self.speech.setLocale(QLocale(str(command.get("language", "en"))))
            self.speech.say(str(command["say"]))
            _send({"event": "said"})
        elif command.get("stop"):
            self.speech.stop()


def _languages(speech: Any) -> list[str]:
    return sorted({locale.name().split("_")[0] for locale in speech.availableLocales()})


def serve() -> int:
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:  # the Addons wheel without its speech plug-ins
        _send({"event": "absent"})
        return 0
    engine = _engine_name(QTextToSpeech)
    if engine is None:
        _send({"event": "absent"})
        return 0
    speech = QTextToSpeech(engine)  # may wait a long time: the kiosk's deadline covers it
    if speech.state() == QTextToSpeech.State.Error:
        _send({"event": "unavailable", "reason": speech.errorString() or "the engine failed"})
        return 0
    _send({"event": "ready", "engine": engine, "languages": _languages(speech)})
    speaker, commands = _Speaker(speech), _Commands()
    commands.line.connect(speaker.handle, Qt.ConnectionType.QueuedConnection)
    commands.ended.connect(app.quit, Qt.ConnectionType.QueuedConnection)
    threading.Thread(target=commands.read_forever, name="speech-commands", daemon=True).start()
    return app.exec()


@click.command("speech-worker", hidden=True)
def speech_worker() -> None:
    """The speech engine for read aloud, run by the touchscreen (not for people to run)."""
    sys.exit(serve())
