"""The ``summitwatch`` command.

Every subcommand calls the same functions the Airflow tasks call; the CLI only
adds argument parsing, database resolution (``DATABASE_URL``, then
``AIRFLOW_CONN_SUMMITWATCH_DB``, then the embedded server) and printing.
Exit codes: 0 success, 1 the work ran but something failed, 2 bad arguments
or unusable input, 3 no database.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from summitwatch.documents import Document, DocumentError, read_document_text, read_text_document

if TYPE_CHECKING:
    import psycopg2.extensions

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_NO_DATABASE = 0, 1, 2, 3


class UsageError(Exception):
    pass


def _documents(paths: Sequence[str]) -> Iterator[Path]:
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in (".txt", ".html", ".htm")
            )
        elif path.is_file():
            yield path
        else:
            raise UsageError(f"{name}: no such file or directory")


def read_document(path: Path) -> Document:
    """A ``.txt`` file as is, an ``.html`` file through the page cleaner."""
    if path.suffix.lower() in (".html", ".htm"):
        from summitwatch.clean.html import extract_page
        from summitwatch.clean.language import detect_language
        from summitwatch.sources.xml_guard import UnsafeXML, check_xml_entities

        try:
            check_xml_entities(path.read_bytes())
        except UnsafeXML as exc:
            raise DocumentError(f"{path}: {exc}") from exc
        except OSError as exc:
            raise DocumentError(f"{path}: cannot read ({exc.strerror})") from exc
        page = extract_page(read_document_text(path))
        published = None
        if page.date:
            try:
                published = date.fromisoformat(page.date[:10])
            except ValueError:
                published = None
        return Document(
            path.stem,
            page.text,
            published,
            "day" if published else None,
            detect_language(page.text),
            title=page.title,
        )
    return read_text_document(path)


def cmd_extract(args: argparse.Namespace) -> int:
    from summitwatch.events import extract_document

    published = None
    if args.published:
        try:
            published = date.fromisoformat(args.published)
        except ValueError as exc:
            raise UsageError(f"--published must be YYYY-MM-DD, got {args.published!r}") from exc
    failures = 0
    for path in _documents(args.paths):
        try:
            document = read_document(path)
        except DocumentError as exc:
            print(f"summitwatch extract: {exc}", file=sys.stderr)
            failures += 1
            continue
        if published:
            document = Document(
                document.doc_id,
                document.text,
                published,
                "day",
                document.language,
                document.url,
                document.title,
            )
        print(json.dumps(extract_document(document).to_schema(), ensure_ascii=False), flush=True)
    return EXIT_FAILED if failures else EXIT_OK


def cmd_dedupe(args: argparse.Namespace) -> int:
    from summitwatch.dedupe.documents import dedupe_documents

    documents, failures = [], 0
    for path in _documents(args.paths):
        try:
            documents.append(read_document(path))
        except DocumentError as exc:
            print(f"summitwatch dedupe: {exc}", file=sys.stderr)
            failures += 1
    for sameness in dedupe_documents(documents):
        print(json.dumps(sameness.as_dict(), ensure_ascii=False), flush=True)
    return EXIT_FAILED if failures else EXIT_OK


def _connect() -> AbstractContextManager[psycopg2.extensions.connection]:
    from summitwatch.db.connection import open_connection, resolve_url

    return open_connection(resolve_url())


def cmd_migrate(args: argparse.Namespace) -> int:
    from summitwatch.db.migrations import migrate

    with _connect() as conn:
        applied = migrate(conn)
    print(
        f"applied {len(applied)} migration(s)" + (": " + ", ".join(applied) if applied else " (up to date)")
    )
    return EXIT_OK


def cmd_seed(args: argparse.Namespace) -> int:
    from summitwatch.seeding import load_seeds

    with _connect() as conn:
        counts = load_seeds(conn, Path(args.sources) if args.sources else None)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from summitwatch.db.connection import transaction
    from summitwatch.db.migrations import migrate
    from summitwatch.pipeline.fetch import fetch_all
    from summitwatch.pipeline.process import process_pending
    from summitwatch.pipeline.report import print_event_table, run_data_checks
    from summitwatch.seeding import load_seeds

    with _connect() as conn:
        migrate(conn)
        load_seeds(conn, Path(args.sources) if args.sources else None)
        fetched = fetch_all(conn, force=args.force)
        print(f"fetch: {fetched.as_dict()}")
        processed = process_pending(conn)
        print(f"process: {processed.as_dict()}")
        with transaction(conn) as cur:
            checks = run_data_checks(cur)
            print_event_table(cur, sys.stdout)
    failed = [c for c in checks if not c.passed]
    for check in failed:
        print(f"data check failed: {check.describe()}", file=sys.stderr)
    for error in fetched.errors:
        print(f"fetch error: {error}", file=sys.stderr)
    if processed.failed:
        print(f"{processed.failed} item(s) failed processing; see raw.items.process_error", file=sys.stderr)
    return EXIT_FAILED if failed or fetched.errors or processed.failed else EXIT_OK


def cmd_reprocess(args: argparse.Namespace) -> int:
    from summitwatch.db.connection import transaction
    from summitwatch.db.migrations import migrate
    from summitwatch.pipeline.process import process_pending
    from summitwatch.pipeline.reprocess import known_source, mark_for_reprocessing

    with _connect() as conn:
        migrate(conn)
        with transaction(conn) as cur:
            if args.source and not known_source(cur, args.source):
                raise UsageError(f"no source named {args.source!r} in raw.sources")
            marked = mark_for_reprocessing(cur, only_failed=args.failed, source=args.source)
        print(f"{marked} item(s) set back to pending")
        if args.mark_only:
            print("the next news_process run (or `summitwatch run`) processes them")
            return EXIT_OK
        processed = process_pending(conn)
        print(f"process: {processed.as_dict()}")
    if processed.failed:
        print(f"{processed.failed} item(s) failed processing; see raw.items.process_error", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from summitwatch.reporting.report_file import write_report

    with _connect() as conn:
        path = write_report(conn, Path(args.out), run_id=args.run_id)
    print(f"wrote {path}")
    return EXIT_OK


def cmd_submit(args: argparse.Namespace) -> int:
    from summitwatch.sources.push import PushError, PushUnavailable, submit

    try:
        message = submit(args.target, url=args.redis_url, channel=args.channel)
    except PushError as exc:
        raise UsageError(str(exc)) from exc
    except PushUnavailable as exc:
        print(f"summitwatch submit: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"submitted {message['kind']} {message.get('url') or message.get('name')} as {message['id']}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from summitwatch.demo import run_demo

    return run_demo(airflow=not args.no_airflow)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summitwatch", description="Summit Watch: news in, summit events out."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("demo", help="run the whole pipeline through Airflow on bundled sample sources")
    p.add_argument("--no-airflow", action="store_true", help="call the stage functions directly (faster)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("migrate", help="apply pending SQL migrations from sql/")
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("seed", help="load sources and reference data from seeds/")
    p.add_argument("--sources", metavar="FILE", help="sources CSV (default seeds/sources.csv)")
    p.set_defaults(func=cmd_seed)

    p = sub.add_parser("run", help="one pass fetch -> process -> report without a scheduler")
    p.add_argument("--sources", metavar="FILE", help="sources CSV (default seeds/sources.csv)")
    p.add_argument("--force", action="store_true", help="poll every active source, due or not")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser(
        "reprocess", help="process stored items again (after an extractor or cleaner upgrade, or a fix)"
    )
    p.add_argument("--failed", action="store_true", help="only items whose processing failed")
    p.add_argument("--source", metavar="NAME", help="only this source's items")
    p.add_argument(
        "--mark-only", action="store_true", help="set them back to pending and leave them to news_process"
    )
    p.set_defaults(func=cmd_reprocess)

    p = sub.add_parser("extract", help="print summit events of documents as JSON lines (SCHEMA.md)")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt/.html files or folders of them")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="override every document's publication date")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("report", help="write the analysts' HTML report (timeline, actors, source health)")
    p.add_argument("--out", required=True, metavar="FILE.html", help="where to write the page")
    p.add_argument("--run-id", help="label shown on the page (default: none)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("submit", help="push a URL or a document for immediate ingestion (Redis)")
    p.add_argument("target", metavar="URL|FILE", help="http(s) URL to fetch, or a .txt/.html/.json document")
    p.add_argument("--channel", default="summitwatch.submit", help="push channel (default: %(default)s)")
    p.add_argument("--redis-url", help="Redis URL (default: $SUMMITWATCH_REDIS_URL, else local)")
    p.set_defaults(func=cmd_submit)

    p = sub.add_parser("dedupe", help="print each document's original and story as JSON lines")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt/.html files or folders of them")
    p.set_defaults(func=cmd_dedupe)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from summitwatch.airflow_env import AirflowRunError
    from summitwatch.db.connection import DatabaseUnavailable
    from summitwatch.db.lock_waits import LockWaitTimeout
    from summitwatch.db.migrations import MigrationError
    from summitwatch.local_site import SiteUnavailable
    from summitwatch.sources.catalog import SourceConfigError

    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"summitwatch {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SourceConfigError as exc:
        print(f"summitwatch {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except DatabaseUnavailable as exc:
        print(f"summitwatch {args.command}: {exc}", file=sys.stderr)
        return EXIT_NO_DATABASE
    except (SiteUnavailable, AirflowRunError) as exc:
        print(f"summitwatch {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except MigrationError as exc:
        print(f"summitwatch {args.command}: migration problem: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except LockWaitTimeout as exc:
        print(f"summitwatch {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
