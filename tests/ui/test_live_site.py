"""The live view against a real local HTTPS site: the council's page opens, anything off the
council's hosts is blocked in words, the page's QR code and handout carry its address with
tracking tags, and Finish or the idle reset leave nothing for the next resident."""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.kiosk.handouts.pdf import read_pdf
from tests.kiosk.test_printing import FakeCups
from tests.ui.live_site_server import COUNCIL, ELSEWHERE, LocalSite, local_site
from ui.main_window import MainWindow

if TYPE_CHECKING:  # QtWebEngine loads in this module's tests only, as in the kiosk
    from ui.browser.live_view import LiveSiteView

SERVICE = "pay-council-tax"
SERVICE_URL = f"https://{COUNCIL}/council-tax/pay"
LOAD_MS = 10_000
BLOCKED = "That link leads away from the council's website"
pytestmark = pytest.mark.qt_log_ignore(
    # QtWebEngine under the offscreen platform has no OpenGL, and says so; it draws anyway
    "QRhiGles2: Failed to create temporary context",
    "QRhiGles2: Failed to create context",
    "Failed to create RHI for backend: OpenGL",
    "GPUInfo not initialized on GpuInfoUpdate",  # with --disable-gpu
)


@pytest.fixture(scope="module", autouse=True)
def site() -> Iterator[LocalSite]:
    """The site, and QtWebEngine set up to reach it before it first starts: no sandbox (CI
    runs as root), no GPU, every host through the site's proxy. Its certificate is trusted
    through the live view's test hook, for this module only."""
    from ui.browser.trust import forget_test_certificates, trust_for_tests

    with local_site() as served:
        os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (
            f"--disable-gpu --proxy-server=http://127.0.0.1:{served.proxy_port}"
        )
        trust_for_tests(served.certificate_pem)
        yield served
        forget_test_certificates()


@pytest.fixture
def live(qtbot: QtBot, window: MainWindow, cups: FakeCups) -> Iterator[MainWindow]:
    """The window on the council tax service, its live page open and loaded (no printer)."""
    cups.set(default=None)
    window.open_service(SERVICE)
    window.service.live_button.click()
    wait_for_page(qtbot, window, SERVICE_URL)
    yield window
    window.go_home()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def view(window: MainWindow) -> "LiveSiteView":
    assert window.service.live_site is not None
    return window.service.live_site


def wait_for_page(qtbot: QtBot, window: MainWindow, url: str) -> None:
    def loaded() -> bool:
        visit = view(window).visit
        return (
            visit is not None
            and visit.page.url().toString() == url
            and page_title(qtbot, window).endswith(urlsplit(url).path)
        )

    qtbot.waitUntil(loaded, timeout=LOAD_MS)


def run_js(qtbot: QtBot, window: MainWindow, script: str) -> object:
    visit = view(window).visit
    assert visit is not None
    results: list[object] = []
    visit.page.runJavaScript(script, 0, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=LOAD_MS)
    return results[0]


def tap(qtbot: QtBot, window: MainWindow, element_id: str) -> None:
    """A finger on the element (a script's click has no user gesture: Chrome's Back skips
    the pages a script left without one)."""
    box = run_js(
        qtbot, window,
        f"var r = document.getElementById('{element_id}').getBoundingClientRect();"
        "(r.left + r.width / 2) + ',' + (r.top + r.height / 2)",
    )  # fmt: skip
    x, y = (float(number) for number in str(box).split(","))
    visit = view(window).visit
    assert visit is not None
    # Through the window, as the screen's own touches come (and the idle watch sees them).
    where = visit.view.mapTo(window, QPoint(int(x), int(y)))
    handle = window.windowHandle()
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)


def page_title(qtbot: QtBot, window: MainWindow) -> str:
    return str(run_js(qtbot, window, "document.title"))


def test_the_service_page_opens_in_an_off_the_record_profile(
    qtbot: QtBot, live: MainWindow
) -> None:
    visit = view(live).visit
    assert visit is not None
    assert visit.profile.isOffTheRecord()
    assert page_title(qtbot, live) == f"{COUNCIL}/council-tax/pay"
    screen = live.service  # the live view lies over the steps, the print row left in sight
    assert view(live).isVisible()
    assert view(live).geometry().contains(screen.body.geometry())
    assert not view(live).geometry().intersects(screen.print_box.geometry())


