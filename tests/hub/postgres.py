"""A real PostgreSQL for the hub's tests: Debian's own server, started in a temporary folder.

The session starts one server (``initdb`` then ``pg_ctl start``) on a free port of
127.0.0.1, with its socket in the same folder, trust sign-in and no fsync (a test's data need
not survive a power cut). Each test gets a database of its own (``CREATE DATABASE`` is cheap).
PostgreSQL refuses to run as root, and CI runs as root: then the server runs as the
``postgres`` user the Debian package makes (``nobody`` without it), owning the folder.

Use it by importing the fixtures into a test module::

    from tests.hub.postgres import postgres_server, postgres_url  # noqa: F401
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

SUPERUSER = "hub_tests"
PASSWORD_ROLE = "hub_with_password"  # the one role whose password is asked (scram-sha-256)
PASSWORD = "the-right-password-8450"
SERVER_USERS = ("postgres", "nobody")  # who runs the server when the tests are root
SEARCH = ("/usr/lib/postgresql/*/bin", "/usr/local/bin", "/usr/local/pgsql/bin")
START_TIMEOUT_S = 60


def server_programs() -> Path:
    """The folder holding initdb, pg_ctl and postgres (the newest Debian version first)."""
    for pattern in SEARCH:
        for folder in sorted(Path("/").glob(pattern.lstrip("/")), reverse=True):
            if all((folder / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
                return folder
    pytest.fail(
        "PostgreSQL's server is missing: `make system-packages` installs it "
        "(postgresql in packaging/linux/debian-packages.txt)"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _server_user() -> str | None:
    """The unprivileged user to run the server as, or None when the tests are not root."""
    if os.geteuid() != 0:
        return None
    for name in SERVER_USERS:
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    pytest.fail(f"running as root and none of {', '.join(SERVER_USERS)} exists to run PostgreSQL")


@dataclass
class PostgresServer:
    """One PostgreSQL server in ``folder``: its data, socket and log."""

    programs: Path
    folder: Path
    port: int
    user: str | None

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    def url(self, database: str = "postgres") -> str:
        """A SQLAlchemy address of ``database`` on this server."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def password_url(self, password: str, database: str = "postgres") -> str:
        """An address of ``database`` as the role that must give its password."""
        return f"postgresql+psycopg://{PASSWORD_ROLE}:{password}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new, empty database; its SQLAlchemy address."""
        name = f"hub_{uuid.uuid4().hex[:12]}"
        with self.connect() as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def connect(self, database: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname=database, autocommit=True
        )

    def init(self) -> None:
        self._run(
            "initdb",
            "--pgdata",
            str(self.data),
            "--username",
            SUPERUSER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--no-sync",
        )
        hba = self.data / "pg_hba.conf"  # first match wins: this line comes before trust
        rule = f"host all {PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256\n"
        hba.write_text(rule + hba.read_text())

    def add_password_role(self) -> None:
        with self.connect() as connection:
            connection.execute(f"CREATE ROLE {PASSWORD_ROLE} LOGIN CREATEDB PASSWORD '{PASSWORD}'")

    def start(self) -> None:
        options = " ".join(
            [
                f"-p {self.port}",
                f"-k {self.folder}",
                "-c listen_addresses=127.0.0.1",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=300",  # the bench's 200 kiosks share a hub's pool
            ]
        )
        self._run(
            "pg_ctl", "--pgdata", str(self.data), "--log", str(self.log), "--wait",
            f"--timeout={START_TIMEOUT_S}", "--options", options, "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``fast``: connections are cut, as a restart by IT would)."""
        self._run("pg_ctl", "--pgdata", str(self.data), "--mode", mode, "--wait", "stop")

    def restart(self, down_s: float = 0.0) -> None:
        """Stop the server, leave it down for ``down_s`` seconds, and start it again."""
        self.stop()
        time.sleep(down_s)
        self.start()

    def is_running(self) -> bool:
        done = subprocess.run(
            [*self._as_user(), str(self.programs / "pg_ctl"), "--pgdata", str(self.data),
             "status"], cwd=self.folder, capture_output=True, check=False,
        )  # fmt: skip
        return done.returncode == 0

    def _as_user(self) -> list[str]:
        return ["runuser", "-u", self.user, "--"] if self.user else []

    def _run(self, program: str, *args: str) -> None:
        done = subprocess.run(
            [*self._as_user(), str(self.programs / program), *args],
            cwd=self.folder,  # the server's user may not be able to enter ours
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT_S + 30,
            check=False,
        )
        if done.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            pytest.fail(f"{program} failed:\n{done.stdout}{done.stderr}\n{log}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The session's PostgreSQL server, stopped and removed at the end."""
    user = _server_user()
    folder = Path(tempfile.mkdtemp(prefix="kiosk-hub-postgres-"))
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    server = PostgresServer(server_programs(), folder, _free_port(), user)
    try:
        server.init()
        server.start()
        server.add_password_role()
        yield server
    finally:
        if server.is_running():
            server.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """A fresh, empty database on the session's server, as ``postgresql+psycopg://…``."""
    return postgres_server.create_database()
