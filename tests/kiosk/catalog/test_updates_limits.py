"""The hub's catalog: the limits on what a kiosk takes, one update at a time, and the speed."""

import fcntl
import gzip
import io
import os
import ssl
import statistics
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from kiosk.catalog.hub_copy import hub_catalog
from kiosk.catalog.updates import update_catalog
from kiosk.config import load_config
from kiosk.errors import ConfigError
from tests.catalog_builder import CatalogBuilder
from tests.kiosk.catalog.tuf_repository import Hub, HubRepository, catalog_archive, serve
from tests.kiosk.catalog.updating import V1_TITLE, Kiosk, titled


@pytest.fixture
def repository(tmp_path: Path) -> HubRepository:
    return HubRepository(tmp_path / "hub" / "catalog")


@pytest.fixture
def hub(repository: HubRepository) -> Iterator[Hub]:
    with serve(repository) as served:
        yield served


@pytest.fixture
def kiosk(tmp_path: Path, repository: HubRepository, hub: Hub, builder: CatalogBuilder) -> Kiosk:
    machine = Kiosk(tmp_path / "kiosk", titled(CatalogBuilder(tmp_path / "own"), "Own title"))
    machine.folder.mkdir()
    machine.configure(hub.url, repository.root_file)
    repository.publish(titled(builder, V1_TITLE), 1)
    assert machine.update().returncode == 0
    return machine


class _Zeros(io.RawIOBase):
    def __init__(self, size: int) -> None:
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: "memoryview") -> int:  # type: ignore[override]
        count = min(len(buffer), self.left)
        buffer[:count] = bytes(count)
        self.left -= count
        return count


def _bomb(good: Path, size: int) -> bytes:
    """The good catalog plus one file of ``size`` zero bytes: a few hundred KB packed."""
    plain = io.BytesIO()
    with (
        tarfile.open(fileobj=io.BytesIO(catalog_archive(good)), mode="r:gz") as source,
        tarfile.open(fileobj=plain, mode="w") as tar,
    ):
        for member in source.getmembers():
            tar.addfile(member, source.extractfile(member) if member.isfile() else None)
        info = tarfile.TarInfo("images/huge.png")
        info.size = size
        tar.addfile(info, io.BufferedReader(_Zeros(size)))
    return gzip.compress(plain.getvalue(), compresslevel=1)


def test_an_archive_that_unpacks_to_too_much_is_refused(
    kiosk: Kiosk, repository: HubRepository, builder: CatalogBuilder
) -> None:
    bomb = _bomb(titled(builder, "Two"), 210 * 1024 * 1024)
    assert len(bomb) < 2 * 1024 * 1024
    repository.publish(archive=bomb, version=2)
    refused = kiosk.update()
    assert refused.returncode == 1
    assert "catalog version 2 was refused: its archive unpacks to more than 200 MB" in (
        refused.stderr
    )
    assert refused.stderr.rstrip().endswith("kept version 1")
    assert V1_TITLE in kiosk.titles()
    leftovers = list((kiosk.data / "hub-catalog" / "versions").iterdir())
    assert [p.name.split("-")[0] for p in leftovers] == ["1"]


@pytest.mark.parametrize("size", [17 * 1024, 5 * 1024 * 1024])
def test_a_timestamp_longer_than_any_is_refused(
    kiosk: Kiosk, repository: HubRepository, size: int
) -> None:
    (repository.metadata / "timestamp.json").write_bytes(b" " * size)
    refused = kiosk.update()
    assert refused.returncode == 1
    assert "its signed metadata (or this kiosk) allows for it" in refused.stderr
    assert V1_TITLE in kiosk.titles()


def test_the_same_version_with_other_contents_is_refused(
    kiosk: Kiosk, repository: HubRepository, builder: CatalogBuilder
) -> None:
    repository.publish(titled(builder, "Quietly changed"), 1)
    refused = kiosk.update()
    assert refused.returncode == 1
    assert "the hub offered version 1 again with other contents: kept version 1" in (
        refused.stderr
    )
    assert V1_TITLE in kiosk.titles()


