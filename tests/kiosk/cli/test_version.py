"""The installed version shows in ``kiosk --version``, the upload's source and the handout."""

import json
from importlib.metadata import version
from pathlib import Path

import pytest

from kiosk import APP_NAME, __version__
from kiosk.contacts.store import ContactLog
from tests.kiosk.cli.test_catalog_commands import run
from tests.kiosk.contacts.helpers import contact
from tests.kiosk.handouts.pdf import read_pdf


def test_the_version_is_the_installed_package_version() -> None:
    assert __version__ == version(APP_NAME)
    assert __version__ != "0.0.0+unknown"


def test_kiosk_version_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert (code, out) == (0, f"kiosk, version {__version__}\n")


def test_every_upload_names_the_version_in_its_source(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    ContactLog.in_data_dir(data_dir).record_many([contact()])
    share = tmp_path / "share"
    share.mkdir()
    code, _, _ = run(capsys, "--data-dir", str(data_dir), "upload", "--target", share.as_uri())
    batch = json.loads(next(share.glob("*.json")).read_text(encoding="utf-8"))
    assert code == 0
    assert batch["source"] == {"site": "main-office", "desk": "desk-1", "app_version": __version__}


def test_the_handout_footer_names_the_version(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "handout.pdf"
    code, _, _ = run(
        capsys, "--data-dir", str(data_dir), "handout", "pay-council-tax", "-o", str(pdf)
    )
    texts, _ = read_pdf(pdf.read_bytes())
    assert code == 0
    assert f", kiosk {__version__}." in " ".join(" ".join(texts).split())
