"""The hub's pages in a real browser: Debian's Chromium (headless, through chromium-driver)
against a real served hub holding a known set of contacts, stored by the receiver's own code.

What the browser reads, and what it downloads, is held equal to ``kiosk hub report``: the
real CLI, run on the same database.
"""

import csv
import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select
from sqlalchemy import Engine, update

from kiosk.config import Config
from kiosk.hub.ingest import store_contacts
from kiosk.hub.kiosks import add_kiosk
from kiosk.hub.people import add_person
from kiosk.hub.tables import kiosks
from tests.hub.browser import Browser, browser, chromium, wait_for
from tests.hub.hub_rows import hub_row
from tests.hub.serving import serve_hub

__all__ = ["browser", "chromium"]  # fixtures

pytestmark = pytest.mark.slow

KIOSK = Path(sys.executable).with_name("kiosk")
ADMIN, VIEWER = "ada", "vic"
PASSWORD = "correct horse battery staple"
COSTS = {"cost_face_to_face": 8.62, "cost_web": 0.15, "cost_phone": 2.83}
FIRST, LAST = "2026-11-01", "2026-11-30"
NOVEMBER = f"period=dates&from={FIRST}&to={LAST}"
NOT_RIGHT = "The name or password is not right"
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "</td><script>alert(3)</script>",
    "<svg onload=alert(4)>",
]


def known_contacts() -> list[dict[str, Any]]:
    """Eleven November contacts at three sites, one from December and one demo contact (the
    last two are in no November figure)."""
    return [
        hub_row(next_time_online="yes", barriers=("skills",)),
        hub_row(outcome="started", next_time_online="with_help", barriers=("skills", "trust")),
        hub_row(outcome="started", next_time_online="no", staff="CD", desk="desk-2"),
        hub_row(desk="desk-2", mode="did_for_them", recorded_at="2026-11-02T09:30:00Z"),
        hub_row(site="library-east", next_time_online="unsure", barriers=("access", "trust")),
        hub_row(site="library-east", recorded_at="2026-11-03T09:00:00Z", language="cy"),
        hub_row(site="library-east", barriers=("confidence",), handout=True),
        hub_row(site="one-stop", outcome="started", barriers=("language", "skills")),
        hub_row(site="one-stop", next_time_online="yes", recorded_at="2026-11-30T16:59:00Z"),
        hub_row(site="one-stop", service_id="pay-council-tax", lgsl=57, next_time_online="yes"),
        hub_row(site="one-stop", source="idle_reset", outcome="not_recorded"),
        hub_row(recorded_at="2026-12-01T09:00:00Z"),
        hub_row(source="demo"),
    ]


