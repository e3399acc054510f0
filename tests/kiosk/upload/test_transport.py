from pathlib import Path

import pytest

from kiosk.errors import ConfigError
from kiosk.upload.transport import FolderTransport, HttpTransport, check_target, token_from


@pytest.mark.parametrize(
    "url",
    ["https://central.example.org/contacts", "http://127.0.0.1:8080/in", "http://localhost/x",
     "http://[::1]:9000/in"],
)  # fmt: skip
def test_https_or_loopback_http_is_allowed(url: str) -> None:
    check_target(url)


@pytest.mark.parametrize(
    "url", ["http://central.example.org/contacts", "ftp://example.org/", "http://10.0.0.5/in"]
)
def test_plain_http_elsewhere_is_refused(url: str) -> None:
    with pytest.raises(ConfigError, match="use https://"):
        check_target(url)


def test_the_token_comes_from_a_file_or_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "token"
    file.write_text("s3cret-token\n")
    assert token_from(file, None) == "s3cret-token"
    monkeypatch.setenv("KIOSK_TOKEN", "from-env")
    assert token_from(None, "KIOSK_TOKEN") == "from-env"
    assert token_from(None, None) is None


def test_token_problems_never_show_the_token(tmp_path: Path) -> None:
    empty = tmp_path / "token"
    empty.write_text("  \n")
    with pytest.raises(ConfigError, match="is empty"):
        token_from(empty, None)
    with pytest.raises(ConfigError, match="cannot read the upload token file"):
        token_from(tmp_path / "missing", None)


def test_the_transport_never_shows_its_token() -> None:
    transport = HttpTransport("https://central.example.org/in", "s3cret-token", 5)
    assert "s3cret" not in repr(transport)
    assert "s3cret" not in str(vars(transport).get("url"))


def test_a_missing_folder_target_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        FolderTransport((tmp_path / "share").as_uri())
