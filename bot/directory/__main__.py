"""`python -m bot.directory load` rebuilds the tables; `stale` lists entries due for re-checking
(the jurisdictions' partners too); `import-csv FILE.csv data/jurisdictions/<id>.yml` brings an
agency's spreadsheet of partners into its jurisdiction file (bot/directory/csv_import.py)."""

import argparse
import sys
from pathlib import Path

from bot import clock, db
from bot.directory import csv_import, loader, queries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.directory")
    parser.add_argument("command", choices=["load", "stale", "import-csv"])
    parser.add_argument("files", nargs="*", type=Path, help="import-csv: the CSV file and the jurisdiction file")
    parser.add_argument("--months", type=int, default=12, help="stale: verified longer ago than this")
    args = parser.parse_args(argv)
    if args.command == "import-csv":
        if len(args.files) != 2:
            parser.error("import-csv needs the CSV file and the jurisdiction file")
        return _import(*args.files)
    try:
        if args.command == "load":
            count = loader.load(db.session())
            print(f"directory: loaded {count} entries")
            return 0
        # Read from the YAML, so it works before a load and lists switched-off entries too.
        rows = queries.stale(loader.read(), clock.now().date(), args.months)
    except loader.DirectoryError as error:
        print(f"directory data has problems:\n{error}", file=sys.stderr)
        return 1
    for r in rows:
        status = "unverified" if not r.source_verified else f"checked {r.source_checked}"
        print(f"{r.id:32} {status:20} {'' if r.active else 'switched off '}{r.source_url or ''}")
    print(f"{len(rows)} entries need checking")
    return 0


def _import(spreadsheet: Path, jurisdiction: Path) -> int:
    """Import the readable rows, list every row that could not be read; fails when any could not."""
    imported, bad = csv_import.import_csv(spreadsheet, jurisdiction)
    for problem in bad:
        print(problem, file=sys.stderr)
    print(f"{jurisdiction.name}: {imported} partners imported, {len(bad)} rows could not be read")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
