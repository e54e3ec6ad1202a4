"""The people of the end-to-end tests: someone on the web chat (a python-socketio client speaking
Rasa's protocol), someone texting (signed Twilio webhooks), with fictional numbers (555-01xx)."""

import itertools
import os
import re
import subprocess
import threading
import time
import uuid

import requests
import socketio
from sqlalchemy import select
from twilio.request_validator import RequestValidator

from bot import db, settings
from bot.handoff import transcript
from bot.handoff.queue import HandoffRequest
from bot.stack import BIN


class Client:
    def __init__(self, url: str, headers: dict | None = None, wait: float = 1) -> None:
        """headers: e.g. X-Forwarded-For, as a load balancer in front of the bot adds it; wait:
        seconds for the server's handshake."""
        self.sio = socketio.Client(reconnection=False)
        self.session: str | None = None
        self.messages: list[dict] = []
        self.confirmed = threading.Event()
        self.arrived = threading.Condition()
        self.sio.on("session_confirm", self._confirm)
        self.sio.on("bot_uttered", self._bot)
        self.sio.connect(url, headers=headers or {}, transports=["websocket"], wait_timeout=wait)

    def _confirm(self, session_id):
        self.session = session_id if isinstance(session_id, str) else session_id["session_id"]
        self.token = None if isinstance(session_id, str) else session_id.get("token")
        with self.arrived:
            self.confirmed.set()
            self.arrived.notify_all()

    def _bot(self, data):
        with self.arrived:
            self.messages.append(data)
            self.arrived.notify_all()

    def start(self, session_id=None, token=None) -> str:
        """A new conversation, or the one named by session_id and the token the server gave with it."""
        self.sio.emit("session_request", {"session_id": session_id, "token": token})
        assert self.confirmed.wait(10)
        return self.session

    def request_session(self, timeout: float = 10) -> str | None:
        """A new conversation, or None when the server refuses one (its message says why)."""
        self.sio.emit("session_request", {"session_id": None, "token": None})
        with self.arrived:
            self.arrived.wait_for(lambda: self.confirmed.is_set() or self.messages, timeout=timeout)
        return self.session

    def say(self, text: str, settle: float = 0.5) -> str:
        count = len(self.messages)
        self.sio.emit("user_uttered", {"message": text, "session_id": self.session})
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.messages) > count, timeout=20)
            while self.arrived.wait(timeout=settle):  # until no more messages arrive
                pass
        return "\n".join(m.get("text", "") for m in self.messages[count:])

    def close(self) -> None:
        self.sio.disconnect()


_numbers = itertools.count(100)
AREAS = ["202", "212", "312", "415", "617", "713", "305", "206"]


def fictional_number() -> str:
    n = next(_numbers)
    return f"+1{AREAS[n // 100 % len(AREAS)]}5550{n % 100:03d}"


def webhook(stack, params, sign=True, path="webhook", server=None):
    url = f"{server or stack.url}/webhooks/sms/{path}"
    token = stack.env.get("TWILIO_AUTH_TOKEN") or settings.secret("TWILIO_AUTH_TOKEN")  # as the stack has it
    signature = RequestValidator(token).compute_signature(url, params)
    headers = {"X-Twilio-Signature": signature} if sign else {}
    return requests.post(url, data=params, headers=headers, timeout=30)


def text(stack, number, body, sid=None, media=0, server=None):
    params = {"MessageSid": sid or f"SM{uuid.uuid4().hex}", "From": number, "To": "+15005550006", "Body": body}
    params["NumMedia"] = str(media)
    return webhook(stack, params, server=server)


def replies(fake_twilio, number, count, timeout=30.0) -> list[str]:
    """The texts sent to number, once there are at least `count` of them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sent = fake_twilio.texts_to(number)
        if len(sent) >= count:
            return sent
        time.sleep(0.2)
    raise AssertionError(f"expected {count} texts, got {fake_twilio.texts_to(number)}")


def settle(fake_twilio, number, seconds=1.5) -> list[str]:
    """The texts sent to number once nothing more has arrived for `seconds` (watched every tenth of
    a second, so a reply that comes at once is not waited on twice)."""
    current, quiet_since = list(fake_twilio.texts_to(number)), time.monotonic()
    while time.monotonic() - quiet_since < seconds:
        time.sleep(0.1)
        latest = list(fake_twilio.texts_to(number))
        if latest != current:
            current, quiet_since = latest, time.monotonic()
    return current


PASSWORD = "correct horse battery staple"


def create_account(stack, username: str, name: str, role: str = "advocate") -> None:
    command = [str(BIN / "python"), "-m", "bot.console", "create-account", username, "--role", role, "--name", name]
    env = {**os.environ, **stack.env}
    done = subprocess.run(command, input=PASSWORD + "\n", env=env, capture_output=True, text=True)
    assert done.returncode == 0 or "is taken" in done.stderr, done.stderr


def sign_in_browser(page, stack, username: str, name: str) -> None:
    """Sign an advocate in on the console's page in a real browser, as they would."""
    from playwright.sync_api import expect

    page.goto(f"{stack.console_url}/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {name}")).to_be_visible()


