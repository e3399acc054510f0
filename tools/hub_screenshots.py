"""Screenshots of the hub's pages for the README: the demo hub (``kiosk hub serve --demo``'s
synthetic contacts and kiosks, with example unit costs) in Debian's headless Chromium,
signed in as its admin.

Each page is saved 1280 pixels wide at its full height as FOLDER/hub-<page>.png. Run with
``make hub-screenshots`` (FOLDER is docs/screenshots).
"""

import base64
import secrets
import sys
import tempfile
from pathlib import Path

from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By

from kiosk.config import Config
from kiosk.hub.demo import ADMIN, make_demo_hub
from tests.hub.browser import HEIGHT, WIDTH, start_chromium, wait_for
from tests.hub.serving import serve_hub

# example unit costs (face to face, web, phone), so the figures show an estimated saving
COSTS = Config(cost_face_to_face=8.62, cost_web=0.15, cost_phone=2.83)
PAGES = {"figures": "/", "kiosks": "/kiosks", "people": "/people"}


def save(driver: WebDriver, target: Path) -> None:
    """The whole page, not only the window's height, as one PNG."""
    metrics = {"width": WIDTH, "deviceScaleFactor": 1, "mobile": False}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**metrics, "height": HEIGHT})
    height = int(driver.execute_script("return document.body.scrollHeight"))
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**metrics, "height": height})
    picture = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    target.write_bytes(base64.b64decode(picture["data"]))
    print(f"saved {target}")


def sign_in(driver: WebDriver, url: str, password: str) -> None:
    driver.find_element(By.ID, "name").send_keys(ADMIN)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
    wait_for(lambda: driver.current_url == f"{url}/", "the figures after signing in")


def take(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hub-screenshots-") as work:
        demo = make_demo_hub(Path(work))
        driver = start_chromium(Path(work) / "downloads")
        try:
            with serve_hub(demo.engine, secrets.token_urlsafe(32), COSTS) as url:
                driver.get(f"{url}/sign-in")
                save(driver, folder / "hub-sign-in.png")
                sign_in(driver, url, demo.admin_password)
                for name, path in PAGES.items():
                    driver.get(f"{url}{path}")
                    save(driver, folder / f"hub-{name}.png")
        finally:
            driver.quit()
            demo.engine.dispose()


if __name__ == "__main__":
    take(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
