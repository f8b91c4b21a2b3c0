"""The session cookie: its signature, the one-time nonce that hands it to the browser, and the
app's route that answers with it (smdash.access.cookies, smdash.ui.web)."""

import asyncio

import pytest
from starlette.requests import Request

from smdash.access import cookies
from smdash.ui import web

KEY = bytes(range(32))


def test_a_signed_value_gives_back_its_token():
    value = cookies.sign("tok-123", KEY)
    assert value.startswith("tok-123.") and value != "tok-123."
    assert cookies.verify(value, KEY) == "tok-123"


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "tok-123",  # no signature
        "tok-123.",  # an empty one
        ".abc",  # no token
        "tok-124." + cookies.sign("tok-123", KEY).rsplit(".", 1)[1],  # another token's
        cookies.sign("tok-123", KEY)[:-1],  # one character short
        cookies.sign("tok-123", bytes(32)),  # another key's
    ],
)
def test_a_tampered_or_foreign_value_is_refused(value):
    assert cookies.verify(value, KEY) is None


def test_nothing_verifies_before_a_key_exists():
    assert cookies.verify(cookies.sign("tok", KEY), None) is None


def test_the_key_is_made_once_and_kept_in_the_database(con):
    assert cookies.secret(con) is None
    key = cookies.ensure_secret(con)
    assert len(key) == 32
    assert cookies.ensure_secret(con) == key == cookies.secret(con)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_nonce_is_redeemed_once():
    nonces = cookies.Nonces(seconds=60, clock=Clock())
    cookie = cookies.Cookie("tok.sig", 28_800)
    nonce = nonces.issue(cookie)
    assert len(nonce) >= 40 and "tok" not in nonce
    assert nonces.redeem(nonce) == cookie
    assert nonces.redeem(nonce) is None  # used
    assert nonces.redeem("made-up") is None


def test_a_nonce_expires():
    clock = Clock()
    nonces = cookies.Nonces(seconds=60, clock=clock)
    late = nonces.issue(cookies.Cookie("a", 1))
    clock.now += 59.9
    fresh = nonces.issue(cookies.Cookie("b", 1))
    clock.now += 0.2  # the first is 60.1 s old
    assert nonces.redeem(late) is None
    assert nonces.redeem(fresh) == cookies.Cookie("b", 1)


def _post(handler, body: bytes, headers: dict[str, str], scheme: str = "http"):
    scope = {
        "type": "http",
        "method": "POST",
        "scheme": scheme,
        "path": "/_smdash/session",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "query_string": b"",
        "server": ("127.0.0.1", 8501),
    }

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    return asyncio.run(handler(Request(scope, receive)))


def test_the_route_answers_an_httponly_strict_cookie_for_a_nonce_once():
    nonce = cookies.NONCES.issue(cookies.Cookie("tok.sig", 600))
    response = _post(web.remember, nonce.encode(), {web.HEADER: "1"})
    assert response.status_code == 204
    header = response.headers["set-cookie"]
    assert header.startswith("smdash_session=tok.sig;")
    for part in ("HttpOnly", "Max-Age=600", "Path=/", "SameSite=strict"):
        assert part in header
    assert "Secure" not in header  # plain HTTP: a Secure cookie would never come back
    again = _post(web.remember, nonce.encode(), {web.HEADER: "1"})
    assert again.status_code == 403 and "set-cookie" not in again.headers


def test_the_cookie_is_secure_behind_https():
    nonce = cookies.NONCES.issue(cookies.Cookie("tok.sig", 600))
    response = _post(web.remember, nonce.encode(), {web.HEADER: "1", "X-Forwarded-Proto": "https"})
    assert "Secure" in response.headers["set-cookie"]


def test_the_route_wants_its_header_and_a_live_nonce():
    nonce = cookies.NONCES.issue(cookies.Cookie("tok.sig", 600))
    assert _post(web.remember, nonce.encode(), {}).status_code == 403  # e.g. a form elsewhere
    assert _post(web.remember, b"guess", {web.HEADER: "1"}).status_code == 403
    assert _post(web.forget, b"", {}).status_code == 403


def test_signing_out_clears_the_cookie():
    response = _post(web.forget, b"", {web.HEADER: "1"})
    assert response.status_code == 204
    header = response.headers["set-cookie"]
    assert header.startswith('smdash_session="";') or header.startswith("smdash_session=;")
    assert "Max-Age=0" in header and "HttpOnly" in header


def test_streamlit_run_serves_app_py_with_the_routes():
    """`streamlit run app.py` switches to the ``st.App`` (and its cookie routes) it finds."""
    from pathlib import Path

    from streamlit.web.server.app_discovery import discover_asgi_app

    found = discover_asgi_app(Path(__file__).resolve().parents[1] / "app.py")
    assert found.is_asgi_app and found.import_string == "app:app"
    assert [r.path for r in web.routes()] == ["/_smdash/session", "/_smdash/sign_out"]
