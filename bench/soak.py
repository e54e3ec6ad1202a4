"""Load and soak: many people at once, by text and on the web chat, for minutes, against the
production stores (PostgreSQL, Redis) with one Rasa worker per core, as the README recommends.

Each simulated person holds a conversation (texts through signed Twilio webhooks, whose replies a
local fake Twilio records; or the web chat over its WebSocket), waits for the bot's answer before
the next message, and begins a new conversation after the last. It prints throughput, latency to
the first reply (p50/p95/p99) by channel, errors, and the stack's memory over time. At the end it
reads every conversation back from the tracker store: each message sent must be there exactly
once, in order (nothing lost, nothing duplicated).

    .venv/bin/python bench/soak.py [--people 50] [--minutes 5]
"""

import argparse
import itertools
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers

os.environ.setdefault("APP_ENV", "development")  # the stand-in secrets, as the stack has them
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from production import ENDPOINTS, production_env  # noqa: E402
from rest_latency import TURNS  # noqa: E402
from versus_stock import pss_mb, pss_of, tree  # noqa: E402

from bot.channels import sms_store  # noqa: E402
from bot.stack import Stack  # noqa: E402
from bot.stores import from_endpoints  # noqa: E402
from tests import aio  # noqa: E402
from tests.e2e.fake_twilio import FakeTwilio  # noqa: E402
from tests.e2e.people import Client, text  # noqa: E402

