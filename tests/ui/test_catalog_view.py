import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.catalog.snapshot import open_catalog
from kiosk.cli.context import AppContext
from kiosk.contacts.store import ContactLog
from tests.catalog_builder import CatalogBuilder
from tests.conftest import TODAY
from tests.kiosk.contacts.helpers import contact
from ui.app import build_window
from ui.catalog_view import CatalogView

NO_SCREEN = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}


def tree_text(view: CatalogView) -> dict[str, list[str]]:
    tree = view.tree
    groups = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return {g.text(0): [g.child(j).text(0) for j in range(g.childCount())] for g in groups if g}


def test_lists_categories_in_order_with_their_services(
    qtbot: QtBot, builder: CatalogBuilder, data_dir: Path
) -> None:
    view = CatalogView(open_catalog(builder.write(), data_dir, TODAY))
    qtbot.addWidget(view)
    assert view.title.text() == "Test Borough Council"
    assert tree_text(view) == {
        "Roads and parking": ["Apply for a resident parking permit"],
        "Bins and recycling": ["Check your bin collection day", "Report a missed bin"],
    }
    assert view.fallback_notice.isHidden()


def test_welsh_view_shows_welsh_where_translated(
    qtbot: QtBot, builder: CatalogBuilder, data_dir: Path
) -> None:
    view = CatalogView(open_catalog(builder.write(), data_dir, TODAY), language="cy")
    qtbot.addWidget(view)
    assert tree_text(view)["Biniau ac ailgylchu"][0] == "Gwirio diwrnod casglu biniau"


def test_staff_are_told_when_the_last_good_catalog_is_in_use(
    qtbot: QtBot, builder: CatalogBuilder, data_dir: Path
) -> None:
    open_catalog(builder.write(), data_dir, TODAY)
    builder.services["bin-day"]["steps"] = []
    view = CatalogView(open_catalog(builder.write(), data_dir, TODAY))
    qtbot.addWidget(view)
    view.show()
    assert view.fallback_notice.isVisible()
    assert "last good version" in view.fallback_notice.text()
    assert "Check your bin collection day" in tree_text(view)["Bins and recycling"]


def test_main_window_opens_on_the_demo_catalog(qtbot: QtBot, data_dir: Path) -> None:
    window = build_window(AppContext(overrides={"data_dir": data_dir}))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    view = window.centralWidget()
    assert isinstance(view, CatalogView)
    services = sum(len(titles) for titles in tree_text(view).values())
    assert services >= 20


def test_run_without_a_screen_says_so_plainly(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in NO_SCREEN}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path), "run", "--windowed"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("error: no screen to show the kiosk on")
    assert "Traceback" not in done.stderr


def test_starting_the_kiosk_purges_expired_uploaded_contacts(qtbot: QtBot, data_dir: Path) -> None:
    log = ContactLog.in_data_dir(data_dir)
    expired = contact(recorded_at="2020-01-01T00:00:00Z", uploaded_at="2020-01-02T00:00:00Z")
    unsent = contact(recorded_at="2020-01-01T00:00:00Z")
    log.record_many([expired, unsent])
    window = build_window(AppContext(overrides={"data_dir": data_dir}))
    qtbot.addWidget(window)
    assert log.get(expired.id) is None
    assert log.get(unsent.id) is not None
