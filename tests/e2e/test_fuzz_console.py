"""Random and malformed input to every form of the advocate console (sign-in, sign-out, claim,
release, reassign, reply, note, close) and to its live socket, signed in or not, with the CSRF
token or without: never a 500 or a crash, a clear refusal for what is wrong, nothing logged of
what was typed, and the console still serves its pages afterwards. Invented people."""

import re
from urllib.parse import quote, urlencode

import pytest
import requests
import websocket
from hypothesis import example, given
from hypothesis import strategies as st

from bot import db
from bot.channels import webchat_sessions
from bot.console.conversation import MAX_REPLY_CHARS
from bot.handoff import queue
from tests.e2e.fuzz import Logs, fuzz, header_values, huge_text, messages, odd_text
from tests.e2e.people import Advocate, create_account

FUZZER = "fuzz-wren"  # a supervisor, so reassigning is open to her too
CLEAR_ERROR = 'role="alert"'  # how every page the console refuses with says why


@pytest.fixture(scope="module")
def wren(stack):
    create_account(stack, FUZZER, "Wren", role="supervisor")
    signed_in = Advocate(stack, FUZZER)
    yield signed_in
    signed_in.post("/logout")  # else she counts as an advocate on hand in the waits later tests are told


@pytest.fixture
def request_id(stack):
    """A person waiting on the web chat (no tab open: what is sent to them is marked not delivered)."""
    with db.session(stack.env["APP_DB_URL"]) as session, session.begin():
        made = queue.request(session, webchat_sessions.new_session(), "socketio", queue.OTHER, {"help": "skip"})
        made_id = made.id
    yield made_id
    with db.session(stack.env["APP_DB_URL"]) as session, session.begin():
        queue.finish(session, made_id, "closed")  # out of the queue the other tests see


def ids(known: int) -> st.SearchStrategy[str]:
    """A request id as a path or query has it: the real one, ids nobody has, numbers past 64 bits,
    digits int() refuses or reads as another number, anything; never a small number, which is a
    request of another test."""
    numbers = st.one_of(st.integers(max_value=0), st.integers(min_value=10**12)).map(str)
    anything = odd_text().filter(lambda text: not (text.isascii() and text.isdigit()))
    return st.one_of(st.just(str(known)), numbers | st.sampled_from(["²", "٣", "1e3", "0x10", ".."]) | anything)


FIELD = odd_text() | messages(MAX_REPLY_CHARS) | huge_text(4000)
FORM_FIELDS = ["text", "canned", "resource", "note", "advocate", "username", "password"]
BODY_TYPES = [
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "multipart/form-data; boundary=x",
    "application/json",
    "text/plain",
]


@st.composite
def posts(draw, tokens: st.SearchStrategy) -> tuple[dict, bytes | dict, str | None]:
    """(headers, body, content type) of a form post: its fields odd or missing, a token from
    `tokens` in the form or in the X-CSRF-Token header; now and then a body that is no form."""
    token = draw(tokens)
    fields = draw(st.dictionaries(st.sampled_from(FORM_FIELDS) | st.text(max_size=8), FIELD, max_size=4))
    raw = draw(st.integers(0, 4)) == 0
    headers = {}
    if token is not None and (raw or draw(st.booleans())):
        headers["X-CSRF-Token"] = token.encode("utf-8")
    elif token is not None:
        fields["csrf"] = token
    if raw:
        return headers, draw(st.binary(max_size=200)), draw(st.sampled_from(BODY_TYPES))
    return headers, fields, None


def wrong_tokens(csrf: str) -> st.SearchStrategy[str | None]:
    return st.one_of(st.just(csrf), st.none() | header_values() | odd_text())


def has_valid_csrf(headers: dict, body: bytes | dict, csrf: str) -> bool:
    sent = headers.get("X-CSRF-Token", b"").decode() or (body.get("csrf") if isinstance(body, dict) else None)
    return sent == csrf


def post(http: requests.Session, url: str, headers: dict, body: bytes | dict, kind: str | None) -> requests.Response:
    if kind is not None:
        headers = {**headers, "Content-Type": kind}
    elif isinstance(body, dict) and len(body) % 2:  # some forms as multipart, as a file input makes them
        body = {name: (None, value) for name, value in body.items()}
        return http.post(url, files=body, headers=headers, allow_redirects=False, timeout=30)
    return http.post(url, data=body, headers=headers, allow_redirects=False, timeout=30)


ROUTES = [
    "/claim/{}",
    "/conversation/{}/send",
    "/conversation/{}/note",
    "/release/{}",
    "/reassign/{}",
    "/conversation/{}/close",
]


