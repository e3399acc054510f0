"""Personal data is never taken as a code: not as staff, site or desk, nor as a language."""

from pathlib import Path

import pytest

from kiosk.contacts.code_rules import StaffForm
from kiosk.contacts.contact import ContactError
from kiosk.contacts.demo import STAFF
from kiosk.contacts.store import ContactLog
from tests.kiosk.contacts.helpers import contact
from tests.kiosk.kiosk_process import kiosk

PERSONAL = [
    ("07700900123", "a phone number"),
    ("+44 7700 900123", "a phone number"),
    ("QQ123456C", "a National Insurance number"),
    ("AB123456", "a National Insurance number"),
    ("SW1A1AA", "a postcode"),
    ("sw1a 1aa", "a postcode"),
    ("1980-01-31", "a date"),
    ("31/01/1980", "a date"),
    ("19800131", "a date"),
    ("jane@example.org", "an e-mail address"),
]
NAMES = ["SarahJones", "Sarah_Jones", "Jane Smith", "Sarah", "Sam"]


def stored(tmp_path: Path) -> int:
    return ContactLog.in_data_dir(tmp_path / "data").count()


@pytest.mark.parametrize(("value", "shape"), PERSONAL)
@pytest.mark.parametrize("field", ["staff", "site", "desk"])
def test_personal_data_is_refused_as_a_code_and_not_repeated(
    field: str, value: str, shape: str
) -> None:
    with pytest.raises(ContactError) as refused:
        contact(**{field: value}, staff_form=StaffForm())
    assert f"{field}: the value looks like {shape}, not a code" in str(refused.value)
    assert value not in str(refused.value)


@pytest.mark.parametrize("name", NAMES)
def test_a_name_is_not_a_staff_code(name: str) -> None:
    with pytest.raises(ContactError, match=r"staff: .* is not a (staff )?code"):
        contact(staff=name, staff_form=StaffForm(listed=("AB", "CD")))


@pytest.mark.parametrize("code", ["AB", "ABCD", "7", "104233", "manual", "unsigned", "XY"])
def test_initials_numbers_stand_ins_and_listed_codes_are_staff_codes(code: str) -> None:
    assert contact(staff=code, staff_form=StaffForm(listed=("XY",))).staff == code


@pytest.mark.parametrize("code", ["S1", "ab", "ABCDE", "1234567"])
def test_the_default_form_takes_only_initials_or_a_staff_number(code: str) -> None:
    with pytest.raises(ContactError, match=f"staff: '{code}' is not a staff code here"):
        contact(staff=code, staff_form=StaffForm(listed=("AB",)))


def test_a_council_sets_its_own_form_or_only_its_list() -> None:
    assert contact(staff="E12345", staff_form=StaffForm("E[0-9]{5}")).staff == "E12345"
    with pytest.raises(ContactError, match=r"use the form set by staff_code_pattern"):
        contact(staff="AB", staff_form=StaffForm("E[0-9]{5}"))
    with pytest.raises(ContactError, match=r"use one of staff_codes: JS, KT\)"):
        contact(staff="AB", staff_form=StaffForm("", ("JS", "KT")))


def test_the_demo_and_the_default_list_are_valid_staff_codes() -> None:
    for code in (*STAFF, "AB", "CD", "EF"):
        assert contact(staff=code, staff_form=StaffForm()).staff == code


@pytest.mark.parametrize("tag", ["sam-Jones", "Welsh", "zz", "en-", "EN", "x-private", "e" * 80])
def test_a_language_must_be_in_the_bcp47_registry(tag: str) -> None:
    with pytest.raises(ContactError, match=r"language: .*(registry|too long)"):
        contact(language=tag, staff_form=StaffForm())


@pytest.mark.parametrize("tag", ["en", "cy", "pl", "ur", "en-GB", "bfi", "zh-Hant-HK"])
def test_real_languages_are_taken(tag: str) -> None:
    assert contact(language=tag, staff_form=StaffForm()).language == tag


@pytest.mark.parametrize(("value", "shape"), [*PERSONAL[::3], ("SarahJones", ""), ("S1", "")])
def test_contacts_add_refuses_it_and_stores_nothing(
    tmp_path: Path, value: str, shape: str
) -> None:
    done = kiosk(
        tmp_path, "contacts", "add", "--service", "general", "--mode", "showed_how",
        "--outcome", "completed", "--staff", value,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.startswith("error: staff: ")
    if shape:
        assert f"looks like {shape}" in done.stderr
        assert value not in done.stderr
    assert "Traceback" not in done.stderr
    assert stored(tmp_path) == 0


def test_contacts_add_takes_initials_and_its_own_stand_in(tmp_path: Path) -> None:
    add = ["contacts", "add", "--service", "general", "--mode", "showed_how"]
    add += ["--outcome", "completed"]
    assert kiosk(tmp_path, *add, "--staff", "AB", "--language", "bfi").returncode == 0
    assert kiosk(tmp_path, *add).returncode == 0  # --staff defaults to "manual"
    refused = kiosk(tmp_path, *add, "--language", "sam-Jones")
    assert (refused.returncode, stored(tmp_path)) == (1, 2)
    assert "language: 'sam-Jones' is not a language code in the BCP 47 registry" in refused.stderr


def test_an_import_with_personal_data_in_any_row_imports_nothing(tmp_path: Path) -> None:
    sheet = tmp_path / "paper.csv"
    head = "recorded_at,service_id,mode,outcome,staff,language\n"
    row = "2026-11-20T10:00,general,showed_how,completed,{},{}\n"
    rows = [("AB", "en"), ("07700900123", "en"), ("Sarah_Jones", "cy"), ("CD", "sam-Jones"),
            ("SW1A 1AA", "en"), ("1980-01-31", "pl")]  # fmt: skip
    sheet.write_text(head + "".join(row.format(*r) for r in rows), encoding="utf-8")
    done = kiosk(tmp_path, "contacts", "import", str(sheet))
    assert done.returncode == 1
    for expected in (
        "row 3: staff: the value looks like a phone number, not a code",
        "row 4: staff: 'Sarah_Jones' is not a code",
        "row 5: language: 'sam-Jones' is not a language code",
        "row 6: staff: the value looks like a postcode",
        "row 7: staff: the value looks like a date",
    ):
        assert expected in done.stderr
    assert "07700900123" not in done.stderr
    assert "1980-01-31" not in done.stderr
    assert stored(tmp_path) == 0
