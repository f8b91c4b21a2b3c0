"""The app's own HTTP routes beside Streamlit's (app.py serves them through ``st.App``): the
one place a response can set the HttpOnly session cookie (smdash.access.cookies).

``POST /_smdash/session`` with a nonce in the body answers ``Set-Cookie``; ``POST
/_smdash/sign_out`` clears the cookie (the session itself is ended in the database by the
sign-out, so a cookie left behind names nothing). Both want the ``X-Smdash`` header, which a
page of another site cannot send without the browser asking first (CORS), and which nothing
here allows.
"""

from __future__ import annotations

import streamlit as st
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from smdash.access import cookies

SESSION_ROUTE = "_smdash/session"
SIGN_OUT_ROUTE = "_smdash/sign_out"
HEADER = "X-Smdash"
NONCE_MAX = 100  # characters: a nonce is 43


def base_path() -> str:
    """``/`` or ``/<server.baseUrlPath>/``: where the app and its routes live."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/" if base else "/"


def _secure(request: Request) -> bool:
    """HTTPS as the browser sees it: directly, or through a proxy that says so."""
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return request.url.scheme == "https" or forwarded == "https"


def _cookie(response: Response, request: Request, value: str, max_age: int) -> None:
    response.set_cookie(
        cookies.COOKIE,
        value,
        max_age=max_age,
        path=base_path(),
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )


async def remember(request: Request) -> Response:
    if request.headers.get(HEADER) != "1":
        return Response(status_code=403)
    nonce = (await request.body())[:NONCE_MAX].decode(errors="replace").strip()
    cookie = cookies.NONCES.redeem(nonce)
    if cookie is None:
        return Response(status_code=403)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    _cookie(response, request, cookie.value, cookie.max_age)
    return response


async def forget(request: Request) -> Response:
    if request.headers.get(HEADER) != "1":
        return Response(status_code=403)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    _cookie(response, request, "", 0)
    return response


def navigation_only() -> None:
    """Streamlit decides once per process, on the first page run, whether ``pages/`` is a
    folder of pages of its own (multipage apps before ``st.navigation``) and only forgets it
    when a run calls ``st.navigation``. A first visit to ``/executive_summary`` on a fresh
    server then ran ``pages/executive_summary.py`` on its own, without app.py: a blank page
    and a menu of every file in ``pages/``. app.py's navigation is the only one, from the
    start (streamlit 1.67: ``PagesManager.uses_pages_directory``; a browser test covers it)."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def page_by_address() -> None:
    """A browser that opens an address (a bookmark, a reload, a link) names its page by the
    address alone, and Streamlit matches it against each page's shown address, which for the
    role's first page is ``/``: the director's ``/executive_summary`` said "Page not found"
    over the summary. Pages are known by their address's hash (for the first page too), so
    the page is looked up by that instead; an unknown address opens the first page. Called by
    app.py before ``st.navigation`` (streamlit 1.67's page intent; a browser test covers it)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx
    from streamlit.util import calc_hash

    ctx = get_script_run_ctx()
    pages = ctx.pages_manager if ctx else None
    if pages and pages.intended_page_name and not pages.intended_page_script_hash:
        name = pages.intended_page_name
        pages.set_script_intent(calc_hash(name), name)


def routes() -> list[Route]:
    base = base_path()
    return [
        Route(f"{base}{SESSION_ROUTE}", remember, methods=["POST"]),
        Route(f"{base}{SIGN_OUT_ROUTE}", forget, methods=["POST"]),
    ]
