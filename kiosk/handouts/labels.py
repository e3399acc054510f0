"""The handout's own words, in each language it can be printed in.

A service translated into a language not listed here is printed with English labels.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Labels:
    qr_code: str
    scan: str
    check: str  # {prefix} is the address the link must start with
    you_will_need: str
    steps: str
    time_needed: str
    no_internet: str
    phone: str
    opening_hours: str
    printed: str  # {date}, {site}, {desk}, {catalog}, {version}
    months: tuple[str, ...]

    def day(self, when: date) -> str:
        return f"{when.day} {self.months[when.month - 1]} {when.year}"


ENGLISH = Labels(
    qr_code="QR code",
    scan="Scan the QR code with your phone's camera, or type this address:",
    check="Check the address starts with {prefix} before you enter any details.",
    you_will_need="What you will need",
    steps="What to do",
    time_needed="Time needed: {time}",
    no_internet="If you cannot go online",
    phone="Phone {phone}",
    opening_hours="Opening hours: {hours}",
    printed="Printed {date} at {site}, {desk}. Catalog {catalog}, kiosk {version}.",
    months=(
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ),
)  # fmt: skip

WELSH = Labels(
    qr_code="Cod QR",
    scan="Sganiwch y cod QR gyda chamera eich ffôn, neu teipiwch y cyfeiriad hwn:",
    check="Gwiriwch fod y cyfeiriad yn dechrau gyda {prefix} cyn i chi roi unrhyw fanylion.",
    you_will_need="Beth fydd ei angen arnoch",
    steps="Beth i'w wneud",
    time_needed="Amser sydd ei angen: {time}",
    no_internet="Os na allwch fynd ar-lein",
    phone="Ffoniwch {phone}",
    opening_hours="Oriau agor: {hours}",
    printed="Argraffwyd {date} yn {site}, {desk}. Catalog {catalog}, ciosg {version}.",
    months=(
        "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst",
        "Medi", "Hydref", "Tachwedd", "Rhagfyr",
    ),
)  # fmt: skip

LABELS = {"en": ENGLISH, "cy": WELSH}


def labels_for(language: str) -> Labels:
    return LABELS.get(language, ENGLISH)
