"""A real browser for the hub's pages: Debian's Chromium, headless, driven through its
chromium-driver by Selenium.

Both programs are named outright (``/usr/bin/chromium``, ``/usr/bin/chromedriver``), so
Selenium never looks for a driver of its own (its selenium-manager would go to the internet).
``chromium`` gives one browser for the test session; ``browser`` gives each test a clean
start in it (no cookies, an empty download folder). Import both into a test module
(``from tests.hub.browser import browser, chromium``).
"""

import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WIDTH, HEIGHT = 1280, 900
WAIT_S = 20


def start_chromium(downloads: Path, width: int = WIDTH, height: int = HEIGHT) -> webdriver.Chrome:
    """Headless Chromium saving every download into ``downloads`` without asking."""
    for program, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not program.exists():
            pytest.fail(f"{program} is missing: install Debian's {package} (make setup does)")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        f"--window-size={width},{height}",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--force-device-scale-factor=1",
        "--lang=en-GB",
    ):
        options.add_argument(argument)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")  # Chromium will not start its sandbox as root
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "download.directory_upgrade": True,
            "safebrowsing.enabled": False,
            "intl.accept_languages": "en-GB",
        },
    )
    # a UK locale, so a date field reads 27/11/2026 as a council's staff see it
    locale = {"LANG": "en_GB.UTF-8", "LANGUAGE": "en_GB"}
    service = Service(executable_path=str(CHROMEDRIVER), env={**os.environ, **locale})
    return webdriver.Chrome(service=service, options=options)


@dataclass
class Browser:
    """The session's Chromium and the folder its downloads go to."""

    driver: webdriver.Chrome
    downloads: Path

    def open(self, url: str) -> None:
        self.driver.get(url)

    def fresh(self) -> None:
        """As if newly opened: no cookies, no downloads, a blank page."""
        self.driver.get("about:blank")
        # every site's cookies: delete_all_cookies only reaches the page's own (none here)
        self.driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
        shutil.rmtree(self.downloads, ignore_errors=True)
        self.downloads.mkdir(parents=True)

    def downloaded(self, suffix: str) -> Path:
        """The one finished download ending in ``suffix``, waited for."""
        found = wait_for(lambda: _finished(self.downloads, suffix), f"a {suffix} download")
        assert isinstance(found, Path)
        return found

    def alert_text(self) -> str | None:
        """The text of an open alert, confirm or prompt, if one is open."""
        try:
            return str(self.driver.switch_to.alert.text)
        except NoAlertPresentException:
            return None


def _finished(folder: Path, suffix: str) -> Path | None:
    if any(p.suffix == ".crdownload" for p in folder.iterdir()):
        return None  # Chromium is still writing it
    done = [p for p in folder.iterdir() if p.name.endswith(suffix)]
    assert len(done) <= 1, done
    return done[0] if done else None


def wait_for(check: Callable[[], Any], what: str, timeout: float = WAIT_S) -> Any:
    """``check()``'s first truthy answer, polled until ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        answer = check()
        if answer:
            return answer
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}")
        time.sleep(0.05)


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    downloads = tmp_path_factory.mktemp("chromium-downloads")
    driver = start_chromium(downloads)
    try:
        yield Browser(driver, downloads)
    finally:
        driver.quit()


@pytest.fixture
def browser(chromium: Browser) -> Browser:
    chromium.fresh()
    return chromium
