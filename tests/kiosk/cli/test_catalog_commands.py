import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli.main import main
from tests.catalog_builder import CatalogBuilder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as done:
        code = int(done.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("catalog", "run"):
        assert f"  {command} " in out
    code, out, _ = run(capsys, "catalog", "--help")
    assert all(f"  {c} " in out for c in ("check", "list", "search"))


def test_check_of_a_good_catalog_exits_0(
    capsys: pytest.CaptureFixture[str], builder: CatalogBuilder
) -> None:
    code, out, err = run(capsys, "catalog", "check", str(builder.write()))
    assert code == 0
    assert "3 services, 0 error(s), 2 warning(s)" in out
    assert "missed-bin.toml: translations: warning: no 'cy' translation" in out
    assert err == ""


def test_check_of_a_bad_catalog_lists_problems_and_exits_1(
    capsys: pytest.CaptureFixture[str], builder: CatalogBuilder
) -> None:
    builder.services["bin-day"]["url"] = "http://www.example.org/bins"
    builder.services["missed-bin"]["steps"] = []
    code, out, err = run(capsys, "catalog", "check", str(builder.write()))
    assert code == 1
    assert "bin-day.toml: url: unsafe link: must start with https://" in out
    assert "missed-bin.toml: steps: has 0 item(s); needs at least 3" in out
    assert "2 error(s)" in err


def test_list_and_search_use_the_configured_catalog(
    capsys: pytest.CaptureFixture[str], builder: CatalogBuilder, data_dir: Path
) -> None:
    base = ["--catalog", str(builder.write()), "--data-dir", str(data_dir)]
    code, out, _ = run(capsys, *base, "catalog", "list")
    assert code == 0
    assert out.index("Roads and parking:") < out.index("Bins and recycling:")
    assert "parking-permit" in out
    code, out, _ = run(capsys, *base, "catalog", "list", "--lang", "cy")
    assert "Gwirio diwrnod casglu biniau" in out
    code, out, _ = run(capsys, *base, "catalog", "search", "recyclng")
    assert code == 0
    assert out.split()[0] == "bin-day"
    code, _, err = run(capsys, *base, "catalog", "search", "zzzz")
    assert (code, err.strip()) == (1, "no services match 'zzzz'")


def test_bad_catalog_falls_back_with_a_warning(
    capsys: pytest.CaptureFixture[str], builder: CatalogBuilder, data_dir: Path
) -> None:
    base = ["--catalog", str(builder.write()), "--data-dir", str(data_dir)]
    run(capsys, *base, "catalog", "list")
    builder.services["bin-day"]["category"] = "nowhere"
    builder.write()
    code, out, err = run(capsys, *base, "catalog", "list")
    assert code == 0
    assert "has 1 error(s); using the last good catalog" in err
    assert "bin-day" in out


def test_config_error_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("colour = 1\n")
    code, _, err = run(capsys, "--config", str(bad), "catalog", "list")
    assert code == 1
    assert err.count("\n") == 1
    assert err.startswith(f"error: {bad}: unknown setting 'colour'")


def test_no_traceback_reaches_the_user_but_debug_shows_it(
    builder: CatalogBuilder, tmp_path: Path
) -> None:
    builder.services["bin-day"]["lgsl"] = 0
    args = ["--catalog", str(builder.write()), "--data-dir", str(tmp_path / "d"), "catalog"]
    plain = _kiosk(*args, "list")
    assert plain.returncode == 1
    assert "Traceback" not in plain.stderr
    assert "no last good catalog to fall back on" in plain.stderr
    debug = _kiosk("--debug", *args, "list")
    assert debug.returncode == 1
    assert "Traceback" in debug.stderr


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.startswith("kiosk, version ")


def _kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, check=False
    )
