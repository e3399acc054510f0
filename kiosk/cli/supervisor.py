"""``kiosk supervisor``: set the supervisor PIN and see whether the supervisor area is locked.

``kiosk supervisor set-pin`` asks for the new PIN twice without showing it. When a PIN is set
it first asks for the current one, which counts as a guess like one on the touchscreen (five
wrong in a row lock both for 5 minutes), so the command cannot be used to try PINs either.
``--pin-stdin`` reads the PINs from standard input instead, for scripts: the new PIN on the
first line, or, when one is set, the current PIN and then the new one
(``printf '%s\\n%s\\n' "$OLD" "$NEW" | kiosk supervisor set-pin --pin-stdin``).

``--reset`` replaces a lost or damaged PIN without the current one. It is for a person at the
kiosk's terminal: refused when standard input is not a terminal (so no script or program can
do it), with ``--pin-stdin``, and unless run by root or the user who owns the data folder (the
kiosk's own user); each reset is written to the log with who did it and on which terminal,
never the PIN. ``kiosk supervisor status`` says whether a PIN is set (with its scrypt
parameters) and whether the area is locked, and for how long. No PIN is ever printed.
"""

import logging
import os
import sys
from pathlib import Path

import click

from kiosk.auth import (
    LOCK_AFTER,
    LOCK_SECONDS,
    LockedOut,
    SupervisorPin,
    check_pin_form,
    describe_seconds,
)
from kiosk.cli.context import AppContext
from kiosk.errors import KioskError
from kiosk.logs import FILE_ONLY

RESET = "kiosk supervisor set-pin --reset"
log = logging.getLogger(__name__)


@click.group()
def supervisor() -> None:
    """The supervisor PIN that guards the kiosk's settings on the touchscreen."""


@supervisor.command("set-pin")
@click.option(
    "--pin-stdin",
    is_flag=True,
    help="Read the PINs from standard input (scripts): the current one first, if one is set.",
)
@click.option(
    "--reset",
    is_flag=True,
    help="Replace a lost PIN without the current one (root or the kiosk's user, on a terminal).",
)
@click.pass_obj
def set_pin(app: AppContext, pin_stdin: bool, reset: bool) -> None:
    """Set (or replace) the supervisor PIN: 6 or more digits."""
    data_dir = app.data_dir()
    pin = SupervisorPin(data_dir)
    if reset:
        _refuse_a_reset_unless_allowed(data_dir, pin_stdin)
        pin.set(_ask_new_pin())
        log.warning("supervisor PIN reset without the current one, by %s", _who_and_where())
        click.echo("Supervisor PIN reset (the reset is written to the kiosk's log).")
        return
    first = _stdin_line() if pin_stdin else None
    if not pin.is_set():
        pin.set(_ask_new_pin() if first is None else first, first=True)
        # a deleted PIN file makes the next set a first one: it is in the log like a reset
        log.warning(
            "supervisor PIN set where there was none, by %s", _who_and_where(), extra=FILE_ONLY
        )
        click.echo("Supervisor PIN set.")
        return
    pin.parameters()  # a damaged or foreign PIN file is said before anything is typed
    left = pin.locked_for()
    if left:
        raise LockedOut(left)
    if first is None:
        _replace_at_the_terminal(pin)
    else:
        _replace(pin, current=first, new=_stdin_line())
    click.echo("Supervisor PIN changed.")


def _replace_at_the_terminal(pin: SupervisorPin) -> None:
    current = click.prompt("Current supervisor PIN", hide_input=True)
    if not pin.check(current):  # said now, before the new PIN is typed twice for nothing
        raise _not_the_current_pin(pin)
    _replace(pin, current=current, new=_ask_new_pin())


def _replace(pin: SupervisorPin, *, current: str, new: str) -> None:
    check_pin_form(new)  # before the current PIN is checked: a typing slip costs no guess
    if not pin.replace(current, new):
        raise _not_the_current_pin(pin)


def _not_the_current_pin(pin: SupervisorPin) -> KioskError:
    locked = pin.locked_for()
    if locked:
        then = f"the supervisor area is now locked for {describe_seconds(locked)}"
    else:
        then = (
            f"{LOCK_AFTER - pin.failures()} tries left before a "
            f"{describe_seconds(LOCK_SECONDS)} lock"
        )
    return KioskError(
        f"that is not the current supervisor PIN, so it was not changed ({then}); "
        f"if the PIN is lost, the kiosk's user can run {RESET} on the kiosk's terminal"
    )


def _ask_new_pin() -> str:
    typed: str = click.prompt(
        "New supervisor PIN (6 or more digits)",
        hide_input=True,
        confirmation_prompt="Type it again",
    )
    return typed


def _stdin_line() -> str:
    return sys.stdin.readline().rstrip("\r\n") if sys.stdin else ""


def _refuse_a_reset_unless_allowed(data_dir: Path, pin_stdin: bool) -> None:
    if pin_stdin:
        raise KioskError(
            "--reset reads the new PIN on the terminal, not from standard input: "
            f"run {RESET} without --pin-stdin, at the kiosk's terminal"
        )
    if sys.stdin is None or not sys.stdin.isatty():
        raise KioskError(
            "--reset needs a person at a terminal, and standard input is not one: "
            "no script or other program may reset the supervisor PIN"
        )
    if sys.platform == "win32":
        return  # the data folder's ACL says who may write it
    me, owner = os.geteuid(), _owner(data_dir)
    if me not in (0, owner):
        raise KioskError(
            f"--reset is only for root or the kiosk's own user ('{_name(owner)}', who owns "
            f"{data_dir}); you are '{_name(me)}'"
        )


def _owner(folder: Path) -> int:
    try:
        return folder.stat().st_uid
    except FileNotFoundError:
        return os.geteuid()  # no data folder yet, so no PIN: whoever makes it owns it
    except OSError as exc:
        raise KioskError(f"cannot see who owns the data folder {folder}: {exc.strerror}") from None


def _name(uid: int) -> str:
    import pwd  # Unix only

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _who_and_where() -> str:
    if sys.platform == "win32":
        return f"{os.environ.get('USERNAME', 'an unknown user')} at the console"
    uid = os.geteuid()
    try:
        terminal = os.ttyname(sys.stdin.fileno())
    except OSError:
        terminal = "an unnamed terminal"
    return f"{_name(uid)} (uid {uid}) on {terminal}"


@supervisor.command()
@click.pass_obj
def status(app: AppContext) -> None:
    """Whether a PIN is set and whether the supervisor area is locked."""
    pin = SupervisorPin(app.data_dir())
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
