"""``kiosk hub serve --demo``: a throwaway hub of synthetic contacts, served at once.

The real command in its own process: it answers within seconds, its printed password signs
in, its contacts are in the council's figures (``kiosk hub report``), and SIGTERM stops it
cleanly, taking its folder with it.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kiosk.hub.demo import SITES

READY_S = 30  # a few seconds here; a busy CI machine gets room
STOP_S = 10


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class DemoHub:
    def __init__(self, data_dir: Path, temp: Path) -> None:
        self.temp = temp
        self.url = f"http://127.0.0.1:{free_port()}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), "hub", "serve",
             "--demo", "--listen", self.url.removeprefix("http://")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "TMPDIR": str(temp)},
        )  # fmt: skip
        assert self.process.stdout
        self.announced = self.process.stdout.readline()
        self.answered_after_s = self._wait_for_sign_in()

    def _wait_for_sign_in(self) -> float:
        start = time.monotonic()
        while time.monotonic() - start < READY_S:
            assert self.process.poll() is None, self.process.communicate()
            try:
                if httpx.get(f"{self.url}/sign-in", timeout=2).status_code == 200:
                    return time.monotonic() - start
            except httpx.TransportError:
                time.sleep(0.1)
        pytest.fail(f"the demo hub did not answer /sign-in within {READY_S} s")

    def password(self) -> str:
        found = re.search(r" as demo, password (\S+)$", self.announced)
        assert found, self.announced
        return found[1]

    def database(self) -> str:
        (folder,) = self.temp.glob("kiosk-hub-demo-*")
        return f"sqlite:///{folder / 'hub.db'}"

    def stop(self) -> tuple[int, str, str]:
        self.process.send_signal(signal.SIGTERM)
        out, err = self.process.communicate(timeout=STOP_S)
        return self.process.returncode, out, err


@pytest.fixture
def demo(data_dir: Path, tmp_path: Path) -> Iterator[DemoHub]:
    temp = tmp_path / "tmp"
    temp.mkdir()
    hub = DemoHub(data_dir, temp)
    yield hub
    if hub.process.poll() is None:
        hub.process.kill()
        hub.process.communicate()


def test_the_demo_answers_in_seconds_and_stops_cleanly_on_sigterm(demo: DemoHub) -> None:
    assert demo.answered_after_s < READY_S
    assert demo.announced.startswith("Demo hub (synthetic contacts, forgotten when it stops)")
    password = demo.password()
    code, out, err = demo.stop()
    assert code == 0, err
    assert "Traceback" not in out + err
    assert password not in out + err  # printed once, at the start, and never again
    assert list(demo.temp.iterdir()) == []  # the throwaway database went with it


def test_the_printed_password_signs_in_and_the_kiosks_are_there(demo: DemoHub) -> None:
    with httpx.Client(base_url=demo.url, timeout=10) as client:
        form = client.get("/sign-in").text
        csrf = re.search(r'name="csrf" value="([^"]+)"', form)
        assert csrf
        data = {"csrf": csrf[1], "name": "demo", "password": demo.password()}
        signed_in = client.post("/sign-in", data=data, follow_redirects=True)
        assert signed_in.status_code == 200
        assert "Sign in</h1>" not in signed_in.text
        assert "<strong>Demo:</strong> synthetic contacts" in signed_in.text  # on every page
        assert "<strong>Demo:</strong>" in form


def report_total(data_dir: Path, database: str, *args: str) -> int:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), "hub", "report",
         "--from", "2000-01-01", "--format", "json", "--database", database, *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return int(json.loads(done.stdout)["total"])


def test_the_demo_contacts_are_in_the_councils_figures(demo: DemoHub, data_dir: Path) -> None:
    council = report_total(data_dir, demo.database())
    assert council > 10_000
    assert 0 < report_total(data_dir, demo.database(), "--site", "LIB-WEST") < council / 10
    kiosks = subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), "hub", "kiosk", "list",
         "--database", demo.database()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    assert kiosks.count("may upload") == sum(len(desks) for desks in SITES.values())
    assert not (data_dir / "hub.db").exists()  # the demo never touches the real data folder


def test_the_demo_refuses_a_database_of_its_own(data_dir: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), "hub", "serve", "--demo",
         "--database", f"sqlite:///{data_dir / 'hub.db'}"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "error: --demo makes a throwaway database of its own: leave out --database\n"
    )
