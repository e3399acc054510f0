"""``kiosk contacts``, ``export``, ``report`` and ``purge``: the log for supervisors and IT.

What only one command needs (reportlab for the PDF, the CSV reader, the demo generator) is
imported by that command, so ``kiosk report`` starts as fast as the query it runs.
"""

from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kiosk.cli.context import AppContext
from kiosk.cli.recover import recover
from kiosk.contacts import codes
from kiosk.contacts.period import Period, parse_month, period
from kiosk.errors import KioskError

if TYPE_CHECKING:
    from kiosk.contacts.contact import Contact


@click.group()
def contacts() -> None:
    """Add contacts by hand or from a paper-log spreadsheet."""


contacts.add_command(recover)  # kiosk/cli/recover.py: only its own imports


def _maker(app: AppContext, source: str) -> Any:
    """Builds Contacts with what the kiosk knows filled in: site, desk, catalog, LGSL."""
    from kiosk.contacts.contact import Contact

    catalog = app.catalog_state.catalog

    def make(service_id: str, **values: Any) -> "Contact":
        lgsl = None if service_id == codes.GENERAL else catalog.service(service_id).lgsl
        values.setdefault("staff", "manual")
        return Contact(
            site=app.config.site,
            desk=app.config.desk,
            service_id=service_id,
            lgsl=lgsl,
            catalog_version=catalog.version,
            source=source,
            staff_form=app.config.staff_form,
            **values,
        )

    return make


@contacts.command()
@click.option("--service", "service_id", required=True, help="Catalog service id, or general.")
@click.option("--mode", required=True, type=click.Choice(codes.MODES_TO_TAP))
@click.option("--outcome", required=True, type=click.Choice(codes.OUTCOMES_TO_TAP))
@click.option("--barrier", "barriers", multiple=True, type=click.Choice(codes.BARRIERS))
@click.option("--language", default="en", show_default=True)
@click.option("--handout", is_flag=True, help="A handout was printed.")
@click.option("--next-time-online", type=click.Choice(codes.NEXT_TIME_ONLINE))
@click.option("--referral", type=click.Choice(codes.REFERRALS))
@click.option("--staff", default="manual", show_default=True, help="Staff code.")
@click.option(
    "--recorded-at",
    help="When it happened: 2026-11-20T10:15 or 20/11/2026 10:15 (no zone: local time).",
)
@click.pass_obj
def add(app: AppContext, /, service_id: str, recorded_at: str | None, **values: Any) -> None:
    """Add one contact noted on paper; prints its id once it is safely stored."""
    from kiosk.contacts.recorded_time import to_utc

    if service_id != codes.GENERAL and service_id not in app.catalog_state.catalog.services:
        raise KioskError(f"--service: '{service_id}' is not a service in the catalog")
    if recorded_at:
        try:
            values["recorded_at"] = to_utc(recorded_at)
        except ValueError as exc:
            raise KioskError(f"--recorded-at: {exc}") from None
    values["barriers"] = tuple(values["barriers"])
    contact = _maker(app, "manual")(service_id, **values)
    click.echo(app.contact_log.record(contact))


@contacts.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def import_file(app: AppContext, file: Path) -> None:
    """Import a CSV or .xlsx of contacts: every row valid, or nothing written.

    Rows imported before (from this file or a copy of it) are left out, so running it again
    adds nothing.
    """
    from kiosk.contacts.import_record import record_import
    from kiosk.contacts.importer import read_contacts

    known = set(app.catalog_state.catalog.services)
    found = read_contacts(file, _maker(app, "import"), known)
    if not len(found):
        raise KioskError(f"{file}: no contacts in it")
    done = record_import(app.contact_log, found)
    if not done.added:
        click.echo(
            f"already imported: the {len(found)} contact(s) in {file} were imported on "
            f"{done.earlier}; nothing was added"
        )
        return
    click.echo(f"imported {done.added} contact(s) from {file}")
    if done.left_out:
        click.echo(
            f"left out {len(done.left_out)} row(s) imported before, on {done.earlier}: "
            f"{_row_numbers(done.left_out)}"
        )


