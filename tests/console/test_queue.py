"""The handoff queue in the console: priority order, one owner per claim, text shown as text."""

import re
import threading
from html import unescape

import pytest
import requests
from sqlalchemy import select

from bot import db
from bot.console.models import AuditEntry
from bot.handoff import queue, transcript
from tests.console.test_console_auth import cli, console, csrf_of, sign_in  # noqa: F401 (console is a fixture)


@pytest.fixture(scope="module")
def people(console):  # noqa: F811
    url, env = console
    cli(env, "create-account", "lee", "--role", "advocate", "--name", "Lee")
    cli(env, "create-account", "sup", "--role", "supervisor", "--name", "Sam")
    queue.create_tables()
    with db.session(env["APP_DB_URL"]) as session, session.begin():
        ids = {
            name: queue.request(session, f"conv-{name}", channel, priority, summary, lang).id
            for name, channel, priority, summary, lang in [
                ("other", "socketio", queue.OTHER, {"help": "a lawyer"}, "en"),
                ("danger", "sms", queue.DANGER, {"help": "<script>alert(1)</script>", "state": "OH"}, "en"),
                ("threat", "socketio", queue.THREAT, {"help": "threatened for testifying"}, "en"),
                ("quiet", "socketio", queue.OTHER, {"help": "skip", "safe_to_text": "yes", "state": "skip"}, "es"),
            ]
        }
    return url, env, ids


def rows_of(page: str) -> list[tuple[str, list[str]]]:
    """(priority class, the text of each line of the card, then its button) of each queue card, in order."""
    listed = re.search(r'<ol id="queue".*?</ol>', page, re.S).group(0)
    cards = re.findall(r'<li class="p-(\w+)">(.*?)</li>', listed, re.S)
    lines = [re.findall(r"<p[^>]*>(.*?)</p>|<button>(.*?)</button>", card, re.S) for _, card in cards]
    return [(kind, [" ".join(unescape(re.sub(r"<[^>]+>", "", "".join(line))).split()) for line in card])
            for (kind, _), card in zip(cards, lines, strict=True)]  # fmt: skip


def test_the_queue_is_most_urgent_first_and_shows_text_as_text(people):
    url, _, _ = people
    browser, _ = sign_in(url, "dana")
    page = browser.get(f"{url}/").text
    order = [kind for kind, _ in rows_of(page)]
    assert order.index("danger") < order.index("threats") < order.index("other")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page


def test_the_queue_reads_as_people_say_it(people):
    """Priority as an icon and a word, channel and language by name, the person's own words, and
    "not given" for what they chose not to say; no internal name anywhere."""
    url, _, _ = people
    browser, _ = sign_in(url, "dana")
    page = browser.get(f"{url}/").text
    rows = rows_of(page)
    danger = next(cells for kind, cells in rows if kind == "danger")
    assert re.fullmatch(r"⚠ Danger · waiting \d+ min", danger[0]) and danger[1:] == [
        "Text · English · Ohio", "Needs: <script>alert(1)</script>", "Safe to text later: not given", "Claim",
    ]  # fmt: skip
    quiet = next(cells for kind, cells in rows if "Spanish" in cells[1])
    assert quiet[0].startswith("● Other") and quiet[1:4] == [
        "Web chat · Spanish · not given", "Needs: not given", "Safe to text later: yes",
    ]  # fmt: skip
    shown = {word for _, cells in rows for cell in cells for word in re.split(r"[\s·:]+", cell)}
    assert not {"skip", "socketio", "sms", "es", "en", "danger", "other"} & shown


def test_an_advocate_reads_the_console_in_spanish(people):
    url, _, _ = people
    dana, _ = sign_in(url, "dana")
    chosen = dana.post(f"{url}/language", data={"csrf": csrf_of(dana, url), "lang": "es"}, allow_redirects=False)
    assert chosen.status_code == 303
    page = dana.get(f"{url}/").text
    assert '<html lang="es">' in page and "Consola de apoyo" in page
    danger = next(cells for kind, cells in rows_of(page) if kind == "danger")
    assert danger[0].startswith("⚠ Peligro") and danger[1].startswith("Mensaje de texto · Inglés")
    assert danger[-1] == "Tomar"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # what the person wrote, as written
    assert "Sign out" not in page and "Cerrar sesión" in page
    assert '<html lang="en">' in sign_in(url, "dana")[0].get(f"{url}/").text  # another browser: its own choice
    refused = dana.post(f"{url}/language", data={"csrf": csrf_of(dana, url), "lang": "../en"})
    assert refused.status_code == 400


def test_two_advocates_claiming_at_once_leave_exactly_one_owner(people):
    url, env, ids = people
    browsers = [sign_in(url, "dana")[0], sign_in(url, "lee")[0]]
    tokens = [csrf_of(b, url) for b in browsers]
    statuses, start = [], threading.Barrier(2)

    def claim(browser, token):
        start.wait()
        reply = browser.post(f"{url}/claim/{ids['threat']}", data={"csrf": token}, allow_redirects=False)
        statuses.append(reply)

    threads = [threading.Thread(target=claim, args=pair) for pair in zip(browsers, tokens, strict=True)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sorted(r.status_code for r in statuses) == [303, 409]
    assert "someone else has already taken" in next(r.text for r in statuses if r.status_code == 409).lower()
    with db.session(env["APP_DB_URL"]) as session:
        claimed = session.get(queue.HandoffRequest, ids["threat"])
        assert claimed.status == "claimed" and claimed.advocate_id is not None


def test_release_is_for_the_owner_and_reassign_for_supervisors(people):
    url, env, ids = people
    dana, lee, sup = (sign_in(url, name)[0] for name in ("dana", "lee", "sup"))
    assert (
        dana.post(f"{url}/claim/{ids['other']}", data={"csrf": csrf_of(dana, url)}, allow_redirects=False).status_code
        == 303
    )
    assert lee.post(f"{url}/release/{ids['other']}", data={"csrf": csrf_of(lee, url)}).status_code == 409
    assert (
        lee.post(f"{url}/reassign/{ids['other']}", data={"csrf": csrf_of(lee, url), "advocate": "lee"}).status_code
        == 403
    )
    reply = sup.post(
        f"{url}/reassign/{ids['other']}", data={"csrf": csrf_of(sup, url), "advocate": "lee"}, allow_redirects=False
    )
    assert reply.status_code == 303
    with db.session(env["APP_DB_URL"]) as session:  # the person is told who has them now; the log says to whom
        joined = [line.text for line in transcript.lines(session, ids["other"]) if line.kind == transcript.JOINED]
        assert any("Lee" in text for text in joined), joined
        details = session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "reassign")).all()
        assert "to lee" in details
    assert (
        lee.post(f"{url}/release/{ids['other']}", data={"csrf": csrf_of(lee, url)}, allow_redirects=False).status_code
        == 303
    )
    assert re.search(r"a lawyer", lee.get(f"{url}/").text)  # back in the queue


def test_claims_need_the_csrf_token_and_a_session(people):
    url, _, ids = people
    dana, _ = sign_in(url, "dana")
    assert dana.post(f"{url}/claim/{ids['danger']}", allow_redirects=False).status_code == 403
    assert requests.post(f"{url}/claim/{ids['danger']}", allow_redirects=False).status_code == 401


def test_a_person_waits_in_the_queue_once(people):
    _, env, ids = people
    with db.session(env["APP_DB_URL"]) as session, session.begin():
        again = queue.request(session, "conv-danger", "sms", queue.DANGER, {})
        assert again.id == ids["danger"]