@dataclass
class Hub:
    url: str
    engine: Engine
    database: str
    config_file: Path

    def report(self, *options: str) -> dict[str, Any]:
        """``kiosk hub report --format json`` for November, from the real CLI."""
        command = [str(KIOSK), "--config", str(self.config_file), "hub", "report"]
        command += ["--database", self.database, "--from", FIRST, "--to", LAST]
        done = subprocess.run(
            [*command, "--format", "json", *options],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        answer: dict[str, Any] = json.loads(done.stdout)
        return answer


@pytest.fixture
def hub(hub_engine: Engine, tmp_path: Path) -> Iterator[Hub]:
    with hub_engine.begin() as connection:
        add_person(connection, ADMIN, "admin", PASSWORD)
        add_person(connection, VIEWER, "viewer", PASSWORD)
        for site, desk in [("civic-centre", "desk-1"), ("library-east", "desk-1")]:
            add_kiosk(connection, site, desk)
        store_contacts(connection, known_contacts(), "2026-12-01T12:00:00Z")
    config_file = tmp_path / "config.toml"
    config_file.write_text("".join(f"{k} = {v}\n" for k, v in COSTS.items()), encoding="utf-8")
    database = str(hub_engine.url)
    with serve_hub(hub_engine, config=Config(**COSTS)) as url:
        yield Hub(url, hub_engine, database, config_file)


def note_status(hub: Hub, site: str, desk: str, last_upload: str, **status: Any) -> None:
    with hub.engine.begin() as connection:
        where = (kiosks.c.site == site) & (kiosks.c.desk == desk)
        connection.execute(
            update(kiosks).where(where).values(last_upload_at=last_upload, status=status)
        )


def press(browser: Browser, *keys: str) -> None:
    """Keys typed into whatever has the focus, as a person types them."""
    ActionChains(browser.driver).send_keys(*keys).perform()


def focused(browser: Browser) -> WebElement:
    return browser.driver.switch_to.active_element


def sign_in(browser: Browser, hub: Hub, name: str, password: str = PASSWORD) -> None:
    browser.open(f"{hub.url}/sign-in")
    browser.driver.find_element(By.ID, "name").send_keys(name)
    browser.driver.find_element(By.ID, "password").send_keys(password)
    browser.driver.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
    wait_for(lambda: "/sign-in" not in browser.driver.current_url, "the signed-in page")


def heading(browser: Browser) -> str:
    return str(browser.driver.find_element(By.TAG_NAME, "h1").text)


# Signing in


def test_signing_in_with_the_keyboard_alone(browser: Browser, hub: Hub) -> None:
    browser.open(f"{hub.url}/sign-in")
    press(browser, Keys.TAB)
    skip = focused(browser)
    assert skip.text == "Skip to main content"
    assert skip.rect["x"] >= 0  # it shows itself when focused
    press(browser, Keys.ENTER)
    assert focused(browser).get_attribute("id") == "content"
    press(browser, Keys.TAB)
    assert focused(browser).get_attribute("id") == "name"
    press(browser, ADMIN, Keys.TAB)
    assert focused(browser).get_attribute("id") == "password"
    press(browser, PASSWORD, Keys.ENTER)
    wait_for(lambda: browser.driver.current_url == f"{hub.url}/", "the figures page")
    assert heading(browser) == "Figures"
    assert f"Signed in as {ADMIN} (admin)" in browser.driver.page_source


@pytest.mark.parametrize(
    ("name", "password"),
    [(ADMIN, "wrong"), ("nobody", PASSWORD), (ADMIN, PASSWORD.upper()), (ADMIN, PASSWORD + " ")],
)
def test_a_wrong_password_shows_the_message(
    browser: Browser, hub: Hub, name: str, password: str
) -> None:
    browser.open(f"{hub.url}/sign-in")
    browser.driver.find_element(By.ID, "name").send_keys(name)
    browser.driver.find_element(By.ID, "password").send_keys(password, Keys.ENTER)
    problem = wait_for(
        lambda: browser.driver.find_elements(By.CSS_SELECTOR, ".error-summary"), "the message"
    )[0]
    assert NOT_RIGHT in problem.text
    assert problem.get_attribute("role") == "alert"  # a screen reader says it at once
    assert heading(browser) == "Sign in"
    assert browser.driver.find_element(By.ID, "name").get_attribute("value") == name
    assert browser.driver.find_element(By.ID, "password").get_attribute("value") == ""


# The figures, read from the page and downloaded, equal kiosk hub report


def summary(browser: Browser) -> dict[str, str]:
    rows = browser.driver.find_elements(By.CSS_SELECTOR, "dl.summary .summary-row")
    return {
        row.find_element(By.TAG_NAME, "dt").text: row.find_element(By.TAG_NAME, "dd").text
        for row in rows
    }


def breakdown(browser: Browser, key: str) -> dict[str, int]:
    """A breakdown's table as code -> contacts (the code in brackets, else the label)."""
    section = browser.driver.find_element(
        By.CSS_SELECTOR, f'section[aria-labelledby="{key}-heading"]'
    )
    found = {}
    for row in section.find_elements(By.CSS_SELECTOR, "tbody tr"):
        label = row.find_element(By.TAG_NAME, "th")
        codes = label.find_elements(By.CSS_SELECTOR, ".code")
        code = codes[0].text.strip("()") if codes else label.text
        found[code] = int(row.find_element(By.CSS_SELECTOR, "td.number").text.replace(",", ""))
    return found


def test_the_figures_page_shows_what_kiosk_hub_report_says(browser: Browser, hub: Hub) -> None:
    report = hub.report()
    assert report["total"] == 11
    sign_in(browser, hub, VIEWER)
    browser.open(f"{hub.url}/?{NOVEMBER}")
    figures = summary(browser)
    assert figures["Contacts"] == str(report["total"])
    assert figures["Completed online during the visit"].startswith(
        f"{report['completed_during_visit']} ("
    )
    assert figures["Could go online next time, alone or with help"].startswith(
        f"{report['online_next_time']} ("
    )
    assert figures["Saved by the idle reset, not by staff"].startswith(
        f"{report['saved_by_idle_reset']} ("
    )
    saving = browser.driver.find_element(By.CSS_SELECTOR, "#saving + p.big").text
    assert saving == f"£{report['saving']['estimate']:,.2f}"
    for key in ("outcome", "barrier", "mode", "staff", "language", "service"):
        assert breakdown(browser, key) == report["by"][key], key
    by_site = breakdown(browser, "site")
    assert by_site == {site: hub.report("--site", site)["total"] for site in by_site}
    assert sum(by_site.values()) == report["total"]


def test_one_site_chosen_in_the_form(browser: Browser, hub: Hub) -> None:
    sign_in(browser, hub, VIEWER)
    browser.open(f"{hub.url}/?{NOVEMBER}")
    Select(browser.driver.find_element(By.ID, "site")).select_by_visible_text("one-stop")
    browser.driver.find_element(By.CSS_SELECTOR, "form.choose button[type=submit]").click()
    wait_for(lambda: "site=one-stop" in browser.driver.current_url, "the one site's figures")
    report = hub.report("--site", "one-stop")
    assert summary(browser)["Contacts"] == str(report["total"]) == "4"
    assert breakdown(browser, "outcome") == report["by"]["outcome"]
    assert not browser.driver.find_elements(By.CSS_SELECTOR, '[aria-labelledby="site-heading"]')


def download(browser: Browser, words: str, suffix: str) -> Path:
    browser.driver.find_element(By.PARTIAL_LINK_TEXT, words).click()
    return browser.downloaded(suffix)


def test_the_csv_download_holds_the_report_s_contacts(browser: Browser, hub: Hub) -> None:
    report = hub.report()
    sign_in(browser, hub, VIEWER)
    browser.open(f"{hub.url}/?{NOVEMBER}")
    path = download(browser, "CSV file", ".csv")
    assert path.name == f"contacts-{FIRST}-to-{LAST}.csv"
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == report["total"]
    barriers = Counter(b for row in rows for b in json.loads(row["barriers"]))
    assert dict(barriers) == report["by"]["barrier"]
    assert dict(Counter(row["outcome"] for row in rows)) == report["by"]["outcome"]


def test_the_xlsx_download_holds_the_report_s_contacts(browser: Browser, hub: Hub) -> None:
    report = hub.report()
    sign_in(browser, hub, VIEWER)
    browser.open(f"{hub.url}/?{NOVEMBER}")
    path = download(browser, "Excel file", ".xlsx")
    assert path.name == f"contacts-{FIRST}-to-{LAST}.xlsx"
    sheet = openpyxl.load_workbook(path, read_only=True).active
    assert sheet is not None
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == report["total"]
    columns = {str(name): i for i, name in enumerate(header)}
    sums = {
        name.removeprefix("barrier_"): sum(int(row[i] or 0) for row in rows)
        for name, i in columns.items()
        if name.startswith("barrier_")
    }
    assert {b: n for b, n in sums.items() if n} == report["by"]["barrier"]
    outcomes = Counter(str(row[columns["outcome"]]) for row in rows)
    assert dict(outcomes) == report["by"]["outcome"]


# The kiosks page


def _stamp(seconds_ago: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - seconds_ago))


