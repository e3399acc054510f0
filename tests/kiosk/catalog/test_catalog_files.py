"""Files that are not what they seem: links out of the catalog folder, loops, pipes, hidden
characters in the text, and copies cut off half-way. Each is refused by name, nothing outside
the catalog is ever read or copied, and the command line shows what is really there."""

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.catalog.loader import check_catalog
from kiosk.catalog.snapshot import SNAPSHOT_DIR, open_catalog
from kiosk.files import STALE_AFTER_S
from tests.catalog_builder import CatalogBuilder
from tests.conftest import TODAY
from tests.kiosk.cli.test_catalog_commands import run

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX links and pipes")

SECRET = "root:x:0:0:the-secret-outside-the-catalog"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the catalog: a secret file, and a folder of pictures that are not ours."""
    folder = tmp_path / "outside"
    (folder / "big").mkdir(parents=True)
    (folder / "passwd").write_text(SECRET)
    (folder / "big" / "photo.png").write_bytes(b"\x89PNG" + os.urandom(200_000))
    return folder


def link_service_to_secret(root: Path, outside: Path) -> Path:
    (root / "services" / "passwd.toml").symlink_to(outside / "passwd")
    return root / "services" / "passwd.toml"


def link_images_outside(root: Path, outside: Path) -> Path:
    (root / "images").symlink_to(outside / "big")
    return root / "images"


def link_services_outside(root: Path, outside: Path) -> Path:
    real = root / "services"
    real.rename(outside / "services")
    real.symlink_to(outside / "services")
    return real


def link_council_outside(root: Path, outside: Path) -> Path:
    council = root / "council.toml"
    council.rename(outside / "council.toml")
    council.symlink_to(outside / "council.toml")
    return council


def loop(root: Path, _: Path) -> Path:
    (root / "services" / "loop.toml").symlink_to("loop.toml")
    return root / "services" / "loop.toml"


def loop_of_two(root: Path, _: Path) -> Path:
    (root / "services" / "a.toml").symlink_to("b.toml")
    (root / "services" / "b.toml").symlink_to("a.toml")
    return root / "services" / "a.toml"


def dangling(root: Path, _: Path) -> Path:
    (root / "services" / "gone.toml").symlink_to(root / "services" / "deleted.toml")
    return root / "services" / "gone.toml"


LINKS: dict[str, Callable[[Path, Path], Path]] = {
    "a service linked to a secret": link_service_to_secret,
    "images linked to a folder outside": link_images_outside,
    "the services folder outside": link_services_outside,
    "council.toml outside": link_council_outside,
    "a link to itself": loop,
    "two links to each other": loop_of_two,
    "a link to nothing": dangling,
}
WORDS = {
    link_service_to_secret: "outside the catalog folder",
    link_images_outside: "outside the catalog folder",
    link_services_outside: "outside the catalog folder",
    link_council_outside: "outside the catalog folder",
    loop: "loops back on itself",
    loop_of_two: "loops back on itself",
    dangling: "which does not exist",
}


@pytest.mark.parametrize("make", LINKS.values(), ids=LINKS.keys())
def test_a_link_out_of_the_catalog_is_an_error_naming_it(
    builder: CatalogBuilder, outside: Path, make: Callable[[Path, Path], Path],
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    root = builder.write()
    link = make(root, outside)
    check = check_catalog(root, today=TODAY)
    assert check.catalog is None
    named = [p for p in check.errors if p.file == link]
    assert len(named) == 1
    assert WORDS[make] in named[0].message
    code, out, err = run(capsys, "--catalog", str(root), "catalog", "check")
    assert code == 1
    assert f"{link}: is a link" in out + err
    assert SECRET not in out + err  # never read, so never quoted


@pytest.mark.parametrize("make", LINKS.values(), ids=LINKS.keys())
def test_the_last_good_copy_never_takes_anything_from_outside(
    builder: CatalogBuilder, outside: Path, data_dir: Path, make: Callable[[Path, Path], Path]
) -> None:
    root = builder.write()
    good = open_catalog(root, data_dir, TODAY)
    make(root, outside)
    state = open_catalog(root, data_dir, TODAY)
    assert state.from_snapshot
    assert state.catalog.version == good.catalog.version
    copied = list((data_dir / SNAPSHOT_DIR).rglob("*"))
    assert all(not p.is_symlink() for p in copied)
    assert all(SECRET not in p.read_text(errors="replace") for p in copied if p.is_file())
    size = sum(p.stat().st_size for p in copied if p.is_file())
    assert size < 50_000  # the catalog's few files, none of the pictures outside


def test_a_link_inside_the_catalog_is_copied_as_the_file(
    builder: CatalogBuilder, data_dir: Path
) -> None:
    root = builder.write()
    (root / "shared").mkdir()
    moved = root / "shared" / "bin-day.toml"
    (root / "services" / "bin-day.toml").rename(moved)
    (root / "services" / "bin-day.toml").symlink_to("../shared/bin-day.toml")
    state = open_catalog(root, data_dir, TODAY)
    assert not state.from_snapshot
    kept = data_dir / SNAPSHOT_DIR / state.catalog.version / "services" / "bin-day.toml"
    assert not kept.is_symlink()
    assert kept.read_bytes() == moved.read_bytes()


def test_a_pipe_in_the_catalog_never_holds_up_the_copy(
    builder: CatalogBuilder, data_dir: Path
) -> None:
    root = builder.write()
    (root / "images").mkdir()
    os.mkfifo(root / "images" / "never-written.png")  # reading it would wait for ever
    began = time.monotonic()
    state = open_catalog(root, data_dir, TODAY)
    assert time.monotonic() - began < 10
    kept = data_dir / SNAPSHOT_DIR / state.catalog.version
    assert not (kept / "images" / "never-written.png").exists()


def test_copies_cut_off_by_a_kill_are_cleared_but_not_one_being_made(
    builder: CatalogBuilder, data_dir: Path
) -> None:
    folder = data_dir / SNAPSHOT_DIR
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead_copy = folder / f".copy-pid{gone.pid}-abc123"
        old_style = folder / ".copy-k2j4h5"
        live_copy = folder / f".copy-pid{alive.pid}-def456"
        for made in (dead_copy, old_style, live_copy):
            (made / "services").mkdir(parents=True)
            (made / "services" / "x.toml").write_bytes(os.urandom(100_000))
        then = time.time() - STALE_AFTER_S - 60
        os.utime(old_style, (then, then))
        open_catalog(builder.write(), data_dir, TODAY)
        assert (dead_copy.exists(), old_style.exists(), live_copy.exists()) == (
            False,
            False,
            True,
        )
    finally:
        alive.kill()
        alive.wait()


# -- text that hides what it says ----------------------------------------------------------

HIDDEN = {
    "ESC": "\x1b[2J",
    "NUL": "\x00",
    "a bell": "\x07",
    "a carriage return": "\r",
    "right-to-left override": "\u202e",
    "left-to-right embedding": "\u202a",
    "first strong isolate": "\u2068",
    "pop directional isolate": "\u2069",
    "zero-width space": "\u200b",
    "zero-width joiner": "\u200d",
    "byte order mark": "\ufeff",
    "line separator": "\u2028",
}
FIELDS: dict[str, Callable[[CatalogBuilder, str], tuple[str, str]]] = {
    "a service title": lambda b, c: (
        b.services["bin-day"].__setitem__("title", f"Check your{c} bin day"),
        ("services/bin-day.toml", "title"),
    )[1],
    "a step's words": lambda b, c: (
        b.services["bin-day"]["steps"][1].__setitem__("text", f"Type your{c} postcode."),
        ("services/bin-day.toml", "steps.2.text"),
    )[1],
    "a keyword": lambda b, c: (
        b.services["bin-day"].__setitem__("keywords", ["bins", f"rub{c}bish"]),
        ("services/bin-day.toml", "keywords.2"),
    )[1],
    "the council's name": lambda b, c: (
        b.council.__setitem__("name", f"Exampleshire{c} Council"),
        ("council.toml", "name"),
    )[1],
    "a category title": lambda b, c: (
        b.categories[0].__setitem__("title", f"Bins{c}"),
        ("categories.toml", "category.1.title"),
    )[1],
}


@pytest.mark.parametrize("char", HIDDEN.values(), ids=HIDDEN.keys())
@pytest.mark.parametrize("where", FIELDS.values(), ids=FIELDS.keys())
def test_hidden_characters_in_any_text_are_refused_with_file_and_field(
    builder: CatalogBuilder, char: str, where: Callable[[CatalogBuilder, str], tuple[str, str]]
) -> None:
    file, field = where(builder, char)
    root = builder.write()
    check = check_catalog(root, today=TODAY)
    assert check.catalog is None
    found = [p for p in check.errors if p.file == root / file and p.field == field]
    assert len(found) == 1, [str(p) for p in check.errors]
    assert f"has U+{ord(char[0]):04X} " in found[0].message


def test_welsh_and_other_scripts_are_not_hidden_characters(builder: CatalogBuilder) -> None:
    builder.services["bin-day"]["title"] = "Gwirio’ch diwrnod casglu biniau – ŵ ŷ â"  # noqa: RUF001 (Welsh as it is typed)
    builder.services["bin-day"]["steps"][1]["text"] = "Line one.\nLine two, with a tab\there."
    assert check_catalog(builder.write(), today=TODAY).catalog is not None


def test_the_command_line_escapes_what_it_cannot_show(
    capsys: pytest.CaptureFixture[str], builder: CatalogBuilder, tmp_path: Path
) -> None:
    odd = tmp_path / "cat\x1balog\u202egpj"  # (click itself drops whole colour codes)
    builder.root = odd
    builder.services["bin-day"]["title"] = "Check\u202e your bin day"
    builder.write()
    code, out, err = run(capsys, "--catalog", str(odd), "catalog", "check")
    shown = out + err
    assert code == 1
    assert "\x1b" not in shown
    assert "\u202e" not in shown
    assert "cat\\x1balog\\u202egpj" in shown
    assert "has U+202E RIGHT-TO-LEFT OVERRIDE" in shown
