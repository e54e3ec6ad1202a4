import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from bot import db
from bot.directory import loader

# Tests run in development (published stand-in secrets, local databases) unless a test says
# otherwise, as `make test` does; the servers they start inherit it.
os.environ.setdefault("APP_ENV", "development")

REPORT = pytest.StashKey[list]()
HELDOUT = pytest.StashKey[tuple]()


def pytest_collection_finish(session):
    """When the held-out NLU evaluation is among the tests, start it now, in the background and at
    the lowest priority: it trains a model of its own (about 90 s), which then overlaps the other
    tests instead of adding to the run. tests/test_nlu_heldout.py waits for it."""
    if any(item.nodeid.startswith("tests/test_nlu_heldout.py") for item in session.items):
        workdir = Path(tempfile.mkdtemp(prefix="heldout-"))
        with (workdir / "log.txt").open("wb") as log:
            command = ["nice", "-n", "19", sys.executable, "-m", "bot.nlu_eval", str(workdir)]
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        session.config.stash[HELDOUT] = (process, workdir)


def pytest_sessionfinish(session):
    """The held-out evaluation stops with the run, and its model goes."""
    if HELDOUT in session.config.stash:
        process, workdir = session.config.stash[HELDOUT]
        process.kill()
        process.wait()
        shutil.rmtree(workdir, ignore_errors=True)


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
