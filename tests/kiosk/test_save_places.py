"""Where staff may save: IT's folders, USB sticks from /proc/mounts, safe names, no overwrites."""

from pathlib import Path

import pytest

from kiosk.cli.context import AppContext
from kiosk.errors import KioskError
from kiosk.save_places import clean_file_name, free_path, removable_drives, save_copy, save_places


def mounts_file(tmp_path: Path, *points: str) -> Path:
    lines = ["proc /proc proc rw 0 0", "/dev/sda1 / ext4 rw 0 0"]
    lines += [f"/dev/sdb{n} {point} vfat rw 0 0" for n, point in enumerate(points, 1)]
    path = tmp_path / "mounts"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_usb_sticks_are_the_drives_mounted_under_media(tmp_path: Path) -> None:
    roots = (tmp_path / "media", tmp_path / "run-media")
    mounts = mounts_file(
        tmp_path,
        f"{roots[0]}/KINGSTON",
        f"{roots[1]}/staff/MY\\040STICK",  # a space, as /proc/mounts writes it
        "/mnt/backup",  # not a place staff are offered
        str(roots[0]),  # the root itself is not a drive
    )
    drives = removable_drives(mounts, roots)
    assert [(d.label, d.path) for d in drives] == [
        ("KINGSTON", roots[0] / "KINGSTON"),
        ("MY STICK", roots[1] / "staff" / "MY STICK"),
    ]
    assert all(d.removable for d in drives)


def test_no_mounts_file_means_no_drives(tmp_path: Path) -> None:
    assert removable_drives(tmp_path / "missing", (tmp_path,)) == []


def test_it_s_folders_come_first_and_only_those_that_exist(tmp_path: Path) -> None:
    shared = tmp_path / "Shared handouts"
    shared.mkdir()
    context = AppContext(
        overrides={
            "data_dir": tmp_path / "data",
            "save_folders": [str(shared), str(tmp_path / "gone")],
        }
    )
    places = save_places(context.config, tmp_path / "missing", (tmp_path / "media",))
    assert [(p.label, p.path, p.removable) for p in places] == [("Shared handouts", shared, False)]


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("pay-council-tax", "pay-council-tax.pdf"),
        ("Mrs Jones.PDF", "Mrs Jones.pdf"),
        ("../../etc/passwd", "etc-passwd.pdf"),
        ("..\\windows\\x", "windows-x.pdf"),
        (".hidden", "hidden.pdf"),
        ("a\x00b\nc", "a-b-c.pdf"),
        ("x" * 200, "x" * 80 + ".pdf"),
    ],
)
def test_a_typed_name_becomes_a_file_name_in_that_one_folder(typed: str, name: str) -> None:
    assert clean_file_name(typed, ".pdf") == name


@pytest.mark.parametrize("typed", ["", "   ", "...", "/", " - // . "])
def test_a_name_with_nothing_left_is_refused_in_words(typed: str) -> None:
    with pytest.raises(KioskError, match="Type a name for the file"):
        clean_file_name(typed, ".pdf")


def test_a_file_already_there_is_never_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "handout.pdf"
    source.write_bytes(b"%PDF-new")
    folder = tmp_path / "stick"
    folder.mkdir()
    (folder / "handout.pdf").write_bytes(b"%PDF-old")
    saved = save_copy(source, folder, "handout.pdf")
    assert saved == folder / "handout (2).pdf"
    assert saved.read_bytes() == b"%PDF-new"
    assert (folder / "handout.pdf").read_bytes() == b"%PDF-old"
    assert free_path(folder, "handout.pdf") == folder / "handout (3).pdf"


def test_a_folder_that_cannot_be_written_says_so_and_leaves_nothing(tmp_path: Path) -> None:
    source = tmp_path / "handout.pdf"
    source.write_bytes(b"%PDF")
    with pytest.raises(KioskError, match="Could not save to"):
        save_copy(source, tmp_path / "no-such-stick", "handout.pdf")
    assert not list(tmp_path.glob("**/*.part"))
