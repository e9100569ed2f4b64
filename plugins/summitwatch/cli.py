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
    from summitwatch.events import extract_document

    documents, failures = [], 0
    for path in _documents(args.paths):
        try:
            documents.append(read_document(path))
        except DocumentError as exc:
            print(f"summitwatch dedupe: {exc}", file=sys.stderr)
            failures += 1
    # Stories are decided on the extracted gatherings too, as in the pipeline.
    for sameness in dedupe_documents(documents, lambda d: extract_document(d).events):
        print(json.dumps(sameness.as_dict(), ensure_ascii=False), flush=True)
    return EXIT_FAILED if failures else EXIT_OK


def cmd_gatherings(args: argparse.Namespace) -> int:
    from summitwatch.db.connection import resolve_url
    from summitwatch.pipeline.gatherings import run_gatherings

    run = run_gatherings(resolve_url(), list(_documents(args.paths)))
    for document in run.documents:
        print(json.dumps(document, ensure_ascii=False), flush=True)
    for error in run.errors:
        print(f"summitwatch gatherings: {error}", file=sys.stderr)
    return EXIT_FAILED if run.errors else EXIT_OK


def _connect() -> AbstractContextManager[psycopg2.extensions.connection]:
    from summitwatch.db.connection import open_connection, resolve_url

    return open_connection(resolve_url())


def cmd_migrate(args: argparse.Namespace) -> int:
    from summitwatch.db.migrations import migrate

    with _connect() as conn:
        applied = migrate(conn)
    views = [name for name in applied if name.startswith("views/")]
    migrations = [name for name in applied if name not in views]
    print(
        f"applied {len(migrations)} migration(s)"
        + (": " + ", ".join(migrations) if migrations else " (up to date)")
        + (f"; recreated {len(views)} view(s) from sql/views/" if views else "")
    )
    return EXIT_OK


def cmd_seed(args: argparse.Namespace) -> int:
    from summitwatch.seeding import load_seeds

    with _connect() as conn:
        counts = load_seeds(
            conn,
            Path(args.sources) if args.sources else None,
            Path(args.watchlists) if args.watchlists else None,
        )
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


def cmd_backfill(args: argparse.Namespace) -> int:
    from summitwatch.backfill_progress import BackfillProgress
    from summitwatch.db.connection import resolve_url
    from summitwatch.db.migrations import migrate
    from summitwatch.pipeline.backfill import backfill_source_for, chosen_filter, planned_locations
    from summitwatch.pipeline.backfill_workers import backfill_files
    from summitwatch.sources.warc_files import WarcUnavailable, is_url

    try:
        locations = planned_locations(args.locations, manifest=args.manifest, base=args.base)
    except WarcUnavailable as exc:
        raise UsageError(str(exc)) from exc
    if not locations:
        raise UsageError("name WARC files, folders, globs or URLs, or a --manifest")
    url = resolve_url()
    with _connect() as conn:
        migrate(conn)
        source = backfill_source_for(conn, args.source, locations[0])
    warc_filter = chosen_filter(
        source, languages=args.language, hosts=args.host, any_language=args.any_language
    )
    known = sum(Path(loc).stat().st_size for loc in locations if not is_url(loc) and Path(loc).exists())
    progress = BackfillProgress(files=len(locations), known_bytes=known, stream=sys.stderr)
    try:
        totals = backfill_files(
            url,
            source,
            locations,
            warc_filter=warc_filter,
            workers=args.workers,
            process=not args.no_process,
            on_tick=progress.update,
        )
    finally:
        progress.close()
    print(
        f"backfill: {totals.files} files ({totals.files_done_before} done before), {totals.records} records, "
        f"{totals.pages} pages kept, {totals.landed} new items, {totals.bad} bad records"
    )
    if totals.processed:
        print(f"process: {totals.processed}")
    for failure in totals.failed:
        print(f"backfill failed: {failure}", file=sys.stderr)
    return EXIT_FAILED if totals.failed or totals.processed.get("failed") else EXIT_OK


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


# correct subcommand -> (action in reporting.corrections, what its arguments are)
CORRECTIONS = {
    "not-event": "not_an_event",
    "status": "set_status",
    "kind": "set_kind",
    "date": "set_date",
    "place": "set_place",
    "not-participant": "remove_participant",
    "same": "same_gathering",
    "move": "move_mention",
}


