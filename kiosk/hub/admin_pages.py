"""The kiosks page (everyone signed in) and what only admins do: add and revoke kiosks, add
and remove people.

A new kiosk's token is shown on the answer to the form that made it, this once: it is never
put in a redirect, the session or a log, and the page is not cached (security.py).
"""

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from kiosk.errors import KioskError
from kiosk.hub.kiosk_view import kiosk_rows
from kiosk.hub.kiosks import add_kiosk, list_kiosks, revoke_kiosk
from kiosk.hub.page_counts import held_per_kiosk
from kiosk.hub.people import MIN_PASSWORD, ROLES, add_person, list_people, remove_person
from kiosk.hub.rendering import SignedIn, engine_of, flash, page, render

T = TypeVar("T")


def routes() -> list[BaseRoute]:
    return [
        Route("/kiosks", kiosks_page, methods=["GET"]),
        Route("/kiosks/add", kiosk_add, methods=["POST"]),
        Route("/kiosks/revoke", kiosk_revoke, methods=["POST"]),
        Route("/people", people_page, methods=["GET"]),
        Route("/people/add", person_add, methods=["POST"]),
        Route("/people/remove", person_remove, methods=["POST"]),
    ]


def _text(form: FormData, name: str) -> str:
    value = form.get(name, "")
    return value.strip() if isinstance(value, str) else ""


@page()
async def kiosks_page(request: Request, person: SignedIn, _: FormData) -> Response:
    return render(request, "kiosks.html", await _kiosks_context(request), person=person)


async def _kiosks_context(request: Request) -> dict[str, object]:
    def read() -> dict[str, object]:
        with engine_of(request).connect() as connection:
            rows = kiosk_rows(list_kiosks(connection), held_per_kiosk(connection))
        return {"kiosks": rows}

    return await run_in_threadpool(read)


@page(admin=True)
async def kiosk_add(request: Request, person: SignedIn, form: FormData) -> Response:
    site, desk = _text(form, "site"), _text(form, "desk")
    try:
        token = await _in_transaction(request, lambda c: add_kiosk(c, site, desk))
    except KioskError as exc:
        context = await _kiosks_context(request)
        context |= {"problem": str(exc), "site": site, "desk": desk}
        return render(request, "kiosks.html", context, status=400, person=person)
    context = {"site": site, "desk": desk, "token": token}
    return render(request, "kiosk_added.html", context, person=person)


@page(admin=True)
async def kiosk_revoke(request: Request, person: SignedIn, form: FormData) -> Response:
    site, desk = _text(form, "site"), _text(form, "desk")
    try:
        await _in_transaction(request, lambda c: revoke_kiosk(c, site, desk))
    except KioskError as exc:
        flash(request, str(exc))
    else:
        flash(request, f"{site}/{desk}'s token no longer works. Its contacts stay.")
    return RedirectResponse("/kiosks", status_code=303)


@page(admin=True)
async def people_page(request: Request, person: SignedIn, _: FormData) -> Response:
    return render(request, "people.html", await _people_context(request), person=person)


async def _people_context(request: Request) -> dict[str, object]:
    def read() -> dict[str, object]:
        with engine_of(request).connect() as connection:
            return {"people": list_people(connection), "roles": ROLES, "min": MIN_PASSWORD}

    return await run_in_threadpool(read)


@page(admin=True)
async def person_add(request: Request, person: SignedIn, form: FormData) -> Response:
    name, role = _text(form, "name"), _text(form, "role")
    given = form.get("password", "")
    password = given if isinstance(given, str) else ""
    try:
        await _in_transaction(request, lambda c: add_person(c, name, role, password))
    except KioskError as exc:
        context = await _people_context(request)
        context |= {"problem": str(exc), "name": name, "role": role}
        return render(request, "people.html", context, status=400, person=person)
    flash(request, f"{name} can sign in now, as {role}.")
    return RedirectResponse("/people", status_code=303)


@page(admin=True)
async def person_remove(request: Request, person: SignedIn, form: FormData) -> Response:
    name = _text(form, "name")
    if name == person.name:
        flash(request, "You cannot remove yourself: ask another administrator.")
        return RedirectResponse("/people", status_code=303)
    try:
        await _in_transaction(request, lambda c: remove_person(c, name))
    except KioskError as exc:
        flash(request, str(exc))
    else:
        flash(request, f"{name} can no longer sign in.")
    return RedirectResponse("/people", status_code=303)


async def _in_transaction(request: Request, work: Callable[[Connection], T]) -> T:
    def run() -> T:
        with engine_of(request).begin() as connection:
            return work(connection)

    return await run_in_threadpool(run)
