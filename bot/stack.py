"""Starts the action server, one or more Rasa servers and the advocate console as processes, for
tests and benchmarks.

End-to-end tests and bench/ must talk to the real servers, on free ports, with their own
databases and their own advocates' hours, and stop them afterwards; this is the one place that
knows how.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests
import yaml

from bot.handoff.hours import DAYS
from bot.settings import ROOT

MODEL = ROOT / "models" / "assistant.tar.gz"
BIN = Path(sys.executable).parent
TRACKER_STORE = yaml.safe_load((ROOT / "bot" / "endpoints.yml").read_text())["tracker_store"]["type"]
HOURS_TAIL = "reply_later_on: [sms]\nminutes_per_conversation: 20\n"
# Schedules for bot/handoff/hours.py: a stack never reads the shipped bot/handoff.yml, whose
# shifts would make a test's outcome depend on the hour it runs.
AROUND_THE_CLOCK = "timezone: UTC\nshifts:\n" + "".join(f"  {day}: ['00:00-24:00']\n" for day in DAYS) + HOURS_TAIL
NOBODY_ON_SHIFT = "timezone: UTC\nshifts: {}\n" + HOURS_TAIL


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Stack:
    """An action server and `replicas` Rasa servers sharing one tracker and lock store, and the
    advocate console (RASA_URL: the first replica) when `console` is set.

    By default the stores are a SQLite file in `workdir` and Rasa's in-memory lock store; an
    `endpoints_file` (such as bot/endpoints.production.yml, filled from `env`) replaces them.
    Advocates are on shift around the clock (`hours`) until a test calls set_hours.
    """

    workdir: Path
    endpoints_file: Path | None = None
    env: dict = field(default_factory=dict)
    replicas: int = 1
    console: bool = False
    hours: str = AROUND_THE_CLOCK
    console_port: int = field(default_factory=free_port)
    action_port: int = field(default_factory=free_port)
    rasa_ports: list[int] = field(default_factory=list)
    processes: list[subprocess.Popen] = field(default_factory=list)
    commands: dict[str, tuple[list[str], subprocess.Popen]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.set_hours(self.hours)

    def set_hours(self, schedule: str) -> None:
        """The advocates' hours of this stack's servers; they read it afresh, so it applies at once."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        path = self.workdir / "hours.yml"
        path.write_text(schedule)
        self.hours = schedule
        self.env["HANDOFF_HOURS_FILE"] = str(path)

    def process_env(self) -> dict[str, str]:
        """What every server of the stack runs with: this environment, then the stack's own."""
        return {**os.environ, **self.env}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_ports[0]}"

    @property
    def console_url(self) -> str:
        return f"http://127.0.0.1:{self.console_port}"

    def urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.rasa_ports]

    def log(self, name: str) -> Path:
        return self.workdir / f"{name}.log"

    def logs(self) -> str:
        return "".join(p.read_text(errors="replace") for p in sorted(self.workdir.glob("*.log")))

    def _spawn(self, name: str, args: list[str]) -> None:
        with self.log(name).open("ab") as out:
            process = subprocess.Popen(
                args, cwd=ROOT, env=self.process_env(), stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.processes.append(process)
        self.commands[name] = (args, process)

    def stop_process(self, name: str) -> None:
        """Stop one process ("actions", "rasa0", "console") as a deploy would."""
        process = self.commands[name][1]
        process.terminate()
        process.wait(timeout=20)
        _kill_what_is_left(process)
        self.processes.remove(process)

    def start_process(self, name: str, timeout: float = 240) -> None:
        self._spawn(name, self.commands[name][0])
        self.wait_ready(timeout)

    def start(self, timeout: float = 240) -> "Stack":
        if not MODEL.exists():
            raise RuntimeError(f"{MODEL} is missing: run `make train` first")
        self.env = {"ACTION_ENDPOINT_URL": f"http://127.0.0.1:{self.action_port}/webhook", **self.env}
        endpoints_file = self.endpoints_file
        if endpoints_file is None:
            endpoints_file = self.workdir / "endpoints.yml"
            sqlite = {"type": TRACKER_STORE, "dialect": "sqlite", "db": str(self.workdir / "tracker.db")}
            endpoints = {"action_endpoint": {"url": "${ACTION_ENDPOINT_URL}"}, "tracker_store": sqlite}
            endpoints_file.write_text(yaml.safe_dump(endpoints))
        python = str(BIN / "python")
        load = [python, "-m", "bot.directory", "load"]
        subprocess.run(load, cwd=ROOT, env=self.process_env(), check=True, capture_output=True)
        self._spawn("actions", [python, "-m", "actions.serve", "--actions", "actions", "--port", str(self.action_port)])
        self.rasa_ports = self.rasa_ports or [free_port() for _ in range(self.replicas)]
        for i, port in enumerate(self.rasa_ports):
            args = [python, "-m", "bot.serve", "run", "--model", str(MODEL), "--endpoints", str(endpoints_file)]
            args += ["--credentials", str(ROOT / "bot" / "credentials.yml"), "--port", str(port)]
            self._spawn(f"rasa{i}", args)
        if self.console:
            self.start_console()
        self.wait_ready(timeout)
        return self

    def start_console(self) -> None:
        self.env.setdefault("RASA_URL", self.url)
        self.env.setdefault("CONSOLE_PUBLIC_URL", self.console_url)  # partners' referral links
        self._spawn("console", [str(BIN / "python"), "-m", "bot.console", "serve", "--port", str(self.console_port)])

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        pending = [f"http://127.0.0.1:{self.action_port}/health", *(f"{u}/webhooks/rest/" for u in self.urls())]
        pending += [f"{self.console_url}/login"] if self.console else []
        while pending:
            if any(p.poll() is not None for p in self.processes):
                self.stop()
                raise RuntimeError(f"a server exited while starting; logs:\n{self.logs()[-3000:]}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"servers not ready after {timeout}s: {pending}")
            try:
                if requests.get(pending[0], timeout=2).ok:
                    pending.pop(0)
                    continue
            except requests.RequestException:
                pass
            time.sleep(0.5)

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
            _kill_what_is_left(process)
        self.processes.clear()

    def rest_headers(self) -> dict[str, str]:
        """The REST channel's token, which a stack outside development needs (bot/channels/rest.py)."""
        token = self.env.get("REST_API_TOKEN")
        return {"Authorization": f"Bearer {token}"} if token else {}

    def say(self, sender: str, message: str, url: str | None = None) -> list[dict]:
        """Send one message through the REST channel and return the bot's messages."""
        body = {"sender": sender, "message": message}
        reply = requests.post(
            f"{url or self.url}/webhooks/rest/webhook", json=body, headers=self.rest_headers(), timeout=60
        )
        reply.raise_for_status()
        return reply.json()


def _kill_what_is_left(process: subprocess.Popen) -> None:
    """Rasa with SANIC_WORKERS forks its workers, and Sanic 21.12 leaves a worker that is still
    starting when the stop comes running after its parent is gone, holding the port (seen in
    bench/versus_stock.py). Each server is started in a process group of its own, so whatever is
    left of it goes with the group."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass  # nothing left