def test_a_link_to_another_page_of_the_council_opens_and_back_returns(
    qtbot: QtBot, live: MainWindow
) -> None:
    tap(qtbot, live, "next")
    wait_for_page(qtbot, live, f"https://{COUNCIL}/second")
    assert view(live).back_button.isEnabled()
    view(live).back_button.click()
    wait_for_page(qtbot, live, SERVICE_URL)
    assert view(live).message.text() == ""


@pytest.mark.parametrize(
    "script",
    [
        "document.getElementById('away').click()",
        f"location.href = 'https://{ELSEWHERE}/'",
        f"location.href = 'http://{COUNCIL}/second'",  # not https
        f"location.href = 'https://{COUNCIL}:8443/second'",  # another port
        f"location.href = 'https://someone@{COUNCIL}/second'",  # user-info
        "location.href = 'https://127.0.0.1/second'",  # an IP address
        "location.href = '/framed-page'",  # a frame from elsewhere inside a council page
    ],
)
def test_anything_off_the_council_sites_is_blocked_in_plain_words(
    qtbot: QtBot, live: MainWindow, site: LocalSite, script: str
) -> None:
    asked_before = len(site.requests)
    run_js(qtbot, live, script)
    qtbot.waitUntil(lambda: view(live).message.text().startswith(BLOCKED), timeout=LOAD_MS)
    if "framed" in script:
        wait_for_page(qtbot, live, f"https://{COUNCIL}/framed-page")
    else:
        assert view(live).page_url == SERVICE_URL
        assert page_title(qtbot, live) == f"{COUNCIL}/council-tax/pay"
    asked = site.requests[asked_before:]
    assert all(request.startswith(f"{COUNCIL}/") for request in asked), asked


@pytest.mark.parametrize(
    "address",
    [
        "data:text/html,<h1>Pay here</h1>",
        "file:///etc/passwd",
        f"http://{COUNCIL}/second",
        f"https://{ELSEWHERE}/",
    ],
)
def test_a_navigation_the_page_is_asked_for_is_refused_in_plain_words(
    qtbot: QtBot, live: MainWindow, address: str
) -> None:
    visit = view(live).visit
    assert visit is not None
    visit.page.load(QUrl(address))
    qtbot.waitUntil(lambda: view(live).message.text().startswith(BLOCKED), timeout=LOAD_MS)
    assert page_title(qtbot, live) == f"{COUNCIL}/council-tax/pay"
    assert view(live).page_url == SERVICE_URL


@pytest.mark.parametrize(
    "address", ["javascript:document.title='ran'", "data:text/html,x", f"https://{ELSEWHERE}/"]
)
def test_the_live_view_opens_only_the_council_addresses(
    qtbot: QtBot, live: MainWindow, address: str
) -> None:
    view(live).open(address, view(live).hosts)
    assert view(live).message.text().startswith(BLOCKED)
    qtbot.wait(200)
    assert page_title(qtbot, live) == f"{COUNCIL}/council-tax/pay"


@pytest.mark.parametrize(
    "address", ["data:text/html,<title>Pay here</title>", "file:///etc/passwd"]
)
def test_a_script_cannot_take_the_page_to_data_or_file_addresses(
    qtbot: QtBot, live: MainWindow, address: str
) -> None:
    """Chromium refuses these itself, before the page is asked; then a council link works."""
    run_js(qtbot, live, f"location.href = '{address}'")
    qtbot.wait(500)
    assert view(live).page_url == SERVICE_URL
    run_js(qtbot, live, "location.href = '/second'")
    wait_for_page(qtbot, live, f"https://{COUNCIL}/second")


def test_a_pop_up_off_the_council_sites_is_blocked(qtbot: QtBot, live: MainWindow) -> None:
    tap(qtbot, live, "popup-away")
    qtbot.waitUntil(lambda: view(live).message.text().startswith(BLOCKED), timeout=LOAD_MS)
    assert view(live).page_url == SERVICE_URL


def test_a_pop_up_to_the_council_opens_in_the_same_view(qtbot: QtBot, live: MainWindow) -> None:
    tap(qtbot, live, "popup")
    wait_for_page(qtbot, live, f"https://{COUNCIL}/popped")
    assert QApplication.topLevelWidgets().count(live) == 1
    assert all(not w.isVisible() or w is live for w in QApplication.topLevelWidgets())


