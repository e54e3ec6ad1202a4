import os

import pytest

from bot import db
from bot.directory import loader

# Tests run in development (published stand-in secrets, local databases) unless a test says
# otherwise, as `make test` does; the servers they start inherit it.
os.environ.setdefault("APP_ENV", "development")

REPORT = pytest.StashKey[list]()


def pytest_terminal_summary(terminalreporter, config):
    """Numbers the test run reports (the held-out NLU accuracy), printed after the results."""
    for line in config.stash.get(REPORT, []):
        terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def directory_url(tmp_path_factory):
    """A SQLite app database with the real directory loaded, private to this test run."""
    url = f"sqlite:///{tmp_path_factory.mktemp('directory') / 'app.db'}"
    loader.load(db.session(url))
    return url


@pytest.fixture
def directory(directory_url):
    with db.session(directory_url) as session:
        yield session
