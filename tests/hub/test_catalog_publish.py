"""``kiosk hub catalog publish``, ``list`` and ``rollback`` on a real hub: a broken catalog is
refused with the very lines ``kiosk catalog check`` prints, and what is published is fetched
and verified by python-tuf's ngclient from the served hub, at the right version."""

import json
import os
import re
import shutil
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from markupsafe import escape

from kiosk.catalog.loader import check_catalog
from kiosk.hub.kiosks import add_kiosk
from kiosk.upload.documents import SCHEMA
from tests.hub.catalog_repo import (
    DEMO_CATALOG,
    HubFolder,
    Kiosk,
    catalog_copy,
    files_of,
    hub_database,
    hub_folder,
    kiosk,
    ok,
    served,
    unpacked,
)

__all__ = ["hub_folder"]

CATALOG_PARTS = ("council.toml", "categories.toml", "services/", "images/")


def break_catalog(folder: Path, how: str) -> None:
    if how == "not valid TOML":
        with (folder / "council.toml").open("a") as council:
            council.write("garbage = [\n")
    elif how == "no council.toml":
        (folder / "council.toml").unlink()
    elif how == "a service with no title":
        service = next((folder / "services").glob("*.toml"))
        text = service.read_text()
        service.write_text(re.sub(r"(?m)^title\s*=.*$", "", text, count=1))
    elif how == "a link out of the folder":
        service = next((folder / "services").glob("*.toml"))
        service.unlink()
        service.symlink_to("/etc/passwd")
    elif how == "a hidden character":
        council = folder / "council.toml"
        council.write_text(council.read_text().replace('name = "', 'name = "\u202e', 1))
    else:
        shutil.rmtree(folder / "services")


BROKEN = [
    "not valid TOML",
    "no council.toml",
    "a service with no title",
    "a link out of the folder",
    "a hidden character",
    "no services",
]


@pytest.mark.parametrize("how", BROKEN)
def test_a_broken_catalog_is_refused_with_the_checks_own_words(
    hub_folder: HubFolder, tmp_path: Path, how: str
) -> None:
    folder = catalog_copy(tmp_path, "catalog")
    break_catalog(folder, how)
    checked = kiosk(hub_folder.data_dir, "catalog", "check", folder)
    assert checked.returncode == 1
    done = kiosk(hub_folder.data_dir, "hub", "catalog", "publish", folder, "--by", "asha")
    assert done.returncode == 1
    assert done.stdout == checked.stdout  # every problem, worded the same
    assert checked.stdout.strip()
    assert done.stderr.startswith(f"error: {folder}: ")
    assert done.stderr.rstrip().endswith("nothing was published")
    assert not list((hub_folder.data_dir / "catalog" / "targets").glob("*"))
    listed = ok(kiosk(hub_folder.data_dir, "hub", "catalog", "list"))
    assert "nothing published yet" in listed


def test_publish_before_keys_says_what_to_run(tmp_path: Path) -> None:
    done = kiosk(tmp_path / "hub-data", "hub", "catalog", "publish", DEMO_CATALOG)
    assert done.returncode == 1
    assert "kiosk hub keys init --root-key FILE" in done.stderr


@pytest.mark.parametrize("by", ["", "   ", "x" * 81, "asha\u202e", "a\x1b[31mb"])
def test_a_publisher_name_that_is_not_one_is_refused(hub_folder: HubFolder, by: str) -> None:
    done = kiosk(hub_folder.data_dir, "hub", "catalog", "publish", DEMO_CATALOG, "--by", by)
    assert done.returncode == 1
    assert "--by is a name" in done.stderr


def test_a_published_catalog_is_fetched_and_verified_by_a_kiosk(
    hub_folder: HubFolder, tmp_path: Path
) -> None:
    first = catalog_copy(tmp_path, "first")
    second = catalog_copy(tmp_path, "second")
    council = second / "council.toml"
    council.write_text(council.read_text() + "\n# the new opening hours\n")
    assert "published catalog version 1" in hub_folder.publish(first, by="asha")
    assert "published catalog version 2" in hub_folder.publish(second, by="ben")
    desk = Kiosk(tmp_path / "desk", hub_folder.first_root)
    with served(hub_folder.data_dir) as url:
        custom, archive = desk.fetch(url)
    assert custom["catalog_version"] == 2
    assert custom["published_by"] == "ben"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", custom["published_at"])
    got = unpacked(archive, tmp_path / "on-the-kiosk")
    wanted = {k: v for k, v in files_of(second).items() if k.startswith(CATALOG_PARTS)}
    assert files_of(got) == wanted
    assert ", 0 error(s)," in ok(kiosk(tmp_path / "kiosk-data", "catalog", "check", got))


