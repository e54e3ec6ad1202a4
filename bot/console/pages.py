"""The console's HTML. Every value is escaped: names, summaries and transcripts are user-supplied
and must show as text. Style and script are files under static/ (the CSP allows nothing inline);
the script adds live updates, and every page also works without it."""

from html import escape

from bot.console import labels
from bot.i18n import languages, render


def _page(title: str, body: str, csrf: str = "", lang: str = "en") -> str:
    meta = f'<meta name="csrf" content="{escape(csrf)}">' if csrf else ""
    script = '<script src="/static/console.js" defer></script>' if csrf else ""
    style = '<link rel="stylesheet" href="/static/console.css">'
    viewport = '<meta name="viewport" content="width=device-width, initial-scale=1">'
    head = f'<head><meta charset="utf-8">{viewport}<title>{escape(title)}</title>{meta}{style}{script}</head>'
    return f'<!doctype html><html lang="{escape(lang)}">{head}<body><main>{body}</main></body></html>'


def _token(csrf: str) -> str:
    return f'<input type="hidden" name="csrf" value="{escape(csrf)}">'


def _logout(csrf: str, lang: str = "en") -> str:
    button = escape(render("console.sign_out", lang))
    return f'<form method="post" action="/logout">{_token(csrf)}<button>{button}</button></form>'


def login(csrf: str, error: str = "") -> str:
    problem = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    return _page(
        "Sign in - advocate console",
        f"<h1>Advocate console</h1>{problem}"
        f'<form method="post" action="/login">{_token(csrf)}'
        '<label for="username">Username</label><input id="username" name="username" autocomplete="username" required>'
        '<label for="password">Password</label><input id="password" name="password" type="password" '
        'autocomplete="current-password" required><button>Sign in</button></form>',
    )


def message(text: str) -> str:
    return _page("Advocate console", f'<p role="alert">{escape(text)}</p><p><a href="/">Back to the console</a></p>')


QUEUE_COLUMNS = ("priority", "waiting", "channel", "language", "need", "safe", "state")


def queue_row(row: dict, csrf: str, lang: str) -> str:
    """One waiting person: priority as colour, icon and word; the rest in the advocate's words
    (bot/console/labels.py). console.js builds the same row from the live socket's data."""
    cells = [
        f'<td class="priority"><span class="icon" aria-hidden="true">{escape(row["icon"])}</span> '
        f"{escape(row['priority_label'])}</td>",
        f'<td class="wait">{escape(render("console.minutes", lang, minutes=row["wait"]))}</td>',
        *(f"<td>{escape(row[key])}</td>" for key in ("channel", "language", "need", "safe", "state")),
    ]
    claim = render("console.queue.claim", lang)
    return (
        f'<tr class="p-{escape(row["priority"])}">{"".join(cells)}<td><form method="post" '
        f'action="/claim/{row["id"]}">{_token(csrf)}<button>{escape(claim)}</button></form></td></tr>'
    )


def _language_form(csrf: str, lang: str) -> str:
    options = "".join(
        f'<option value="{code}"{" selected" if code == lang else ""}>{escape(labels.language(code, code))}</option>'
        for code in languages()
    )
    return (
        f'<form method="post" action="/language" class="inline">{_token(csrf)}<label for="console-language">'
        f'{escape(render("console.language", lang))}</label><select id="console-language" name="lang">{options}'
        f"</select> <button>{escape(render('console.language_change', lang))}</button></form>"
    )


def home(advocate, waiting: list[dict], mine: list[tuple], left: list[dict]) -> str:
    """The queue, most urgent first, updated live, with alerts for new requests; the
    conversations this advocate has; and who left the queue lately, and why. In the advocate's
    language (the console's words; what people wrote stays as written)."""
    lang, csrf = advocate.lang, advocate.csrf
    links = []
    if advocate.role in ("supervisor", "admin"):
        links.append(f'<p><a href="/trends">{escape(render("console.trends", lang))}</a></p>')
    if advocate.role == "admin":
        links.append(f'<p><a href="/audit">{escape(render("console.audit", lang))}</a></p>')
    rows = "".join(queue_row(row, csrf, lang) for row in waiting)
    heads = "".join(f'<th scope="col">{escape(render(f"console.queue.{key}", lang))}</th>' for key in QUEUE_COLUMNS)
    table = (
        f'<table id="queue" data-claim="{escape(render("console.queue.claim", lang))}" '
        f'data-minutes="{escape(render("console.minutes", lang, minutes="{minutes}"))}" '
        f'data-alert="{escape(render("console.alerts.new", lang, priority="{priority}", channel="{channel}"))}">'
        f"<caption>{escape(render('console.queue.caption', lang))}</caption><thead><tr>{heads}<th></th></tr></thead>"
        f'<tbody>{rows}</tbody></table><p id="queue-empty"{" hidden" if waiting else ""}>'
        f"{escape(render('console.queue.empty', lang))}</p>"
    )
    alerts = f'<button type="button" id="alerts" hidden>{escape(render("console.alerts.turn_on", lang))}</button>'
    own = "".join(
        f'<li><a href="/conversation/{rid}">{escape(labels.channel(channel, lang))}: {escape(summary)}</a></li>'
        for rid, summary, channel in mine
    )
    yours = f"<h2>{escape(render('console.mine', lang))}</h2><ul>{own}</ul>" if mine else ""
    gone = "".join(
        f"<li>{escape(row['at'])}, {escape(row['priority'])}, {escape(row['channel'])}: {escape(row['why'])}</li>"
        for row in left
    )
    gone = f'<h2>{escape(render("console.left", lang))}</h2><ul id="left">{gone}</ul>' if left else ""
    signed = render("console.signed_in", lang, name=advocate.name, role=render(f"console.role.{advocate.role}", lang))
    title, queue_title = render("console.title", lang), render("console.queue.title", lang)
    return _page(
        title,
        f"<h1>{escape(title)}</h1><p>{escape(signed)}</p>{_language_form(csrf, lang)}{yours}"
        f"<h2>{escape(queue_title)}</h2>{alerts}{table}{gone}{''.join(links)}{_logout(csrf, lang)}",
        csrf,
        lang,
    )


