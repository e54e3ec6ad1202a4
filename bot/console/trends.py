"""The Trends page for supervisors and admins: charts of the last weeks, the same counts as tables,
filters (dates, state, jurisdiction), a CSV export and the printable report. Every number has been
through small-cell suppression (bot/trends/suppress.py); every view and export is audited."""

import csv
import datetime as dt
import io
from html import escape

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy import select

from bot import clock, db
from bot.console import accounts
from bot.console.pages import _page
from bot.console.web import HEADERS, problem, signed_in
from bot.directory.models import Jurisdiction
from bot.location import STATES
from bot.trends import charts, pdf, report

ROLES = ("supervisor", "admin")
WEEKS = 8  # shown unless the dates say otherwise


def filters_of(request: Request) -> report.Filters | None:
    """The page's filters from its query; None when a date cannot be read."""
    today = clock.now().date()
    try:
        end = dt.date.fromisoformat(request.args.get("to") or today.isoformat())
        start = dt.date.fromisoformat(request.args.get("from") or (end - dt.timedelta(weeks=WEEKS - 1)).isoformat())
    except ValueError:
        return None
    if start > end or (end - start).days > 366:
        return None
    state = (request.args.get("state") or "").upper()
    return report.Filters(start, end, state if state in STATES else "", request.args.get("jurisdiction") or "")


def _query(filters: report.Filters) -> str:
    return (f"from={filters.start}&to={filters.end}&state={escape(filters.state)}"
            f"&jurisdiction={escape(filters.jurisdiction)}")  # fmt: skip


def _table_html(table) -> str:
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in ["", *table.columns])
    body = "".join(
        f'<tr><th scope="row">{escape(name)}</th>' + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>"
        for name, row in zip(table.rows, table.cells, strict=True)
    )
    return f"<table><caption>{escape(table.title)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def page_html(advocate, filters: report.Filters, shown, summary: list[str], places: list[tuple[str, str]]) -> str:
    query = _query(filters)
    states = "".join(
        f'<option value="{code}"{" selected" if code == filters.state else ""}>{escape(name)}</option>'
        for code, name in [("", "Every state"), *sorted(STATES.items(), key=lambda s: s[1])]
    )
    jurisdictions = "".join(
        f'<option value="{escape(pid)}"{" selected" if pid == filters.jurisdiction else ""}>{escape(name)}</option>'
        for pid, name in [("", "Every jurisdiction"), *places]
    )
    form = (
        '<form method="get" action="/trends" class="filters">'
        f'<label for="from">From</label><input id="from" name="from" type="date" value="{filters.start}">'
        f'<label for="to">To</label><input id="to" name="to" type="date" value="{filters.end}">'
        f'<label for="state">State</label><select id="state" name="state">{states}</select>'
        f'<label for="jurisdiction">Jurisdiction</label><select id="jurisdiction" name="jurisdiction">{jurisdictions}'
        "</select><button>Show</button></form>"
    )
    exports = (f'<p><a href="/trends.csv?{query}">Download the tables (CSV)</a> · '
               f'<a href="/trends.pdf?{query}">Printable report for the task force (PDF)</a></p>')  # fmt: skip
    said = "".join(f"<li>{escape(line)}</li>" for line in summary)
    parts = "".join(
        f'<section><img src="/trends/chart/{k}?{query}" alt="Chart: {escape(t.title)} (the table below has '
        f'the same numbers)" width="880">{_table_html(t)}</section>'
        for k, t in enumerate(shown)
    )
    body = (
        '<p><a href="/">Back to the queue</a></p><h1>Trends</h1>'
        f"<p>What people asked the assistant, week by week: {escape(filters.describe())}. No person is in these "
        'counts; small counts are shown as "fewer than 11" and cells that would reveal them as "not shown".</p>'
        f"{form}{exports}<h2>What changed</h2><ul>{said}</ul>{parts}"
    )
    return _page("Trends - advocate console", body, advocate.csrf)


def _shown(filters: report.Filters):
    with db.session() as session:
        return report.tables(session, filters)


BAD_DATES = "Choose a start date on or before the end date, at most a year apart."


def audited(request: Request, action: str) -> report.Filters | None:
    """The request's filters, with the view or export written to the audit log; None for bad dates."""
    filters = filters_of(request)
    if filters is not None:
        with db.session() as session, session.begin():
            accounts.audit(session, request.ctx.advocate.id, action, detail=filters.describe())
    return filters


def download(filters: report.Filters, extension: str) -> dict[str, str]:
    name = f"trends-{filters.start}-{filters.end}.{extension}"
    return {**HEADERS, "Content-Disposition": f'attachment; filename="{name}"'}


def add_routes(app: Sanic) -> None:
    @app.get("/trends")
    @signed_in(roles=ROLES)
    async def trends_page(request: Request) -> HTTPResponse:
        filters = audited(request, "trends_view")
        if filters is None:
            return problem(BAD_DATES, 400)
        with db.session() as session:
            places = [(j.id, j.name) for j in session.scalars(select(Jurisdiction).order_by(Jurisdiction.name))]
        shown = _shown(filters)
        return response.html(page_html(request.ctx.advocate, filters, shown, report.summary(shown), places),
                             headers=HEADERS)  # fmt: skip

    @app.get("/trends/chart/<number:int>")
    @signed_in(roles=ROLES)
    async def chart(request: Request, number: int) -> HTTPResponse:
        """One chart of the page (its view is audited once, with the page)."""
        filters = filters_of(request)
        shown = _shown(filters) if filters else []
        if not 0 <= number < len(shown):
            return problem("No such chart.", 404)
        return response.raw(charts.draw(shown[number]), content_type="image/svg+xml", headers=HEADERS)

    @app.get("/trends.csv")
    @signed_in(roles=ROLES)
    async def export_csv(request: Request) -> HTTPResponse:
        filters = audited(request, "trends_csv")
        if filters is None:
            return problem(BAD_DATES, 400)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["table", "row", "column", "count"])
        for table in _shown(filters):
            for name, row in zip(table.rows, table.cells, strict=True):
                cells = zip(table.columns, row, strict=True)
                writer.writerows([table.title, name, column, cell] for column, cell in cells)
        return response.text(out.getvalue(), content_type="text/csv", headers=download(filters, "csv"))

    @app.get("/trends.pdf")
    @signed_in(roles=ROLES)
    async def export_pdf(request: Request) -> HTTPResponse:
        filters = audited(request, "trends_pdf")
        if filters is None:
            return problem(BAD_DATES, 400)
        shown = _shown(filters)
        printed = pdf.render(shown, filters, report.summary(shown))
        return response.raw(printed, content_type="application/pdf", headers=download(filters, "pdf"))
