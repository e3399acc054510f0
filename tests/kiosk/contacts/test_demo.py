import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from kiosk.catalog import Catalog, load_catalog
from kiosk.contacts.codes import COLUMNS, GENERAL
from kiosk.contacts.contact import Contact
from kiosk.contacts.demo import DemoError, demo_contacts, seed_demo
from kiosk.contacts.store import ContactLog, StoreError
from kiosk.resources import demo_catalog_dir

NOW = datetime(2026, 11, 27, 12, 30, 7, tzinfo=UTC)  # a Friday
DAYS = 60
COUNT = 5000
SEED = 11
STAMP = "%Y-%m-%dT%H:%M:%SZ"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(demo_catalog_dir())


@pytest.fixture(scope="module")
def stored(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ContactLog]:
    log = ContactLog.in_data_dir(tmp_path_factory.mktemp("demo"))
    assert seed_demo(log, catalog, COUNT, DAYS, SEED, site="main", desk="d1", now=NOW) == COUNT
    yield log
    log.close()


@pytest.fixture(scope="module")
def rows(stored: ContactLog) -> list[dict[str, Any]]:
    found = stored.rows_between("0000", "9999")
    return [dict(zip(COLUMNS, row, strict=True)) for row in found]


def generate(catalog: Catalog, seed: int = SEED, count: int = COUNT) -> list[tuple[Any, ...]]:
    return list(demo_contacts(catalog, count, DAYS, seed, site="main", desk="d1", now=NOW))


def test_the_same_seed_gives_the_same_rows_as_were_stored(
    catalog: Catalog, rows: list[dict[str, Any]]
) -> None:
    again = generate(catalog)
    assert again == generate(catalog)
    assert sorted(again, key=lambda r: (r[1], r[0])) == [tuple(r.values()) for r in rows]
    assert generate(catalog, seed=SEED + 1) != again


def test_every_row_is_a_valid_contact(rows: list[dict[str, Any]], catalog: Catalog) -> None:
    assert len(rows) == COUNT
    for row in rows[::25]:
        contact = Contact.from_row(row)
        assert contact.row() == row
        assert uuid.UUID(contact.id).version == 4
        assert (contact.source, contact.uploaded_at) == ("demo", None)
        assert contact.catalog_version == catalog.version


def test_times_are_weekday_opening_hours_in_the_last_days(rows: list[dict[str, Any]]) -> None:
    start = (NOW - timedelta(days=DAYS)).strftime(STAMP)
    for row in rows:
        at = datetime.strptime(row["recorded_at"], STAMP)
        assert at.weekday() < 5
        assert "09:00:00" <= row["recorded_at"][11:19] < "17:00:00"
        assert start <= row["recorded_at"] < NOW.strftime(STAMP)


def test_generated_times_come_oldest_first(catalog: Catalog) -> None:
    times = [row[1] for row in generate(catalog, count=500)]
    assert times == sorted(times)


def test_general_rows_have_no_lgsl_and_the_rest_the_catalogs(
    rows: list[dict[str, Any]], catalog: Catalog
) -> None:
    general = [r for r in rows if r["service_id"] == GENERAL]
    assert 0.05 < len(general) / len(rows) < 0.11
    assert all(r["lgsl"] is None for r in general)
    for row in rows:
        if row["service_id"] != GENERAL:
            assert row["lgsl"] == catalog.service(row["service_id"]).lgsl


def test_handout_only_always_has_a_handout(rows: list[dict[str, Any]]) -> None:
    assert all(r["handout"] == 1 for r in rows if r["mode"] == "handout_only")
    assert 0.25 < sum(r["handout"] for r in rows) / len(rows) < 0.45


def test_the_mix_is_skewed(rows: list[dict[str, Any]]) -> None:
    services = Counter(r["service_id"] for r in rows if r["service_id"] != GENERAL)
    counts = services.most_common()
    assert services["pay-council-tax"] == counts[0][1]
    assert counts[0][1] >= 5 * counts[-1][1]
    assert Counter(r["mode"] for r in rows).most_common(1)[0][0] == "showed_how"
    assert Counter(r["language"] for r in rows).most_common(1)[0][0] == "en"


def test_seeding_twice_with_one_seed_writes_nothing_more(
    stored: ContactLog, catalog: Catalog
) -> None:
    with pytest.raises(StoreError, match="seed 11 was used on this log already"):
        seed_demo(stored, catalog, COUNT, DAYS, SEED, site="main", desk="d1", now=NOW)
    assert stored.count() == COUNT


def test_seeding_keeps_the_daily_counts_in_step(stored: ContactLog) -> None:
    counted = stored.db.execute("SELECT sum(n) FROM daily_counts WHERE dimension = 'mode'")
    assert counted.fetchone()[0] == COUNT


def test_no_opening_hours_in_range_is_an_error(catalog: Catalog) -> None:
    sunday = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)
    with pytest.raises(DemoError, match="no weekday"):
        next(demo_contacts(catalog, 10, 1, SEED, site="main", desk="d1", now=sunday))
    assert list(demo_contacts(catalog, 0, 1, SEED, site="main", desk="d1", now=sunday)) == []
