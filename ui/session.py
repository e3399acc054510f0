"""What one resident's visit has chosen so far: the model the screens listen to."""

import time

from PySide6.QtCore import QObject, Signal

TEXT_SIZES = (0, 1, 2)  # normal, large, largest


class Session(QObject):
    """A resident's visit: language, text size, the service open, whether a handout printed.

    The staff code belongs to the shift, not the visit, so ``reset_visit`` keeps it.
    """

    language_changed = Signal(str)
    text_size_changed = Signal(int)
    contrast_changed = Signal(bool)
    staff_changed = Signal(str)
    visit_reset = Signal()

    def __init__(self, default_language: str = "en", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.default_language = default_language
        self.language = default_language
        self.text_size = 0
        self.high_contrast = False
        self.staff: str | None = None
        self.service_id: str | None = None
        self.handout_printed = False
        self.started_at: float | None = None

    def set_language(self, language: str) -> None:
        if language != self.language:
            self.language = language
            self.language_changed.emit(language)

    def set_text_size(self, size: int) -> None:
        if size in TEXT_SIZES and size != self.text_size:
            self.text_size = size
            self.text_size_changed.emit(size)

    def set_high_contrast(self, on: bool) -> None:
        if on != self.high_contrast:
            self.high_contrast = on
            self.contrast_changed.emit(on)

    def sign_in(self, staff: str) -> None:
        self.staff = staff
        self.staff_changed.emit(staff)

    def sign_out(self) -> None:
        """The end of a shift: no contact is logged under this code until someone signs in."""
        self.staff = None
        self.staff_changed.emit("")

    def open_service(self, service_id: str | None) -> None:
        """A resident starts on a service (None: a general enquiry); the clock starts too."""
        self.service_id = service_id
        self.handout_printed = False
        if self.started_at is None:
            self.started_at = time.monotonic()

    def seconds_so_far(self) -> int | None:
        return None if self.started_at is None else int(time.monotonic() - self.started_at)

    def reset_visit(self) -> None:
        """Forget everything the resident saw or chose; the staff code stays."""
        self.service_id = None
        self.handout_printed = False
        self.started_at = None
        self.set_text_size(0)
        self.set_high_contrast(False)
        self.set_language(self.default_language)
        self.visit_reset.emit()
