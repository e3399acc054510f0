"""Smoke test of the PyInstaller build (`make package-smoke`), headless.

Runs the built program as a kiosk would, with a clean environment (no venv, no user config):
``--version``, ``catalog check`` on the bundled demo catalog, a handout to PDF in English and
Welsh, and the touchscreen (``kiosk run``) under the offscreen platform for a few seconds, which
must show its window and say nothing on stderr. Where cage is installed and we are root, the
touchscreen also runs under cage on its headless back end as an unprivileged user, as the
systemd unit runs it on a kiosk (Qt's Wayland plug-in and its libraries). Exits 1 with what
went wrong.

    python packaging/smoke_test.py [dist/kiosk]
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = sys.platform == "win32"
# The offscreen platform plug-in prints this whenever a window is shown; it is not a fault of
# ours (pyproject.toml's qt_log_ignore has it too). We use it as the sign the window is up.
SHOWN = "This plugin does not support propagateSizeHints()"
GUI_SECONDS = 5.0
# Qt modules the spec leaves out; finding one in the build means the trimming broke.
CAGE_NOISE = (
    r"^\d\d:\d\d:\d\d\.\d{3} \[|^cage: |^Session terminated, killing shell|^ \.\.\.killed\.$"
    r"|^The Wayland connection broke\. Did the Wayland compositor die\?$"
)
MUST_NOT_SHIP = ("Qt6WebEngine", "Qt6Quick", "Qt6Qml", "Qt63D", "Qt6VirtualKeyboard")


class SmokeError(Exception):
    pass


def clean_env(home: Path) -> dict[str, str]:
    """What a kiosk session has: no venv, no Python variables, a home of its own."""
    if WINDOWS:  # Windows needs its own variables (SYSTEMROOT...); move only the user folders
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL"))}
        for name in ("APPDATA", "LOCALAPPDATA", "USERPROFILE"):
            env[name] = str(home / name)
            (home / name).mkdir(exist_ok=True)
        return {**env, "QT_QPA_PLATFORM": "offscreen", "KIOSK_SYSTEM_CONFIG": str(home / "none")}
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_RUNTIME_DIR": str(home / "run"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_SYSTEM_CONFIG": str(home / "none"),  # not this machine's /etc/... if it has one
    }
    (home / "run").mkdir(mode=0o700, exist_ok=True)
    return env


def run(program: Path, args: list[str], env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(
        [str(program), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        raise SmokeError(
            f"kiosk {' '.join(args)} exited {done.returncode}\n"
            f"stdout: {done.stdout}\nstderr: {done.stderr}"
        )
    return done.stdout


def check_version(program: Path, env: dict[str, str], cwd: Path) -> None:
    with (ROOT / "pyproject.toml").open("rb") as f:
        version = tomllib.load(f)["project"]["version"]
    out = run(program, ["--version"], env, cwd).strip()
    if out != f"kiosk, version {version}":
        raise SmokeError(f"--version said {out!r}, expected the project version {version}")
    print(f"ok   --version: {out}")


def check_catalog(program: Path, env: dict[str, str], cwd: Path) -> None:
    out = run(program, ["catalog", "check"], env, cwd)
    summary = out.strip().splitlines()[-1]
    if "services, 0 error(s)" not in summary or "_internal" not in summary:
        raise SmokeError(f"catalog check did not pass on the bundled catalog: {summary}")
    print(f"ok   catalog check: {summary}")


def check_handouts(program: Path, env: dict[str, str], work: Path) -> None:
    for lang in ("en", "cy"):
        pdf = work / f"handout-{lang}.pdf"
        args = ["--data-dir", str(work / "data"), "handout", "pay-council-tax"]
        run(program, [*args, "--lang", lang, "-o", str(pdf)], env, work)
        data = pdf.read_bytes() if pdf.is_file() else b""
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
            raise SmokeError(f"handout --lang {lang} did not write a whole PDF to {pdf}")
        if b"DejaVu" not in data:
            raise SmokeError(f"handout --lang {lang}: the bundled DejaVu font is not embedded")
        print(f"ok   handout --lang {lang}: {len(data)} bytes, DejaVu embedded")


def start_gui(
    program: Path, env: dict[str, str], work: Path, hold: float = GUI_SECONDS
) -> tuple[float, str, int]:
    """Start ``kiosk run``; return seconds until the window showed, stderr and the exit code."""
    started = time.monotonic()
    process = subprocess.Popen(
        [str(program), "--data-dir", str(work / "data"), "run"],
        env=env,
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    first = process.stderr.readline()  # blocks until the window shows, or the program ends
    shown_after = time.monotonic() - started
    time.sleep(hold)
    still_running = process.poll() is None
    if still_running:
        process.send_signal(signal.SIGTERM)  # what systemd sends when the unit stops
    try:
        rest = process.communicate(timeout=15)[1]
    except subprocess.TimeoutExpired:
        process.kill()
        raise SmokeError("kiosk run did not stop within 15 s of SIGTERM") from None
    if not still_running:
        raise SmokeError(f"kiosk run ended by itself (exit {process.returncode}): {first}{rest}")
    if first.strip() != SHOWN:
        raise SmokeError(f"kiosk run did not show its window; stderr: {first}{rest}")
    return shown_after, rest, process.returncode


def check_gui(program: Path, env: dict[str, str], work: Path) -> None:
    shown_after, stderr, code = start_gui(program, env, work)
    noise = [line for line in stderr.splitlines() if line.strip() and line.strip() != SHOWN]
    if noise:
        raise SmokeError("kiosk run wrote to stderr:\n" + "\n".join(noise))
    if code != 0 and not WINDOWS:  # Windows has no signals: terminate() is 1
        raise SmokeError(f"kiosk run exited {code} on SIGTERM, not cleanly (exit 0)")
    if not (work / "data" / "contacts.db").is_file():
        raise SmokeError("kiosk run did not open its contact log in the data folder")
    print(
        f"ok   kiosk run (offscreen): window shown after {shown_after:.2f} s, ran "
        f"{GUI_SECONDS:.0f} s with a quiet stderr, stopped cleanly by SIGTERM"
    )


def check_under_cage(program: Path, work: Path) -> None:
    """``cage -- kiosk run`` as ``nobody`` with no screen: the kiosk unit's command line."""
    cage, runuser = shutil.which("cage"), shutil.which("runuser")
    if (
        cage is None
        or runuser is None
        or os.geteuid() != 0
        or not Path("/usr/bin/Xwayland").exists()
    ):
        print("skip kiosk run under cage: needs root, cage and xwayland (apt-get install them)")
        return
    home = work / "cage-home"
    runtime = home / "run"
    runtime.mkdir(parents=True)
    work.chmod(0o711)  # nobody must reach its home inside our (0700) temporary folder
    shutil.chown(home, "nobody")
    shutil.chown(runtime, "nobody")
    runtime.chmod(0o700)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "XDG_RUNTIME_DIR": str(runtime),
        "WLR_BACKENDS": "headless",
        "WLR_RENDERER": "pixman",
        "WLR_LIBINPUT_NO_DEVICES": "1",
        "QT_QPA_PLATFORM": "wayland",
        "KIOSK_SYSTEM_CONFIG": str(home / "none"),
    }
    settings = [f"{name}={value}" for name, value in env.items()]  # runuser resets HOME
    command = [
        runuser,
        "-u",
        "nobody",
        "--",
        "env",
        *settings,
        cage,
        "--",
        str(program),
        "--data-dir",
        str(home / "data"),
        "run",
    ]
    process = subprocess.Popen(
        command, env=env, cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    time.sleep(GUI_SECONDS)
    still_running = process.poll() is None
    if still_running:
        process.send_signal(signal.SIGTERM)
    try:
        stderr = process.communicate(timeout=15)[1]
    except subprocess.TimeoutExpired:
        process.kill()
        raise SmokeError("cage and the kiosk did not stop within 15 s of SIGTERM") from None
    # cage's own lines start with a timestamp; on the headless back end it complains about the
    # missing GPU and, on SIGTERM, trips an assertion of its own. runuser reports the SIGTERM,
    # and the app then says its compositor went away. Everything else is the app's.
    app_lines = [
        line for line in stderr.splitlines() if line.strip() and not re.match(CAGE_NOISE, line)
    ]
    if not still_running:
        raise SmokeError(
            f"kiosk run under cage ended by itself (exit {process.returncode}):\n{stderr}"
        )
    if app_lines:
        raise SmokeError("kiosk run under cage wrote to stderr:\n" + "\n".join(app_lines))
    if not (home / "data" / "contacts.db").is_file():
        raise SmokeError("kiosk run under cage did not open its contact log")
    print(f"ok   kiosk run under cage (headless, as nobody): ran {GUI_SECONDS:.0f} s quietly")


def check_contents(build: Path) -> None:
    shipped = [p.name for p in build.rglob("*")]
    found = sorted({m for m in MUST_NOT_SHIP for name in shipped if m in name})
    if found:
        raise SmokeError(f"the build carries Qt modules it should not: {', '.join(found)}")
    internal = build / "_internal"
    plugins = "PySide6/plugins" if WINDOWS else "PySide6/Qt/plugins"
    platform_files = (
        [
            "platforms/qwindows.dll",
            "platforms/qoffscreen.dll",
            "printsupport/windowsprintersupport.dll",
        ]
        if WINDOWS
        else [
            "printsupport/libcupsprintersupport.so",
            "platforms/libqxcb.so",
            "platforms/libqwayland.so",
            "platforms/libqoffscreen.so",
        ]
    )
    for needed in (
        "assets/fonts/DejaVuSans.ttf",
        "assets/translations/kiosk_cy.qm",
        "assets/style/kiosk.qss",
        "services_catalog/council.toml",
        "kiosk/data/lgsl_local_services.csv",
        *(f"{plugins}/{name}" for name in platform_files),
    ):
        if not (internal / needed).exists():
            raise SmokeError(f"the build lacks {needed}")
    print("ok   contents: assets, catalog, print/xcb/wayland/offscreen plug-ins; no Quick/QML")


def main() -> int:
    build = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist" / "kiosk").resolve()
    program = build / ("kiosk.exe" if WINDOWS else "kiosk")
    if not program.is_file():
        print(f"error: no build at {program}; run `make package` first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="kiosk-smoke-") as tmp:
        work = Path(tmp)
        env = clean_env(work)
        try:
            check_contents(build)
            check_version(program, env, work)
            check_catalog(program, env, work)
            check_handouts(program, env, work)
            check_gui(program, env, work)
            check_under_cage(program, work)
        except (SmokeError, subprocess.TimeoutExpired) as failure:
            print(f"FAIL {failure}", file=sys.stderr)
            return 1
    print(f"smoke test passed: {build}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
