"""Showing a page: the templates (autoescaped), who is signed in, and the guard every page has.

``page`` wraps an endpoint: a POST must carry the session's CSRF token (else 403, before
anything else is read), a visitor who is not signed in is sent to the sign-in page, and an
admin-only page answers a viewer 403. The signed-in name is looked up on every request, so a
person removed or made a viewer loses what they had at once.
"""

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kiosk.hub.security import csrf_ok, csrf_token
from kiosk.hub.tables import people

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).with_name("templates")
PERSON_KEY = "person"
FLASH_KEY = "flash"
FORM_FIELDS = 20  # no form of ours has more
FORM_BYTES = 64 * 1024  # nor anything near this size
RETRY_AFTER_S = 30
NOT_ANSWERING = (
    "Its database is not answering for the moment (it may be restarting). Try again in a minute."
)


@dataclass(frozen=True)
class SignedIn:
    name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


Handler = Callable[[Request, SignedIn, FormData], Awaitable[Response]]
Endpoint = Callable[[Request], Awaitable[Response]]


@cache
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        auto_reload=False,  # the templates are part of the installed version
        lstrip_blocks=True,
    )


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status: int = 200,
    person: SignedIn | None = None,
) -> HTMLResponse:
    """``template`` with the session's CSRF token, who is signed in and any one-off message."""
    values = {
        "csrf": csrf_token(request.session),
        "person": person,
        "flash": request.session.pop(FLASH_KEY, None),
        "path": request.url.path,
        "demo": getattr(request.app.state, "demo", False),
        **(context or {}),
    }
    return HTMLResponse(environment().get_template(template).render(values), status_code=status)


def forbidden(request: Request, reason: str, person: SignedIn | None = None) -> HTMLResponse:
    return render(request, "forbidden.html", {"reason": reason}, status=403, person=person)


def flash(request: Request, message: str) -> None:
    """A message for the next page shown (after a redirect)."""
    request.session[FLASH_KEY] = message


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def page(*, admin: bool = False) -> Callable[[Handler], Endpoint]:
    """The guard of every signed-in page (see the module's docstring)."""

    def wrap(handler: Handler) -> Endpoint:
        async def guarded(request: Request) -> Response:
            form = FormData()
            if request.method == "POST":
                form = await form_of(request)
                if not csrf_ok(request.session, form.get("csrf")):
                    return expired_form(request)
            person = await run_in_threadpool(signed_in, request)
            if person is None:
                return RedirectResponse("/sign-in", status_code=303)
            if admin and not person.is_admin:
                return forbidden(request, "Only an administrator can do this.", person)
            return await handler(request, person, form)

        endpoint = database_answering(guarded)
        endpoint.__name__ = handler.__name__
        endpoint.__doc__ = handler.__doc__
        return endpoint

    return wrap


class FormTooLargeError(Exception):
    """A form's body is over ``FORM_BYTES``: it is not read."""


async def form_of(request: Request) -> FormData:
    """The posted form; an empty one when the body's length is not given (it is not read)."""
    length = request.headers.get("content-length", "")
    if not length.isdigit():
        return FormData()
    if int(length) > FORM_BYTES:
        raise FormTooLargeError
    return await request.form(max_files=0, max_fields=FORM_FIELDS)


def database_answering(endpoint: Endpoint) -> Endpoint:
    """``endpoint``, answering 503 with Retry-After while the database does not answer (a
    PostgreSQL restart), and 413 for a form too large, never a bare error."""

    async def answering(request: Request) -> Response:
        try:
            return await endpoint(request)
        except FormTooLargeError:
            reason = "That form was larger than any of this hub's forms, so it was not read."
            return message(request, "Form too large", reason, 413)
        except SQLAlchemyError as exc:
            log.warning("a page could not be shown: %s", _first_line(exc))
            answer = message(request, "The hub cannot show this just now", NOT_ANSWERING, 503)
            answer.headers["Retry-After"] = str(RETRY_AFTER_S)
            return answer

    return answering


def message(request: Request, heading: str, reason: str, status: int) -> HTMLResponse:
    context = {"heading": heading, "reason": reason}
    return render(request, "message.html", context, status=status)


def expired_form(request: Request) -> HTMLResponse:
    return forbidden(
        request,
        "This form had expired or did not come from this hub's pages, so nothing was done. "
        "Go back, reload the page and try again.",
    )


def signed_in(request: Request) -> SignedIn | None:
    """Who this session belongs to, if they may still sign in."""
    name = request.session.get(PERSON_KEY)
    if not isinstance(name, str):
        return None
    with engine_of(request).connect() as connection:
        row = connection.execute(
            select(people.c.name, people.c.role).where(people.c.name == name)
        ).first()
    if row is None:
        request.session.clear()
        return None
    return SignedIn(row.name, row.role)


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
