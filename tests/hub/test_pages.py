"""The hub's pages, through a real uvicorn: sign-in, CSRF, roles, escaping, headers, figures
and downloads. The contacts are stored by the hub's own ingest code, as the receiver does, or
uploaded by the real ``kiosk upload``.

Still to come (issue 15): the same walk in a real browser, Debian's chromium and
chromium-driver driven by Selenium, with a screenshot of each page for docs/screenshots/.
"""

import csv
import io
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest
from markupsafe import escape
from sqlalchemy import Engine, insert, update

import kiosk
from kiosk.config import Config
from kiosk.contacts.period import Period
from kiosk.contacts.report import Report
from kiosk.contacts.store import ContactLog
from kiosk.hub.charts import bar_chart
from kiosk.hub.database import open_engine
from kiosk.hub.figures import hub_report
from kiosk.hub.figures_view import breakdowns
from kiosk.hub.ingest import store_contacts
from kiosk.hub.kiosks import add_kiosk, kiosk_for_token
from kiosk.hub.people import add_person
from kiosk.hub.security import FAILED_SIGN_IN_DELAY_S
from kiosk.hub.tables import daily_counts, kiosks
from tests.hub.hub_rows import hub_row
from tests.hub.serving import serve_hub
from tests.kiosk.contacts.helpers import contact as kiosk_contact

KIOSK = Path(sys.executable).with_name("kiosk")
ADMIN, VIEWER = "ada", "vic"
PASSWORD = "correct horse battery staple"
COSTS = Config(cost_face_to_face=8.62, cost_web=0.15, cost_phone=2.83)
NOVEMBER = {"period": "dates", "from": "2026-11-01", "to": "2026-11-30"}
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</title><script>alert(2)</script>",
    "<svg onload=alert(3)>",
]


@dataclass
class Hub:
    url: str
    engine: Engine
    clients: list[httpx.Client] = field(default_factory=list)

    def client(self, **options: Any) -> httpx.Client:
        """A browser of its own (closed when the test ends)."""
        made = httpx.Client(base_url=self.url, follow_redirects=False, timeout=20, **options)
        self.clients.append(made)
        return made

    def signed_in(self, name: str) -> httpx.Client:
        client = self.client()
        answer = sign_in(client, name, PASSWORD)
        assert answer.status_code == 303, answer.text
        return client


@pytest.fixture
def hub(hub_engine: Engine) -> Iterator[Hub]:
    with hub_engine.begin() as connection:
        add_person(connection, ADMIN, "admin", PASSWORD)
        add_person(connection, VIEWER, "viewer", PASSWORD)
    with serve_hub(hub_engine, config=COSTS) as url:
        served = Hub(url, hub_engine)
        yield served
        for client in served.clients:
            client.close()


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "the page has no CSRF token"
    return found.group(1)


def sign_in(client: httpx.Client, name: str, password: str) -> httpx.Response:
    token = csrf_of(client.get("/sign-in").text)
    return client.post("/sign-in", data={"csrf": token, "name": name, "password": password})


def post(client: httpx.Client, path: str, data: dict[str, str]) -> httpx.Response:
    """A form sent as the page that shows it would send it."""
    token = csrf_of(client.get("/kiosks").text)
    return client.post(path, data={"csrf": token, **data})


# Signing in


@pytest.mark.parametrize("path", ["/", "/kiosks", "/people", "/export.csv", "/export.xlsx"])
def test_a_signed_out_visitor_is_sent_to_sign_in(hub: Hub, path: str) -> None:
    answer = hub.client().get(path)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/sign-in"


