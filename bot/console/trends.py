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
from bot.console.pages import page as _page
from bot.console.web import HEADERS, problem, signed_in
from bot.directory.models import Jurisdiction
from bot.i18n import render
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
    """The page's own words in the advocate's language; the report itself (tables, charts, what
    changed) is the task force's document, in English as its CSV and PDF are, and marked so."""
    query, lang = _query(filters), advocate.lang

    def t(key: str, **values: object) -> str:
        return escape(render(f"console.trends_page.{key}", lang, **values))

    states = "".join(
        f'<option value="{code}"{" selected" if code == filters.state else ""}>{escape(name)}</option>'
        for code, name in [
            ("", render("console.trends_page.every_state", lang)),
            *sorted(STATES.items(), key=lambda s: s[1]),
        ]
    )
    jurisdictions = "".join(
        f'<option value="{escape(pid)}"{" selected" if pid == filters.jurisdiction else ""}>{escape(name)}</option>'
        for pid, name in [("", render("console.trends_page.every_jurisdiction", lang)), *places]
    )
    form = (
        '<form method="get" action="/trends" class="filters">'
        f'<label for="from">{t("from")}</label><input id="from" name="from" type="date" value="{filters.start}">'
        f'<label for="to">{t("to")}</label><input id="to" name="to" type="date" value="{filters.end}">'
        f'<label for="state">{t("state")}</label><select id="state" name="state">{states}</select>'
        f'<label for="jurisdiction">{t("jurisdiction")}</label><select id="jurisdiction" name="jurisdiction">'
        f"{jurisdictions}</select><button>{t('show')}</button></form>"
    )
    exports = (f'<p><a href="/trends.csv?{query}">{t("csv")}</a> · '
               f'<a href="/trends.pdf?{query}">{t("pdf")}</a></p>')  # fmt: skip
    said = "".join(f"<li>{escape(line)}</li>" for line in summary)
    parts = "".join(
        f'<section lang="en"><img src="/trends/chart/{k}?{query}" alt="Chart: {escape(table.title)} (the table '
        f'below has the same numbers)" width="880">{_table_html(table)}</section>'
        for k, table in enumerate(shown)
    )
    body = (
        f'<p><a href="/">{escape(render("console.back", lang))}</a></p><h1>{t("title")}</h1>'
        f"<p>{t('intro', period=filters.describe())}</p>"
        f'{form}{exports}<h2>{t("changed")}</h2><ul lang="en">{said}</ul>{parts}'
    )
    title = f"{render('console.trends_page.title', lang)} - {render('console.title', lang)}"
    return _page(title, body, advocate.csrf, lang)


def _shown(filters: report.Filters):
    with db.session() as session:
        return report.tables(session, filters)


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
            return problem(request, "bad_dates", 400)
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
            return problem(request, "no_chart", 404)
        return response.raw(charts.draw(shown[number]), content_type="image/svg+xml", headers=HEADERS)

    @app.get("/trends.csv")
    @signed_in(roles=ROLES)
    async def export_csv(request: Request) -> HTTPResponse:
        filters = audited(request, "trends_csv")
        if filters is None:
            return problem(request, "bad_dates", 400)
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
            return problem(request, "bad_dates", 400)
        shown = _shown(filters)
        printed = pdf.render(shown, filters, report.summary(shown))
        return response.raw(printed, content_type="application/pdf", headers=download(filters, "pdf"))
