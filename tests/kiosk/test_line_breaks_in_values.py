"""A value that ends in a line break, or holds a NUL, is never taken as a code or setting.

Python's ``$`` also matches before a final line break, so ``"AB\\n"`` would pass a pattern
ending in it; the patterns end in ``\\Z``. Held here where a value enters the kiosk: the
config file and environment, ``kiosk contacts add`` and ``kiosk contacts import``.
"""

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from kiosk.catalog.toml_models import HOST_PATTERN
from kiosk.config import load_config
from kiosk.contacts.contact import ContactError
from kiosk.contacts.store import ContactLog
from kiosk.errors import ConfigError
from tests.kiosk.contacts.helpers import contact
from tests.kiosk.kiosk_process import kiosk

ENDINGS = ["\n", "\r\n", "\x00"]
SETTINGS = [
    ("site", "library"),
    ("desk", "desk-2"),
    ("printer", "Front_desk"),
    ("upload_target", "https://hub.example.org/v1/contacts"),
    ("hub_database", "sqlite:///hub.db"),
    ("upload_token_env", "KIOSK_TOKEN"),
    ("staff_code_pattern", "[A-Z]{2}"),
]
CONTACT_CODES = [
    ("site", "main-office"), ("desk", "desk-1"), ("service_id", "pay-council-tax"),
    ("catalog_version", "abc123def456"), ("language", "cy"),
    ("recorded_at", "2026-11-20T10:15:00Z"),
]  # fmt: skip
ADD = ["contacts", "add", "--mode", "showed_how", "--outcome", "completed"]
IMPORT_HEAD = "recorded_at,service_id,mode,outcome,staff,language\n"


def toml_text(value: str) -> str:
    """``value`` as a TOML basic string, its control characters escaped."""
    escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\x00": "\\u0000"}
    return '"' + "".join(escapes.get(c, c) for c in value) + '"'


def stored(tmp_path: Path) -> int:
    return ContactLog.in_data_dir(tmp_path / "data").count()


@pytest.mark.parametrize("ending", ENDINGS, ids=repr)
@pytest.mark.parametrize(("key", "good"), SETTINGS)
def test_a_setting_that_ends_in_a_break_or_holds_a_nul_is_refused_naming_it(
    tmp_path: Path, key: str, good: str, ending: str
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f"{key} = {toml_text(good)}\n", encoding="utf-8")
    assert getattr(load_config(config, environ={}), key) == good
    config.write_text(f"{key} = {toml_text(good + ending)}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=f"{config}: {key}: "):
        load_config(config, environ={})


@pytest.mark.parametrize("ending", ["\n", "\r\n"], ids=repr)  # no environment holds a NUL
@pytest.mark.parametrize(
    ("key", "good"),
    [("upload_target", "file:///srv/contacts"), ("hub_database", "sqlite:///h.db")],
)
def test_an_address_from_the_environment_that_ends_in_a_break_is_refused(
    key: str, good: str, ending: str
) -> None:
    variable = f"KIOSK_{key.upper()}"
    assert getattr(load_config(environ={variable: good}), key) == good
    with pytest.raises(ConfigError, match=f"environment variable {variable}: {key}: "):
        load_config(environ={variable: good + ending})


@pytest.mark.parametrize("ending", ENDINGS, ids=repr)
@pytest.mark.parametrize(("field", "good"), CONTACT_CODES)
def test_a_contact_whose_code_ends_in_a_break_or_holds_a_nul_is_refused_naming_it(
    field: str, good: str, ending: str
) -> None:
    assert getattr(contact(**{field: good}), field) == good
    with pytest.raises(ContactError, match=f"{field}: "):
        contact(**{field: good + ending})


@pytest.mark.parametrize("ending", ["\n", "\r\n"], ids=repr)  # no argument can hold a NUL
@pytest.mark.parametrize(
    ("option", "good", "said"),
    [("--service", "general", "--service: "), ("--staff", "AB", "staff: "),
     ("--language", "cy", "language: ")],
)  # fmt: skip
def test_contacts_add_refuses_a_code_that_ends_in_a_break(
    tmp_path: Path, option: str, good: str, said: str, ending: str
) -> None:
    refused = kiosk(tmp_path, *ADD, "--service", "general", option, good + ending)
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"error: {said}")
    assert "Traceback" not in refused.stderr
    assert stored(tmp_path) == 0
    assert kiosk(tmp_path, *ADD, "--service", "general", option, good).returncode == 0
    assert stored(tmp_path) == 1


@pytest.mark.parametrize("ending", ENDINGS, ids=repr)
@pytest.mark.parametrize("key", ["site", "desk"])
def test_contacts_add_refuses_a_configured_code_that_ends_in_a_break_or_a_nul(
    tmp_path: Path, key: str, ending: str
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f"{key} = {toml_text('library' + ending)}\n", encoding="utf-8")
    refused = kiosk(tmp_path, "--config", str(config), *ADD, "--service", "general")
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"error: {config}: {key}: ")
    assert "\x00" not in refused.stderr
    assert not (tmp_path / "data" / "contacts.db").exists()


@pytest.mark.parametrize("column", ["service_id", "staff", "language"])
def test_an_import_never_stores_a_code_with_a_break_and_refuses_a_nul(
    tmp_path: Path, column: str
) -> None:
    """A cell's surrounding white space (a break included) is trimmed, as Excel's spaces are;
    a NUL is not white space, and the sheet is refused with the row named."""
    good = {"service_id": "general", "staff": "AB", "language": "cy"}
    sheet = tmp_path / "paper.csv"

    def write(value: str) -> None:
        cells = {**good, column: value}
        row = f'2026-11-20T10:00,"{cells["service_id"]}",showed_how,completed,'
        row += f'"{cells["staff"]}","{cells["language"]}"\n'
        sheet.write_text(IMPORT_HEAD + row, encoding="utf-8", newline="")

    write(good[column] + "\x00")
    refused = kiosk(tmp_path, "contacts", "import", str(sheet))
    assert refused.returncode == 1
    assert f"row 2: {column}: " in refused.stderr
    assert "\x00" not in refused.stderr
    assert stored(tmp_path) == 0
    for ending in ("\n", "\r\n"):
        write(good[column] + ending)
        assert kiosk(tmp_path, "contacts", "import", str(sheet)).returncode == 0
    with closing(sqlite3.connect(tmp_path / "data" / "contacts.db")) as connection:
        values = connection.execute(f"SELECT {column} FROM contacts").fetchall()
    assert values == [(good[column],)]  # trimmed, and the second import added nothing


@pytest.mark.parametrize("ending", ENDINGS, ids=repr)
def test_a_catalog_host_that_ends_in_a_break_or_a_nul_is_not_a_host(ending: str) -> None:
    assert HOST_PATTERN.match("www.gov.uk")
    assert not HOST_PATTERN.match("www.gov.uk" + ending)