def _row_numbers(numbers: list[int], shown: int = 20) -> str:
    """ "rows 2, 3, 7" or "rows 2, 3, ... and 40 more"."""
    listed = ", ".join(str(n) for n in numbers[:shown])
    more = len(numbers) - shown
    return f"rows {listed}" + (f" and {more:,} more" if more > 0 else "")


# The period options of ``kiosk export`` and ``kiosk report``, shared by ``kiosk hub``'s.
from_option = click.option("--from", "first", help="First day, YYYY-MM-DD (default: 30 days ago).")
to_option = click.option("--to", "last", help="Last day, YYYY-MM-DD (default: today).")
month_option = click.option(
    "--month", help="A whole calendar month, YYYY-MM (instead of --from/--to)."
)


def chosen_period(first: str | None, last: str | None, month: str | None = None) -> Period:
    """The period ``--from``/``--to`` or ``--month`` name (by default the last 30 days)."""
    if month and (first or last):
        raise KioskError("--month cannot be used with --from or --to")
    return parse_month(month, "--month") if month else period(first, last, _today())


@click.command()
@from_option
@to_option
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.pass_obj
def export(
    app: AppContext, first: str | None, last: str | None, fmt: Any, output: Path, force: bool
) -> None:
    """Export contacts (CSV for Excel, or JSON Lines)."""
    from kiosk.contacts.export import export as export_contacts

    chosen = chosen_period(first, last)
    count = export_contacts(
        app.contact_log, chosen, output, app.service_titles(), fmt, force=force
    )
    click.echo(f"exported {count} contact(s), {chosen}, to {output}")


@click.command()
@from_option
@to_option
@month_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "pdf"]), default="text")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="PDF file.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.pass_obj
def report(
    app: AppContext,
    first: str | None,
    last: str | None,
    month: str | None,
    fmt: str,
    output: Path | None,
    force: bool,
) -> None:
    """Totals, breakdowns, digital take-up and the estimated saving (text, JSON or PDF)."""
    from kiosk.contacts.report import build_report, report_json, report_text

    if (output is None) != (fmt != "pdf"):
        raise KioskError("-o/--output is needed with --format pdf, and only with it")
    chosen = chosen_period(first, last, month)
    built = build_report(app.contact_log, chosen, app.config)
    if output is not None:
        from kiosk.contacts.period import period_label
        from kiosk.contacts.report_pdf import report_pdf, write_pdf

        council = app.catalog_state.catalog.council.name
        data = report_pdf(built, council, app.service_titles(), period_label(chosen))
        write_pdf(data, output, force=force)
        click.echo(f"wrote the report, {chosen}, to {output}")
    elif fmt == "json":
        click.echo(report_json(built))
    else:
        click.echo(report_text(built, app.service_titles()))


@click.command()
@click.pass_obj
def purge(app: AppContext) -> None:
    """Delete contacts older than retention_days (never unsent ones while upload is on)."""
    from kiosk.contacts.retention import purge_expired

    removed, cutoff = purge_expired(app.contact_log, app.config)
    click.echo(f"deleted {removed} contact(s) recorded before {cutoff}")


def _today() -> date:
    return datetime.now(UTC).date()


@click.command(name="seed-demo")
@click.option("--contacts", "count", required=True, type=click.IntRange(1, 10_000_000))
@click.option("--days", default=30, show_default=True, type=click.IntRange(1, 3650))
@click.option("--seed", default=1, show_default=True, type=int)
@click.pass_obj
def seed_demo_command(app: AppContext, count: int, days: int, seed: int) -> None:
    """Add realistic synthetic contacts (source=demo) for training and benchmarks."""
    from kiosk.contacts.demo import seed_demo

    written = seed_demo(
        app.contact_log,
        app.catalog_state.catalog,
        count,
        days,
        seed,
        site=app.config.site,
        desk=app.config.desk,
    )
    click.echo(f"added {written} demo contact(s) over the last {days} day(s)")
