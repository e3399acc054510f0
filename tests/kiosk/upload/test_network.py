"""Certificates are always checked; a council CA can be trusted; proxies are honoured."""

import base64
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from kiosk.contacts.store import ContactLog
from kiosk.upload.transport import HttpTransport
from kiosk.upload.uploader import Settings, Uploader
from tests.kiosk.contacts.helpers import contact
from tests.kiosk.upload.proxy import ConnectProxy
from tests.upload_receiver import Receiver

SETTINGS = Settings("main-office", "desk-1", 10, backoff_base=0.01, backoff_cap=0.05)


@pytest.fixture
def council_ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls_receiver(council_ca: trustme.CA) -> Iterator[Receiver]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    council_ca.issue_cert("127.0.0.1").configure_cert(context)
    with Receiver(tls=context) as running:
        yield running


@pytest.fixture
def log(data_dir: Path) -> ContactLog:
    log = ContactLog.in_data_dir(data_dir)
    log.record_many([contact() for _ in range(3)])
    return log


def test_an_untrusted_certificate_is_refused_and_nothing_is_lost(
    log: ContactLog, tls_receiver: Receiver
) -> None:
    report = Uploader(log, HttpTransport(tls_receiver.url, None, 2), SETTINGS).run_once()
    assert report.exit_code == 2
    assert "certificate was not trusted" in report.problems[0]
    assert tls_receiver.contacts == {}


def test_the_councils_own_ca_can_be_trusted(
    log: ContactLog, tls_receiver: Receiver, council_ca: trustme.CA, tmp_path: Path
) -> None:
    bundle = tmp_path / "council-ca.pem"
    council_ca.cert_pem.write_to_path(str(bundle))
    transport = HttpTransport(tls_receiver.url, None, 2, ca_bundle=bundle)
    assert Uploader(log, transport, SETTINGS).run_once().accepted == 3


def test_proxy_settings_from_the_environment_are_honoured(
    log: ContactLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Receiver() as receiver:
        monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")  # nothing listens there
        monkeypatch.setenv("no_proxy", "")
        report = Uploader(log, HttpTransport(receiver.url, None, 2), SETTINGS).run_once()
        assert report.exit_code == 2  # it went to the (dead) proxy
        assert receiver.requests == 0
        monkeypatch.setenv("no_proxy", "127.0.0.1")
        assert (
            Uploader(log, HttpTransport(receiver.url, None, 2), SETTINGS).run_once().accepted == 3
        )


def test_https_goes_through_the_proxys_tunnel_one_tunnel_for_the_round(
    log: ContactLog,
    tls_receiver: Receiver,
    council_ca: trustme.CA,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    log.record_many([contact() for _ in range(20)])
    bundle = tmp_path / "council-ca.pem"
    council_ca.cert_pem.write_to_path(str(bundle))
    with ConnectProxy() as proxy:
        monkeypatch.setenv("https_proxy", proxy.url.replace("//", "//kiosk:pa%20ss@"))
        monkeypatch.setenv("no_proxy", "")
        transport = HttpTransport(tls_receiver.url, None, 2, ca_bundle=bundle)
        report = Uploader(log, transport, SETTINGS).run_once()
    assert (report.accepted, report.requests) == (23, 3)
    [(line, headers)] = proxy.requests
    assert line.startswith(f"CONNECT 127.0.0.1:{tls_receiver.port} HTTP/1.")
    assert headers["proxy-authorization"] == "Basic " + base64.b64encode(b"kiosk:pa ss").decode()
    assert tls_receiver.connections == 1


def test_plain_http_through_a_proxy_asks_it_for_the_whole_address(
    log: ContactLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Receiver() as receiver, ConnectProxy() as proxy:
        monkeypatch.setenv("http_proxy", proxy.url)
        monkeypatch.setenv("no_proxy", "")
        report = Uploader(log, HttpTransport(receiver.url, None, 2), SETTINGS).run_once()
        assert report.exit_code == 2  # the proxy answered 502: try again later
        [(line, _)] = proxy.requests
        assert line == f"POST {receiver.url} HTTP/1.1"
        assert receiver.requests == 0
