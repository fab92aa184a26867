"""The `explorer` command: serve, migrate, import-content, export-content, create-admin, backup, restore."""

import argparse
import logging
import logging.config
import os
import sys
from pathlib import Path

from sqlalchemy.exc import OperationalError

from app.backup import BackupError
from app.content.errors import InvalidContent
from app.content.files.transfer import export_content, import_content, prepare_database
from app.db import DatabaseUnusable, check_database, make_engine, migrate, schema_lock
from app.http.request_log import log_config
from app.settings import ConfigurationError, Settings


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the process exit status."""
    parser = argparse.ArgumentParser(prog="explorer", description="The Docker ↔ Kubernetes concept explorer.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="migrate, import content/ into an empty database, and serve")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    serve.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "1")))
    serve.add_argument("--create-database", action="store_true",
                       help="create the SQLite database when it does not exist (without it: refuse to start)")
    migrator = commands.add_parser("migrate", help="bring the database schema up to date")
    migrator.add_argument("--import-if-empty", action="store_true",
                          help="then import content/ when the database holds none, and create the configured admin")
    importer = commands.add_parser("import-content", help="validate a content tree, then load it in one transaction")
    importer.add_argument("directory", nargs="?", type=Path, help="default: the content/ folder")
    importer.add_argument("--prune", action="store_true",
                          help="also delete the items the tree lacks (without it they are kept and listed)")
    exporter = commands.add_parser("export-content", help="write the database's content as files")
    exporter.add_argument("directory", type=Path)
    creator = commands.add_parser("create-admin", help="create an admin, or set the password of an existing one")
    creator.add_argument("username")
    creator.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    backer = commands.add_parser("backup", help="copy the live SQLite database to PATH (a consistent snapshot)")
    backer.add_argument("path", type=Path)
    restorer = commands.add_parser("restore", help="check a backup, then make the database hold its content")
    restorer.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    if args.command != "serve":
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    try:
        settings = Settings()
    except ConfigurationError as exc:
        print(f"explorer: {exc}", file=sys.stderr)
        return 2
    if args.command == "serve":
        logging.config.dictConfig(log_config(readable=settings.env == "dev"))
    try:
        # Creating a database is explicit: only these commands may make a missing SQLite file.
        check_database(settings.database_url, create=args.command in CREATING or getattr(args, "create_database", False))
    except DatabaseUnusable as exc:
        print(f"explorer: {exc}", file=sys.stderr)
        return 1
    if args.command in ("backup", "restore"):
        return _backup_or_restore(settings, args)
    engine = make_engine(settings.database_url)
    try:
        if args.command == "serve":
            return _serve(settings, engine, args)
        if args.command == "migrate":
            _migrate(settings, engine, args.import_if_empty)
        elif args.command == "import-content":
            migrate(engine)
            summary = import_content(engine, args.directory or settings.content_dir, prune=args.prune)
            print(f"imported: {len(summary.created)} created, {len(summary.updated)} updated, "
                  f"{len(summary.deleted)} deleted" if summary.changed else "imported: nothing changed")
            if summary.kept:
                print(f"kept, not in the files (--prune deletes them): {', '.join(summary.kept)}")
        elif args.command == "export-content":
            written = export_content(engine, args.directory)
            print(f"exported {len(written)} files to {args.directory}")
        elif args.command == "create-admin":
            return _create_admin(engine, args)
    except InvalidContent as exc:
        print(f"explorer: the content has {len(exc.errors)} error(s); nothing was written:", file=sys.stderr)
        for error in exc.errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    except LookupError as exc:
        print(f"explorer: {exc}", file=sys.stderr)
        return 1
    except OperationalError as exc:  # unreachable, missing or damaged: one line, not a traceback
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        print(f"explorer: cannot use the database ({_redacted(settings.database_url)}): {reason}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


# The commands that may create a missing SQLite database: they build or fill one on purpose.
CREATING = {"migrate", "import-content", "create-admin", "restore"}


def _redacted(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _backup_or_restore(settings: Settings, args) -> int:
    from app import backup

    try:
        if args.command == "backup":
            size = backup.backup(settings.database_url, args.path)
            print(f"backed up the database to {args.path} ({size} bytes)")
        else:
            revision = backup.restore(settings.database_url, args.path)
            print(f"restored the database from {args.path} (schema {revision}, now up to date)")
    except BackupError as exc:
        print(f"explorer: {exc}", file=sys.stderr)
        return 1
    return 0


def _create_admin(engine, args) -> int:
    """Create an admin (or reset their password), asking for the password without echoing it."""
    from getpass import getpass

    from sqlmodel import Session

    from app.admin.auth import AccountError, create_admin

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass("password: ")
        if getpass("password again: ") != password:
            print("explorer: the two passwords differ", file=sys.stderr)
            return 1
    migrate(engine)
    try:
        with Session(engine) as db:
            user = create_admin(db, args.username, password)
    except AccountError as exc:
        print(f"explorer: {exc}", file=sys.stderr)
        return 1
    print(f"admin {user.username!r} is ready; log in at /admin/login")
    return 0


def _migrate(settings: Settings, engine, import_if_empty: bool) -> None:
    """Migrate; with import_if_empty also import content/ into an empty database and create the first admin."""
    with schema_lock(engine):
        if not import_if_empty:
            migrate(engine)
        else:
            from app.admin import create_configured_admin

            summary = prepare_database(engine, settings.content_dir)
            create_configured_admin(engine, settings)
            if summary is not None:
                print(f"imported content: {len(summary.created)} items")
    print("database is up to date")


def server_options(settings: Settings, host: str, port: int, workers: int) -> dict:
    """uvicorn's options: JSON logs (readable ones in development), proxy headers only from configured addresses,
    a graceful stop."""
    trusted = settings.forwarded_allow_ips
    return {
        "host": host, "port": port, "workers": workers,
        "proxy_headers": bool(trusted), "forwarded_allow_ips": trusted or "",
        "timeout_graceful_shutdown": settings.graceful_shutdown_seconds,
        "log_config": log_config(readable=settings.env == "dev"),
        "access_log": False,  # app.access writes one line per request instead
        "server_header": False,
        # A worker busy importing the app on a loaded machine must not be taken for a hung one.
        "timeout_worker_healthcheck": 30,
        # uvicorn's httptools protocol with a time limit on a request's headers, which uvicorn lacks.
        "http": "app.http.header_deadline:HeaderDeadlineProtocol",
    }


def _serve(settings: Settings, engine, args) -> int:
    import uvicorn

    if settings.migrate_on_start:
        with schema_lock(engine):
            prepare_database(engine, settings.content_dir if settings.import_on_start else None)
        # Done here once: the workers (which inherit the environment) need not load Alembic to find it done.
        os.environ["EXPLORER_MIGRATE_ON_START"] = "false"
    engine.dispose()  # the workers open their own connections
    print(f"serving on http://{args.host}:{args.port} with {args.workers} worker(s)", flush=True)
    uvicorn.run("app.main:app", **server_options(settings, args.host, args.port, args.workers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
