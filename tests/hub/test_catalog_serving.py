"""``/catalog/`` serves the repository's metadata and target files and nothing else: no
listing, no key, no other file of the hub's folder, however the path is written."""

import http.client
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.hub.catalog_repo import DEMO_CATALOG, HubFolder, demo_served, hub_folder, served

__all__ = ["hub_folder"]


def raw_get(url: str, path: str) -> tuple[int, bytes]:
    """GET ``path`` exactly as written: no client tidies the dots or the escapes."""
    where = urlsplit(url)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=20)
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


@pytest.fixture
def published(hub_folder: HubFolder) -> HubFolder:
    hub_folder.publish(DEMO_CATALOG)
    return hub_folder


def test_the_repository_files_are_served(published: HubFolder) -> None:
    timestamp = json.loads((published.metadata / "timestamp.json").read_text())
    snapshot_version = timestamp["signed"]["meta"]["snapshot.json"]["version"]
    target = next((published.data_dir / "catalog" / "targets").iterdir())
    wanted = [
        "/catalog/metadata/1.root.json",
        "/catalog/metadata/timestamp.json",
        f"/catalog/metadata/{snapshot_version}.snapshot.json",
        "/catalog/metadata/2.targets.json",
        f"/catalog/targets/{target.name}",
    ]
    with served(published.data_dir) as url:
        for path in wanted:
            status, body = raw_get(url, path)
            assert status == 200, path
            local = path.removeprefix("/catalog/")
            assert body == (published.data_dir / "catalog" / local).read_bytes()


HOSTILE = [
    "/catalog/",
    "/catalog",
    "/catalog/metadata/",
    "/catalog/targets/",
    "/catalog/content-versions.json",
    "/catalog/metadata/root.json",
    "/catalog/metadata/0.root.json",
    "/catalog/metadata/01.root.json",
    "/catalog/metadata/../../catalog-keys/targets.pem",
    "/catalog/targets/../../catalog-keys/timestamp.pem",
    "/catalog/metadata/..%2f..%2fcatalog-keys%2fsnapshot.pem",
    "/catalog/metadata/%2e%2e%2fcontent-versions.json",
    "/catalog/targets/%2e%2e/%2e%2e/catalog-keys/targets.pem",
    "/catalog/targets/%2e%2e/%2e%2e/hub.db",
    "/catalog/../catalog-keys/targets.pem",
    "/catalog-keys/targets.pem",
    "/catalog/metadata/1.root.json%00.pem",
    "/catalog/targets/catalog.tar.gz",
    "/catalog/metadata/planted.json",
    "/catalog/metadata/9.targets.json",  # a link planted to a key
    f"/catalog/targets/{'0' * 64}.catalog.tar.gz",  # a link planted to a key
    f"/catalog/targets/linked/{'1' * 64}.catalog.tar.gz",  # through a linked folder
]


@pytest.mark.parametrize("path", HOSTILE)
def test_nothing_else_is_served(published: HubFolder, path: str) -> None:
    repository = published.data_dir / "catalog"
    keys = published.data_dir / "catalog-keys"
    (repository / "metadata" / "planted.json").write_text("{}")
    (repository / "metadata" / "9.targets.json").symlink_to(keys / "targets.pem")
    (repository / "targets" / f"{'0' * 64}.catalog.tar.gz").symlink_to(keys / "snapshot.pem")
    outside = published.data_dir / "outside"
    outside.mkdir()
    (outside / f"{'1' * 64}.catalog.tar.gz").write_bytes((keys / "timestamp.pem").read_bytes())
    (repository / "targets" / "linked").symlink_to(outside)
    with served(published.data_dir) as url:
        status, body = raw_get(url, path)
    assert status == 404
    assert b"PRIVATE KEY" not in body
    assert b"signed" not in body


def test_the_keys_are_outside_the_served_folder(published: HubFolder) -> None:
    repository = (published.data_dir / "catalog").resolve()
    for key in (published.data_dir / "catalog-keys").glob("*.pem"):
        assert not key.resolve().is_relative_to(repository)
    assert not any(b"PRIVATE KEY" in p.read_bytes() for p in repository.rglob("*") if p.is_file())


def test_a_hub_without_catalog_keys_serves_nothing(tmp_path: Path) -> None:
    (tmp_path / "hub-data").mkdir()
    with served(tmp_path / "hub-data") as url:
        assert raw_get(url, "/catalog/metadata/1.root.json")[0] == 404
        assert raw_get(url, "/catalog/metadata/timestamp.json")[0] == 404


def test_the_demo_hub_never_serves_a_real_hubs_catalog(published: HubFolder) -> None:
    with demo_served(published.data_dir) as url:
        assert raw_get(url, "/catalog/metadata/1.root.json")[0] == 404
        assert raw_get(url, "/catalog/metadata/timestamp.json")[0] == 404
    with served(published.data_dir) as url:  # the same folder, served for real
        assert raw_get(url, "/catalog/metadata/timestamp.json")[0] == 200
