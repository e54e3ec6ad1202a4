"""Referral sheets (issue 14): for every jurisdiction and language, one printed page that is not
blank and whose text lists every active partner, with "no police report needed" where it is true
and the justice system's partners in a group that says what they are; the same as a web page that
loads nothing from elsewhere; `python -m bot.sheets` writes them all."""

import html
import os
import re
import subprocess
import sys

import pypdfium2 as pdfium
import pytest
from PIL import ImageStat
from sqlalchemy import select

from bot.directory.models import Jurisdiction, Resource
from bot.i18n import render
from bot.settings import ROOT
from bot.sheets import build
from bot.sheets.html import render_html
from bot.sheets.pdf import render_pdf

CASES = [("il-cook-county", "en"), ("il-cook-county", "es"), ("mt-lincoln-county", "en"), ("mt-lincoln-county", "es")]


def words(text: str) -> str:
    """Text as compared: words only, one space between them (a PDF's lines break anywhere)."""
    return " ".join(re.findall(r"\w+", text.replace("-\n", "")))


def partners(session, jurisdiction: str) -> list[Resource]:
    query = select(Resource).where(Resource.jurisdiction_id == jurisdiction, Resource.active.is_(True))
    return list(session.scalars(query))


@pytest.mark.parametrize("jurisdiction, lang", CASES)
def test_the_printed_sheet_is_one_page_not_blank_and_lists_every_active_partner(directory, jurisdiction, lang):
    document = pdfium.PdfDocument(render_pdf(build(directory, jurisdiction, lang)))
    assert len(document) == 1
    page = document[0]
    image = page.render(scale=1).to_pil().convert("L")
    dark = sum(image.histogram()[:128]) / (image.width * image.height)
    assert 0.02 < dark < 0.5 and ImageStat.Stat(image).stddev[0] > 20  # ink on the page, not a blank one
    text = words(page.get_textpage().get_text_range())
    missing = [r.name for r in partners(directory, jurisdiction) if words(r.name) not in text]
    assert not missing
    assert words(render("police.not_needed", lang)) in text


@pytest.mark.parametrize("jurisdiction, lang", CASES)
def test_the_justice_systems_partners_come_last_under_a_heading_that_says_so(directory, jurisdiction, lang):
    sheet = build(directory, jurisdiction, lang)
    justice = {r.name for r in partners(directory, jurisdiction) if r.justice_system}
    heading, last = sheet.groups[-1]
    assert justice and {p.name for p in last} == justice and heading == render("sheet.group.justice", lang)


@pytest.mark.parametrize("jurisdiction, lang", CASES)
def test_the_web_page_lists_every_partner_and_loads_nothing_from_elsewhere(directory, jurisdiction, lang):
    page = render_html(build(directory, jurisdiction, lang))
    text = html.unescape(page)
    assert not [r.name for r in partners(directory, jurisdiction) if r.name not in text]
    assert f'<html lang="{lang}">' in page and "<svg" in page
    assert not re.search(r"<(script|img|link|iframe)\b|\bsrc=", page)


def test_a_name_with_markup_is_shown_as_text(directory):
    sheet = build(directory, "il-cook-county", "en")
    sheet.groups[0][1][0].name = "<script>alert(1)</script>"
    assert "&lt;script&gt;" in render_html(sheet) and "<script>" not in render_html(sheet)
    assert len(pdfium.PdfDocument(render_pdf(sheet))) == 1


def test_make_sheets_writes_every_jurisdiction_in_every_language(directory, directory_url, tmp_path):
    env = {**os.environ, "APP_DB_URL": directory_url, "APP_ENV": "development"}
    done = subprocess.run([sys.executable, "-m", "bot.sheets", "--out", str(tmp_path)], env=env, cwd=ROOT,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    ids = list(directory.scalars(select(Jurisdiction.id)))
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(f"{j}-{lang}.{kind}" for j in ids for lang in ("en", "es") for kind in ("html", "pdf"))
