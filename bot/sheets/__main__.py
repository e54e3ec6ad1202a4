"""`make sheets`: python -m bot.sheets [--out DIR] writes every jurisdiction's referral sheet in
every language, as <id>-<lang>.pdf and <id>-<lang>.html (default var/sheets)."""

import argparse
import sys
from pathlib import Path

from bot import db
from bot.i18n import languages
from bot.settings import ROOT
from bot.sheets import build, jurisdiction_ids
from bot.sheets.html import render_html
from bot.sheets.pdf import render_pdf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.sheets")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "sheets")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with db.session() as session:
        ids = jurisdiction_ids(session)
        for jurisdiction in ids:
            for lang in languages():
                sheet = build(session, jurisdiction, lang)
                (args.out / f"{jurisdiction}-{lang}.pdf").write_bytes(render_pdf(sheet))
                (args.out / f"{jurisdiction}-{lang}.html").write_text(render_html(sheet), encoding="utf-8")
    print(f"sheets: {len(ids)} jurisdictions in {len(languages())} languages written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