@pytest.mark.parametrize("route", ROUTES)
def test_every_conversation_form_refuses_a_wrong_id_session_or_token(stack, wren, request_id, route):
    logs = Logs(stack)

    @fuzz(15)
    @given(segment=ids(request_id), form=posts(wrong_tokens(wren.csrf)), signed_in=st.booleans())
    @example(segment="99999999999999999999999", form=({}, {"csrf": wren.csrf}, None), signed_in=True)  # was a 500
    @example(segment=str(request_id), form=({}, {"csrf": "é"}, None), signed_in=True)  # was a 500
    @example(segment=str(request_id), form=({"X-CSRF-Token": "é".encode()}, {}, None), signed_in=True)  # was a 500
    def submit(segment: str, form: tuple, signed_in: bool) -> None:
        headers, body, kind = form
        url = stack.console_url + route.format(quote(segment, safe=""))
        reply = post(wren.http if signed_in else requests.Session(), url, headers, body, kind)
        if not re.fullmatch(r"[0-9]{1,18}", segment):
            assert reply.status_code in (404, 405), reply.text  # no such page ("/claim/.." is "/")
        elif not signed_in:
            assert reply.status_code == 401 and CLEAR_ERROR in reply.text
        elif not has_valid_csrf(headers, body, wren.csrf):
            assert reply.status_code == 403 and CLEAR_ERROR in reply.text
        else:
            assert reply.status_code < 500 and (reply.status_code == 303 or CLEAR_ERROR in reply.text), reply.text

    submit()
    logs.assert_clean()


@pytest.mark.parametrize("route", ROUTES)
def test_every_conversation_form_takes_odd_fields_or_says_what_is_wrong(stack, wren, request_id, route):
    logs = Logs(stack)
    if route != "/claim/{}":  # the other forms are for a conversation she has
        assert wren.claim(request_id).status_code == 303

    @fuzz(20)
    @given(form=posts(st.just(wren.csrf)))
    def submit(form: tuple) -> None:
        reply = post(wren.http, stack.console_url + route.format(request_id), *form)
        assert reply.status_code in (200, 303) or (reply.status_code < 500 and CLEAR_ERROR in reply.text), reply.text

    submit()
    assert wren.http.get(f"{stack.console_url}/", timeout=10).status_code == 200
    assert wren.http.get(f"{stack.console_url}/conversation/{request_id}", timeout=10).status_code == 200
    logs.assert_clean()


def test_sign_in_refuses_what_is_wrong_and_never_fails(stack, wren):
    logs, form_url = Logs(stack), f"{stack.console_url}/login"

    @fuzz(25)
    @given(
        fields=st.dictionaries(st.sampled_from(["username", "password"]) | st.text(max_size=8), FIELD, max_size=3),
        csrf=st.sampled_from(["matching", "other", "none", "odd"]),
        raw=st.none() | st.tuples(st.binary(max_size=200), st.sampled_from(BODY_TYPES)),
    )
    @example(fields={"username": "nobody"}, csrf="odd", raw=None)  # "é" as the token: was a 500
    @example(fields={"username": "\x00"}, csrf="matching", raw=None)  # a 500 on PostgreSQL
    def sign_in(fields: dict, csrf: str, raw: tuple | None) -> None:
        http = requests.Session()
        http.get(form_url, timeout=10)  # the form's cookie: the token the form must send back
        expected = http.cookies.get("vwa_login_csrf")
        token = {"matching": expected, "other": "x" * len(expected), "none": None, "odd": "é"}[csrf]
        if raw is not None:
            reply = post(http, form_url, {}, *raw)
        else:
            reply = post(http, form_url, {}, {**fields, **({"csrf": token} if token else {})}, None)
        if reply.status_code == 400:  # a NUL in a field, refused before anything else (PostgreSQL keeps none)
            assert "NUL" in reply.text and CLEAR_ERROR in reply.text, reply.text
        elif raw is None and csrf == "matching":
            assert reply.status_code in (401, 429), reply.text  # no fuzzed name has an account
        else:
            assert reply.status_code == 403 and CLEAR_ERROR in reply.text, reply.text

    sign_in()
    again = Advocate(stack, FUZZER)
    assert again.http.get(f"{stack.console_url}/", timeout=10).status_code == 200
    again.post("/logout")
    logs.assert_clean()


def test_sign_out_refuses_a_wrong_token_and_never_fails(stack, wren):
    logs, someone = Logs(stack), Advocate(stack, FUZZER)  # a session of her own, to end

    @fuzz(20)
    @given(form=posts(wrong_tokens(someone.csrf)))
    def sign_out(form: tuple) -> None:
        headers, body, kind = form
        reply = post(someone.http, f"{stack.console_url}/logout", headers, body, kind)
        assert reply.status_code in (303, 401, 403), reply.text
        assert reply.status_code == 303 or CLEAR_ERROR in reply.text

    sign_out()
    someone.post("/logout")  # if no example was the right one
    assert wren.http.get(f"{stack.console_url}/", timeout=10).status_code == 200  # her other session is on
    logs.assert_clean()


def test_the_live_socket_takes_any_query_and_never_fails(stack, wren, request_id):
    logs = Logs(stack)
    cookie = "; ".join(f"{c.name}={c.value}" for c in wren.http.cookies)

    @fuzz(20)
    @given(query=st.dictionaries(st.sampled_from(["request", "after"]) | st.text(max_size=6), ids(request_id)))
    @example(query={"request": "²"})  # was a crash of the socket's handler
    @example(query={"request": str(request_id), "after": "9" * 30})  # the same
    def listen(query: dict) -> None:
        url = f"ws{stack.console_url.removeprefix('http')}/live?{urlencode(query)}"
        ws = websocket.create_connection(url, header=[f"Cookie: {cookie}"], origin=stack.console_url, timeout=10)
        try:
            ws.recv()  # the queue, the conversation's lines, or a close with a reason
        finally:
            ws.close()

    listen()
    logs.assert_clean()
