"""``kiosk doctor``: check this machine and say, per check, what to fix."""

import logging

import click

from kiosk.cli.context import AppContext
from kiosk.doctor import Check, Status, check_config, exit_code, run_checks

log = logging.getLogger(__name__)
_WIDTH = max(len(f"[{s.value}]") for s in Status)


@click.command()
@click.option(
    "--test-print",
    is_flag=True,
    help="Also print a test page, and wait until the printing system says it printed.",
)
@click.pass_context
def doctor(ctx: click.Context, test_print: bool) -> None:
    """Check the screen, printer, data folder, catalog, upload and clock.

    Exit 0 when all is OK, 2 when there are only warnings, 1 when anything failed.
    """
    app: AppContext = ctx.obj
    first, config = check_config(lambda: app.resolved)
    checks = [first] if config is None else [first, *run_checks(config, test_print=test_print)]
    for check in checks:
        log.info("doctor: %s %s: %s", check.status.value, check.name, check.found)
        click.echo("\n".join(lines(check)))
    click.echo(summary(checks))
    ctx.exit(exit_code(checks))


def lines(check: Check) -> list[str]:
    mark = f"[{check.status.value}]".ljust(_WIDTH)
    shown = [f"{mark} {check.name}: {check.found}"]
    if check.fix:
        shown.append(f"{' ' * _WIDTH} To fix: {check.fix}")
    return shown


def summary(checks: list[Check]) -> str:
    counts = {s: sum(c.status is s for c in checks) for s in Status}
    return (
        f"{counts[Status.OK]} OK, {counts[Status.WARN]} warning(s), "
        f"{counts[Status.FAIL]} failure(s)"
    )