def test_a_link_inside_the_catalog_is_published_as_the_file(
    hub_folder: HubFolder, tmp_path: Path
) -> None:
    folder = catalog_copy(tmp_path, "catalog")
    (folder / "shared.toml").write_bytes((folder / "categories.toml").read_bytes())
    (folder / "categories.toml").unlink()
    (folder / "categories.toml").symlink_to("shared.toml")
    hub_folder.publish(folder)
    desk = Kiosk(tmp_path / "desk", hub_folder.first_root)
    with served(hub_folder.data_dir) as url:
        _, archive = desk.fetch(url)
    got = unpacked(archive, tmp_path / "got")
    assert not (got / "categories.toml").is_symlink()
    assert (got / "categories.toml").read_bytes() == (folder / "shared.toml").read_bytes()
    assert not (got / "shared.toml").exists()  # not one of the catalog's files


def test_rollback_publishes_the_old_catalog_as_a_higher_version(
    hub_folder: HubFolder, tmp_path: Path
) -> None:
    first = catalog_copy(tmp_path, "first")
    second = catalog_copy(tmp_path, "second")
    (second / "categories.toml").write_text(
        (second / "categories.toml").read_text() + "\n# moved\n"
    )
    hub_folder.publish(first)
    hub_folder.publish(second)
    desk = Kiosk(tmp_path / "desk", hub_folder.first_root)
    with served(hub_folder.data_dir) as url:
        assert desk.fetch(url)[0]["catalog_version"] == 2
        out = ok(kiosk(hub_folder.data_dir, "hub", "catalog", "rollback", "1", "--by", "cat"))
        assert "published catalog version 3: the catalog of version 1 again" in out
        custom, archive = desk.fetch(url)  # the kiosk that ran 2 takes 3: never backwards
    assert custom["catalog_version"] == 3
    assert custom["published_by"] == "cat"
    assert files_of(unpacked(archive, tmp_path / "got")) == files_of(first)
    listed = ok(kiosk(hub_folder.data_dir, "hub", "catalog", "list"))
    assert re.search(r"^3: published by cat .*\(the catalog of version 1\)", listed, re.M)
    assert [int(line.split(":")[0]) for line in listed.splitlines()[:3]] == [3, 2, 1]


NEVER_PUBLISHED = [
    ("99", "no catalog version 99"),
    ("0", "0 is not in the range"),
    ("two", "'two' is not a valid integer"),
]


@pytest.mark.parametrize(("version", "expected"), NEVER_PUBLISHED)
def test_rollback_to_a_version_never_published_is_refused(
    hub_folder: HubFolder, version: str, expected: str
) -> None:
    hub_folder.publish(DEMO_CATALOG)
    done = kiosk(hub_folder.data_dir, "hub", "catalog", "rollback", version)
    assert done.returncode != 0
    assert expected in done.stderr
    listed = ok(kiosk(hub_folder.data_dir, "hub", "catalog", "list"))
    assert listed.splitlines()[0].startswith("1: ")


def heartbeat(url: str, token: str, site: str, desk: str, catalog_version: str) -> None:
    document = {
        "schema": SCHEMA,
        "batch_id": str(uuid.uuid4()),
        "sent_at": "2026-12-02T09:00:00Z",
        "source": {"site": site, "desk": desk, "app_version": "0.1.0"},
        "contacts": [],
        "status": {"catalog_version": catalog_version},
    }
    answer = httpx.post(
        f"{url}/v1/contacts",
        content=json.dumps(document).encode(),
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": document["batch_id"],
        },
        timeout=30,
    )
    assert answer.status_code == 200, answer.text


def test_list_and_page_say_which_kiosks_run_which_version(
    hub_folder: HubFolder, tmp_path: Path
) -> None:
    first = catalog_copy(tmp_path, "first")
    second = catalog_copy(tmp_path, "second")
    (second / "council.toml").write_text((second / "council.toml").read_text() + "\n#\n")
    hub_folder.publish(first)
    hub_folder.publish(second)
    engine = hub_database(hub_folder.data_dir)
    with engine.begin() as connection:
        tokens = {d: add_kiosk(connection, "LIB-NORTH", d) for d in ("D1", "D2", "D3")}
    engine.dispose()
    # D1 names the published number, D2 the catalog's content version, D3 a local catalog
    said = {"D1": "1", "D2": content_version(second), "D3": "0ld0ca7a1og0"}
    with served(hub_folder.data_dir) as url:
        for desk, version in said.items():
            heartbeat(url, tokens[desk], "LIB-NORTH", desk, version)
        listed = ok(kiosk(hub_folder.data_dir, "hub", "catalog", "list"))
        page = signed_in_page(url, hub_folder, "/catalog-versions")
    assert re.search(r"^2: published by asha .*; run by LIB-NORTH/D2$", listed, re.M)
    assert re.search(r"^1: published by asha .*; run by LIB-NORTH/D1$", listed, re.M)
    assert "on no published version: LIB-NORTH/D3" in listed
    assert 'href="/catalog-versions" aria-current="page">Catalog<' in page
    rows = re.findall(r"<tr>\s*<th scope=\"row\"[^>]*>(\d+)</th>(.*?)</tr>", page, re.S)
    assert [(n, "LIB-NORTH/D" in cells) for n, cells in rows] == [("2", True), ("1", True)]
    assert "LIB-NORTH/D2" in rows[0][1]
    assert "LIB-NORTH/D1" in rows[1][1]
    assert "On no published version: LIB-NORTH/D3." in page