def test_a_download_is_refused_and_said(qtbot: QtBot, live: MainWindow) -> None:
    run_js(qtbot, live, "document.getElementById('download').click()")
    qtbot.waitUntil(
        lambda: view(live).message.text() == "Files cannot be downloaded on this kiosk.",
        timeout=LOAD_MS,
    )
    assert view(live).page_url == SERVICE_URL


def test_the_page_asks_for_no_permission_and_no_file(qtbot: QtBot, live: MainWindow) -> None:
    for feature in ("notifications", "geolocation", "camera", "microphone"):
        script = f"navigator.permissions.query({{name: '{feature}'}}).then(s => s.state)"
        asked = run_js(qtbot, live, f"(async () => await {script})(); 'asked'")
        assert asked == "asked"
    state = run_js(
        qtbot, live,
        "Notification.requestPermission().then(p => document.title = 'notify:' + p); 1",
    )  # fmt: skip
    assert state == 1
    qtbot.waitUntil(lambda: page_title(qtbot, live).startswith("notify:"), timeout=LOAD_MS)
    assert page_title(qtbot, live) == "notify:denied"


def test_the_qr_code_of_this_page_has_its_address_with_tracking_tags(
    qtbot: QtBot, live: MainWindow
) -> None:
    run_js(qtbot, live, "document.getElementById('next').click()")
    wait_for_page(qtbot, live, f"https://{COUNCIL}/second")
    view(live).qr_button.click()
    shown = view(live).qr
    assert shown.isVisible()
    assert shown.url == f"https://{COUNCIL}/second"
    data = urlsplit(shown.code.data)
    assert (data.netloc, data.path) == (COUNCIL, "/second")
    assert parse_qs(data.query)["utm_source"] == ["kiosk"]
    assert shown.address.accessibleName() == f"https://{COUNCIL}/second"
    assert f"https://{COUNCIL}/" in shown.check.text()
    qtbot.waitUntil(lambda: shown.code.symbol is not None)
    shown.back_button.click()
    assert view(live).visit is not None
    assert view(live).visit.view.isVisible()


def test_the_handout_of_this_page_carries_its_address(qtbot: QtBot, live: MainWindow) -> None:
    run_js(qtbot, live, "document.getElementById('next').click()")
    wait_for_page(qtbot, live, f"https://{COUNCIL}/second")
    view(live).print_button.click()
    service = live.service
    qtbot.waitUntil(lambda: service.save_pdf_button.isVisible(), timeout=30_000)  # no printer
    assert service.print_message.isVisible()
    assert service.job.last_pdf is not None
    texts, scans = read_pdf(service.job.last_pdf.read_bytes())
    assert f"https://{COUNCIL}/second" in "".join(texts).replace("\r\n", "").replace("\n", "")
    assert [urlsplit(scan.text).path for scan in scans] == ["/second"]
    assert "utm_campaign=assisted-digital" in scans[0].text


@pytest.mark.parametrize("ending", ["finish", "idle reset"])
def test_nothing_of_one_resident_reaches_the_next(
    qtbot: QtBot, live: MainWindow, ending: str
) -> None:
    """Cookie and local storage set, the visit ended, the page opened again: both gone, and
    the old page, view and profile destroyed."""
    run_js(qtbot, live, "location.href = '/keep'")
    qtbot.waitUntil(lambda: view(live).page_url.endswith("/keep"), timeout=LOAD_MS)
    qtbot.waitUntil(lambda: "visit=resident-1" in str(run_js(qtbot, live, "document.cookie")))
    assert run_js(qtbot, live, "localStorage.getItem('resident')") == "Ms Example"
    visit = view(live).visit
    assert visit is not None
    old = (visit.page, visit.view, visit.profile)
    if ending == "finish":
        live.service.finish_button.click()
        live.go_home()  # as Save on the log screen does
    else:
        live.idle_reset()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert view(live).visit is None
    assert not view(live).isVisible()
    assert not any(shiboken6.isValid(thing) for thing in old)
    live.open_service(SERVICE)
    live.service.live_button.click()
    wait_for_page(qtbot, live, SERVICE_URL)
    assert run_js(qtbot, live, "document.cookie") == ""
    assert run_js(qtbot, live, "String(localStorage.getItem('resident'))") == "null"
    assert run_js(qtbot, live, "localStorage.length") == 0
    assert run_js(qtbot, live, "history.length") == 1