class Advocate:
    """Someone signed in to the console, using it over HTTP as the pages' forms do."""

    def __init__(self, stack, username: str, behind_tls: bool = False) -> None:
        """behind_tls: the console runs in production mode, whose cookies are Secure; the test
        speaks plain HTTP to it, so the cookie jar sends them anyway, as a TLS proxy's client would."""
        self.url, self.http, self.behind_tls = stack.console_url, requests.Session(), behind_tls
        form = self.http.get(f"{self.url}/login", timeout=10)
        self._unsecure()
        token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
        data = {"csrf": token, "username": username, "password": PASSWORD}
        signed = self.http.post(f"{self.url}/login", data=data, allow_redirects=False, timeout=10)
        assert signed.status_code == 303, signed.text
        self._unsecure()
        home = self.http.get(f"{self.url}/", timeout=10)
        self.csrf = re.search(r'name="csrf" value="([^"]+)"', home.text).group(1)

    def _unsecure(self) -> None:
        if self.behind_tls:
            for cookie in self.http.cookies:
                cookie.secure = False

    def post(self, path: str, **data) -> requests.Response:
        return self.http.post(f"{self.url}{path}", data={"csrf": self.csrf, **data}, allow_redirects=False, timeout=30)

    def claim(self, request_id: int) -> requests.Response:
        return self.post(f"/claim/{request_id}")

    def send(self, request_id: int, **data) -> dict:
        """Send as the reply box does (text=..., canned=key or resource=id); the console's answer."""
        reply = self.http.post(
            f"{self.url}/conversation/{request_id}/send",
            data={"csrf": self.csrf, **data},
            headers={"Accept": "application/json"},
            timeout=30,
        )
        assert reply.status_code == 200, reply.text
        return reply.json()

    def page(self, request_id: int) -> str:
        return self.http.get(f"{self.url}/conversation/{request_id}", timeout=10).text


def wait_for(condition, timeout: float = 30.0, every: float = 0.3):
    """condition()'s first truthy value, or an AssertionError after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(every)
    raise AssertionError(f"not true after {timeout}s: {condition}")


CONSENT = "will see what you wrote here"


def request_of(stack, conversation_id: str) -> HandoffRequest | None:
    with db.session(stack.env["APP_DB_URL"]) as session:
        query = select(HandoffRequest).where(HandoffRequest.conversation_id == conversation_id)
        return session.scalars(query.order_by(HandoffRequest.id.desc())).first()


def lines_of(stack, request_id: int) -> list[tuple[str, str, str, str | None]]:
    """(sender, text, status, error) of every transcript line."""
    with db.session(stack.env["APP_DB_URL"]) as session:
        return [(x.sender, x.text, x.status, x.error) for x in transcript.lines(session, request_id)]


def hand_off_on_the_web(web, first="can i talk to a real person", answers=("skip", "skip", "skip", "skip")) -> str:
    assert CONSENT in web.say(first)
    said = web.say("yes")
    for answer in answers:
        said = web.say(answer)
    return said


def hand_off_by_text(stack, fake_twilio, number, first="i want to talk to a real person", answers=None) -> str:
    answers = answers or ["skip", "skip", "skip", "skip"]
    before = len(fake_twilio.texts_to(number))
    assert text(stack, number, first).status_code == 200
    said = settle(fake_twilio, number)[before:]
    assert CONSENT in " ".join(said), said
    for message in ["1", *answers]:  # 1: the numbered choice "Yes"
        before = len(fake_twilio.texts_to(number))
        text(stack, number, message)
        replies(fake_twilio, number, before + 1)
    return " ".join(settle(fake_twilio, number)[before:])
