import contextlib
import os
import uuid
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import sync_playwright

from bot import crypto
from bot.settings import ROOT
from bot.stack import AROUND_THE_CLOCK, NOBODY_ON_SHIFT, Stack
from tests.e2e.fake_twilio import FakeTwilio
from tests.e2e.mailbox import Mailbox
from tests.e2e.partner import PartnerSite
from tests.e2e.production import create_database, production_env, reachable
from tests.e2e.tcp_proxy import TcpProxy

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"  # copies in docs/screenshots


@contextlib.contextmanager
def real_clock():
    """Children started inside run on the machine's real clock. Under `make anytime` faketime
    moves the clock of the servers under test; the browser is the person's own machine, and
    Chromium and Playwright's driver under libfaketime stall (page loads time out)."""
    faked = {k: os.environ.pop(k) for k in list(os.environ) if k == "LD_PRELOAD" or k.startswith("FAKETIME")}
    try:
        yield
    finally:
        os.environ.update(faked)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (it cannot download browsers here)."""
    with real_clock():
        playwright = sync_playwright().start()
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(scope="session")
def fake_twilio():
    server = FakeTwilio().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def mailbox():
    box = Mailbox().start()
    yield box
    box.stop()


# Partners that take referrals in the main stack (bot/referral_partners.yml's form), at fictional
# addresses of the reserved example.org domain.
REFERRAL_PARTNERS = {
    "il-cook-legal-aid-chicago": {"email": "intake-legal@example.org", "language": "en"},
    "il-cook-mujeres-latinas": {"email": "intake-mujeres@example.org", "language": "es"},
    "il-cook-ccsao-victim-witness": {"email": "intake-sao@example.org", "language": "en"},
}


@pytest.fixture(scope="session")
def partner():
    site = PartnerSite().start()
    yield site
    site.stop()


def stack_env(workdir, fake_twilio, partner=None, mailbox=None) -> dict[str, str]:
    """Each stack has its own databases (and its own advocates' hours: see bot/stack.py); the main
    one lets the partner site's listed origin embed the web chat, and no other. Every test client
    is 127.0.0.1, so the main stack lifts the limits per address and per conversation; the
    production stack keeps them (tests/e2e/test_abuse.py)."""
    allowed = {"WEBCHAT_ALLOWED_ORIGINS": partner.listed} if partner else {}
    mail = {}
    if mailbox:
        partners = workdir / "referral_partners.yml"
        partners.write_text(yaml.safe_dump({"partners": REFERRAL_PARTNERS}))
        mail = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(mailbox.port), "REFERRAL_PARTNERS_FILE": str(partners)}
    return {
        **allowed,
        **mail,
        "RATE_LIMIT_PER_ADDRESS": "100000/minute",
        "RATE_LIMIT_PER_CONVERSATION": "100000/minute",
        "RATE_LIMIT_NEW_CHATS_PER_ADDRESS": "100000/minute",
        "WEBCHAT_MAX_WAITING_PER_ADDRESS": "100000",
        "APP_DB_URL": f"sqlite:///{workdir / 'app.db'}",
        "TWILIO_API_BASE_URL": fake_twilio.url,
        "PURGE_EVERY_MINUTES": "0.05",  # the servers' purge every 3 s: only long-expired rows are due
        "TWILIO_DELETE_AFTER_SECONDS": "0",  # the fake Twilio has no message in progress
    }


@pytest.fixture(scope="session")
def stack(tmp_path_factory, fake_twilio, partner, mailbox):
    """The assistant as `make run` starts it (SQLite, in-memory lock store), on free ports, with
    texts going to a local fake of Twilio's API and partners' mail to a local SMTP server."""
    workdir = tmp_path_factory.mktemp("stack")
    running = Stack(workdir, env=stack_env(workdir, fake_twilio, partner, mailbox), console=True).start()
    partner.bot_url = running.url
    yield running
    running.stop()


@pytest.fixture(scope="session")
def tracker_db_link():
    """The production replicas reach PostgreSQL through this link, which a test can cut."""
    proxy = TcpProxy(5432).start()
    yield proxy
    proxy.stop()


@pytest.fixture(scope="session")
def production_stack(tmp_path_factory, tracker_db_link, fake_twilio):
    """Two replicas in the production configuration (tests/e2e/production.py), started once."""
    if not reachable():
        pytest.fail("PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 are needed for this test")
    create_database()
    workdir = tmp_path_factory.mktemp("production")
    endpoints = ROOT / "bot" / "endpoints.production.yml"
    env = production_env(tracker_db_link.port, fake_twilio.url)
    stack = Stack(workdir, endpoints_file=endpoints, env=env, replicas=2, console=True).start()
    yield stack
    stack.stop()


@pytest.fixture
def production(production_stack, monkeypatch):
    """The production stack, with its encryption key in this process for the test's length only,
    so the test can read the stack's encrypted rows and no later test inherits the key."""
    monkeypatch.setenv("APP_ENCRYPTION_KEY", production_stack.env["APP_ENCRYPTION_KEY"])
    crypto._fernet.cache_clear()
    yield production_stack
    crypto._fernet.cache_clear()


@pytest.fixture
def off_shift(stack):
    """Nobody on shift while the test runs (the schedule is read afresh on every use)."""
    stack.set_hours(NOBODY_ON_SHIFT)
    yield
    stack.set_hours(AROUND_THE_CLOCK)


@pytest.fixture
def person(stack):
    """A new conversation: person(message) returns the bot's reply as one text."""

    sender = f"test-{uuid.uuid4().hex}"

    def say(message: str) -> str:
        return "\n\n".join(m.get("text", "") for m in stack.say(sender, message))

    say.sender = sender
    return say
