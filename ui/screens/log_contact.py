"""Log the contact: large toggles, sensible defaults, so the common case is two taps."""

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.contacts import codes
from kiosk.contacts.contact import Contact
from kiosk.errors import KioskError
from ui.code_labels import code_label
from ui.screens.base import Screen
from ui.services import AppServices
from ui.widgets.columns import ColumnsLayout
from ui.widgets.flow import FlowLayout
from ui.widgets.message_line import MessageLine
from ui.widgets.touch import GAP, ToggleButton, TouchButton

DEFAULT_MODE, DEFAULT_OUTCOME = "showed_how", "completed"
COLUMNS = 6  # the six barriers in one row: the whole form fits 1280x800 unscrolled


class ChoiceGroup(QWidget):
    """A heading and a row of toggles; single choice (optionally none) or several."""

    def __init__(self, options: tuple[str, ...], *, several: bool, required: bool) -> None:
        super().__init__()
        self.heading = QLabel(objectName="heading", wordWrap=True)
        self.buttons = {code: ToggleButton(code, code) for code in options}
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        self.several, self.required = several, required
        grid = ColumnsLayout(most_columns=COLUMNS, spacing=GAP)
        for button in self.buttons.values():
            self.group.addButton(button)
            grid.addWidget(button)
        self.group.buttonToggled.connect(self._one_at_most)
        self.touched = False  # did staff tap any of it? (not the screen's preset answer)
        self.group.buttonClicked.connect(self._touch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(grid)

    def _one_at_most(self, button: ToggleButton, checked: bool) -> None:
        if checked and not self.several:
            for other in self.buttons.values():
                if other is not button:
                    other.setChecked(False)
        if self.required and not checked and not self.chosen():
            button.setChecked(True)  # a required answer can be changed, not removed

    def _touch(self) -> None:
        self.touched = True

    def chosen(self) -> list[str]:
        return [code for code, button in self.buttons.items() if button.isChecked()]

    def choose(self, codes_: list[str]) -> None:
        """Preset (not touched by staff) to ``codes_``."""
        for code, button in self.buttons.items():
            button.setChecked(code in codes_)
        self.touched = False

    def answer(self) -> str:
        """What staff chose, or ``not_recorded`` if they never touched it (a preset answer
        they did not confirm is not an answer)."""
        return self.chosen()[0] if self.touched else codes.NOT_RECORDED


class LogContactScreen(Screen):
    for_staff = True

    saved = Signal(str)
    back = Signal()
    no_help_given = Signal()  # staff end the visit without logging it: logged as nothing

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.service_id: str | None = None
        self.title = QLabel(objectName="screenTitle")
        self.title.setWordWrap(True)
        self.mode = ChoiceGroup(codes.MODES_TO_TAP, several=False, required=True)
        self.outcome = ChoiceGroup(codes.OUTCOMES_TO_TAP, several=False, required=True)
        self.barriers = ChoiceGroup(codes.BARRIERS, several=True, required=False)
        self.next_time = ChoiceGroup(codes.NEXT_TIME_ONLINE, several=False, required=False)
        self.referral = ChoiceGroup(codes.REFERRALS, several=False, required=False)
        self.save_button = TouchButton(object_name="primary")
        self.save_button.clicked.connect(self.save)
        self.back_button = TouchButton(icon_name="back", object_name="backButton")
        self.back_button.clicked.connect(self.back)
        self.no_help_button = TouchButton(object_name="action")
        self.no_help_button.clicked.connect(self.no_help_given)
        self.message = MessageLine("savedMessage")
        self._saving: dict[str, bool] = {}  # contacts being written -> announce when done
        services.writer.written.connect(self._written)
        services.writer.failed.connect(self._not_written)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(GAP)
        layout.addWidget(self.title)
        actions = FlowLayout(spacing=GAP * 2)  # at the top: the common case is Finish, Save
        actions.add(self.back_button)  # as wide as their words, whatever the size
        actions.add(self.no_help_button)
        actions.add(self.save_button, stretch=True)  # the rest shared by Save and its message
        actions.add(self.message, stretch=True)  # beside Save: it never pushes the form down
        layout.addLayout(actions)
        for group in self._groups():
            layout.addWidget(group)
        layout.addStretch(1)
        self.retranslate()

    def _groups(self) -> tuple[ChoiceGroup, ...]:
        return (self.mode, self.outcome, self.barriers, self.next_time, self.referral)

    def start(self, service_id: str | None) -> None:
        """Ready to log a contact about ``service_id`` (None: a general enquiry)."""
        self.service_id = service_id
        self.mode.choose([DEFAULT_MODE])
        self.outcome.choose([DEFAULT_OUTCOME])
        for group in (self.barriers, self.next_time, self.referral):
            group.choose([])
        self._say("")
        self.save_button.setEnabled(True)
        self.retranslate()

    def contact(self, *, by_idle_reset: bool = False) -> Contact:
        """The contact as logged; ``by_idle_reset``: saved by the reset, not by staff, so an
        answer staff did not give is ``not_recorded``, not the screen's preset one."""
        catalog = self.services.catalog
        service = catalog.service(self.service_id) if self.service_id else None
        config = self.services.config
        return Contact(
            site=config.site,
            desk=config.desk,
            staff=self.session.staff or "unsigned",
            service_id=service.id if service else codes.GENERAL,
            lgsl=service.lgsl if service else None,
            mode=self.mode.answer() if by_idle_reset else self.mode.chosen()[0],
            outcome=self.outcome.answer() if by_idle_reset else self.outcome.chosen()[0],
            barriers=tuple(self.barriers.chosen()),
            language=self.language,
            handout=self.session.handout_printed,
            next_time_online=(self.next_time.chosen() or [None])[0],
            referral=(self.referral.chosen() or [None])[0],
            duration_s=self.session.seconds_so_far(),
            catalog_version=catalog.version,
            source=codes.IDLE_RESET if by_idle_reset else "kiosk",
        )

    def save(self, *, announce: bool = True, by_idle_reset: bool = False) -> str | None:
        """Write the contact durably, in the background; once it is, say "Saved" and (if
        ``announce``) go back to the start. Returns the contact's id, None if it is refused."""
        try:
            contact = self.contact(by_idle_reset=by_idle_reset)
        except KioskError as exc:
            self._say(self.tr("Not saved: {reason}").format(reason=str(exc)))
            return None
        self._saving[contact.id] = announce
        self.save_button.setEnabled(False)
        self._say(self.tr("Saving..."))
        self.services.writer.write(contact)
        return contact.id

    def _written(self, contact_id: str) -> None:
        if self._saving.pop(contact_id, False):
            self._say(self.tr("Saved"))
            QTimer.singleShot(800, self, lambda: self.saved.emit(contact_id))

    def _not_written(self, contact_id: str, reason: str) -> None:
        if contact_id in self._saving:
            del self._saving[contact_id]
            self._say(self.tr("Not saved: {reason}").format(reason=reason))
            self.save_button.setEnabled(True)

    def _say(self, text: str) -> None:
        """Show ``text`` beside Save, in a place kept for it: the form never moves."""
        self.message.say(text)

    def retranslate(self) -> None:
        catalog = self.services.catalog
        if self.service_id:
            what = catalog.text(catalog.service(self.service_id), self.language).title
        else:
            what = self.tr("General enquiry")
        self.title.setText(self.tr("Log this contact: {what}").format(what=what))
        self.save_button.setText(self.tr("Save"))
        self.back_button.setText(self.tr("Back"))
        self.no_help_button.setText(self.tr("No help given"))
        self.mode.heading.setText(self.tr("How did you help?"))
        self.outcome.heading.setText(self.tr("What happened?"))
        self.barriers.heading.setText(self.tr("What made it hard? (any)"))
        self.next_time.heading.setText(self.tr("Could they go online next time?"))
        self.referral.heading.setText(self.tr("Referred to"))
        for group in self._groups():
            for code, button in group.buttons.items():
                button.setText(self._label(code))

    def _label(self, code: str) -> str:
        label = code_label(code)
        assert label is not None, f"no words for the code {code!r}"
        return label
