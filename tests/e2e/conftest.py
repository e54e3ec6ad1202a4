import uuid

import pytest

from bot.stack import Stack
from tests.e2e.fake_twilio import FakeTwilio


@pytest.fixture(scope="session")
def fake_twilio():
    server = FakeTwilio().start()
    yield server
    server.stop()


def stack_env(workdir, fake_twilio) -> dict[str, str]:
    return {"APP_DB_URL": f"sqlite:///{workdir / 'app.db'}", "TWILIO_API_BASE_URL": fake_twilio.url}


@pytest.fixture(scope="session")
def stack(tmp_path_factory, fake_twilio):
    """The assistant as `make run` starts it (SQLite, in-memory lock store), on free ports, with
    texts going to a local fake of Twilio's API."""
    workdir = tmp_path_factory.mktemp("stack")
    running = Stack(workdir, env=stack_env(workdir, fake_twilio)).start()
    yield running
    running.stop()


@pytest.fixture
def person(stack):
    """A new conversation: person(message) returns the bot's reply as one text."""

    sender = f"test-{uuid.uuid4().hex}"

    def say(message: str) -> str:
        return "\n\n".join(m.get("text", "") for m in stack.say(sender, message))

    say.sender = sender
    return say
