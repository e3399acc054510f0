"""A real, private CUPS spooler for the printing tests, started once per test session.

It has its own config folder, spool, cache, state and logs in a temporary folder and listens
only on a Unix socket there (clients find it through ``CUPS_SERVER``): the machine's
``/etc/cups``, its printers and any cupsd on port 631 are never read or touched.

Three queues: ``PDF``, the default printer, is a cups-pdf virtual printer, so a handout really
goes through CUPS' filters and comes out as a PDF file; ``DEAD`` sends to a TCP port on
127.0.0.1 that refuses connections (a printer switched off: CUPS keeps the job, saying "The
printer may not exist or is unavailable at this time."); ``STOPPED`` is disabled, as
``cupsdisable`` leaves a printer.

Where cups-pdf writes: its config is always ``/etc/cups/cups-pdf.conf`` (the path is compiled
in, and ``cups-pdf-QUEUE.conf`` beside it is the only per-queue setting), whose ``Out`` is
``${HOME}/PDF`` of the job's user. So, with no edit of /etc, the jobs are sent as a user name
this machine does not have (``CUPS_USER``), which cups-pdf treats as an anonymous job: it writes
into its ``AnonDirName``, by default ``/var/spool/cups-pdf/ANONYMOUS``, as ``TITLE-job_ID.pdf``.
The session's job numbers start at a random value (``NextJobId`` in the job cache), so two test
runs on one machine never take each other's file; each is deleted once read, and any left
(cups-pdf writes one even for a job whose filter failed) when the server stops. cups-pdf also
keeps a log of its own, ``/var/log/cups/cups-pdf-QUEUE_log``, removed when the server stops.

CUPS runs the cups-pdf backend only as root (it is mode 0700), so these tests need root: CI
runs as root; elsewhere they are skipped with that reason.
"""

import os
import pwd
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

PDF, DEAD, STOPPED = "kiosk-test-pdf", "kiosk-test-dead", "kiosk-test-stopped"
JOB_USER = "kiosk-cups-test"  # no such user: cups-pdf writes anonymous output
ANONYMOUS_OUTPUT = Path("/var/spool/cups-pdf/ANONYMOUS")
CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
STARTUP_SECONDS = 15
SESSION_JOBS = 100_000  # more than any test session sends

CUPS_FILES_CONF = """\
ServerRoot {root}/etc
RequestRoot {root}/spool
CacheDir {root}/cache
StateDir {root}/state
ErrorLog {root}/log/error_log
AccessLog {root}/log/access_log
PageLog {root}/log/page_log
Printcap {root}/state/printcap
User lp
Group lp
SystemGroup root
"""
# Anyone who can reach the private socket may do anything: the socket's folder is root's only.
CUPSD_CONF = """\
Listen {root}/run/cups.sock
Browsing No
WebInterface No
LogLevel debug
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
"""


