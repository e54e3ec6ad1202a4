"""A partner organisation's site on another origin, embedding the widget with one script tag.

The same server answers as http://localhost:PORT (listed in the stack's WEBCHAT_ALLOWED_ORIGINS)
and as http://127.0.0.1:PORT (a different origin, not listed)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class PartnerSite:
    def __init__(self) -> None:
        self.bot_url = ""  # set once the stack has started
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        port = self.server.server_address[1]
        self.listed, self.unlisted = f"http://localhost:{port}", f"http://127.0.0.1:{port}"

    def start(self) -> "PartnerSite":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                page = (
                    '<!doctype html><html lang="en"><head><title>Partner</title></head><body>'
                    "<h1>A partner organisation</h1>"
                    f'<script src="{site.bot_url}/webhooks/socketio/widget.js"></script></body></html>'
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, *args: object) -> None:
                pass

        return Handler
