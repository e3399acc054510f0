"""Certificates the live view accepts although no authority it knows signed them: none in the
kiosk. The tests' local HTTPS site adds its own certificate here, and only the tests do."""

from PySide6.QtNetwork import QSslCertificate
from PySide6.QtWebEngineCore import QWebEngineCertificateError

_trusted_for_tests: set[bytes] = set()  # DER, exactly as the server presents it


def trust_for_tests(certificate_pem: bytes) -> None:
    """Accept this one certificate (the tests' site) despite its unknown authority."""
    _trusted_for_tests.add(QSslCertificate(certificate_pem).toDer().data())


def forget_test_certificates() -> None:
    _trusted_for_tests.clear()


def answer(error: QWebEngineCertificateError) -> None:
    """Refuse every certificate error, but for a certificate the tests set up themselves."""
    chain = error.certificateChain()
    if chain and chain[0].toDer().data() in _trusted_for_tests and error.isOverridable():
        error.acceptCertificate()
    else:
        error.rejectCertificate()