def test_the_right_password_signs_in_with_a_fresh_session(hub: Hub) -> None:
    client = hub.client()
    before = csrf_of(client.get("/sign-in").text)
    cookie_before = client.cookies["hub_session"]
    answer = client.post("/sign-in", data={"csrf": before, "name": ADMIN, "password": PASSWORD})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/"
    assert client.cookies["hub_session"] != cookie_before
    page = client.get("/")
    assert page.status_code == 200
    assert f"Signed in as {ADMIN}" in page.text
    assert "Demo:" not in page.text  # a real hub's figures are never called a demo
    assert csrf_of(page.text) != before  # the session's token is new too
    old = hub.client(cookies=httpx.Cookies({"hub_session": cookie_before}))
    assert old.get("/").status_code == 303  # the session from before sign-in has nothing


@pytest.mark.parametrize(
    ("name", "password"),
    [
        (ADMIN, "not the password at all"),
        (ADMIN, ""),
        (ADMIN, PASSWORD.upper()),
        ("nobody-here", PASSWORD),
        ("<b>x</b>", PASSWORD),
        ("x" * 5000, PASSWORD),
        (ADMIN, "y" * 5000),
    ],
)
def test_a_wrong_password_and_an_unknown_name_get_the_same_answer(
    hub: Hub, name: str, password: str
) -> None:
    client = hub.client()
    answer = sign_in(client, name, password)
    assert answer.status_code == 200
    assert "The name or password is not right" in answer.text
    assert "cannot sign in for now" not in answer.text
    assert client.get("/").status_code == 303
    assert "<b>x</b>" not in answer.text


@pytest.mark.parametrize("then", [PASSWORD, "still the wrong one"])
def test_five_wrong_passwords_lock_the_name_whatever_comes_next(hub: Hub, then: str) -> None:
    client = hub.client()
    for _ in range(5):
        sign_in(client, VIEWER, "a wrong password, again")
    answer = sign_in(client, VIEWER, then)
    assert "cannot sign in for now" in answer.text
    assert "Try again in 15 minutes" in answer.text
    assert "not right" not in answer.text  # it does not say whether this one was right
    assert client.get("/").status_code == 303
    assert sign_in(hub.client(), ADMIN, PASSWORD).status_code == 303  # others still can


def test_sign_out_ends_the_session(hub: Hub) -> None:
    client = hub.signed_in(VIEWER)
    token = csrf_of(client.get("/").text)
    assert client.post("/sign-out", data={"csrf": token}).headers["location"] == "/sign-in"
    assert client.get("/").status_code == 303


def test_someone_removed_loses_their_session_at_once(hub: Hub) -> None:
    viewer = hub.signed_in(VIEWER)
    admin = hub.signed_in(ADMIN)
    assert post(admin, "/people/remove", {"name": VIEWER}).status_code == 303
    assert viewer.get("/").status_code == 303
    assert sign_in(hub.client(), VIEWER, PASSWORD).status_code == 200


# CSRF

FORMS = [
    ("/sign-in", {"name": ADMIN, "password": PASSWORD}),
    ("/sign-out", {}),
    ("/kiosks/add", {"site": "library-west", "desk": "desk-1"}),
    ("/kiosks/revoke", {"site": "civic-centre", "desk": "desk-1"}),
    ("/people/add", {"name": "mallory", "role": "admin", "password": PASSWORD}),
    ("/people/remove", {"name": VIEWER}),
]


@pytest.mark.parametrize(("path", "data"), FORMS)
@pytest.mark.parametrize("token", [None, "", "wrong-token", "other-session", "x" * 10_000])
def test_a_form_without_its_token_is_refused_and_does_nothing(
    hub: Hub, path: str, data: dict[str, str], token: str | None
) -> None:
    with hub.engine.begin() as connection:
        add_kiosk(connection, "civic-centre", "desk-1")
    client = hub.signed_in(ADMIN)
    if token == "other-session":
        token = csrf_of(hub.signed_in(ADMIN).get("/").text)
    sent = data if token is None else {**data, "csrf": token}
    answer = client.post(path, data=sent)
    assert answer.status_code == 403
    assert "nothing was done" in answer.text
    page = client.get("/people").text
    assert "mallory" not in page
    assert VIEWER in page
    kiosk_page = client.get("/kiosks").text
    assert "library-west" not in kiosk_page
    assert "Revoked" not in kiosk_page
    assert client.get("/").status_code == 200  # still signed in: sign-out was refused too


