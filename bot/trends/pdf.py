"""The printable report for a task-force meeting (ReportLab, as the referral sheets): the period
and place, a few sentences on what rose or fell, and each suppressed table with its chart."""

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as Grid

from bot.trends import charts
from bot.trends.report import Filters
from bot.trends.suppress import Shown, threshold


def render(shown: list[Shown], filters: Filters, summary: list[str]) -> bytes:
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    story = [
        Paragraph("What people asked for: trends for the task force", styles["Title"]),
        Paragraph(filters.describe(), styles["Heading3"]),
        Paragraph(
            f"Counts of conversations with the assistant, by week. No person is in them: counts from 1 to "
            f'{threshold() - 1} are shown as "fewer than {threshold()}", and cells that would reveal them as '
            '"not shown".',
            small,
        ),
        Spacer(1, 0.15 * inch),
        *(Paragraph(f"• {line}", styles["BodyText"]) for line in summary),
    ]
    for k, table in enumerate(shown):
        story += [PageBreak()] if k % 2 == 0 else [Spacer(1, 0.25 * inch)]
        story.append(Image(io.BytesIO(charts.draw(table, "png")), width=7 * inch, height=2.95 * inch))
        cells = [
            ["", *table.columns],
            *([name, *map(str, row)] for name, row in zip(table.rows, table.cells, strict=True)),
        ]
        grid = Grid([[Paragraph(str(c), small) for c in row] for row in cells], repeatRows=1)
        grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                                  ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke)]))  # fmt: skip
        story.append(grid)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=letter, title="Task-force trends", leftMargin=0.6 * inch,
                      rightMargin=0.6 * inch, topMargin=0.6 * inch, bottomMargin=0.6 * inch).build(story)  # fmt: skip
    return out.getvalue()
