"""The pages people sign in to: the figures, the kiosks and (admins only) the people.

Plain HTML from Jinja2 templates, one style sheet, no script: every page works with a
keyboard and a screen reader, offline. Sign-in keeps only the person's name in the signed
session cookie (HttpOnly, SameSite=strict, set up in app.py) and starts a fresh session each
time, so a session from before sign-in is never carried over.
"""

import secrets
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from kiosk.hub import admin_pages, figures_page
from kiosk.hub.people import LOCK_MINUTES, NAME_MAX, SignIn, sign_in
from kiosk.hub.rendering import (
    PERSON_KEY,
    SignedIn,
    database_answering,
    engine_of,
    expired_form,
    flash,
    form_of,
    page,
    render,
    signed_in,
)
from kiosk.hub.security import SecurityHeaders, SignInThrottle, csrf_ok

STATIC = Path(__file__).with_name("static")
PASSWORD_MAX = 1024  # longer is refused like a wrong one, before any hashing
NOT_RIGHT = "The name or password is not right. Check them and try again."
LOCKED = (
    "This name cannot sign in for now, after too many tries. "
    f"Try again in {LOCK_MINUTES} minutes, or ask an administrator."
)


def routes() -> list[BaseRoute]:
    return [
        Route("/sign-in", database_answering(sign_in_page), methods=["GET"]),
        Route("/sign-in", database_answering(sign_in_form), methods=["POST"]),
        Route("/sign-out", sign_out, methods=["POST"]),
        *figures_page.routes(),
        *admin_pages.routes(),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]


def middleware() -> list[Middleware]:
    return [Middleware(SecurityHeaders)]


async def sign_in_page(request: Request) -> Response:
    if await run_in_threadpool(signed_in, request) is not None:
        return RedirectResponse("/", status_code=303)
    return render(request, "sign_in.html")


async def sign_in_form(request: Request) -> Response:
    form = await form_of(request)
    if not csrf_ok(request.session, form.get("csrf")):
        return expired_form(request)
    name, password = _field(form, "name"), _field(form, "password")
    result = await _checked(request, name, password)
    if result.person is None:
        message = LOCKED if result.locked else NOT_RIGHT
        return render(request, "sign_in.html", {"error": message, "name": name[:NAME_MAX]})
    request.session.clear()  # a fresh session: nothing from before sign-in carries over
    request.session[PERSON_KEY] = result.person.name
    request.session["started"] = secrets.token_hex(8)
    return RedirectResponse("/", status_code=303)


async def _checked(request: Request, name: str, password: str) -> SignIn:
    """The sign-in check, one at a time per client, with a pause after a failure."""
    throttle = _throttle(request)
    client = request.client.host if request.client else "unknown"
    async with throttle.lock_for(client):
        if not name or len(name) > NAME_MAX or len(password) > PASSWORD_MAX:
            result = SignIn(None)
        else:
            result = await run_in_threadpool(_sign_in, request, name, password)
        if result.person is None:
            await throttle.after_failure()
    return result


def _sign_in(request: Request, name: str, password: str) -> SignIn:
    with engine_of(request).begin() as connection:
        return sign_in(connection, name, password)


def _throttle(request: Request) -> SignInThrottle:
    state = request.app.state
    if not hasattr(state, "sign_in_throttle"):
        state.sign_in_throttle = SignInThrottle()
    throttle: SignInThrottle = state.sign_in_throttle
    return throttle


def _field(form: FormData, name: str) -> str:
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


@page()
async def sign_out(request: Request, person: SignedIn, form: FormData) -> Response:
    request.session.clear()
    flash(request, "You have signed out.")
    return RedirectResponse("/sign-in", status_code=303)