def transcript_line(line: dict) -> str:
    status = f'<span class="status">{escape(line["note"])}</span>' if line["note"] else ""
    return (
        f'<li data-id="{line["id"]}" class="{escape(line["sender"])}"><span class="who">{escape(line["who"])}</span> '
        f"<small>{escape(line['at'])}</small><br>{escape(line['text'])}{status}</li>"
    )


def conversation(
    advocate, request, priority: str, lines: list[dict], notes: list[tuple], canned, picker, sheets=(), referrals=""
) -> str:
    """Summary, transcript (live), reply box, canned replies, resources, referral sheets (id, place),
    referrals to partners (HTML from bot/console/referrals.py), notes, release and close."""
    csrf, rid, own = advocate.csrf, request.id, request.advocate_id == advocate.id and request.status == "claimed"
    facts = "".join(
        f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>"
        for k, v in [("Priority", priority), ("Channel", request.channel), ("Language", request.language),
                     *((key.replace("_", " ").capitalize(), value) for key, value in (request.summary or {}).items())]
    )  # fmt: skip
    pending = [line["id"] for line in lines if line["status"] == "pending"]
    after = min(pending) - 1 if pending else (lines[-1]["id"] if lines else 0)
    log = "".join(transcript_line(line) for line in lines)
    notes_html = "".join(f"<li><small>{escape(at)}</small> {escape(text)}</li>" for at, text in notes)
    options = "".join(f'<option value="{escape(key)}">{escape(text)}</option>' for key, text in canned)
    resources = "".join(f'<option value="{escape(key)}">{escape(name)}</option>' for key, name in picker)
    places = "".join(f'<option value="{escape(key)}">{escape(name)}</option>' for key, name in sheets)
    act = f'action="/conversation/{rid}'
    writing = (
        f'<form id="reply" method="post" {act}/send"><label for="text">Reply to the person</label>{_token(csrf)}'
        '<textarea id="text" name="text" rows="3" maxlength="1600" required></textarea><button>Send</button></form>'
        f'<p id="sent-status" role="status"></p>'
        f'<form method="post" {act}/send" class="send-form">{_token(csrf)}<label for="canned">Canned reply '
        f'(in {escape(request.language)})</label><select id="canned" name="canned">{options}</select> '
        "<button>Send canned reply</button></form>"
        f'<form method="post" {act}/send" class="send-form">{_token(csrf)}<label for="resource">Resource from the '
        f'directory</label><select id="resource" name="resource">{resources}</select> '
        "<button>Send resource</button></form>"
        + (
            f'<form method="post" {act}/send" class="send-form">{_token(csrf)}<label for="sheet">Referral sheet '
            f'(a link, in {escape(request.language)})</label><select id="sheet" name="sheet">{places}</select> '
            "<button>Send sheet link</button></form>"
            if sheets
            else ""
        )
        + f'<form method="post" action="/release/{rid}" class="inline">{_token(csrf)}'
        "<button>Release to the queue</button>"
        f'</form> <form method="post" {act}/close" class="inline">{_token(csrf)}<button>Close and hand back to the '
        "bot</button></form>"
        if own
        else f'<p id="state-note">This conversation is {escape(request.status)}.</p>'
    )
    body = (
        f'<p><a href="/">Back to the queue</a></p><h1>Conversation</h1><div class="cols"><section><h2>Transcript</h2>'
        f'<ol id="transcript" data-request="{rid}" data-after="{after}" aria-live="polite">{log}</ol>'
        f'<p id="ended" role="alert" hidden></p>{writing}</section><section><h2>Summary</h2><dl>{facts}</dl>{referrals}'
        f'<h2>Notes (never sent to the person)</h2><ul id="notes">{notes_html}</ul><form method="post" {act}/note">'
        f'{_token(csrf)}<label for="note">Add a note</label><textarea id="note" name="note" rows="2" required>'
        "</textarea><button>Save note</button></form></section></div>"
    )
    return _page("Conversation - advocate console", body, csrf)


def audit(entries: list[tuple], csrf: str) -> str:
    rows = "".join("<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in entry) + "</tr>" for entry in entries)
    return _page(
        "Audit log - advocate console",
        "<h1>Audit log</h1><table><thead><tr><th>When (UTC)</th><th>Who</th><th>What</th><th>Conversation</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>{_logout(csrf)}",
    )
