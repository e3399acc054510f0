"""``kiosk handout --print`` and ``kiosk doctor --test-print`` against a real cupsd."""

from pathlib import Path

import pytest

from tests.cups_server import DEAD, PDF, CupsServer, cups_server, real_cups
from tests.kiosk.cli.test_catalog_commands import run
from tests.kiosk.handouts.pdf import read_pdf

__all__ = ["cups_server", "real_cups"]  # the fixtures

UNREACHABLE = f"The printer '{DEAD}' cannot be reached: check it is switched on and connected."


@pytest.fixture
def kiosk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    return tmp_path


def config(folder: Path, printer: str | None = None) -> str:
    path = folder / "config.toml"
    chosen = f'printer = "{printer}"\n' if printer else ""
    path.write_text(f"{chosen}print_deadline_s = 1.0\nupload_enabled = false\n")
    return str(path)


def test_handout_print_exits_0_once_the_default_printer_has_printed_it(
    capsys: pytest.CaptureFixture[str], kiosk: Path, real_cups: CupsServer
) -> None:
    code, out, err = run(capsys, "--config", config(kiosk), "handout", "report-pothole", "--print")
    made, sending, printed = out.splitlines()
    assert (code, err) == (0, "")
    assert made.startswith(f"{kiosk / 'data' / 'handouts' / 'report-pothole-en.pdf'}: 1 page")
    job_id = sending.removeprefix("Sent as job ").removesuffix("; waiting for it to print...")
    assert printed == f"The printer '{PDF}' printed the handout (job {job_id})."
    _, scans = read_pdf(real_cups.printed_pdf(job_id))
    assert [scan.text for scan in scans] == [made.rsplit("QR code opens ", 1)[1]]


def test_handout_print_exits_1_with_the_reason_when_it_did_not_print(
    capsys: pytest.CaptureFixture[str], kiosk: Path, real_cups: CupsServer
) -> None:
    output = kiosk / "handout.pdf"
    code, out, err = run(
        capsys, "--config", config(kiosk, DEAD), "handout", "report-pothole", "--print",
        "-o", str(output),
    )  # fmt: skip
    assert (code, err) == (1, f"error: Not printed: {UNREACHABLE}\n")
    assert output.is_file()  # the PDF is still there to save or show
    assert out.startswith(f"{output}: 1 page")
    assert real_cups.jobs(DEAD) == ""  # cancelled: it will not print later


def test_handout_without_a_file_or_print_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], kiosk: Path
) -> None:
    code, _, err = run(capsys, "handout", "report-pothole")
    assert code == 2
    assert "say where to write the handout (-o FILE), or --print it" in err


def test_doctor_test_print_reports_the_page_printed(
    capsys: pytest.CaptureFixture[str], kiosk: Path, real_cups: CupsServer
) -> None:
    code, out, _ = run(capsys, "--config", config(kiosk, PDF), "doctor", "--test-print")
    (line,) = [line for line in out.splitlines() if "Test print:" in line]
    assert line.startswith(f"[OK]   Test print: the printer '{PDF}' printed a test page (job ")
    job_id = line.rsplit("(job ", 1)[1].removesuffix(")")
    texts, _ = read_pdf(real_cups.printed_pdf(job_id))
    assert texts[0].startswith("Kiosk test page\r\nIf you can read this, handouts print here.")
    assert code == 0


def test_doctor_test_print_fails_with_the_reason(
    capsys: pytest.CaptureFixture[str], kiosk: Path, real_cups: CupsServer
) -> None:
    code, out, _ = run(capsys, "--config", config(kiosk, DEAD), "doctor", "--test-print")
    lines = out.splitlines()
    failed = lines.index(f"[FAIL] Test print: the test page did not print: {UNREACHABLE}")
    assert lines[failed + 1].startswith("       To fix: check that printer = ")
    assert code == 1


def test_doctor_prints_nothing_unless_asked(
    capsys: pytest.CaptureFixture[str], kiosk: Path, real_cups: CupsServer
) -> None:
    code, out, _ = run(capsys, "--config", config(kiosk, PDF), "doctor")
    assert "Test print" not in out
    assert real_cups.jobs(PDF, "all") == ""
    assert code == 0