# Roles


@pytest.mark.parametrize(("path", "data"), FORMS[2:])
def test_a_viewer_cannot_manage_kiosks_or_people(
    hub: Hub, path: str, data: dict[str, str]
) -> None:
    with hub.engine.begin() as connection:
        add_kiosk(connection, "civic-centre", "desk-1")
    viewer = hub.signed_in(VIEWER)
    assert post(viewer, path, data).status_code == 403
    assert viewer.get("/people").status_code == 403
    page = viewer.get("/kiosks").text
    assert "Add a kiosk" not in page
    assert "/kiosks/revoke" not in page
    assert 'href="/people"' not in page
    assert "Revoked" not in page
    admin_page = hub.signed_in(ADMIN).get("/people").text
    assert "mallory" not in admin_page
    assert VIEWER in admin_page


def test_an_admin_adds_a_kiosk_and_sees_its_token_once(hub: Hub) -> None:
    admin = hub.signed_in(ADMIN)
    answer = post(admin, "/kiosks/add", {"site": "library-west", "desk": "desk-1"})
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    token = re.search(r'<code class="token" id="token">([^<]+)</code>', answer.text)
    assert token
    with hub.engine.connect() as connection:
        held = kiosk_for_token(connection, token.group(1))
    assert held is not None
    assert (held.site, held.desk) == ("library-west", "desk-1")
    listing = admin.get("/kiosks").text
    assert "library-west/desk-1" in listing
    assert token.group(1) not in listing
    again = post(admin, "/kiosks/add", {"site": "library-west", "desk": "desk-1"})
    assert again.status_code == 400
    assert "already has a token" in again.text
    assert (
        post(admin, "/kiosks/revoke", {"site": "library-west", "desk": "desk-1"}).status_code
        == 303
    )
    with hub.engine.connect() as connection:
        assert kiosk_for_token(connection, token.group(1)) is None
    assert "token no longer works" in admin.get("/kiosks").text


def test_an_admin_adds_and_removes_a_person(hub: Hub) -> None:
    admin = hub.signed_in(ADMIN)
    data = {"name": "val", "role": "viewer", "password": PASSWORD}
    assert post(admin, "/people/add", data).status_code == 303
    assert "val can sign in now, as viewer" in admin.get("/people").text
    assert sign_in(hub.client(), "val", PASSWORD).status_code == 303
    short = post(admin, "/people/add", {**data, "name": "vera", "password": "short"})
    assert short.status_code == 400
    assert "at least 12 characters" in short.text
    assert post(admin, "/people/remove", {"name": "val"}).status_code == 303
    assert sign_in(hub.client(), "val", PASSWORD).status_code == 200
    assert post(admin, "/people/remove", {"name": ADMIN}).status_code == 303
    assert "cannot remove yourself" in admin.get("/people").text


# What every page shows


def _signed_in_pages(hub: Hub) -> list[httpx.Response]:
    admin = hub.signed_in(ADMIN)
    viewer = hub.signed_in(VIEWER)
    return [
        hub.client().get("/sign-in"),
        admin.get("/"),
        admin.get("/", params=NOVEMBER),
        admin.get("/", params={"period": "dates", "from": "2026-13-01", "to": "x"}),
        admin.get("/kiosks"),
        admin.get("/people"),
        post(admin, "/kiosks/add", {"site": "library-west", "desk": "desk-9"}),
        viewer.get("/people"),
        viewer.get("/kiosks"),
        admin.post("/people/add", data={}),
    ]


