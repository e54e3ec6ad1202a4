"""The task force's tables, charts and printed report, from eight weeks of fictional counts: every
number shown has been through suppression, the summary says what rose or fell from shown numbers
only, and the PDF renders with ink on its pages. Writes the README's pictures to var/screenshots."""

import datetime as dt
import random

import pypdfium2 as pdfium
import pytest
from PIL import ImageStat

from bot import db, trends
from bot.settings import ROOT
from bot.trends import charts, pdf, report
from bot.trends.suppress import FEWER

SCREENSHOTS = ROOT / "var" / "screenshots"
FIRST = dt.date(2026, 10, 5)  # a Monday
FILTERS = report.Filters(FIRST, FIRST + dt.timedelta(weeks=8) - dt.timedelta(days=1), "IL", "il-cook-county")


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    """Eight weeks of counts for Cook County, invented and seeded, some small enough to hide."""
    url = f"sqlite:///{tmp_path_factory.mktemp('trends') / 'app.db'}"
    trends.Base.metadata.create_all(db.engine(url))
    rng = random.Random(2026)
    where = {"state": "IL", "jurisdiction": "il-cook-county"}
    with db.session(url) as session, session.begin():
        for week in range(8):
            on = FIRST + dt.timedelta(weeks=week)
            for measure, value, low, high in [
                ("topic", "legal_aid", 20, 45), ("topic", "shelter", 12, 30), ("topic", "intimidation", 3, 30),
                ("topic", "counseling", 0, 9), ("crisis", "danger", 2, 15), ("threat", "", 8, 25),
                ("handoff", "requested", 11, 20), ("handoff", "claimed", 10, 18), ("wait", "under_5_minutes", 6, 14),
            ]:  # fmt: skip
                for _ in range(rng.randint(low, high)):
                    channel, lang = rng.choice([("sms", "en"), ("sms", "es"), ("socketio", "en"), ("socketio", "es")])
                    trends.count_in(session, measure, value, channel=channel, language=lang, on=on, **where)
    return url


def test_every_table_is_suppressed_and_the_summary_uses_shown_numbers(url):
    with db.session(url) as session:
        shown = report.tables(session, FILTERS)
    assert [t.title for t in shown][:2] == ["Topics asked, by week", "Crises and threats, by week"]
    topics = shown[0]
    assert topics.rows[:-1] == [(FIRST + dt.timedelta(weeks=w)).isoformat() for w in range(8)]
    assert topics.columns[0] == "Legal aid"  # the most asked first
    cells = [c for t in shown for row in t.cells for c in row]
    assert not [c for c in cells if isinstance(c, int) and 1 <= c <= 10]
    assert FEWER.format(threshold=11) in cells  # some counts were small
    for line in report.summary(shown):
        assert "fewer" not in line and "not shown" not in line


def test_the_printed_report_renders_with_its_charts_and_tables(url):
    with db.session(url) as session:
        shown = report.tables(session, FILTERS)
    document = pdfium.PdfDocument(pdf.render(shown, FILTERS, report.summary(shown)))
    assert len(document) >= 3
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for number in range(2):
        image = document[number].render(scale=1.5).to_pil().convert("L")
        dark = sum(image.histogram()[:128]) / (image.width * image.height)
        assert dark > 0.005 and ImageStat.Stat(image).stddev[0] > 10, number  # ink, not a blank page
    document[1].render(scale=1.5).to_pil().save(SCREENSHOTS / "trends-report.png")
    text = document[1].get_textpage().get_text_range()
    assert "Legal aid" in text and "fewer than 11" in text  # the topics table, suppressed
    (SCREENSHOTS / "trends-chart.svg").write_bytes(charts.draw(shown[0]))
