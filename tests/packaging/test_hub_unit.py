"""The hub's deployment (packaging/hub): systemd accepts its unit, and the proxies' examples
agree with the hub's own address and size limit."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.hub.checks import MAX_BYTES
from kiosk.hub.cli import DEFAULT_LISTEN
from tests.packaging.conftest import ROOT, needs_root
from tests.packaging.test_units import tool, unit

HUB = ROOT / "packaging" / "hub"
SERVICE = HUB / "kiosk-hub.service"


@pytest.fixture(scope="module")
def system_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A root holding systemd's own units, the hub's unit and a stand-in for its program."""
    root = tmp_path_factory.mktemp("root")
    shutil.copytree("/usr/lib/systemd/system", root / "usr/lib/systemd/system", symlinks=True)
    (root / "etc/systemd/system").mkdir(parents=True)
    shutil.copy2(SERVICE, root / "etc/systemd/system" / SERVICE.name)
    program = root / "opt/kiosk-hub/bin/kiosk"
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    return root


@needs_root
def test_systemd_analyze_verify_accepts_the_hub_unit(system_root: Path) -> None:
    done = subprocess.run(
        [tool("systemd-analyze"), "verify", f"--root={system_root}",
         f"/etc/systemd/system/{SERVICE.name}"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    # verify exits 0 on an unknown or misspelt key and only warns: any output is a failure
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_the_hub_runs_as_its_own_user_on_this_machine_only() -> None:
    service = unit(SERVICE)["Service"]
    assert service["User"] == "kiosk-hub"
    assert service["ExecStart"] == (
        f"/opt/kiosk-hub/bin/kiosk hub serve --listen {DEFAULT_LISTEN} --https"
    )  # behind the proxy's TLS: the sign-in cookie is Secure
    assert DEFAULT_LISTEN.startswith("127.0.0.1:")
    for option in ("NoNewPrivileges", "PrivateTmp", "ProtectHome"):
        assert service[option] == "yes"
    assert service["ProtectSystem"] == "strict"
    assert service["StateDirectory"] == "kiosk-hub"
    assert service["UMask"] == "0077"
    assert "KIOSK_DATA_DIR=/var/lib/kiosk-hub" in SERVICE.read_text()


def test_the_proxies_send_to_the_hub_and_allow_what_the_receiver_allows() -> None:
    nginx = (HUB / "nginx-kiosk-hub.conf").read_text()
    caddy = (HUB / "Caddyfile").read_text()
    assert f"proxy_pass http://{DEFAULT_LISTEN};" in nginx
    assert f"reverse_proxy {DEFAULT_LISTEN}" in caddy
    mib = MAX_BYTES // 2**20
    assert mib * 2**20 == MAX_BYTES
    assert re.search(rf"^\s*client_max_body_size {mib}m;$", nginx, re.M)
    assert re.search(rf"^\s*max_size {mib}MiB$", caddy, re.M)
    for header in ("X-Forwarded-For $remote_addr", "X-Forwarded-Proto $scheme", "Host $host"):
        assert f"proxy_set_header {header};" in nginx