REPLY_TIMEOUT = 30.0
LOGS = Path(__file__).resolve().parent.parent / "var" / "bench" / "soak"


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"text": [], "web": []})
    by_minute: dict[int, list[float]] = field(default_factory=dict)  # both channels
    started: float = field(default_factory=time.monotonic)
    errors: list[str] = field(default_factory=list)
    sent: dict[str, list[str]] = field(default_factory=dict)  # conversation id -> messages, in order
    lock: threading.Lock = field(default_factory=threading.Lock)

    def failed(self, channel: str, error: str) -> None:
        with self.lock:
            self.errors.append(f"{channel}: {error}")

    def record(self, channel: str, conversation: str, message: str, ms: float | None, error: str | None) -> None:
        with self.lock:
            self.sent.setdefault(conversation, []).append(message)
            if error:
                self.errors.append(f"{channel}: {error}")
            else:
                self.latencies[channel].append(ms)
                self.by_minute.setdefault(int((time.monotonic() - self.started) // 60), []).append(ms)


def fictional_numbers() -> list[str]:
    """555-0100 to 555-0199 (the numbers kept for fiction) in every area code phonenumbers knows:
    45,100 numbers, one per conversation by text. A number that texted before would continue its
    old conversation, which would then grow all run long and with it the servers' memory (each
    holds the last 512 conversations): the soak measures steady load, not ever longer conversations."""
    areas = [a for a in range(201, 990) if phonenumbers.is_valid_number(phonenumbers.parse(f"+1{a}5550100"))]
    return [f"+1{area}5550{n}" for area in areas for n in range(100, 200)]


NUMBERS, NEXT_NUMBER = fictional_numbers(), itertools.count()


def texter(stack: Stack, twilio: FakeTwilio, until: float, tally: Tally) -> None:
    while time.monotonic() < until:
        number = NUMBERS[next(NEXT_NUMBER)]  # a new conversation
        conversation = sms_store.conversation_id(number)
        for message in TURNS:
            if time.monotonic() >= until:
                return
            before, start = twilio.counts[number], time.monotonic()
            error = None
            try:
                if text(stack, number, message).status_code != 200:
                    error = "webhook refused"
                while not error and twilio.counts[number] <= before:
                    if time.monotonic() - start > REPLY_TIMEOUT:
                        error = "no reply"
                    time.sleep(0.02)
            except Exception as exc:  # noqa: BLE001 - counted, and the person goes on
                error = type(exc).__name__
            tally.record("text", conversation, message, (time.monotonic() - start) * 1000, error)
            time.sleep(0.3)  # the rest of a long reply arrives before the next message


def chatter(stack: Stack, until: float, tally: Tally) -> None:
    while time.monotonic() < until:
        client = None
        try:
            client = Client(stack.url, wait=REPLY_TIMEOUT)
            conversation = client.start()
        except Exception as exc:  # noqa: BLE001 - counted, and the person tries again
            tally.failed("web", f"no conversation: {type(exc).__name__}")
            if client is not None:
                client.close()
            time.sleep(1)
            continue
        try:
            for message in TURNS:
                if time.monotonic() >= until:
                    return
                start, error = time.monotonic(), None
                try:
                    if not client.say(message, settle=0.3):
                        error = "no reply"
                except Exception as exc:  # noqa: BLE001 - counted, and the person goes on
                    error = type(exc).__name__
                tally.record("web", conversation, message, (time.monotonic() - start - 0.3) * 1000, error)
        finally:
            client.close()


def name_of(pid: int) -> str:
    """The server a process is: Rasa (bot.serve), the action server or the console."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except FileNotFoundError:
        return "gone"
    for module, name in ((b"bot.serve", "rasa"), (b"actions", "actions"), (b"bot.console", "console")):
        if any(module in part for part in command):
            return name
    return "other"


def percentiles(values: list[float]) -> str:
    if not values:
        return "no replies"
    ordered = sorted(values)
    at = [ordered[min(len(ordered) - 1, int(len(ordered) * q))] for q in (0.5, 0.95, 0.99)]
    return f"{len(values):6d} messages  p50 {at[0]:6.0f} ms  p95 {at[1]:6.0f} ms  p99 {at[2]:6.0f} ms"


def stored_messages(env: dict[str, str], conversations: list[str]) -> dict[str, list[str]]:
    """Every conversation's user messages as the tracker store holds them."""
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        store = from_endpoints(ENDPOINTS)
        found = {}
        for conversation in conversations:
            tracker = aio.run(store.retrieve_full_tracker(conversation))
            found[conversation] = [e.text for e in tracker.events if e.type_name == "user"] if tracker else []
        return found
    finally:
        for key, value in saved.items():
            os.environ.pop(key) if value is None else os.environ.__setitem__(key, value)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=50, help="conversations at once, half by text")
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count(), help="Rasa worker processes")
    args = parser.parse_args()
    twilio = FakeTwilio().start()
    env = {**production_env("vwa_soak", args.workers), "TWILIO_API_BASE_URL": twilio.url}
    env |= {"TWILIO_DELETE_MESSAGES": "false"}
    with tempfile.TemporaryDirectory() as workdir:
        stack = Stack(Path(workdir), endpoints_file=ENDPOINTS, env=env).start()
        tally, until = Tally(), time.monotonic() + args.minutes * 60
        people = [
            threading.Thread(target=texter, args=(stack, twilio, until, tally))
            if i % 2
            else threading.Thread(target=chatter, args=(stack, until, tally))
            for i in range(args.people)
        ]
        started = tally.started = time.monotonic()
        for person in people:
            person.start()
        memory, processes, each = [], [], {}
        while any(p.is_alive() for p in people):
            memory.append((time.monotonic() - started, pss_mb([p.pid for p in stack.processes])))
            alive = tree([p.pid for p in stack.processes])
            processes.append(len(alive))
            for pid in alive:
                each.setdefault((pid, name_of(pid)), []).append(pss_of(pid))
            time.sleep(15)
        elapsed = time.monotonic() - started
        stored = stored_messages({**stack.env}, list(tally.sent))
        stack.stop()
        logged = [line for line in stack.logs().splitlines() if "ERROR" in line or "Error" in line]
        shutil.rmtree(LOGS, ignore_errors=True)
        shutil.copytree(workdir, LOGS)  # the servers' logs, for a run that went wrong
    twilio.stop()
    total = sum(len(v) for v in tally.latencies.values())
    print(f"{args.people} people for {elapsed / 60:.1f} minutes, {args.workers} Rasa workers, production stores")
    print(f"throughput {total / elapsed:.1f} messages/s answered")
    for channel, values in tally.latencies.items():
        print(f"  {channel:4} {percentiles(values)}")
    lost = sum(
        len(sent) - len(stored.get(c, [])) for c, sent in tally.sent.items() if len(stored.get(c, [])) < len(sent)
    )
    duplicated = sum(len(stored[c]) - len(sent) for c, sent in tally.sent.items() if len(stored.get(c, [])) > len(sent))
    out_of_order = sum(1 for c, sent in tally.sent.items() if stored.get(c) != sent)
    print(f"errors {len(tally.errors)}  lost {lost}  duplicated {duplicated}  not stored as sent {out_of_order}")
    for error in sorted(set(tally.errors))[:10]:
        print(f"  {error}: {tally.errors.count(error)}")
    for line in logged[-20:]:  # the servers never log what a person wrote
        print(f"  logged: {line[:300]}")
    for conversation, sent in list(tally.sent.items()):
        if stored.get(conversation) != sent:  # the bench's own invented messages, safe to print
            print(f"  not as sent ({'text' if conversation.startswith('sms') else 'web'}):")
            print(f"    sent   {sent}\n    stored {stored.get(conversation)}")
    steady = [mb for at, mb in memory if at >= 60] or [mb for _, mb in memory]  # after the warm-up
    print(
        f"memory (PSS of the stack): {memory[0][1]:.0f} MB at start, {steady[0]:.0f} MB after the first minute, "
        f"{steady[-1]:.0f} MB at the end ({steady[-1] - steady[0]:+.0f} MB)"
    )
    by_minute = {int(at // 60): mb for at, mb in memory}  # the last sample of each minute
    print(f"memory, minute by minute (MB): {' '.join(f'{mb:.0f}' for _, mb in sorted(by_minute.items()))}")
    for (pid, name), samples in each.items():  # each minute's last sample, process by process
        print(f"  {name} {pid} (MB): {' '.join(f'{mb:.0f}' for mb in samples[3::4])}")
    print(f"server processes every 15 s: {' '.join(map(str, processes))} (logs in {LOGS})")
    medians = [f"{statistics.median(ms):.0f}" for _, ms in sorted(tally.by_minute.items())]
    print(f"median latency, minute by minute (ms): {' '.join(medians)}")


if __name__ == "__main__":
    main()
