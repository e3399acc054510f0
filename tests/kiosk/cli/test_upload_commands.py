from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.contacts.store import ContactLog
from tests.kiosk.cli.test_catalog_commands import run
from tests.kiosk.contacts.helpers import contact
from tests.upload_receiver import Receiver


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver(token="s3cret", strict=True) as running:
        yield running


@pytest.fixture
def base(data_dir: Path, tmp_path: Path) -> list[str]:
    ContactLog.in_data_dir(data_dir).record_many([contact() for _ in range(3)])
    token = tmp_path / "token"
    token.write_text("s3cret\n")
    return ["--data-dir", str(data_dir)], token  # type: ignore[return-value]


def test_upload_sends_everything_and_exits_0(
    capsys: pytest.CaptureFixture[str], base: tuple[list[str], Path], receiver: Receiver
) -> None:
    args, token = base
    code, out, _ = run(
        capsys, *args, "upload", "--target", receiver.url, "--token-file", str(token)
    )
    assert (code, out.strip()) == (0, "accepted 3, rejected 0, nothing left to send")
    code, out, _ = run(capsys, *args, "upload", "status")
    assert "pending: 0" in out
    assert "sent: 3" in out
    assert "last success: " in out


def test_upload_exits_2_when_contacts_wait_for_a_retry(
    capsys: pytest.CaptureFixture[str], base: tuple[list[str], Path], receiver: Receiver
) -> None:
    args, token = base
    receiver.force("503_retry_after")
    code, out, err = run(
        capsys, *args, "upload", "--target", receiver.url, "--token-file", str(token)
    )
    assert code == 2
    assert "warning: HTTP 503" in err
    assert "3 contact(s) left for later (1 batch(es) waiting to retry)" in out
    code, out, _ = run(capsys, *args, "upload", "status")
    assert "pending: 3" in out
    assert "last error: " in out
    assert "HTTP 503" in out


def test_refused_credentials_exit_1_and_never_show_the_token(
    capsys: pytest.CaptureFixture[str], base: tuple[list[str], Path], receiver: Receiver,
    tmp_path: Path,
) -> None:  # fmt: skip
    args, _ = base
    wrong = tmp_path / "wrong"
    wrong.write_text("not-the-token")
    code, out, err = run(
        capsys, *args, "upload", "--target", receiver.url, "--token-file", str(wrong)
    )
    assert code == 1
    assert "credentials were refused (HTTP 401)" in err
    assert "not-the-token" not in out + err
    code, out, _ = run(capsys, *args, "upload", "status")
    assert "not-the-token" not in out


def test_no_target_or_plain_http_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], base: tuple[list[str], Path]
) -> None:
    args, _ = base
    code, _, err = run(capsys, *args, "upload")
    assert (code, err) == (1, "error: no upload target: set upload_target in the config, or use "
                              "--target\n")  # fmt: skip
    code, _, err = run(capsys, *args, "upload", "--target", "http://central.example.org/in")
    assert code == 1
    assert "use https://" in err


def test_requeue_counts_what_goes_again(
    capsys: pytest.CaptureFixture[str], base: tuple[list[str], Path], receiver: Receiver
) -> None:
    args, token = base
    receiver.reject_if = lambda c: "unknown desk"
    run(capsys, *args, "upload", "--target", receiver.url, "--token-file", str(token))
    _, out, _ = run(capsys, *args, "upload", "status")
    assert "3 x unknown desk" in out
    _, out, _ = run(capsys, *args, "upload", "requeue")
    assert out.strip() == "requeued 3 rejected contact(s) and 0 held batch(es)"
