"""A local stand-in for Twilio's Messages API that records what would have been texted."""

import collections
import itertools
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeTwilio:
    def __init__(self) -> None:
        self.sent: list[dict[str, str]] = []
        self.counts: collections.Counter[str] = collections.Counter()  # texts per number (bench/soak.py)
        self.deleted: list[str] = []  # message sids deleted through the API
        self.in_progress = 0  # the next deletions to refuse with Twilio's 20009, as for a message not yet final
        self.failures: list[int] = []  # statuses to answer the next requests with, in order
        self.attempts = 0
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> "FakeTwilio":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()

    def sids_to(self, number: str) -> list[str]:
        with self._lock:
            return [m["Sid"] for m in self.sent if m.get("To") == number]

    def texts_to(self, number: str) -> list[str]:
        with self._lock:
            return [m["Body"] for m in self.sent if m.get("To") == number]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                with fake._lock:
                    fake.attempts += 1
                    status = fake.failures.pop(0) if fake.failures else 201
                    if status == 201:
                        sid = f"SM{next(fake._ids):032d}"
                        fake.sent.append({**form, "Sid": sid})
                        fake.counts[form.get("To")] += 1
                body = (
                    {"sid": sid, "status": "queued", "to": form.get("To"), "body": form.get("Body")}
                    if status == 201
                    else {"code": 20500, "message": "fake failure", "status": status}
                )
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_DELETE(self) -> None:  # noqa: N802 - http.server's name
                sid = self.path.rsplit("/", 1)[-1].removesuffix(".json")
                with fake._lock:
                    refused = fake.in_progress > 0
                    if refused:
                        fake.in_progress -= 1
                    else:
                        fake.deleted.append(sid)
                if refused:
                    payload = json.dumps({"code": 20009, "message": "in progress", "status": 400}).encode()
                    self.send_response(400)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        return Handler