def test_security_headers_are_on_every_answer(hub: Hub) -> None:
    admin = hub.signed_in(ADMIN)
    answers = [
        *_signed_in_pages(hub),
        admin.get("/export.csv", params=NOVEMBER),
        admin.get("/no-such-page"),
        hub.client().get("/static/hub.css"),
        hub.client().post("/v1/contacts", content=b"{}"),
    ]
    for answer in answers:
        where = f"{answer.request.method} {answer.request.url.path}"
        headers = answer.headers
        policy = headers["content-security-policy"]
        assert "default-src 'none'" in policy, where
        assert "frame-ancestors 'none'" in policy, where
        assert "script-src" not in policy, where  # no script is allowed at all
        assert headers["x-content-type-options"] == "nosniff", where
        assert headers["referrer-policy"] == "no-referrer", where
        assert headers["x-frame-options"] == "DENY", where
        if answer.request.url.path != "/static/hub.css":
            assert headers["cache-control"] == "no-store", where
    css = hub.client().get("/static/hub.css")
    assert css.status_code == 200
    assert "http" not in css.text.replace("https://", "").lower() or "url(" not in css.text


def test_the_session_cookie_is_http_only_and_same_site_strict(hub: Hub) -> None:
    answer = hub.client().get("/sign-in")
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=strict" in cookie


