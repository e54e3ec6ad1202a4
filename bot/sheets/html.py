"""The referral sheet as a web page (page.html, Jinja2 with autoescaping), with the QR code drawn as
inline SVG by ReportLab, so the page loads nothing from elsewhere."""

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from reportlab.graphics import renderSVG

from bot.sheets import Sheet
from bot.sheets.pdf import qr_code


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=select_autoescape(["html"]))


def render_html(sheet: Sheet) -> str:
    svg = renderSVG.drawToString(qr_code(sheet.chat_url, 144)) if sheet.chat_url else None
    svg = svg[svg.index("<svg") :] if svg else None  # without the XML declaration and doctype
    # The SVG is ReportLab's drawing of the deployment's own chat address, not anyone's input.
    return _environment().get_template("page.html").render(sheet=sheet, qr_svg=Markup(svg) if svg else None)