def cmd_correct(args: argparse.Namespace) -> int:
    import psycopg2

    from summitwatch.db.connection import transaction
    from summitwatch.reporting.corrections import (
        Anchor,
        CorrectionTargetMissing,
        event_anchor,
        mention_anchor,
        orphaned_corrections,
        record_correction,
    )

    with _connect() as conn, transaction(conn) as cur:
        if args.role:
            cur.execute("SELECT set_config('role', %s, true)", (args.role,))
        if args.correction == "orphans":
            orphans = orphaned_corrections(cur)
            for correction_id, action, made_by, reason in orphans:
                print(f"{correction_id}\t{action}\t{made_by}\t{reason}")
            print(f"({len(orphans)} orphaned corrections)")
            return EXIT_FAILED if orphans else EXIT_OK
        action = CORRECTIONS[args.correction]
        other: Anchor | None = None
        try:
            if action == "move_mention":
                anchor, other = mention_anchor(cur, args.mention), event_anchor(cur, args.event)
            else:
                anchor = event_anchor(cur, args.event, latest=action == "set_status")
                if action == "same_gathering":
                    other = event_anchor(cur, args.other)
            correction_id = record_correction(
                cur,
                action,
                anchor,
                value=getattr(args, "value", None),
                country=getattr(args, "country", None),
                other=other,
                note=args.note,
            )
        except CorrectionTargetMissing as exc:
            raise UsageError(str(exc)) from exc
        except psycopg2.errors.CheckViolation as exc:
            raise UsageError(f"not a valid {args.correction} correction: {exc.diag.message_primary}") from exc
        cur.execute("SELECT made_by FROM reporting.corrections WHERE correction_id = %s", (correction_id,))
        made_by = cur.fetchone()[0]  # type: ignore[index]
    print(f"correction {correction_id} ({action}) recorded by {made_by}, anchored on {anchor.article}")
    return EXIT_OK


def analyst_url() -> str:
    """The analyst's connection string: the embedded server's ``analyst`` login.

    A configured server's analysts get their login roles from its administrator
    (docs/analyst-guide.md#connecting), so there is none to print.
    """
    from summitwatch.db import embedded
    from summitwatch.db.connection import configured_url, open_connection, transaction
    from summitwatch.db.migrations import migrate

    if configured_url():
        raise UsageError(
            "DATABASE_URL / AIRFLOW_CONN_SUMMITWATCH_DB name a server of your own: its administrator "
            "creates analysts' login roles (docs/analyst-guide.md#connecting); "
            "`summitwatch db` speaks for the embedded server only"
        )
    with open_connection(embedded.start()) as conn:
        migrate(conn)
        with transaction(conn) as cur:
            return embedded.ensure_analyst_login(cur)


def cmd_db(args: argparse.Namespace) -> int:
    import os
    import shutil

    from summitwatch.db import embedded

    if args.action == "stop":
        was_running = embedded.state().running
        if was_running:
            embedded.stop()
        outcome = "stopped" if was_running else "was not running"
        print(f"embedded PostgreSQL ({embedded.pgdata()}) {outcome}")
        return EXIT_OK
    url = analyst_url()
    if args.action == "url":
        print(url)
        return EXIT_OK
    psql = shutil.which("psql")
    if psql is None:
        from pgserver._commands import POSTGRES_BIN_PATH  # the wheel ships a psql too

        psql = str(POSTGRES_BIN_PATH / "psql")
    sys.stdout.flush()
    os.execv(psql, [psql, url])  # noqa: S606 - psql takes over the terminal, as the user asked