def kiosk_row(browser: Browser, kiosk: str) -> WebElement:
    for row in browser.driver.find_elements(By.CSS_SELECTOR, "table.kiosks tbody tr"):
        if row.find_element(By.TAG_NAME, "th").text == kiosk:
            return row
    raise AssertionError(f"no row for {kiosk}")


def test_a_silent_kiosk_stands_out_in_words(browser: Browser, hub: Hub) -> None:
    status = {"app_version": "0.1.0", "catalog_version": "cat-a", "printer": "ready"}
    note_status(hub, "civic-centre", "desk-1", _stamp(600), **status)
    note_status(hub, "library-east", "desk-1", _stamp(3.5 * 86400), **status)
    sign_in(browser, hub, VIEWER)
    browser.open(f"{hub.url}/kiosks")
    silent = kiosk_row(browser, "library-east/desk-1")
    assert "Silent 3 days" in silent.text
    assert "stands-out" in str(silent.get_attribute("class"))
    uploading = kiosk_row(browser, "civic-centre/desk-1")
    assert "Uploading" in uploading.text
    assert "stands-out" not in str(uploading.get_attribute("class"))


def test_a_viewer_does_not_see_the_admin_forms(browser: Browser, hub: Hub) -> None:
    sign_in(browser, hub, VIEWER)
    browser.open(f"{hub.url}/kiosks")
    assert heading(browser) == "Kiosks"
    assert not browser.driver.find_elements(By.CSS_SELECTOR, "main form")
    assert not browser.driver.find_elements(By.ID, "add-kiosk")
    nav = browser.driver.find_element(By.CSS_SELECTOR, "nav[aria-label=Main]").text
    assert nav.split() == ["Figures", "Kiosks", "Catalog"]
    browser.open(f"{hub.url}/people")
    assert not browser.driver.find_elements(By.CSS_SELECTOR, "main form")
    assert VIEWER not in browser.driver.find_element(By.TAG_NAME, "main").text


def test_an_admin_sees_them(browser: Browser, hub: Hub) -> None:
    sign_in(browser, hub, ADMIN)
    browser.open(f"{hub.url}/kiosks")
    assert browser.driver.find_elements(By.CSS_SELECTOR, "main form[action='/kiosks/add']")
    assert len(browser.driver.find_elements(By.CSS_SELECTOR, "form[action='/kiosks/revoke']")) == 2
    nav = browser.driver.find_element(By.CSS_SELECTOR, "nav[aria-label=Main]").text
    assert nav.split() == ["Figures", "Kiosks", "Catalog", "People"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_script_in_a_kiosk_s_status_shows_as_text(
    browser: Browser, hub: Hub, hostile: str
) -> None:
    status = {"app_version": hostile, "catalog_version": "cat-a", "printer": hostile}
    note_status(hub, "civic-centre", "desk-1", _stamp(60), **status)
    sign_in(browser, hub, ADMIN)
    browser.open(f"{hub.url}/kiosks")
    time.sleep(0.3)  # what a script would need to run
    assert browser.alert_text() is None
    cells = kiosk_row(browser, "civic-centre/desk-1").find_elements(By.TAG_NAME, "td")
    assert [cell.text for cell in cells if cell.text == hostile] == [hostile, hostile]
    assert not browser.driver.find_elements(
        By.CSS_SELECTOR, "main script, main img, main svg[onload]"
    )
    errors = [e for e in browser.driver.get_log("browser") if "alert" in e["message"]]
    assert errors == []
