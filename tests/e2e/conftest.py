import uuid
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from bot.stack import AROUND_THE_CLOCK, NOBODY_ON_SHIFT, Stack
from tests.e2e.fake_twilio import FakeTwilio
from tests.e2e.partner import PartnerSite

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


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (it cannot download browsers here)."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def fake_twilio():
    server = FakeTwilio().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def partner():
    site = PartnerSite().start()
    yield site
    site.stop()


def stack_env(workdir, fake_twilio, partner=None) -> dict[str, str]:
    """Each stack has its own databases (and its own advocates' hours: see bot/stack.py); the main
    one lets the partner site's listed origin embed the web chat, and no other."""
    allowed = {"WEBCHAT_ALLOWED_ORIGINS": partner.listed} if partner else {}
    return {
        **allowed,
        "APP_DB_URL": f"sqlite:///{workdir / 'app.db'}",
        "TWILIO_API_BASE_URL": fake_twilio.url,
        "PURGE_EVERY_MINUTES": "0.05",  # the servers' purge every 3 s: only long-expired rows are due
        "TWILIO_DELETE_AFTER_SECONDS": "0",  # the fake Twilio has no message in progress
    }


@pytest.fixture(scope="session")
def stack(tmp_path_factory, fake_twilio, partner):
    """The assistant as `make run` starts it (SQLite, in-memory lock store), on free ports, with
    texts going to a local fake of Twilio's API."""
    workdir = tmp_path_factory.mktemp("stack")
    running = Stack(workdir, env=stack_env(workdir, fake_twilio, partner), console=True).start()
    partner.bot_url = running.url
    yield running
    running.stop()


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