def cmd_airflow(args: argparse.Namespace) -> int:
    import os

    from summitwatch.airflow_env import airflow_command, ensure_admin_password, standalone_environment
    from summitwatch.db.connection import configured_url, open_connection, redact, resolve_url
    from summitwatch.db.migrations import migrate
    from summitwatch.paths import data_dir
    from summitwatch.seeding import load_seeds

    url = resolve_url()
    with open_connection(url) as conn:
        migrate(conn)
        counts = load_seeds(conn, Path(args.sources) if args.sources else None)
    loaded = ", ".join(f"{k}: {v}" for k, v in counts.items())
    print(f"database {redact(url)}: migrated; seeds loaded ({loaded})")
    home = Path(os.environ.get("AIRFLOW_HOME") or data_dir() / "airflow")
    env = standalone_environment(url, home)
    password, password_file = ensure_admin_password(home)
    print(f"Airflow UI: http://{env['AIRFLOW__API__HOST']}:{env['AIRFLOW__API__PORT']}/")
    print(f"  user admin, password {password} (kept in {password_file})")
    print(
        "  the DAGs start unpaused (summit_backfill runs only when triggered); news_push listens on Redis at "
        + env["AIRFLOW_CONN_SUMMITWATCH_REDIS"]
    )
    if not configured_url():
        print("  data: the embedded PostgreSQL (`summitwatch db` prints the analyst's connection string)")
    print("starting airflow standalone (Ctrl-C stops it) ...", flush=True)
    command = airflow_command()
    os.execve(command[0], [*command, "standalone"], env)  # noqa: S606 - standalone takes over the terminal


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

    p = sub.add_parser(
        "db",
        help="the embedded PostgreSQL: print the analyst's connection string, open psql, or stop it",
        description="Without an action: start the embedded server if needed and print the analyst's "
        'connection string (psql "$(summitwatch db)" connects). shell: open psql as the analyst. '
        "stop: stop the embedded server.",
    )
    p.add_argument("action", nargs="?", default="url", choices=("url", "shell", "stop"))
    p.set_defaults(func=cmd_db)

    p = sub.add_parser(
        "airflow",
        help="migrate, seed and start `airflow standalone` set up for one machine (what `make airflow` runs)",
    )
    p.add_argument("--sources", metavar="FILE", help="sources CSV (default seeds/sources.csv: live feeds)")
    p.set_defaults(func=cmd_airflow)

    p = sub.add_parser("migrate", help="apply pending SQL migrations from sql/")
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("seed", help="load sources, watchlists and reference data from seeds/")
    p.add_argument("--sources", metavar="FILE", help="sources CSV (default seeds/sources.csv)")
    p.add_argument("--watchlists", metavar="FILE", help="watchlists CSV (default seeds/watchlists.csv)")
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

    p = sub.add_parser("backfill", help="land the pages of WARC files (web archives), then process them")
    p.add_argument("locations", nargs="*", metavar="WARC", help=".warc/.warc.gz files, folders, globs, URLs")
    p.add_argument(
        "--manifest", metavar="FILE|URL", help="a list of WARC paths such as CC-NEWS warc.paths.gz"
    )
    p.add_argument("--base", metavar="URL|DIR", help="what the manifest's paths are relative to")
    p.add_argument("--source", default="backfill", help="the warc source they land as (default: %(default)s)")
    p.add_argument("--language", action="append", help="keep pages in this language (repeatable)")
    p.add_argument("--any-language", action="store_true", help="keep pages in every language")
    p.add_argument("--host", action="append", help="keep only pages on this host (repeatable)")
    p.add_argument("--workers", type=int, default=1, help="files read side by side (default: %(default)s)")
    p.add_argument("--no-process", action="store_true", help="land only; leave processing to news_process")
    p.set_defaults(func=cmd_backfill)

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

    p = sub.add_parser(
        "correct", help="record an analyst's correction of a gathering (survives reprocessing)"
    )
    p.add_argument("--note", help="why, in your words (stored with the correction)")
    p.add_argument("--role", help="act as this role, e.g. summitwatch_reviewer (SET ROLE for the write)")
    p.set_defaults(func=cmd_correct)
    kinds = p.add_subparsers(dest="correction", required=True, metavar="CORRECTION")
    event_help = "event_id as reporting.summit_events shows it"
    c = kinds.add_parser("not-event", help="this gathering is not an event")
    c.add_argument("event", type=int, help=event_help)
    values = (("status", "the right status"), ("kind", "the right kind"), ("date", "YYYY[-MM[-DD]]"))
    for name, what in values:
        c = kinds.add_parser(name, help=f"its {name} is VALUE ({what})")
        c.add_argument("event", type=int, help=event_help)
        c.add_argument("value", help=what)
    c = kinds.add_parser("place", help="its place is CITY")
    c.add_argument("event", type=int, help=event_help)
    c.add_argument("value", metavar="CITY", help="city in English")
    c.add_argument("--country", help="ISO 3166-1 alpha-2 code of the city's country")
    c = kinds.add_parser("not-participant", help="NAME did not take part")
    c.add_argument("event", type=int, help=event_help)
    c.add_argument("value", metavar="NAME", help="canonical name as in participants")
    c = kinds.add_parser("same", help="these two events are one gathering")
    c.add_argument("event", type=int, help=event_help)
    c.add_argument("other", type=int, help="the other event_id")
    c = kinds.add_parser("move", help="this mention belongs to another gathering")
    c.add_argument("mention", type=int, help="mention_id as reporting.event_mentions shows it")
    c.add_argument("event", type=int, help="event_id of the gathering it belongs to")
    kinds.add_parser("orphans", help="list corrections whose target vanished (exit 1 if any)")

    p = sub.add_parser("dedupe", help="print each document's original and story as JSON lines")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt/.html files or folders of them")
    p.set_defaults(func=cmd_dedupe)

    p = sub.add_parser(
        "gatherings",
        help="run documents through fetch and process in a scratch database; print their gatherings",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt/.html files or folders of them")
    p.set_defaults(func=cmd_gatherings)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from summitwatch.airflow_env import AirflowRunError
    from summitwatch.db.connection import DatabaseUnavailable
    from summitwatch.db.embedded import EmbeddedServerError
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
    except (DatabaseUnavailable, EmbeddedServerError) as exc:
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
