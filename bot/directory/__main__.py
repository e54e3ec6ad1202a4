"""`python -m bot.directory load` rebuilds the tables; `stale` lists entries due for re-checking."""

import argparse
import sys

from bot import clock, db
from bot.directory import loader, queries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.directory")
    parser.add_argument("command", choices=["load", "stale"])
    parser.add_argument("--months", type=int, default=12, help="stale: verified longer ago than this")
    args = parser.parse_args(argv)
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


if __name__ == "__main__":
    sys.exit(main())