class _Structure(HTMLParser):
    """What a screen reader and a keyboard need from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.headings: list[int] = []
        self.labels: set[str] = set()
        self.fields: list[str] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.scripts = 0
        self.styles = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if "style" in found:
            self.styles += 1
        if tag == "html":
            self.lang = found.get("lang")
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "label":
            self.labels.add(str(found.get("for")))
        elif tag in ("input", "select", "textarea") and found.get("type") != "hidden":
            self.fields.append(str(found.get("id")))
        elif tag == "a":
            self.links.append(str(found.get("href")))
        elif tag in ("script", "style"):
            self.scripts += 1


def test_every_page_has_a_language_a_skip_link_labels_and_headings_in_order(hub: Hub) -> None:
    _store(hub, _november_contacts())
    for answer in _signed_in_pages(hub):
        where = f"{answer.request.method} {answer.request.url}"
        page = _Structure()
        page.feed(answer.text)
        assert page.lang == "en-GB", where
        assert page.links[0] == "#content", where
        assert 'id="content"' in answer.text, where
        assert page.headings[0] == 1, where
        assert page.headings.count(1) == 1, where
        steps = zip(page.headings, page.headings[1:], strict=False)
        assert all(b <= a + 1 for a, b in steps), (where, page.headings)
        assert all(f in page.labels for f in page.fields), (where, page.fields, page.labels)
        assert len(page.ids) == len(set(page.ids)), where
        assert page.scripts == 0, where
        assert page.styles == 0, where  # the policy would refuse inline style


@pytest.mark.parametrize("hostile", HOSTILE)
def test_what_a_kiosk_or_a_person_says_is_shown_as_text(hub: Hub, hostile: str) -> None:
    with hub.engine.begin() as connection:
        add_kiosk(connection, "civic-centre", "desk-1")
        status = {"app_version": hostile, "printer": hostile, "catalog_version": hostile}
        connection.execute(update(kiosks).values(status=status))
        add_person(connection, f"<b>{hostile}", "viewer", PASSWORD)
    admin = hub.signed_in(ADMIN)
    pages = [
        admin.get("/kiosks"),
        admin.get("/people"),
        post(admin, "/kiosks/add", {"site": hostile, "desk": hostile}),
        post(admin, "/people/add", {"name": hostile, "role": hostile, "password": "x"}),
        admin.get("/", params={"site": hostile, "period": hostile, "from": hostile}),
        admin.get("/export.csv", params={"site": hostile}),
    ]
    post(admin, "/kiosks/revoke", {"site": hostile, "desk": "desk-1"})
    pages.append(admin.get("/kiosks"))  # the flash: "no kiosk <script>..."
    for answer in pages:
        assert hostile not in answer.text, answer.request.url
        assert "<b>" not in answer.text, answer.request.url
    assert str(escape(hostile)) in pages[0].text


def test_a_long_breakdown_charts_its_first_twenty_and_tables_them_all() -> None:
    rows = [(f"service-{n:02}", 100 - n) for n in range(30)]
    chart = str(bar_chart("Contacts by service", rows, "c-2"))
    assert chart.count("<rect") == 20
    assert "(the first 20 of 30; every one is in the table)" in chart
    report = Report(
        period="2026-11-01 to 2026-11-30",
        total=sum(n for _, n in rows),
        by={"service": dict(rows), "day": {"2026-11-02": 7}, "mystery_dimension": {"x": 1}},
        completed_during_visit=0,
        saved_by_idle_reset=0,
        answered_next_time=0,
        online_next_time=0,
        saving=None,
    )
    shown = breakdowns(report, {"site": {"a": 1}}, {"service-00": "Pay & <b>go</b>"})
    assert [b.key for b in shown] == ["site", "service", "day", "mystery_dimension"]
    assert len(shown[1].rows) == 30
    assert shown[1].rows[0].label == "Pay & <b>go</b>"  # escaped where it is shown
    assert "Pay &amp; &lt;b&gt;go&lt;/b&gt;" in str(shown[1].chart)
    assert shown[2].rows[0].label == "Mon 2 Nov 2026"
    assert shown[3].heading == "Contacts by mystery dimension"


def test_a_chart_escapes_its_labels_and_says_what_it_is() -> None:
    chart = str(bar_chart("By <site>", [("<script>x</script>", 3), ("ok", 1)], "c-1"))
    assert "<script>" not in chart
    assert "&lt;script&gt;" in chart
    assert 'role="img"' in chart
    assert '<title id="c-1-title">By &lt;site&gt;</title>' in chart
    assert "style=" not in chart


# The kiosks page


def test_a_silent_kiosk_and_one_on_another_catalog_stand_out_in_words(hub: Hub) -> None:
    with hub.engine.begin() as connection:
        for site in ("civic-centre", "library-east", "library-west", "one-stop"):
            add_kiosk(connection, site, "desk-1")
        recent = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 600))
        old = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 3.5 * 86400))
        rows = {
            "civic-centre": (recent, "cat-a", "ready"),
            "library-east": (recent, "cat-a", "out of paper"),
            "library-west": (old, "cat-a", "ready"),
            "one-stop": (recent, "cat-b", "ready"),
        }
        for site, (last, catalog, printer) in rows.items():
            status = {"app_version": "0.1.0", "catalog_version": catalog, "printer": printer}
            connection.execute(
                update(kiosks)
                .where(kiosks.c.site == site)
                .values(last_upload_at=last, status=status)
            )
        add_kiosk(connection, "town-hall", "desk-1")
        add_kiosk(connection, "new-site", "desk-1")
        long_ago = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 2 * 86400))
        connection.execute(
            update(kiosks).where(kiosks.c.site == "town-hall").values(added_at=long_ago)
        )
    _store(hub, _november_contacts())
    page = hub.signed_in(VIEWER).get("/kiosks").text
    rows_html = {site: _row(page, f"{site}/desk-1") for site in [*rows, "town-hall", "new-site"]}
    assert "Silent 3 days" in rows_html["library-west"]
    assert "Catalog differs from most kiosks" in rows_html["one-stop"]
    assert "Never uploaded" in rows_html["town-hall"]
    assert "Waiting for its first upload" in rows_html["new-site"]  # added just now
    assert "tag-warning" not in rows_html["new-site"]
    assert "out of paper" in rows_html["library-east"]
    for site in ("civic-centre", "library-east"):
        assert "Uploading" in rows_html[site]
        assert "tag-warning" not in rows_html[site]
    assert re.search(r'class="number">3<', rows_html["civic-centre"])  # contacts held
    assert re.search(r'class="number">2<', rows_html["library-east"])


def _row(page: str, kiosk: str) -> str:
    found = re.search(
        rf"<tr[^>]*>\s*<th scope=\"row\">{re.escape(kiosk)}</th>.*?</tr>", page, re.S
    )
    assert found, kiosk
    return found.group(0)


# The figures and the downloads


def _november_contacts() -> list[dict[str, Any]]:
    return [
        hub_row(next_time_online="yes", barriers=("skills",)),
        hub_row(outcome="started", next_time_online="with_help", desk="desk-1"),
        hub_row(outcome="started", next_time_online="no", staff="CD"),
        hub_row(site="library-east", next_time_online="unsure", barriers=("access", "trust")),
        hub_row(site="library-east", recorded_at="2026-11-03T09:00:00Z", language="cy"),
    ]


def _store(hub: Hub, rows: list[dict[str, Any]]) -> None:
    with hub.engine.begin() as connection:
        store_contacts(connection, rows, "2026-11-28T00:00:00Z")


def _cells(page: str, heading_id: str) -> dict[str, str]:
    """A breakdown's table as label -> contacts."""
    section = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', page, re.S)
    assert section, heading_id
    rows = re.findall(
        r'<tr><th scope="row">(.*?)(?: <span class="code">.*?</span>)?</th>\s*'
        r'<td class="number">([\d,]+)</td>',
        section.group(0),
        re.S,
    )
    return dict(rows)


