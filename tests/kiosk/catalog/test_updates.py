"""kiosk catalog update against a real TUF repository served over HTTP on 127.0.0.1.

A catalog published on the hub reaches the kiosk; then each attack an update system meets is
tried, and every one is refused in words, with the last good catalog still the one staff see.
"""

import io
import tarfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from securesystemslib.signer import CryptoSigner

from tests.catalog_builder import CatalogBuilder
from tests.kiosk.catalog.tuf_repository import Hub, HubRepository, catalog_archive, serve
from tests.kiosk.catalog.tuf_repository import unused_port as free_port
from tests.kiosk.catalog.updating import V1_TITLE, Kiosk, titled

V2_TITLE = "Check your bin day, version two"
LOCAL_TITLE = "The kiosk's own folder's bin day"


@pytest.fixture
def repository(tmp_path: Path) -> HubRepository:
    return HubRepository(tmp_path / "hub" / "catalog")


@pytest.fixture
def hub(repository: HubRepository) -> Iterator[Hub]:
    with serve(repository) as served:
        yield served


@pytest.fixture
def kiosk(tmp_path: Path, repository: HubRepository, hub: Hub) -> Kiosk:
    local = CatalogBuilder(tmp_path / "local")
    machine = Kiosk(tmp_path / "kiosk", titled(local, LOCAL_TITLE))
    machine.folder.mkdir()
    machine.configure(hub.url, repository.root_file, timeout_s=2.0)
    return machine


@pytest.fixture
def on_version_1(kiosk: Kiosk, repository: HubRepository, builder: CatalogBuilder) -> Kiosk:
    """A kiosk that has taken version 1 from the hub."""
    repository.publish(titled(builder, V1_TITLE), 1)
    done = kiosk.update()
    assert done.returncode == 0, done.stderr
    return kiosk


def test_a_published_catalog_reaches_the_kiosk_and_a_newer_one_replaces_it(
    kiosk: Kiosk, repository: HubRepository, builder: CatalogBuilder
) -> None:
    assert LOCAL_TITLE in kiosk.titles()  # nothing from the hub yet: the kiosk's own folder
    repository.publish(titled(builder, V1_TITLE), 1)
    first = kiosk.update()
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout.startswith("updated to the hub's catalog, version 1 (published by CM")
    assert V1_TITLE in kiosk.titles()
    again = kiosk.update()
    assert again.returncode == 0
    assert again.stdout.startswith("already current: the hub's catalog, version 1")
    repository.publish(titled(builder, V2_TITLE), 2)
    second = kiosk.update()
    assert second.returncode == 0
    assert "updated to the hub's catalog, version 2" in second.stdout
    listed = kiosk.titles()
    assert V2_TITLE in listed
    assert V1_TITLE not in listed


def test_the_kiosk_says_which_catalog_is_in_use_and_how_the_last_check_went(
    on_version_1: Kiosk, repository: HubRepository
) -> None:
    shown = on_version_1.run("config", "show").stdout
    assert "# catalog in use: the hub's catalog, version 1 (published by CM" in shown
    assert "# the last check with the hub, at " in shown
    assert "updated to version 1" in shown
    repository.publish(archive=b"not a gzip archive at all", version=2)
    assert on_version_1.update().returncode == 1
    doctor = on_version_1.run("doctor").stdout
    assert "the hub's catalog, version 1" in doctor
    assert "failed: catalog version 2 was refused: its archive is not a gzip archive" in doctor


