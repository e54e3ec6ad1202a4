"""Trends for the task force, end to end (issue 16): a scripted mix of conversations on both
channels and in both languages (a question, a crisis, a threat, a handoff an advocate takes and
closes) is counted exactly, by week, state, channel and language, and nothing else; the Trends
page, its CSV and its report are for supervisors, suppressed, and audited.

The people here say they live in Wyoming, which no other test names, so their counts stand apart
from the rest of the run's."""

import datetime as dt
import re

import pypdfium2 as pdfium
import requests
from sqlalchemy import select

from bot import clock, db, trends
from bot.console.models import AuditEntry
from tests.e2e.people import (
    Advocate,
    Client,
    create_account,
    fictional_number,
    hand_off_on_the_web,
    replies,
    request_of,
    text,
    wait_for,
)


def counted(stack) -> dict[tuple[str, str, str, str], int]:
    """(measure, value, channel, language) -> count, for Wyoming this week."""
    with db.session(stack.env["APP_DB_URL"]) as session:
        week = trends.week_of(clock.now().date())  # the servers count by the real clock
        found = session.scalars(select(trends.TrendCount).where(trends.TrendCount.state == "WY"))
        return {(r.measure, r.value, r.channel, r.language): r.count for r in found if r.week >= week - dt.timedelta(7)}


def test_a_scripted_mix_of_conversations_is_counted_exactly(stack, fake_twilio):
    web = Client(stack.url)
    web.start()
    web.say("i live in wyoming")
    web.say("i need a free lawyer")
    assert "911" in web.say("my ex has a gun and he is outside my house right now")
    hand_off_on_the_web(web, answers=("he keeps coming back", "no", "skip"))
    create_account(stack, "trend-advocate", "Jordan")
    advocate = Advocate(stack, "trend-advocate")
    request_id = request_of(stack, web.session).id
    assert advocate.claim(request_id).status_code == 303
    assert advocate.post(f"/conversation/{request_id}/close").status_code == 303
    wait_for(lambda: request_of(stack, web.session).status == "closed")
    web.close()

    number = fictional_number()
    for message in ["vivo en wyoming", "necesito un lugar seguro para dormir esta noche",
                    "me están amenazando porque vi el tiroteo"]:  # fmt: skip
        before = len(fake_twilio.texts_to(number))
        text(stack, number, message)
        replies(fake_twilio, number, before + 1)

    assert counted(stack) == {
        ("topic", "legal_aid", "socketio", "en"): 1,
        ("crisis", "danger", "socketio", "en"): 1,
        ("handoff", "requested", "socketio", "en"): 1,
        ("handoff", "claimed", "socketio", "en"): 1,
        ("wait", "under_5_minutes", "socketio", "en"): 1,
        ("handoff", "closed", "socketio", "en"): 1,
        ("topic", "shelter", "sms", "es"): 1,
        ("threat", "", "sms", "es"): 1,
    }


def test_the_trends_page_csv_and_report_are_suppressed_audited_and_for_supervisors(stack):
    create_account(stack, "trend-advocate-2", "Kai")
    create_account(stack, "trend-supervisor", "Morgan", role="supervisor")
    assert Advocate(stack, "trend-advocate-2").http.get(f"{stack.console_url}/trends", timeout=10).status_code == 403
    supervisor = Advocate(stack, "trend-supervisor")
    query = "?state=WY"
    page = supervisor.http.get(f"{stack.console_url}/trends{query}", timeout=30)
    assert page.status_code == 200 and "Topics asked, by week" in page.text and "fewer than 11" in page.text
    chart = re.search(r'src="(/trends/chart/0\?[^"]*)"', page.text).group(1).replace("&amp;", "&")
    svg = supervisor.http.get(f"{stack.console_url}{chart}", timeout=30)
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    exported = supervisor.http.get(f"{stack.console_url}/trends.csv{query}", timeout=30)
    counts = [line.rsplit(",", 1)[1] for line in exported.text.splitlines()[1:]]
    assert counts and not [c for c in counts if c.isdigit() and 1 <= int(c) <= 10]
    printed = supervisor.http.get(f"{stack.console_url}/trends.pdf{query}", timeout=60)
    assert printed.headers["content-type"] == "application/pdf" and len(pdfium.PdfDocument(printed.content)) >= 2
    with db.session(stack.env["APP_DB_URL"]) as session:
        actions = set(session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("trends_%"))))
    assert actions == {"trends_view", "trends_csv", "trends_pdf"}
    assert requests.get(f"{stack.console_url}/trends.csv", timeout=10, allow_redirects=False).status_code == 303
