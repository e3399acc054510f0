"""The hub's commands on both databases: a real SQLite file and a real PostgreSQL server.

Every command is the real ``kiosk hub ...`` in its own process, as council IT runs it. A
database that cannot be used is one clear line (exit 1), never a traceback or a password.
"""

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, insert, inspect, select, table

from kiosk.hub.database import MIGRATIONS, open_engine
from kiosk.hub.ingest import COUNT_KEY
from kiosk.hub.kiosks import kiosk_for_token
from kiosk.hub.people import sign_in
from kiosk.hub.tables import daily_counts, metadata, monthly_counts
from tests.hub.postgres import (  # noqa: F401 (fixtures)
    PASSWORD,
    PASSWORD_ROLE,
    PostgresServer,
    postgres_server,
    postgres_url,
)

SECRET = "Sup3r-Secret-Pw"  # a wrong password: must never be printed back


def hub(data_dir: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), "hub", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty hub database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hub.db'}"
    return str(request.getfixturevalue("postgres_url"))


def test_migrate_creates_the_tables_and_is_idempotent(data_dir: Path, database: str) -> None:
    for _ in range(2):
        code, out, err = hub(data_dir, "migrate", "--database", database)
        assert (code, out, err) == (0, "the hub's database is up to date\n", "")
    engine = create_engine(database)
    try:
        assert set(inspect(engine).get_table_names()) == {*metadata.tables, "alembic_version"}
        with engine.connect() as connection:
            versions = connection.execute(
                select(func.count()).select_from(table("alembic_version"))
            )
            assert versions.scalar() == 1
    finally:
        engine.dispose()


def test_a_kiosk_is_added_listed_and_revoked(data_dir: Path, database: str) -> None:
    code, token, err = hub(data_dir, "kiosk", "add", "--site", "LIB1", "--desk", "D2",
                           "--database", database)  # fmt: skip
    assert code == 0, err
    token = token.strip()
    assert len(token) >= 32
    assert "shown only this once" in err
    code, listed, _ = hub(data_dir, "kiosk", "list", "--database", database)
    assert code == 0
    assert listed.startswith("LIB1/D2: may upload; added ")
    assert token not in listed
    assert _holder(database, token) == ("LIB1", "D2")
    assert hub(data_dir, "kiosk", "revoke", "LIB1", "D2", "--database", database)[0] == 0
    code, listed, _ = hub(data_dir, "kiosk", "list", "--database", database)
    assert listed.startswith("LIB1/D2: revoked ")
    assert _holder(database, token) is None


def test_a_person_is_added_listed_and_removed(
    data_dir: Path, database: str, tmp_path: Path
) -> None:
    password_file = tmp_path / "password"
    password_file.write_text("correct horse battery staple\n")
    add = ["user", "add", "asha", "--role", "viewer", "--password-file", str(password_file)]
    code, out, err = hub(data_dir, *add, "--database", database)
    assert (code, out) == (0, "asha can sign in now, as viewer\n"), err
    code, listed, _ = hub(data_dir, "user", "list", "--database", database)
    assert listed.startswith("asha: viewer, added ")
    assert "horse" not in out + err + listed
    assert _signs_in(database, "asha", "correct horse battery staple")
    assert not _signs_in(database, "asha", "correct horse")
    assert hub(data_dir, "user", "remove", "asha", "--database", database)[0] == 0
    code, listed, _ = hub(data_dir, "user", "list", "--database", database)
    assert listed.startswith("no one can sign in yet")


def test_the_setting_names_the_database_when_the_option_is_not_given(
    data_dir: Path, database: str
) -> None:
    env = {**os.environ, "KIOSK_HUB_DATABASE": database}
    assert hub(data_dir, "migrate", env=env)[0] == 0
    assert hub(data_dir, "kiosk", "add", "--site", "CC", "--desk", "1", env=env)[0] == 0
    listed = hub(data_dir, "kiosk", "list", "--database", database)[1]
    assert listed.startswith("CC/1: may upload")
    assert not (data_dir / "hub.db").exists()


