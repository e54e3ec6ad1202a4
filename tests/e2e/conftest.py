import uuid

import pytest

from bot.stack import Stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """The assistant as `make run` starts it (SQLite, in-memory lock store), on free ports."""
    workdir = tmp_path_factory.mktemp("stack")
    running = Stack(workdir, env={"APP_DB_URL": f"sqlite:///{workdir / 'app.db'}"}).start()
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
