"""The console's HTML. Every value is escaped: names, usernames and (later) transcripts are
user-supplied and must show as text."""

from html import escape

STYLE = """<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
label{display:block;margin-top:.8rem}input{font:inherit;padding:.4rem;width:18rem}button{font:inherit;margin-top:1rem;
padding:.4rem 1rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3rem .6rem;text-align:left}
.error{color:#8b0000}:focus-visible{outline:3px solid #b35900}</style>"""


def _page(title: str, body: str) -> str:
    head = f'<head><meta charset="utf-8"><title>{escape(title)}</title>{STYLE}</head>'
    return f'<!doctype html><html lang="en">{head}<body><main>{body}</main></body></html>'


def _logout(csrf: str) -> str:
    token = f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
    return f'<form method="post" action="/logout">{token}<button>Sign out</button></form>'


def login(csrf: str, error: str = "") -> str:
    problem = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    return _page(
        "Sign in - advocate console",
        f"<h1>Advocate console</h1>{problem}"
        f'<form method="post" action="/login"><input type="hidden" name="csrf" value="{escape(csrf)}">'
        '<label for="username">Username</label><input id="username" name="username" autocomplete="username" required>'
        '<label for="password">Password</label><input id="password" name="password" type="password" '
        'autocomplete="current-password" required><button>Sign in</button></form>',
    )


def message(text: str) -> str:
    return _page("Advocate console", f'<p role="alert">{escape(text)}</p><p><a href="/login">Sign in</a></p>')


def _summary(summary: dict) -> str:
    return "; ".join(f"{escape(str(k))}: {escape(str(v))}" for k, v in (summary or {}).items())


def home(name: str, role: str, csrf: str, waiting: list[tuple]) -> str:
    """The queue: most urgent first; each row with a claim button."""
    audit = '<p><a href="/audit">Audit log</a></p>' if role == "admin" else ""
    token = f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
    rows = "".join(
        f"<tr><td>{escape(priority)}</td><td>{minutes} min</td><td>{escape(channel)}</td><td>{escape(lang)}</td>"
        f'<td>{_summary(summary)}</td><td><form method="post" action="/claim/{rid}">{token}'
        f"<button>Claim</button></form></td></tr>"
        for rid, priority, minutes, channel, lang, summary in waiting
    )
    table = (
        "<table><caption>Waiting for an advocate</caption><thead><tr><th>Priority</th><th>Waiting</th>"
        f"<th>Channel</th><th>Language</th><th>Summary</th><th></th></tr></thead><tbody>{rows}</tbody></table>"
        if waiting
        else "<p>Nobody is waiting.</p>"
    )
    return _page(
        "Advocate console",
        f"<h1>Advocate console</h1><p>Signed in as {escape(name)} ({escape(role)}).</p>{table}{audit}{_logout(csrf)}",
    )


def audit(entries: list[tuple], csrf: str) -> str:
    rows = "".join("<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in entry) + "</tr>" for entry in entries)
    return _page(
        "Audit log - advocate console",
        "<h1>Audit log</h1><table><thead><tr><th>When (UTC)</th><th>Who</th><th>What</th><th>Conversation</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>{_logout(csrf)}",
    )
