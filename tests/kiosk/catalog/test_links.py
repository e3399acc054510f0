import string
from urllib.parse import urlsplit

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kiosk.catalog.links import link_problem

ALLOWED = frozenset({"www.example.org", "forms.example.org"})


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.org/council-tax/pay",
        "https://www.example.org",
        "https://www.example.org:443/bins?ward=north#day",
        "https://forms.example.org/parking/permit?type=resident",
        "https://www.example.org/caf%C3%A9",
    ],
)
def test_council_links_are_safe(url: str) -> None:
    assert link_problem(url, ALLOWED) is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://www.example.org@evil.example/", "user information"),
        ("https://user:pw@www.example.org/", "user information"),
        ("https://www.example.org.evil.example/", "not in allowed_hosts"),
        ("https://evil.example/www.example.org", "not in allowed_hosts"),
        ("https://www.example.org./", "not in allowed_hosts"),
        ("https://WWW.Example.org/", "not in allowed_hosts"),
        ("https://xn--exmple-cua.org/", "punycode"),
        ("https://www.exämple.org/", "U+00E4"),
        ("javascript:alert(1)", "https://"),
        ("http://www.example.org/", "https://"),
        ("HTTPS://www.example.org/", "https://"),
        ("https:/www.example.org/", "https://"),
        ("https://www.example.org:8443/", "port other than 443"),
        ("https://www.example.org:/", "port other than 443"),
        ("https://93.184.215.14/", "IP address"),
        ("https://[::1]/", "IP address"),
        ("https://2130706433/", "IP address"),
        ("https://www.example.org%2f@evil.example/", "user information"),
        ("https://www.example%2eorg/", "percent-encoding"),
        ("https://www.example.org\\@evil.example/", "backslash"),
        ("https://www.example.org/ path", "white space"),
        ("https://www.example.org/\tx", "white space"),
        ("https://www.example.org\n.evil.example/", "white space"),
        ("https://www.example.org/\x00", "U+0000"),
        ("https://www.example.org/" + "a" * 480, "at most 500"),
    ],
)
def test_hostile_links_are_refused_with_a_reason(url: str, reason: str) -> None:
    problem = link_problem(url, ALLOWED)
    assert problem is not None
    assert reason in problem


def _safe_by_construction(url: str) -> bool:
    """An independent statement of what may pass: the allowed prefix, then a path or nothing."""
    for host in ALLOWED:
        for prefix in (f"https://{host}", f"https://{host}:443"):
            rest = url.removeprefix(prefix)
            if rest != url and (rest == "" or rest[0] in "/?#"):
                return all(c in string.printable and not c.isspace() and c != "\\" for c in rest)
    return False


HOSTILE_PIECES = [
    "https://",
    "http://",
    "javascript:",
    "www.example.org",
    "forms.example.org",
    "evil.example",
    "@",
    ":",
    ":443",
    ":80",
    "/",
    "//",
    "\\",
    ".",
    "%2e",
    "%2f",
    "%40",
    "xn--",
    "?",
    "#",
    " ",
    "\t",
    "\n",
    "\x00",
    "é",
    "\uff25",  # fullwidth E
    "WWW",
    "[::1]",
    "127.0.0.1",
    "0x7f.1",
    "a",
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(HOSTILE_PIECES), min_size=1, max_size=8).map("".join))
@example("https://www.example.org@evil.example")
@example("https://www.example.org.evil.example")
def test_no_hostile_composition_gets_through(url: str) -> None:
    if link_problem(url, ALLOWED) is None:
        assert _safe_by_construction(url), url
        assert urlsplit(url).hostname in ALLOWED


@settings(max_examples=2000, deadline=None)
@given(st.text(min_size=1, max_size=60))
def test_no_random_text_after_the_scheme_gets_through(tail: str) -> None:
    url = "https://" + tail
    if link_problem(url, ALLOWED) is None:
        assert _safe_by_construction(url), url
