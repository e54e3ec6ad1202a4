"""`python -m bot.trends report --from 2026-11-02 --to 2026-11-29 [--state IL] [--jurisdiction ID]
[--out trends.pdf]`: the task force's printable report, suppressed like every other view."""

import argparse
import datetime as dt
import sys
from pathlib import Path

from bot import db
from bot.trends import create_tables, pdf, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.trends", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["report"])
    parser.add_argument("--from", dest="start", type=dt.date.fromisoformat, required=True)
    parser.add_argument("--to", dest="end", type=dt.date.fromisoformat, required=True)
    parser.add_argument("--state", default="")
    parser.add_argument("--jurisdiction", default="")
    parser.add_argument("--out", type=Path, default=Path("trends.pdf"))
    args = parser.parse_args(argv)
    if args.end < args.start:
        parser.error("--to is before --from")
    create_tables()
    filters = report.Filters(args.start, args.end, args.state.upper(), args.jurisdiction)
    with db.session() as session:
        shown = report.tables(session, filters)
    args.out.write_bytes(pdf.render(shown, filters, report.summary(shown)))
    print(f"{args.out}: {len(shown)} tables, {filters.describe()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