def content_version(folder: Path) -> str:
    """What a kiosk running the catalog in ``folder`` calls it (its check's version)."""
    found = check_catalog(folder).catalog
    assert found is not None
    return found.version


def signed_in_page(url: str, hub_folder: HubFolder, path: str) -> str:
    password_file = hub_folder.data_dir.parent / "password"
    password_file.write_text("correct horse battery staple\n")
    ok(kiosk(hub_folder.data_dir, "hub", "user", "add", "vic", "--role", "viewer",
             "--password-file", password_file))  # fmt: skip
    with httpx.Client(base_url=url, timeout=20) as browser:
        assert browser.get(path).status_code == 303  # signed out: to sign in
        form = browser.get("/sign-in").text
        csrf = re.search(r'name="csrf" value="([^"]+)"', form)
        assert csrf is not None
        fields = {"csrf": csrf[1], "name": "vic", "password": "correct horse battery staple"}
        assert browser.post("/sign-in", data=fields).status_code == 303
        answer = browser.get(path)
        assert answer.status_code == 200
        return answer.text


def test_publishes_at_the_same_time_each_get_a_version_of_their_own(
    hub_folder: HubFolder, tmp_path: Path
) -> None:
    folders = [catalog_copy(tmp_path, f"catalog-{n}") for n in range(4)]
    for n, folder in enumerate(folders):
        (folder / "council.toml").write_text((folder / "council.toml").read_text() + f"#{n}\n")
    with ThreadPoolExecutor(len(folders)) as pool:
        outs = list(pool.map(lambda f: hub_folder.publish(f, by=f.name), folders))
    numbers = sorted(int(re.findall(r"version (\d+)", out)[0]) for out in outs)
    assert numbers == [1, 2, 3, 4]
    listed = ok(kiosk(hub_folder.data_dir, "hub", "catalog", "list"))
    by_version = dict(re.findall(r"^(\d+): published by (catalog-\d)", listed, re.M))
    assert sorted(by_version.values()) == [f.name for f in folders]
    newest = by_version["4"]
    desk = Kiosk(tmp_path / "desk", hub_folder.first_root)
    with served(hub_folder.data_dir) as url:
        custom, archive = desk.fetch(url)
    assert (custom["catalog_version"], custom["published_by"]) == (4, newest)
    assert files_of(unpacked(archive, tmp_path / "got")) == files_of(tmp_path / newest)


@pytest.mark.parametrize("by", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'])
def test_the_catalog_page_shows_a_publisher_as_text(
    hub_folder: HubFolder, tmp_path: Path, by: str
) -> None:
    hub_folder.publish(DEMO_CATALOG, by=by)
    with served(hub_folder.data_dir) as url:
        page = signed_in_page(url, hub_folder, "/catalog-versions")
    assert by not in page
    assert str(escape(by)) in page


def test_the_catalog_page_before_any_keys_says_how_to_begin(tmp_path: Path) -> None:
    bare = HubFolder(tmp_path / "hub-data", tmp_path / "none.pem", tmp_path / "none.json")
    bare.data_dir.mkdir()
    with served(bare.data_dir) as url:
        page = signed_in_page(url, bare, "/catalog-versions")
    assert "No catalog is published from this hub yet" in page
    assert "kiosk hub keys init --root-key FILE" in page


def test_the_same_catalog_makes_the_same_archive(hub_folder: HubFolder, tmp_path: Path) -> None:
    copy = catalog_copy(tmp_path, "copy")
    for path in copy.rglob("*"):  # other times and modes, the same contents
        os.utime(path, (1_000_000_000, 1_000_000_000))
        path.chmod(0o700 if path.is_dir() else 0o600)
    hub_folder.publish(DEMO_CATALOG)
    hub_folder.publish(copy)
    listed = ok(kiosk(hub_folder.data_dir, "hub", "catalog", "list"))
    assert re.search(r"^2: .*\(the catalog of version 1\)", listed, re.M)
    assert len(list((hub_folder.data_dir / "catalog" / "targets").iterdir())) == 1