def test_the_figures_page_shows_the_numbers_of_the_contacts(hub: Hub) -> None:
    _store(hub, _november_contacts())
    page = hub.signed_in(VIEWER).get("/", params=NOVEMBER)
    assert page.status_code == 200
    text = page.text
    assert "November 2026, every site" in text
    assert "<dd>5</dd>" in text
    assert "3 (60.0% of contacts)" in text  # completed during the visit
    assert "2 (50.0% of the 4 who answered)" in text  # could go online next time
    assert "£16.94" in text  # 2 x (8.62 - 0.15)
    assert _cells(text, "site-heading") == {"civic-centre": "3", "library-east": "2"}
    assert _cells(text, "desk-heading") == {"civic-centre/desk-1": "3", "library-east/desk-1": "2"}
    assert _cells(text, "outcome-heading") == {"Completed": "3", "Started": "2"}
    assert _cells(text, "barrier-heading") == {"Access": "1", "Skills": "1", "Trust": "1"}
    assert _cells(text, "staff-heading") == {"AB": "4", "CD": "1"}
    assert _cells(text, "language-heading") == {"English": "4", "Welsh": "1"}
    assert _cells(text, "day-heading") == {"Tue 3 Nov 2026": "1", "Fri 27 Nov 2026": "4"}
    assert _cells(text, "next_time_online-heading") == {
        "Yes, alone": "1", "Yes, with help": "1", "No": "1", "Unsure": "1", "Not asked": "1",
    }  # fmt: skip
    assert text.count('role="img"') == text.count("<table>")  # a table beside every chart
    with hub.engine.connect() as connection:
        report = hub_report(connection, Period(*_days()), COSTS)
    assert report.total == 5


def _days() -> tuple[Any, Any]:
    from datetime import date

    return date(2026, 11, 1), date(2026, 11, 30)


def test_the_figures_of_one_site(hub: Hub) -> None:
    _store(hub, _november_contacts())
    page = hub.signed_in(VIEWER).get("/", params={**NOVEMBER, "site": "library-east"}).text
    assert "November 2026, library-east" in page
    assert "<dd>2</dd>" in page
    assert 'aria-labelledby="site-heading"' not in page
    assert '<option value="library-east" selected>' in page


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"period": "dates", "from": "2026-11-30", "to": "2026-11-01"}, "before it starts"),
        ({"period": "dates", "from": "27/11/2026", "to": "2026-11-30"}, "not a date like"),
        ({"period": "dates", "from": "1999-01-01", "to": "2026-11-30"}, "outside the days"),
        ({"period": "dates"}, "Give both dates"),
        ({"period": "next-year"}, "Choose one of the periods"),
        ({"site": "no-such-site"}, "there is no kiosk at that one"),
        ({"site": "a b"}, "Choose a site"),
    ],
)
def test_a_period_or_site_that_cannot_be_is_said_plainly(
    hub: Hub, params: dict[str, str], problem: str
) -> None:
    answer = hub.signed_in(VIEWER).get("/", params=params)
    assert answer.status_code == 400
    assert "There is a problem" in answer.text
    assert problem in answer.text


