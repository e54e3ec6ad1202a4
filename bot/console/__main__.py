"""`python -m bot.console create-account NAME --role advocate` (password from standard input, or
asked for), and `python -m bot.console serve --port 5080`."""

import argparse
import getpass
import sys

from bot import db, settings, websocket_tasks
from bot.console import accounts
from bot.console.models import ROLES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.console")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-account", help="add an advocate, supervisor or admin")
    create.add_argument("username")
    create.add_argument("--role", choices=ROLES, default="advocate")
    create.add_argument("--name", help="the first name people see (default: Advocate)", default="Advocate")
    serve = commands.add_parser("serve", help="run the console")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=5080)
    args = parser.parse_args(argv)
    if args.command == "serve":
        from bot.console.app import create_app

        settings.require()
        websocket_tasks.apply()
        create_app().run(host=args.host, port=args.port, access_log=False)
        return 0
    password = sys.stdin.readline().rstrip("\n") if not sys.stdin.isatty() else getpass.getpass("Password: ")
    accounts.create_tables()
    try:
        with db.session() as session, session.begin():
            accounts.create_account(session, args.username, args.name, args.role, password)
    except accounts.AccountError as error:
        print(f"not created: {error}", file=sys.stderr)
        return 1
    print(f"created {args.role} {args.username}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