def test_the_journey_from_live_page_to_the_next_resident(
    qtbot: QtBot, live: MainWindow, site: LocalSite
) -> None:
    """Open the live page, meet a blocked link, take this page's QR code, Finish: the next
    resident's page knows nothing of the last one's."""
    tap(qtbot, live, "away")
    qtbot.waitUntil(lambda: view(live).message.text().startswith(BLOCKED), timeout=LOAD_MS)
    assert not any(request.startswith(ELSEWHERE) for request in site.requests)
    run_js(qtbot, live, "location.href = '/keep'")
    qtbot.waitUntil(lambda: view(live).page_url.endswith("/keep"), timeout=LOAD_MS)
    view(live).qr_button.click()
    assert urlsplit(view(live).qr.code.data).path == "/keep"
    live.service.finish_button.click()
    assert live.current_screen() is live.log_contact
    live.go_home()
    live.open_service(SERVICE)
    live.service.live_button.click()
    wait_for_page(qtbot, live, SERVICE_URL)
    assert view(live).message.text() == ""
    assert run_js(qtbot, live, "document.cookie + '|' + localStorage.length") == "|0"


def test_a_certificate_no_known_authority_signed_is_refused(
    qtbot: QtBot, window: MainWindow, site: LocalSite, cups: FakeCups
) -> None:
    """Without the tests' hook (as in the kiosk) the local site's certificate is refused."""
    from ui.browser.trust import forget_test_certificates, trust_for_tests

    cups.set(default=None)
    forget_test_certificates()
    try:
        asked_before = len(site.requests)
        window.open_service(SERVICE)
        window.service.live_button.click()
        visit = view(window).visit
        assert visit is not None
        finished: list[bool] = []
        visit.page.loadFinished.connect(finished.append)
        qtbot.waitUntil(lambda: bool(finished), timeout=LOAD_MS)
        assert finished == [False]
        assert site.requests[asked_before:] == []
    finally:
        trust_for_tests(site.certificate_pem)
        window.go_home()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_kiosk_starts_without_loading_qtwebengine(tmp_path: Path) -> None:
    """Only the button loads it: the start and its warm-up never pay for it."""
    script = f"""
import sys
from PySide6.QtWidgets import QApplication
from kiosk.cli.context import AppContext
from ui.main_window import MainWindow
from ui.services import AppServices
app = QApplication([])
services = AppServices.from_context(AppContext(overrides={{"data_dir": {str(tmp_path)!r}}}))
window = MainWindow(services)
window.show()
window.warm_up.done.connect(app.quit)
app.exec()
window.open_service("{SERVICE}")
print(sorted(m for m in sys.modules if "WebEngine" in m or m.startswith("ui.browser.")))
services.handouts.shutdown()
services.speech.shutdown()
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_a_tap_in_the_page_keeps_the_visit_and_walking_away_ends_it(
    qtbot: QtBot, qapp: QApplication, window: MainWindow, cups: FakeCups
) -> None:
    """With the kiosk's idle watch and guard on the application, as it runs, the page opens
    (they watch the window meanwhile: PySide crashes on QtWebEngine's items otherwise), a tap
    inside it counts as a touch, walking away ends the visit, and then they watch the
    application again."""
    from ui.idle import IdleWatcher
    from ui.kiosk_mode import KioskGuard

    cups.set(default=None)
    watcher = IdleWatcher(3.0, 0.3, parent_widget=window)
    watcher.timed_out.connect(window.idle_reset)
    watcher.install(qapp)
    guard = KioskGuard(windowed=True, parent=window)
    qapp.installEventFilter(guard)  # as enable() does, but in a window
    try:
        window.open_service(SERVICE)
        window.service.live_button.click()
        wait_for_page(qtbot, window, SERVICE_URL)
        tap(qtbot, window, "title")
        qtbot.wait(2_000)
        tap(qtbot, window, "next")
        qtbot.wait(2_000)  # 4 s since the first tap, 2 s since the last: no warning yet
        assert not watcher.warning_active
        wait_for_page(qtbot, window, f"https://{COUNCIL}/second")
        qtbot.waitUntil(lambda: view(window).visit is None, timeout=8_000)
        assert window.current_screen() is not window.service
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qtbot.keyClick(window.status_line, Qt.Key.Key_A)  # straight to a widget: seen only
        qtbot.waitUntil(lambda: watcher.warning_active, timeout=8_000)  # from the application
    finally:
        watcher.uninstall(qapp)
        qapp.removeEventFilter(guard)
