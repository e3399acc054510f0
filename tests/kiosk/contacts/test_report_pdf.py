import re
from datetime import UTC, date, datetime
from pathlib import Path

import pypdfium2
import pytest

from kiosk.catalog import load_catalog
from kiosk.config import load_config
from kiosk.contacts.demo import seed_demo
from kiosk.contacts.period import Period, period_label
from kiosk.contacts.report import build_report
from kiosk.contacts.store import ContactLog
from kiosk.resources import demo_catalog_dir
from tests.kiosk.cli.test_catalog_commands import run

NOW = datetime(2026, 11, 27, 17, tzinfo=UTC)
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("report-data")
    log = ContactLog.in_data_dir(data_dir)
    catalog = load_catalog(demo_catalog_dir())
    assert seed_demo(log, catalog, 2000, 60, 5, site="main", desk="d1", now=NOW) == 2000
    log.close()
    return data_dir


def make_pdf(
    capsys: pytest.CaptureFixture[str], data_dir: Path, target: Path, *extra: str
) -> tuple[int, str, str]:
    return run(
        capsys, "--data-dir", str(data_dir), *extra, "report", "--format", "pdf",
        "--month", "2026-11", "-o", str(target),
    )  # fmt: skip


def pdf_text(data: bytes) -> tuple[int, str]:
    document = pypdfium2.PdfDocument(data)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    return len(document), text


def test_the_monthly_pdf_holds_the_same_figures_as_the_report(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    target = tmp_path / "november.pdf"
    code, out, err = make_pdf(capsys, seeded, target)
    assert (code, err) == (0, "")
    assert out.startswith("wrote the report, 2026-11-01 to 2026-11-30")
    pages, text = pdf_text(target.read_bytes())
    log = ContactLog.in_data_dir(seeded)
    expected = build_report(log, NOVEMBER, load_config(None, {"data_dir": seeded}))
    log.close()
    assert 1 <= pages <= 3
    assert f"Total contacts: {expected.total:,}" in text
    assert expected.total > 500
    top = next(iter(expected.by["service"]))
    assert load_catalog(demo_catalog_dir()).services[top].title in text
    assert "November 2026" in text
    assert f"Page 1 of {pages}" in text
    assert "Not estimated: the council has not set its own unit costs" in text
    assert "an estimate" not in text
    assert not list(tmp_path.glob(".*partial"))


def test_the_saving_is_estimated_only_from_the_councils_own_costs(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("cost_face_to_face = 8.75\ncost_web = 0.42\n", encoding="utf-8")
    target = tmp_path / "november.pdf"
    code, _, err = make_pdf(capsys, seeded, target, "--config", str(config))
    assert (code, err) == (0, "")
    _, text = pdf_text(target.read_bytes())
    assert "(an estimate, not a measured figure)" in text
    assert "face-to-face £8.75" in text
    assert "web £0.42" in text
    assert "Not estimated" not in text


def test_only_the_embedded_fonts_are_used_and_never_italic(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    target = tmp_path / "november.pdf"
    assert make_pdf(capsys, seeded, target)[0] == 0
    fonts = set(re.findall(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([A-Za-z0-9-]+)", target.read_bytes()))
    # KioskSans and KioskSans-Bold are DejaVu Sans, embedded under the face's own name
    assert fonts == {b"DejaVuSans", b"DejaVuSans-Bold"}


def test_an_existing_file_is_kept_unless_forced(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    target = tmp_path / "november.pdf"
    target.write_bytes(b"keep me")
    code, _, err = make_pdf(capsys, seeded, target)
    assert (code, err) == (1, f"error: {target} already exists; use --force to replace it\n")
    assert target.read_bytes() == b"keep me"
    code, _, err = run(
        capsys, "--data-dir", str(seeded), "report", "--format", "pdf", "--from", "2026-11-02",
        "--to", "2026-11-06", "-o", str(target), "--force",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2026-13"], "error: --month: '2026-13' is not a month like 2026-11\n"),
        (["--month", "nov"], "error: --month: 'nov' is not a month like 2026-11\n"),
        (
            ["--month", "2026-11", "--from", "2026-11-01"],
            "error: --month cannot be used with --from or --to\n",
        ),
        (
            ["--format", "pdf"],
            "error: -o/--output is needed with --format pdf, and only with it\n",
        ),
    ],
)
def test_a_bad_request_gives_one_clear_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "--data-dir", str(data_dir), "report", *args)
    assert (code, out, err) == (1, "", message)


def test_text_and_json_are_unchanged_and_take_a_month(
    capsys: pytest.CaptureFixture[str], seeded: Path
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(seeded), "report", "--month", "2026-11")
    assert code == 0
    assert out.startswith("Assisted-digital contacts, 2026-11-01 to 2026-11-30: ")


def test_a_whole_month_is_named_and_december_ends_on_the_31st(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    assert period_label(NOVEMBER) == "November 2026"
    assert period_label(Period(date(2026, 11, 2), date(2026, 11, 6))) == (
        "2 November 2026 to 6 November 2026"
    )
    target = tmp_path / "december.pdf"
    code, out, _ = run(
        capsys, "--data-dir", str(seeded), "report", "--format", "pdf", "--month", "2026-12",
        "-o", str(target),
    )  # fmt: skip
    assert (code, out.strip()) == (0, f"wrote the report, 2026-12-01 to 2026-12-31, to {target}")
    document = pypdfium2.PdfDocument(target.read_bytes())
    assert "Total contacts: 0" in document[0].get_textpage().get_text_range()
    document[0].render(scale=1.5).to_pil().save(tmp_path / "empty-p1.png")