def test_upgrading_fills_the_monthly_counts_from_the_daily_ones_held(
    data_dir: Path, database: str
) -> None:
    """A hub of the version before monthly counts, holding daily counts, upgraded by the
    real ``kiosk hub migrate``: each month's counts are its days' sums, the figures unchanged."""
    from alembic import command
    from alembic.config import Config as AlembicConfig

    engine = open_engine(database)
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    held = [  # site, desk, day, dimension, value, n
        ("CIVIC", "D1", "2026-10-31", "mode", "showed_how", 4),
        ("CIVIC", "D1", "2026-11-01", "mode", "showed_how", 3),
        ("CIVIC", "D1", "2026-11-30", "mode", "showed_how", 2),
        ("CIVIC", "D1", "2026-11-30", "barrier", "skills", 1),
        ("CIVIC", "D2", "2026-11-15", "mode", "showed_how", 5),
        ("LIB", "D1", "2027-01-01", "mode", "signposted", 7),
    ]
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0002")
            columns = (*COUNT_KEY, "n")
            for row in held:
                connection.execute(
                    insert(daily_counts).values(dict(zip(columns, row, strict=True)))
                )
    finally:
        engine.dispose()
    code, out, err = hub(data_dir, "migrate", "--database", database)
    assert (code, out) == (0, "the hub's database is up to date\n"), err
    engine = open_engine(database)
    try:
        with engine.connect() as connection:
            months = connection.execute(
                select(monthly_counts).order_by(*monthly_counts.primary_key.columns)
            ).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in months] == [
        ("CIVIC", "D1", "2026-10", "mode", "showed_how", 4),
        ("CIVIC", "D1", "2026-11", "barrier", "skills", 1),
        ("CIVIC", "D1", "2026-11", "mode", "showed_how", 5),
        ("CIVIC", "D2", "2026-11", "mode", "showed_how", 5),
        ("LIB", "D1", "2027-01", "mode", "signposted", 7),
    ]
    code, report, err = hub(data_dir, "report", "--month", "2026-11", "--format", "json",
                            "--database", database)  # fmt: skip
    assert code == 0, err
    assert json.loads(report)["total"] == 10
    assert json.loads(report)["by"]["day"] == {"2026-11-01": 3, "2026-11-15": 5, "2026-11-30": 2}


Unusable = Callable[[PostgresServer, Path], str]
UNUSABLE: dict[str, tuple[Unusable, str]] = {
    "nothing listening": (
        lambda pg, _: f"postgresql+psycopg://hub:{SECRET}@127.0.0.1:{pg.port + 1}/hub",
        "Connection refused",
    ),
    "wrong password": (
        lambda pg, _: pg.password_url(SECRET),
        f'password authentication failed for user "{PASSWORD_ROLE}"',
    ),
    "password in the query": (
        lambda pg, _: f"{pg.password_url('x').replace(':x@', '@')}?password={SECRET}",
        "password authentication failed",
    ),
    "a database it may not change": (
        lambda pg, _: pg.password_url(PASSWORD),  # PostgreSQL 15: only the owner creates tables
        "permission denied for schema public (the hub's user should own its database",
    ),
    "no such database": (lambda pg, _: pg.url("no_such_hub"), '"no_such_hub" does not exist'),
    "unknown host": (
        lambda _, __: f"postgresql+psycopg://hub:{SECRET}@no-such-host.invalid/hub",
        "failed to resolve host 'no-such-host.invalid'",
    ),
    "port out of range": (
        lambda _, __: f"postgresql+psycopg://hub:{SECRET}@127.0.0.1:99999/hub",
        'invalid port number: "99999"',
    ),
    "not an address": (
        lambda _, __: f"postgresql+psycopg//hub:{SECRET}@127.0.0.1/hub",
        "hub_database is not a database address",
    ),
    "another database": (
        lambda _, __: f"mysql://hub:{SECRET}@127.0.0.1/hub",
        "hub_database must be sqlite:///FILE or postgresql+psycopg://",
    ),
    "a driver not installed": (
        lambda _, __: f"postgresql+psycopg2://hub:{SECRET}@127.0.0.1/hub",
        "driver that is not installed (psycopg2)",
    ),
    "sqlite in a missing folder": (
        lambda _, folder: f"sqlite:///{folder / 'missing' / 'hub.db'}",
        "cannot open the hub's database sqlite:///",
    ),
    "sqlite in memory": (lambda _, __: "sqlite://", "hub_database names no file"),
}