class CupsServer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.socket = root / "run" / "cups.sock"
        self.environment = {**os.environ, "CUPS_SERVER": str(self.socket), "CUPS_USER": JOB_USER}
        self._refusing = _refusing_port()
        self._process: subprocess.Popen[bytes] | None = None
        self.first_job = random.randrange(10_000, 90_000_000)

    @property
    def dead_uri(self) -> str:
        return f"socket://127.0.0.1:{self._refusing.getsockname()[1]}"

    def start(self) -> None:
        for folder in ("etc", "spool", "cache", "state", "log", "run"):
            (self.root / folder).mkdir(parents=True)
        (self.root / "run").chmod(0o700)
        (self.root / "etc" / "cups-files.conf").write_text(CUPS_FILES_CONF.format(root=self.root))
        (self.root / "etc" / "cupsd.conf").write_text(CUPSD_CONF.format(root=self.root))
        (self.root / "cache" / "job.cache").write_text(f"NextJobId {self.first_job}\n")
        with (self.root / "log" / "cupsd.out").open("wb") as out:
            command = ["cupsd", "-f", "-c", self._conf("cupsd.conf")]
            self._process = subprocess.Popen(
                [*command, "-s", self._conf("cups-files.conf")],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self._wait_until_running()
        self._add_queues()

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)
            self._process.wait(timeout=10)
        self._refusing.close()
        for output in ANONYMOUS_OUTPUT.glob("*-job_*.pdf"):
            if self._ours(output):  # cups-pdf writes one even for a job whose filter failed
                output.unlink(missing_ok=True)
        for queue in (PDF, DEAD, STOPPED):
            Path(f"/var/log/cups/cups-pdf-{queue}_log").unlink(missing_ok=True)
        shutil.rmtree(self.root, ignore_errors=True)

    def run(self, *command: str) -> str:
        done = subprocess.run(
            command, env=self.environment, capture_output=True, text=True, timeout=20
        )
        if done.returncode != 0:
            raise AssertionError(f"{' '.join(command)}: {done.stderr.strip()}")
        return done.stdout

    def reset(self) -> None:
        """Every queue as the session began: no jobs left, each printer as it started."""
        self.run("cancel", "-a", "-x")
        self.run("cupsenable", PDF, DEAD)
        self.run("cupsdisable", "-r", "Paper jam", STOPPED)

    def jobs(self, queue: str, which: str = "not-completed") -> str:
        """``lpstat -l -W WHICH -o QUEUE`` as this spooler answers it."""
        return self.run("lpstat", "-l", "-W", which, "-o", queue)

    def printed_pdf(self, job_id: str, timeout: float = 10) -> bytes:
        """The PDF cups-pdf made of ``job_id``; the file is deleted once read."""
        number = job_id.rsplit("-", 1)[1]
        give_up_at = time.monotonic() + timeout
        while time.monotonic() < give_up_at:
            for path in ANONYMOUS_OUTPUT.glob(f"*-job_{number}.pdf"):
                data = path.read_bytes()
                path.unlink()
                return data
            time.sleep(0.05)
        raise AssertionError(f"cups-pdf wrote no PDF for job {job_id} in {ANONYMOUS_OUTPUT}")

    def _ours(self, output: Path) -> bool:
        number = output.stem.rsplit("-job_", 1)[1]
        return number.isdigit() and 0 <= int(number) - self.first_job < SESSION_JOBS

    def _conf(self, name: str) -> str:
        return str(self.root / "etc" / name)

    def _wait_until_running(self) -> None:
        give_up_at = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < give_up_at:
            assert self._process is not None
            if self._process.poll() is not None:
                log = (self.root / "log" / "cupsd.out").read_text(errors="replace")
                raise AssertionError(f"cupsd stopped at once: {log.strip()}")
            if self.socket.exists():
                done = subprocess.run(
                    ["lpstat", "-r"], env=self.environment, capture_output=True, text=True
                )
                if "scheduler is running" in done.stdout:
                    return
            time.sleep(0.05)
        raise AssertionError(f"cupsd did not answer within {STARTUP_SECONDS} seconds")

    def _add_queues(self) -> None:
        self.run("lpadmin", "-p", PDF, "-E", "-v", "cups-pdf:/", "-P", str(CUPS_PDF_PPD))
        self.run("lpadmin", "-p", DEAD, "-E", "-v", self.dead_uri, "-m", "raw")
        self.run("lpadmin", "-p", STOPPED, "-E", "-v", self.dead_uri, "-m", "raw")
        self.run("cupsdisable", "-r", "Paper jam", STOPPED)
        self.run("lpadmin", "-d", PDF)  # the default, for a kiosk with no printer setting


def _refusing_port() -> socket.socket:
    """A port bound and never listened on, so a connection to it is refused while it is held."""
    held = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    held.bind(("127.0.0.1", 0))
    return held


def _skip_reason() -> str | None:
    if not sys.platform.startswith("linux"):
        return "CUPS tests run on Linux"
    if os.geteuid() != 0:
        return "the private cupsd must run as root: CUPS runs the cups-pdf backend only as root"
    return None


def _check_installed() -> None:
    missing = [name for name in ("cupsd", "lp", "lpstat", "lpadmin") if not shutil.which(name)]
    if not CUPS_PDF_PPD.is_file():
        missing.append("cups-pdf")
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not installed: install cups-daemon, cups-client and "
            "printer-driver-cups-pdf (make test installs packaging/linux/debian-packages.txt)"
        )
    try:
        pwd.getpwnam(JOB_USER)
    except KeyError:
        return
    pytest.fail(f"this machine has a user {JOB_USER}: cups-pdf would write into its home")


_started: list[CupsServer] = []


@pytest.fixture(scope="session")
def cups_server() -> Iterator[CupsServer]:
    """The session's one private cupsd (modules that import this fixture share it)."""
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    if not _started:
        _check_installed()
        server = CupsServer(Path(tempfile.mkdtemp(prefix="kiosk-cups-")))
        server.root.chmod(0o755)  # CUPS' filters run as lp and read the spool in there
        server.start()
        _started.append(server)
    yield _started[0]
    _started[0].stop()


@pytest.fixture
def real_cups(cups_server: CupsServer, monkeypatch: pytest.MonkeyPatch) -> CupsServer:
    """The private cupsd, with no jobs left from other tests, for ``lp`` and ``lpstat`` here."""
    cups_server.reset()
    monkeypatch.setenv("CUPS_SERVER", str(cups_server.socket))
    monkeypatch.setenv("CUPS_USER", JOB_USER)
    return cups_server
