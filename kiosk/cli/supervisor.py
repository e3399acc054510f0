"""``kiosk supervisor``: set the supervisor PIN and see whether the supervisor area is locked.

``kiosk supervisor set-pin`` asks for the new PIN twice without showing it; ``--pin-stdin``
reads it from the first line of standard input instead, for scripts
(``echo 123456 | kiosk supervisor set-pin --pin-stdin``). Setting a PIN clears any wrong-PIN
count and lock. ``kiosk supervisor status`` says whether a PIN is set (with its scrypt
parameters) and whether the area is locked, and for how long. The PIN is never printed.
"""

import sys

import click

from kiosk.auth import LOCK_AFTER, SupervisorPin, describe_seconds
from kiosk.cli.context import AppContext


@click.group()
def supervisor() -> None:
    """The supervisor PIN that guards the kiosk's settings on the touchscreen."""


@supervisor.command("set-pin")
@click.option("--pin-stdin", is_flag=True, help="Read the PIN from standard input (scripts).")
@click.pass_obj
def set_pin(app: AppContext, pin_stdin: bool) -> None:
    """Set (or replace) the supervisor PIN: 6 or more digits."""
    if pin_stdin:
        pin = sys.stdin.readline().rstrip("\r\n") if sys.stdin else ""
    else:
        pin = click.prompt(
            "New supervisor PIN (6 or more digits)",
            hide_input=True,
            confirmation_prompt="Type it again",
        )
    SupervisorPin(app.config.data_dir).set(pin)
    click.echo("Supervisor PIN set.")


@supervisor.command()
@click.pass_obj
def status(app: AppContext) -> None:
    """Whether a PIN is set and whether the supervisor area is locked."""
    pin = SupervisorPin(app.config.data_dir)
    parameters = pin.parameters()
    if parameters is None:
        click.echo("Supervisor PIN: not set (set one with: kiosk supervisor set-pin)")
    else:
        n, r, p = parameters
        click.echo(f"Supervisor PIN: set (scrypt N={n}, r={r}, p={p})")
    left = pin.locked_for()
    if left:
        click.echo(f"Locked: yes, for another {describe_seconds(left)}")
    else:
        click.echo(f"Locked: no ({pin.failures()} of {LOCK_AFTER} wrong PINs in a row)")