@pytest.mark.parametrize("period", ["this-month", "last-month", "last-30-days"])
def test_every_period_choice_shows_figures(hub: Hub, period: str) -> None:
    answer = hub.signed_in(VIEWER).get("/", params={"period": period})
    assert answer.status_code == 200
    assert "Estimated saving" in answer.text


def test_the_csv_download_holds_the_chosen_contacts(hub: Hub) -> None:
    _store(hub, [*_november_contacts(), hub_row(recorded_at="2026-12-01T09:00:00Z")])
    answer = hub.signed_in(VIEWER).get("/export.csv", params={**NOVEMBER, "site": "civic-centre"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    disposition = answer.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert "contacts-civic-centre-2026-11-01-to-2026-11-30.csv" in disposition
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert len(rows) == 3
    assert {r["site"] for r in rows} == {"civic-centre"}
    assert sorted(r["outcome"] for r in rows) == ["completed", "started", "started"]


def test_the_xlsx_download_holds_the_chosen_contacts(hub: Hub, tmp_path: Path) -> None:
    _store(hub, _november_contacts())
    answer = hub.signed_in(VIEWER).get("/export.xlsx", params=NOVEMBER)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert answer.headers["content-disposition"].startswith("attachment;")
    path = tmp_path / "got.xlsx"
    path.write_bytes(answer.content)
    sheet = openpyxl.load_workbook(path, read_only=True).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 5
    header = list(rows[0])
    sites = sorted(str(row[header.index("site")]) for row in rows[1:])
    assert sites == ["civic-centre"] * 3 + ["library-east"] * 2


def test_a_download_for_a_period_that_cannot_be_says_so(hub: Hub) -> None:
    answer = hub.signed_in(VIEWER).get("/export.csv", params={"period": "dates", "from": "x"})
    assert answer.status_code == 400
    assert "There is a problem" in answer.text
    assert answer.headers["content-type"].startswith("text/html")


def test_what_a_real_kiosk_uploads_is_on_the_pages(hub: Hub, tmp_path: Path) -> None:
    """``kiosk upload`` (the real CLI) to this hub; its contacts and state appear."""
    folder, data = tmp_path / "kiosk", tmp_path / "kiosk" / "data"
    data.mkdir(parents=True)
    with hub.engine.begin() as connection:
        token = add_kiosk(connection, "main-office", "desk-1")
    (folder / "token").write_text(token + "\n", encoding="ascii")
    (folder / "config.toml").write_text(
        f'site = "main-office"\ndesk = "desk-1"\nupload_target = "{hub.url}/v1/contacts"\n'
        f'upload_token_file = "{folder / "token"}"\n',
        encoding="utf-8",
    )
    made = [kiosk_contact(outcome=o) for o in ("completed", "started", "completed")]
    made.append(kiosk_contact(outcome="completed", service_id="general", lgsl=None))
    ContactLog.in_data_dir(data).record_many(made)
    command = [str(KIOSK), "--config", str(folder / "config.toml"), "--data-dir", str(data)]
    uploaded = subprocess.run(
        [*command, "upload"], capture_output=True, text=True, timeout=120, check=False
    )
    assert uploaded.returncode == 0, uploaded.stderr
    viewer = hub.signed_in(VIEWER)
    kiosks_page = viewer.get("/kiosks").text
    row = _row(kiosks_page, "main-office/desk-1")
    assert "Uploading" in row
    assert re.search(r'class="number">4<', row)
    assert kiosk.__version__ in row
    assert "abc123def456" in row
    figures = viewer.get("/", params=NOVEMBER).text
    assert "<dd>4</dd>" in figures
    assert _cells(figures, "outcome-heading") == {"Completed": "3", "Started": "1"}
    services = _cells(figures, "service-heading")
    assert services["General enquiry"] == "1"
    assert sum(int(n) for n in services.values()) == 4


def test_a_database_that_does_not_answer_is_a_503_page_not_a_crash(tmp_path: Path) -> None:
    gone = open_engine(f"sqlite:///{tmp_path / 'no-such-folder' / 'hub.db'}")
    with (
        serve_hub(gone) as url,
        httpx.Client(base_url=url, timeout=20) as client,
    ):
        token = csrf_of(client.get("/sign-in").text)  # no database needed to show the form
        answer = client.post("/sign-in", data={"csrf": token, "name": ADMIN, "password": "x"})
    assert answer.status_code == 503
    assert answer.headers["retry-after"] == "30"
    assert "not answering for the moment" in answer.text
    assert answer.headers["x-frame-options"] == "DENY"
    gone.dispose()


@pytest.mark.parametrize("path", ["/sign-in", "/people/add", "/kiosks/add"])
def test_a_form_far_too_large_is_not_read(hub: Hub, path: str) -> None:
    admin = hub.signed_in(ADMIN)
    token = csrf_of(admin.get("/kiosks").text)
    answer = admin.post(path, data={"csrf": token, "name": "n" * 100_000, "site": "x"})
    assert answer.status_code == 413
    assert "Form too large" in answer.text
    assert "n" * 100 not in admin.get("/people").text


def test_handouts_and_referrals_are_shown_where_the_hub_counts_them(hub: Hub) -> None:
    _store(hub, _november_contacts())
    page = hub.signed_in(VIEWER).get("/", params=NOVEMBER).text
    assert "handout-heading" not in page  # not counted per day (yet): not shown as zero
    day = {"site": "civic-centre", "desk": "desk-1", "day": "2026-11-27"}
    counted = [("handout", "1", 2), ("handout", "0", 3), ("referral", "device_loan", 1)]
    with hub.engine.begin() as connection:
        for dimension, value, n in counted:
            connection.execute(
                insert(daily_counts).values(**day, dimension=dimension, value=value, n=n)
            )
    page = hub.signed_in(VIEWER).get("/", params=NOVEMBER).text
    assert _cells(page, "handout-heading") == {"No handout": "3", "Handout printed": "2"}
    assert _cells(page, "referral-heading") == {"Device loan": "1"}


def test_wrong_sign_ins_from_one_client_wait_their_turn(hub: Hub) -> None:
    def guess(number: int) -> httpx.Response:
        return sign_in(hub.client(), f"guess-{number}", "not a password anyone has")

    start = time.monotonic()
    with ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(guess, range(3)))
    assert all("not right" in a.text for a in answers)
    assert time.monotonic() - start >= 3 * FAILED_SIGN_IN_DELAY_S  # one at a time, each paused


def test_behind_https_the_sign_in_cookie_is_secure(tmp_path: Path) -> None:
    """``kiosk hub serve --https`` (the unit's way, behind a proxy's TLS): the browser is
    told to send the session cookie over https only."""
    from kiosk.hub.database import migrate, open_engine

    engine = open_engine(f"sqlite:///{tmp_path / 'hub.db'}")
    migrate(engine)
    try:
        with serve_hub(engine, "k" * 32, https_only=True) as url:
            answer = httpx.get(f"{url}/sign-in")
        cookie = answer.headers["set-cookie"].lower()
        assert "; secure" in cookie
        assert "httponly" in cookie
    finally:
        engine.dispose()