@pytest.mark.parametrize(
    "address",
    [
        f"postgresql+psycopg://hub:{SECRET} x@127.0.0.1/hub",
        f"hub:{SECRET}@127.0.0.1",
        f"sqlite:///hub.db\n{SECRET}",
    ],
    ids=["a space", "no scheme", "a newline"],
)
def test_a_setting_that_is_no_address_is_refused_without_repeating_it(
    data_dir: Path, address: str
) -> None:
    env = {**os.environ, "KIOSK_HUB_DATABASE": address}
    code, out, err = hub(data_dir, "migrate", env=env)
    assert_one_clear_line(code, out, err, "hub_database")
    assert not (data_dir / "hub.db").exists()


COMMANDS = [
    ["kiosk", "add", "--site", "CC", "--desk", "1"],
    ["kiosk", "list"],
    ["kiosk", "revoke", "CC", "1"],
    ["user", "list"],
    ["user", "remove", "asha"],
    ["serve", "--listen", "127.0.0.1:1"],
]


@pytest.mark.parametrize("case", UNUSABLE, ids=str)
def test_an_unusable_database_is_one_clear_line(
    postgres_server: PostgresServer,  # noqa: F811
    data_dir: Path,
    tmp_path: Path,
    case: str,
) -> None:
    address, expected = UNUSABLE[case]
    code, out, err = hub(data_dir, "migrate", "--database", address(postgres_server, tmp_path))
    assert_one_clear_line(code, out, err, expected)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_says_so_the_same_way(
    postgres_server: PostgresServer,  # noqa: F811
    data_dir: Path,
    command: list[str],
) -> None:
    address = postgres_server.password_url(SECRET)
    code, out, err = hub(data_dir, *command, "--database", address)
    assert_one_clear_line(code, out, err, "password authentication failed")


def assert_one_clear_line(code: int, out: str, err: str, expected: str) -> None:
    assert code == 1
    assert out == ""
    assert err.startswith("error: ")
    assert err.count("\n") == 1, err
    assert expected in err
    assert SECRET not in err
    assert "Traceback" not in err


def test_the_password_can_come_from_pgpass(
    postgres_server: PostgresServer,  # noqa: F811
    data_dir: Path,
    tmp_path: Path,
) -> None:
    """As docs/hub.md says: hub_database names no password, ~/.pgpass holds it."""
    with postgres_server.connect() as connection:
        connection.execute(f"CREATE DATABASE hub_pgpass OWNER {PASSWORD_ROLE}")
    home = tmp_path / "home"
    home.mkdir()
    pgpass = home / ".pgpass"
    pgpass.write_text(f"127.0.0.1:{postgres_server.port}:hub_pgpass:{PASSWORD_ROLE}:{PASSWORD}\n")
    pgpass.chmod(0o600)
    address = postgres_server.url("hub_pgpass").replace("hub_tests@", f"{PASSWORD_ROLE}@")
    env = {**os.environ, "HOME": str(home)}
    env.pop("PGPASSFILE", None)
    code, _, err = hub(data_dir, "migrate", "--database", address, env=env)
    assert (code, err) == (0, "")
    code, _, err = hub(data_dir, "migrate", "--database", address, env={**env, "HOME": "/"})
    assert code == 1
    assert "no password supplied" in err


def test_the_address_can_name_the_servers_socket_folder(
    postgres_server: PostgresServer,  # noqa: F811
    data_dir: Path,
) -> None:
    """docs/hub.md's form for a server on the same machine: no host, its socket folder."""
    name = postgres_server.create_database().rpartition("/")[2]
    address = (
        f"postgresql+psycopg://hub_tests@/{name}"
        f"?host={postgres_server.folder}&port={postgres_server.port}"
    )
    assert hub(data_dir, "migrate", "--database", address)[:2] == (
        0,
        "the hub's database is up to date\n",
    )


def _holder(database: str, token: str) -> tuple[str, str] | None:
    engine = open_engine(database)
    try:
        with engine.connect() as connection:
            found = kiosk_for_token(connection, token)
    finally:
        engine.dispose()
    return (found.site, found.desk) if found else None


def _signs_in(database: str, name: str, password: str) -> bool:
    engine = open_engine(database)
    try:
        with engine.begin() as connection:
            return sign_in(connection, name, password).person is not None
    finally:
        engine.dispose()
