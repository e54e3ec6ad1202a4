"""The servers a test starts never read the shipped advocates' hours, whose shifts would make the
test's outcome depend on the hour it runs (bot/stack.py)."""

import datetime as dt
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.handoff.hours import Hours
from bot.settings import ROOT
from bot.stack import NOBODY_ON_SHIFT, Stack

CHICAGO = ZoneInfo("America/Chicago")
HOURS_OF_A_WEEK = [
    dt.datetime(2026, 11, 29, 2, 0, tzinfo=CHICAGO),  # Sunday 02:00 Central
    dt.datetime(2026, 12, 1, 22, 50, tzinfo=CHICAGO),  # Tuesday 22:50 Central
    dt.datetime(2026, 12, 2, 12, 0, tzinfo=CHICAGO),  # Wednesday noon Central
    dt.datetime(2026, 12, 5, 23, 59, 30, tzinfo=dt.timezone.utc),  # the last minute of a UTC day
]


def hours_of(stack: Stack) -> Hours:
    return Hours.load(Path(stack.process_env()["HANDOFF_HOURS_FILE"]))


def test_a_production_store_stack_has_advocates_on_shift_at_any_hour(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDOFF_HOURS_FILE", str(ROOT / "bot" / "handoff.yml"))  # a developer's own setting
    stack = Stack(tmp_path, endpoints_file=ROOT / "bot" / "endpoints.production.yml", env={"APP_ENV": "production"})
    hours = hours_of(stack)
    assert all(hours.on_shift(at) for at in HOURS_OF_A_WEEK)
    assert not Hours.load(ROOT / "bot" / "handoff.yml").on_shift(HOURS_OF_A_WEEK[0])  # what it would have read


def test_a_test_can_take_the_advocates_off_shift(tmp_path):
    stack = Stack(tmp_path)
    stack.set_hours(NOBODY_ON_SHIFT)
    assert not any(hours_of(stack).on_shift(at) for at in HOURS_OF_A_WEEK)


STUBBORN_CHILD = """
import os, signal, sys, time
child = os.fork()
if child == 0:  # as a Rasa worker still starting: it does not stop for SIGTERM
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    time.sleep(600)
    os._exit(0)
open(sys.argv[1], "w").write(str(child))
time.sleep(600)
"""


def test_a_stopped_stack_leaves_no_process_behind(tmp_path):
    stack = Stack(tmp_path)
    pid_file = tmp_path / "child.pid"
    stack._spawn("server", [sys.executable, "-c", STUBBORN_CHILD, str(pid_file)])
    deadline = time.monotonic() + 30
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline, "the server did not start its child"
        time.sleep(0.05)
    child = int(pid_file.read_text())
    stack.stop()
    deadline = time.monotonic() + 10
    while alive(child):  # a zombie until init reaps it: gone, as far as a port is concerned
        assert time.monotonic() < deadline, "the server's child outlived the stop"
        time.sleep(0.05)


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"
