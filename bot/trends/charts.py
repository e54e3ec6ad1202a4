"""Charts of the suppressed tables, drawn on the server with matplotlib (which Rasa already
installs), as SVG for the console (an image of its own, so the page keeps its strict
content-security policy and loads nothing from elsewhere) and PNG for the printed report.

Only shown numbers are drawn: a hidden cell is left out of its bar, and the chart says so."""

import io

import matplotlib

matplotlib.use("Agg")  # no screen on a server

import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)

from bot.trends.suppress import Shown, threshold  # noqa: E402

COLOURS = ["#5b2a86", "#b35900", "#1f6f8b", "#8b0000", "#2e7d32", "#6d4c41", "#455a64", "#ad1457"]


def draw(table: Shown, kind: str = "svg") -> bytes:
    """Stacked bars: one bar per row (without the total row), one colour per column."""
    rows, columns = table.rows[:-1], table.columns[:-1][:8]  # at most 8 series stay readable
    figure, axes = plt.subplots(figsize=(8, 3.4), dpi=110)
    bottom = [0] * len(rows)
    hidden = False
    for j, (column, colour) in enumerate(zip(columns, COLOURS, strict=False)):
        heights = []
        for i in range(len(rows)):
            value = table.value(i, j)
            hidden |= value is None
            heights.append(value or 0)
        axes.bar(rows, heights, bottom=bottom, label=column, color=colour)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    axes.set_title(table.title, fontsize=11, loc="left")
    axes.tick_params(axis="x", labelrotation=30, labelsize=8)
    axes.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    if hidden:
        note = f"Counts under {threshold()} and the cells that would reveal them are not drawn."
        figure.text(0.01, 0.01, note, fontsize=7)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format=kind)
    plt.close(figure)
    return out.getvalue()