def _modified_archive(repository: HubRepository, builder: CatalogBuilder) -> None:
    release = repository.publish(titled(builder, V2_TITLE), 2)
    served = repository.targets_dir / release.archive_name
    data = bytearray(served.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one bit of one byte: same length, another file
    served.write_bytes(bytes(data))


def _signed_by_another_key(role: str) -> Callable[[HubRepository, CatalogBuilder], None]:
    def attack(repository: HubRepository, builder: CatalogBuilder) -> None:
        stranger = CryptoSigner.generate_ed25519()
        repository.publish(titled(builder, V2_TITLE), 2, signers={role: stranger})

    return attack


def _expired_timestamp(repository: HubRepository, builder: CatalogBuilder) -> None:
    stopped = datetime.now(UTC) - timedelta(hours=3)
    repository.publish(titled(builder, V2_TITLE), 2, timestamp_expires=stopped)


def _mixed(kind: str) -> Callable[[HubRepository, CatalogBuilder], None]:
    """Release 2's files, but its targets (or snapshot) metadata is release 1's."""

    def attack(repository: HubRepository, builder: CatalogBuilder) -> None:
        first = repository.releases[1]
        second = repository.publish(titled(builder, V2_TITLE), 2)
        old = first.files[repository.file_of(first, kind)]
        (repository.metadata / repository.file_of(second, kind)).write_bytes(old)

    return attack


def _longer_than_signed(repository: HubRepository, builder: CatalogBuilder) -> None:
    release = repository.publish(titled(builder, V2_TITLE), 2)
    with (repository.targets_dir / release.archive_name).open("ab") as served:
        served.write(b"\0" * 5_000_000)


def _over_the_kiosks_limit(repository: HubRepository, builder: CatalogBuilder) -> None:
    repository.publish(titled(builder, V2_TITLE), 2, length=3 * 1024**3)


def _failing_its_checks(repository: HubRepository, builder: CatalogBuilder) -> None:
    builder.services["bin-day"]["title"] = ""
    repository.publish(builder.write(), 2)


def _not_a_publication(repository: HubRepository, builder: CatalogBuilder) -> None:
    repository.publish(titled(builder, V2_TITLE), 2, custom={"published_by": "someone"})


ATTACKS = {
    "a modified catalog.tar.gz": (
        _modified_archive,
        "the hub's catalog.tar.gz is not the file its signed metadata describes",
    ),
    "targets signed by the wrong key": (
        _signed_by_another_key("targets"),
        "the hub's catalog was signed by a key this kiosk does not trust",
    ),
    "snapshot signed by the wrong key": (
        _signed_by_another_key("snapshot"),
        "the hub's catalog was signed by a key this kiosk does not trust",
    ),
    "timestamp signed by the wrong key": (
        _signed_by_another_key("timestamp"),
        "the hub's catalog was signed by a key this kiosk does not trust",
    ),
    "an expired timestamp (a frozen feed)": (
        _expired_timestamp,
        "the hub's catalog feed has not been renewed since ",
    ),
    "targets from another release": (_mixed("targets"), "do not belong to one release"),
    "snapshot from another release": (_mixed("snapshot"), "do not belong to one release"),
    "an archive longer than signed": (
        _longer_than_signed,
        "its signed metadata (or this kiosk) allows for it",
    ),
    "an archive over the kiosk's limit": (_over_the_kiosks_limit, "over this kiosk's limit"),
    "a catalog that fails its checks": (
        _failing_its_checks,
        "catalog version 2 failed its checks: services/bin-day.toml: title: must not be empty",
    ),
    "no catalog_version": (_not_a_publication, "has no catalog_version"),
}


@pytest.mark.parametrize("attack", list(ATTACKS), ids=list(ATTACKS))
def test_each_attack_is_refused_and_the_last_good_catalog_stays(
    attack: str, on_version_1: Kiosk, repository: HubRepository, builder: CatalogBuilder
) -> None:
    make, words = ATTACKS[attack]
    make(repository, builder)
    refused = on_version_1.update()
    assert refused.returncode == 1
    assert words in refused.stderr
    assert refused.stderr.rstrip().endswith("kept version 1"), refused.stderr
    assert "Traceback" not in refused.stderr
    assert V1_TITLE in on_version_1.titles()


def test_a_frozen_feed_names_when_it_stopped(
    on_version_1: Kiosk, repository: HubRepository, builder: CatalogBuilder
) -> None:
    stopped = datetime.now(UTC) - timedelta(days=2)
    repository.publish(titled(builder, V2_TITLE), 2, timestamp_expires=stopped)
    refused = on_version_1.update()
    assert f"has not been renewed since {stopped:%Y-%m-%d %H:%M} UTC" in refused.stderr


def test_an_old_release_replayed_is_refused(
    on_version_1: Kiosk, repository: HubRepository, builder: CatalogBuilder
) -> None:
    repository.publish(titled(builder, V2_TITLE), 2)
    assert on_version_1.update().returncode == 0
    repository.serve_again(repository.releases[1])  # release 1's signed files, all still valid
    refused = on_version_1.update()
    assert refused.returncode == 1
    assert refused.stderr == (
        "error: the hub offered an older catalog than this kiosk has (a replay): kept version 2\n"
    )
    assert V2_TITLE in on_version_1.titles()


def test_an_older_catalog_version_in_newer_metadata_is_refused(
    on_version_1: Kiosk, repository: HubRepository, builder: CatalogBuilder
) -> None:
    repository.publish(titled(builder, V2_TITLE), 2)
    assert on_version_1.update().returncode == 0
    repository.publish(titled(builder, V1_TITLE), 1)  # freshly signed, but catalog version 1
    refused = on_version_1.update()
    assert "the hub offered an older catalog than this kiosk has (a replay): kept version 2" in (
        refused.stderr
    )
    assert V2_TITLE in on_version_1.titles()


def _tar(*extra: tarfile.TarInfo, good: Path) -> bytes:
    """The good catalog's archive with ``extra`` entries added."""
    out = io.BytesIO()
    with (
        tarfile.open(fileobj=io.BytesIO(catalog_archive(good)), mode="r:gz") as source,
        tarfile.open(fileobj=out, mode="w:gz") as tar,
    ):
        for member in source.getmembers():
            tar.addfile(member, source.extractfile(member) if member.isfile() else None)
        for entry in extra:
            tar.addfile(entry, io.BytesIO(b"x" * entry.size) if entry.isfile() else None)
    return out.getvalue()


def _entry(name: str, kind: bytes = tarfile.REGTYPE, link: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, link
    info.size = 1 if kind == tarfile.REGTYPE else 0
    return info


HOSTILE_ENTRIES = {
    "a link out": (_entry("services/a.toml", tarfile.SYMTYPE, "/etc/passwd"), "a link"),
    "a hard link": (_entry("services/b.toml", tarfile.LNKTYPE, "/etc/passwd"), "a link"),
    "a climb out": (_entry("../outside.toml"), "climbs out of the catalog folder"),
    "a deep climb": (_entry("services/../../../x.toml"), "climbs out of the catalog folder"),
    "an absolute name": (_entry("/tmp/kiosk-evil.toml"), "from the top of the disk"),
    "a device": (_entry("images/null", tarfile.CHRTYPE), "a device, pipe"),
    "a pipe": (_entry("images/fifo", tarfile.FIFOTYPE), "a device, pipe"),
}


@pytest.mark.parametrize("entry", list(HOSTILE_ENTRIES), ids=list(HOSTILE_ENTRIES))
def test_a_signed_archive_with_a_hostile_entry_is_refused(
    entry: str, on_version_1: Kiosk, repository: HubRepository, builder: CatalogBuilder
) -> None:
    hostile, words = HOSTILE_ENTRIES[entry]
    repository.publish(archive=_tar(hostile, good=titled(builder, V2_TITLE)), version=2)
    refused = on_version_1.update()
    assert refused.returncode == 1
    assert f"catalog version 2 was refused: its archive holds {hostile.name!r}, " in (
        refused.stderr
    )
    assert words in refused.stderr
    assert refused.stderr.rstrip().endswith("kept version 1")
    assert not (on_version_1.folder.parent / "outside.toml").exists()
    assert not Path("/tmp/kiosk-evil.toml").exists()
    assert V1_TITLE in on_version_1.titles()


def test_a_hub_that_is_down_is_named(on_version_1: Kiosk, repository: HubRepository) -> None:
    port = free_port()
    on_version_1.configure(f"http://127.0.0.1:{port}/catalog/", repository.root_file)
    refused = on_version_1.update()
    assert refused.returncode == 1
    assert refused.stderr == (
        f"error: the hub could not be reached: nothing answered at 127.0.0.1:{port} "
        "(connection refused): kept version 1\n"
    )
    assert V1_TITLE in on_version_1.titles()


@pytest.mark.parametrize("trickle_s", [0.05, 0.4])
def test_a_slow_hub_is_given_up_on_at_the_deadline(
    trickle_s: float,
    on_version_1: Kiosk,
    repository: HubRepository,
    builder: CatalogBuilder,
    hub: Hub,
) -> None:
    repository.publish(titled(builder, V2_TITLE), 2)
    on_version_1.configure(hub.url, repository.root_file, timeout_s=1.0)
    hub.trickle(trickle_s)  # a byte at a time: each read is quick, the whole file never is
    started = time.monotonic()
    refused = on_version_1.update()
    took = time.monotonic() - started
    assert refused.returncode == 1
    assert "the hub could not be reached: 127.0.0.1:" in refused.stderr
    assert "sent no whole answer within 1 s: kept version 1" in refused.stderr
    assert took < 5
    hub.trickle(0)
    assert V1_TITLE in on_version_1.titles()
    assert on_version_1.update().returncode == 0  # and once it answers again, it updates
    assert V2_TITLE in on_version_1.titles()


def test_a_kiosk_without_its_root_file_says_what_ita_must_install(
    kiosk: Kiosk, repository: HubRepository, builder: CatalogBuilder
) -> None:
    repository.publish(titled(builder, V1_TITLE), 1)
    (kiosk.folder / "catalog-root.json").unlink()
    refused = kiosk.update()
    assert refused.returncode == 1
    assert "cannot read the root metadata file" in refused.stderr
    assert "installs the hub's 1.root.json there" in refused.stderr
    assert refused.stderr.rstrip().endswith("kept the local catalog")
    assert LOCAL_TITLE in kiosk.titles()


def test_a_root_file_from_another_hub_trusts_none_of_this_ones_signatures(
    kiosk: Kiosk, repository: HubRepository, builder: CatalogBuilder, tmp_path: Path
) -> None:
    other = HubRepository(tmp_path / "other-hub" / "catalog")
    repository.publish(titled(builder, V1_TITLE), 1)
    kiosk.configure(kiosk_source(kiosk), other.root_file)
    refused = kiosk.update()
    assert "signed by a key this kiosk does not trust: kept the local catalog" in refused.stderr
    assert LOCAL_TITLE in kiosk.titles()


def kiosk_source(kiosk: Kiosk) -> str:
    config = (kiosk.folder / "config.toml").read_text(encoding="utf-8")
    return config.split('catalog_source = "')[1].split('"')[0]


@pytest.mark.parametrize("role", ["timestamp", "snapshot", "targets", "root"])
def test_a_rotated_key_is_followed_and_the_old_one_is_no_longer_trusted(
    role: str, on_version_1: Kiosk, repository: HubRepository, builder: CatalogBuilder
) -> None:
    retired = repository.rotate(role)  # 2.root.json: the kiosk still has only 1.root.json
    repository.publish(titled(builder, V2_TITLE), 2)
    followed = on_version_1.update()
    assert followed.returncode == 0, followed.stderr
    assert V2_TITLE in on_version_1.titles()
    if role == "root":
        return  # the old root key signs no other role
    repository.publish(titled(builder, "Signed with a retired key"), 3, signers={role: retired})
    refused = on_version_1.update()
    assert refused.returncode == 1
    assert "the hub's catalog was signed by a key this kiosk does not trust: kept version 2" in (
        refused.stderr
    )
    assert V2_TITLE in on_version_1.titles()
