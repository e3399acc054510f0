"""The figures page (GET /) and its downloads (GET /export.csv, /export.xlsx).

All three read the same query: ``period`` (this-month, last-month, last-30-days or dates,
with ``from`` and ``to``) and ``site`` (empty: every site), so a download holds exactly
what the page showed. Days are UTC days, as on the kiosk's own report.
"""

import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Literal

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, QueryParams
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Route

from kiosk.config import Config
from kiosk.contacts.codes import CODE
from kiosk.contacts.period import Period, parse_day, parse_month, period, period_label
from kiosk.errors import KioskError
from kiosk.hub.figures_view import breakdowns, totals
from kiosk.hub.page_counts import place_breakdowns
from kiosk.hub.rendering import Handler, SignedIn, engine_of, page, render

PERIODS = {
    "this-month": "This month",
    "last-month": "Last month",
    "last-30-days": "The last 30 days",
    "dates": "Between two dates",
}
DEFAULT_PERIOD = "last-30-days"
Format = Literal["csv", "xlsx"]
CONTENT_TYPES: dict[Format, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Choice:
    """What the visitor asked for, as typed (shown again in the form) and as understood."""

    period_key: str
    first: str
    last: str
    site: str
    period: Period | None
    problem: str | None

    def query(self) -> str:
        params = {"period": self.period_key, "site": self.site}
        if self.period_key == "dates":
            params |= {"from": self.first, "to": self.last}
        return str(QueryParams(params))


def routes() -> list[BaseRoute]:
    return [
        Route("/", figures, methods=["GET"]),
        Route("/export.csv", page()(_downloads("csv")), methods=["GET"]),
        Route("/export.xlsx", page()(_downloads("xlsx")), methods=["GET"]),
    ]


def choice(query: QueryParams, today: date) -> Choice:
    key = query.get("period", DEFAULT_PERIOD)
    first, last, site = query.get("from", ""), query.get("to", ""), query.get("site", "")
    try:
        if site and not CODE.match(site):
            raise KioskError("Choose a site from the list.")
        chosen = _period(key, first, last, today)
    except KioskError as exc:
        return Choice(key, first, last, site, None, str(exc))
    first, last = first or chosen.first.isoformat(), last or chosen.last.isoformat()
    return Choice(key, first, last, site, chosen, None)


def _period(key: str, first: str, last: str, today: date) -> Period:
    if key == "this-month":
        return parse_month(today.strftime("%Y-%m"), "This month")
    if key == "last-month":
        last_month = today.replace(day=1) - timedelta(days=1)
        return parse_month(last_month.strftime("%Y-%m"), "Last month")
    if key == "last-30-days":
        return period(None, None, today)
    if key == "dates":
        if not first or not last:
            raise KioskError("Give both dates, the first day and the last, like 2026-11-27.")
        return Period(parse_day(first, "The first day"), parse_day(last, "The last day"))
    raise KioskError("Choose one of the periods.")


def _today() -> date:
    return datetime.now(UTC).date()


@page()
async def figures(request: Request, person: SignedIn, _: FormData) -> Response:
    """The council's figures for the chosen period and site."""
    chosen = choice(request.query_params, _today())
    context = await run_in_threadpool(_figures_context, request, chosen)
    status = 400 if chosen.problem or context.get("problem") else 200
    return render(request, "figures.html", context, status=status, person=person)


def _figures_context(request: Request, chosen: Choice) -> dict[str, object]:
    from kiosk.hub.figures import hub_report, hub_sites

    context: dict[str, object] = {"choice": chosen, "periods": PERIODS, "problem": chosen.problem}
    with engine_of(request).connect() as connection:
        context["sites"] = hub_sites(connection)
        if chosen.period is None:
            return context
        site = chosen.site or None
        try:
            report = hub_report(connection, chosen.period, config_of(request), site)
        except KioskError:
            context["problem"] = "Choose a site from the list: there is no kiosk at that one."
            return context
        extra = place_breakdowns(connection, chosen.period, site)
    if site is not None:
        extra.pop("site")
    context |= {
        "report": report,
        "totals": totals(report),
        "label": period_label(chosen.period),
        "breakdowns": breakdowns(report, extra, titles_of(request)),
    }
    return context


def _downloads(fmt: Format) -> Handler:
    async def download(request: Request, person: SignedIn, _: FormData) -> Response:
        """The chosen period's contacts as a file (what ``kiosk hub export`` writes)."""
        chosen = choice(request.query_params, _today())
        if chosen.period is None:
            return _refused(request, person, chosen, chosen.problem)
        folder = Path(tempfile.mkdtemp(prefix="hub-export-"))
        name = _file_name(chosen.period, chosen.site, fmt)
        try:
            await run_in_threadpool(_write, request, chosen, folder / name, fmt)
        except KioskError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            return _refused(request, person, chosen, str(exc))
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return FileResponse(
            folder / name,
            media_type=CONTENT_TYPES[fmt],
            filename=name,
            background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
        )

    return download


def _refused(request: Request, person: SignedIn, chosen: Choice, problem: str | None) -> Response:
    context = {"choice": chosen, "periods": PERIODS, "problem": problem, "sites": []}
    return render(request, "figures.html", context, status=400, person=person)


def _write(request: Request, chosen: Choice, target: Path, fmt: Format) -> None:
    from kiosk.hub.export import write_export

    assert chosen.period is not None
    with engine_of(request).connect() as connection:
        titles = titles_of(request)
        write_export(connection, chosen.period, target, titles, fmt, chosen.site or None)


def _file_name(chosen: Period, site: str, fmt: Format) -> str:
    place = f"-{site}" if site else ""
    return f"contacts{place}-{chosen.first}-to-{chosen.last}.{fmt}"


def config_of(request: Request) -> Config:
    """The council's settings (its unit costs): create_app's, else the defaults."""
    config = getattr(request.app.state, "config", None)
    return config if isinstance(config, Config) else Config()


def titles_of(request: Request) -> Mapping[str, str]:
    """Service id -> title, from the catalog the config names; ids alone if it will not load."""
    state = request.app.state
    if not hasattr(state, "service_titles"):
        state.service_titles = _load_titles(config_of(request))
    titles: Mapping[str, str] = state.service_titles
    return titles


def _load_titles(config: Config) -> dict[str, str]:
    from kiosk.catalog.loader import load_catalog
    from kiosk.contacts.report import service_titles

    try:
        return service_titles(load_catalog(config.catalog))
    except (KioskError, OSError):
        return {}