def test_only_one_update_runs_at_a_time(kiosk: Kiosk) -> None:
    with (kiosk.data / "hub-catalog" / "update.lock").open("a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        busy = kiosk.update()
    assert busy.returncode == 1
    assert "another catalog update is running on this kiosk" in busy.stderr
    assert kiosk.update().returncode == 0


def test_only_the_version_in_use_and_the_one_before_are_kept(
    kiosk: Kiosk, repository: HubRepository, builder: CatalogBuilder
) -> None:
    for version in (2, 3, 4):
        repository.publish(titled(builder, f"Version {version}"), version)
        assert kiosk.update().returncode == 0
    kept = sorted(
        p.name.split("-")[0] for p in (kiosk.data / "hub-catalog" / "versions").iterdir()
    )
    assert kept == ["3", "4"]
    assert "Version 4" in kiosk.titles()


def test_a_kiosk_taken_off_the_hub_goes_back_to_its_own_folder(kiosk: Kiosk) -> None:
    assert V1_TITLE in kiosk.titles()
    config = kiosk.folder / "config.toml"
    lines = config.read_text(encoding="utf-8").splitlines()
    config.write_text("\n".join(line for line in lines if "catalog_source" not in line), "utf-8")
    assert "Own title" in kiosk.titles()
    assert "catalog in use: the catalog folder" in kiosk.run("config", "show").stdout


def test_nothing_new_is_answered_within_50_ms(kiosk: Kiosk) -> None:
    config = load_config(kiosk.folder / "config.toml", {"data_dir": kiosk.data}, environ={})
    update_catalog(config, kiosk.data)  # the process's first: imports and TLS set-up
    medians = []
    for _ in range(3):  # a shared two-core machine is sometimes busy: its best of 3 runs
        taken = []
        for _ in range(20):
            started = time.perf_counter()
            result = update_catalog(config, kiosk.data)
            taken.append(time.perf_counter() - started)
            assert result.outcome == "current"
        medians.append(statistics.median(taken))
        if medians[-1] <= 0.050:
            break
    assert min(medians) <= 0.050, f"medians of 20: {[round(m * 1000, 1) for m in medians]} ms"
    found = hub_catalog(kiosk.data)
    assert found is not None
    assert found.version == 1


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ('"http://hub.example.org/catalog/"', "plain http:// to another computer"),
        ('"https://hub.example.org/catalog"', "ending in /"),
        ('"https://hub.example.org/catalog/?key=1/"', "just https://, the hub's name"),
        ('"https://user@hub.example.org/catalog/"', "just https://, the hub's name"),
        ('"ftp://hub.example.org/catalog/"', "ending in /"),
        ('"https:///catalog/"', "just https://, the hub's name"),
        ('"https://hub.example.org:99999/catalog/"', "is not a web address"),
        ('"https://hub.example.org/cat alog/"', "ending in /"),
    ],
)
def test_a_catalog_source_that_is_not_the_hubs_https_address_is_refused(
    tmp_path: Path, value: str, words: str
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f"catalog_source = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_config(config, environ={})
    assert str(refused.value).startswith(f"{config}: catalog_source: ")
    assert words in str(refused.value)


def test_http_to_this_computer_is_allowed_and_the_root_defaults_beside_the_system_file(
    tmp_path: Path,
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('catalog_source = "http://127.0.0.1:8080/catalog/"\n', encoding="utf-8")
    system = tmp_path / "etc" / "config.toml"
    loaded = load_config(config, environ={"KIOSK_SYSTEM_CONFIG": str(system)})
    assert loaded.catalog_source == "http://127.0.0.1:8080/catalog/"
    assert loaded.catalog_root == tmp_path / "etc" / "catalog-root.json"


def test_without_catalog_source_the_update_says_what_to_set_and_touches_nothing(
    tmp_path: Path,
) -> None:
    machine = Kiosk(tmp_path / "bare", titled(CatalogBuilder(tmp_path / "own"), "Own title"))
    machine.folder.mkdir()
    (machine.folder / "config.toml").write_text(f'catalog = "{machine.catalog}"\n', "utf-8")
    refused = machine.update()
    assert refused.returncode == 1
    assert refused.stderr == (
        "error: no catalog_source is set, so this kiosk does not take its catalog from the hub: "
        "set catalog_source to the hub's catalog address (docs/catalog.md); kept the local "
        "catalog\n"
    )
    assert not (machine.data / "hub-catalog").exists()


def test_doctor_names_a_missing_root_file_and_a_kiosk_that_never_checked(
    kiosk: Kiosk, tmp_path: Path
) -> None:
    fresh = Kiosk(tmp_path / "fresh", kiosk.catalog)
    fresh.folder.mkdir()
    config = (kiosk.folder / "config.toml").read_text(encoding="utf-8")
    (fresh.folder / "config.toml").write_text(config, encoding="utf-8")
    never = fresh.run("doctor").stdout
    assert "Catalog updates: this kiosk has not yet checked the hub for a catalog" in never
    (kiosk.folder / "catalog-root.json").unlink()
    missing = kiosk.run("doctor")
    assert missing.returncode == 1
    assert (
        "[FAIL] Catalog updates: catalog_source is set but there is no root metadata file at "
        in (missing.stdout)
    )


@pytest.mark.parametrize("path", ["wrong/", "catalog/metadata/", "nothing-here/catalog/"])
def test_an_address_with_no_feed_behind_it_says_what_to_check(
    kiosk: Kiosk, repository: HubRepository, hub: Hub, path: str
) -> None:
    base = hub.url.removesuffix("catalog/")
    kiosk.configure(f"{base}{path}", repository.root_file)
    refused = kiosk.update()
    assert refused.returncode == 1
    assert "the hub answered HTTP 404 for timestamp.json: check that catalog_source is " in (
        refused.stderr
    )
    assert refused.stderr.rstrip().endswith("kept version 1")
    assert V1_TITLE in kiosk.titles()


@pytest.fixture
def council_ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls_hub(repository: HubRepository, council_ca: trustme.CA) -> Iterator[Hub]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    council_ca.issue_cert("127.0.0.1").configure_cert(context)
    with serve(repository, tls=context) as served:
        yield served


def test_over_https_the_hubs_certificate_must_be_trusted(
    tls_hub: Hub,
    repository: HubRepository,
    council_ca: trustme.CA,
    builder: CatalogBuilder,
    tmp_path: Path,
) -> None:
    repository.publish(titled(builder, V1_TITLE), 1)
    machine = Kiosk(tmp_path / "tls-kiosk", titled(CatalogBuilder(tmp_path / "mine"), "Mine"))
    machine.folder.mkdir()
    machine.configure(tls_hub.url, repository.root_file)
    untrusted = machine.update()
    assert untrusted.returncode == 1
    assert "the hub could not be reached: 127.0.0.1:" in untrusted.stderr
    assert "'s certificate is not trusted (" in untrusted.stderr
    assert "Mine" in machine.titles()
    bundle = tmp_path / "council-ca.pem"
    council_ca.cert_pem.write_to_path(str(bundle))
    with (machine.folder / "config.toml").open("a", encoding="utf-8") as config:
        config.write(f'upload_ca_bundle = "{bundle}"\n')
    trusted = machine.update()
    assert trusted.returncode == 0, trusted.stderr
    assert V1_TITLE in machine.titles()


def _not_a_root(kind: str, path: Path, repository: HubRepository) -> None:
    path.unlink()
    if kind == "a folder":
        path.mkdir()
    elif kind == "a pipe":
        os.mkfifo(path)
    elif kind == "the targets metadata":
        path.write_bytes((repository.metadata / "2.targets.json").read_bytes())
    elif kind == "not JSON":
        path.write_bytes(b"\x00\xffnot json")
    elif kind == "too large":
        path.write_bytes(b" " * 600_000)


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("a folder", "cannot read the root metadata file"),
        ("a pipe", "cannot read the root metadata file"),
        ("the targets metadata", "is not a signed TUF root this kiosk can trust"),
        ("not JSON", "is not a signed TUF root this kiosk can trust"),
        ("too large", "so it is not a root metadata file"),
    ],
)
def test_a_root_file_that_is_not_a_root_is_named(
    kiosk: Kiosk, repository: HubRepository, kind: str, words: str
) -> None:
    _not_a_root(kind, kiosk.folder / "catalog-root.json", repository)
    refused = kiosk.run("catalog", "update", timeout=20)
    assert refused.returncode == 1
    assert words in refused.stderr
    assert "Traceback" not in refused.stderr
    assert refused.stderr.rstrip().endswith("kept version 1")
    assert V1_TITLE in kiosk.titles()
