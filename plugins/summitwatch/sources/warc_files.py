"""Which WARC files a ``warc`` source, the CLI or the DAG means, and getting them onto disk.

A location is a file, a folder (its ``.warc`` / ``.warc.gz`` files), a glob
(``/data/cc-news/2018/07/*.warc.gz``) or an ``http(s)`` URL of one file. A
manifest such as CC-NEWS's ``warc.paths.gz`` lists one path per line,
relative to a base URL or folder (``manifest_locations``).

A URL is downloaded to a temporary file under the rules pages are fetched
with (``HttpClient``: safe addresses only, per-host politeness, retries,
robots.txt), with a size cap and deadline made for archives, and removed
once it has been read. A killed download simply starts again; the records
already landed from it are skipped by their offset.
"""

from __future__ import annotations

import glob
import gzip
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from summitwatch.sources.catalog import Source
from summitwatch.sources.http import FetchError, HttpClient
from summitwatch.sources.landing import FetchRecord
from summitwatch.sources.robots import RobotsCache
from summitwatch.sources.safety import UnsafeURL, check_url
from summitwatch.sources.settings import FetchSettings
from summitwatch.sources.warc import WARC_SUFFIXES

MAX_WARC_BYTES = 8 * 1024**3  # CC-NEWS files are about 1 GiB
DOWNLOAD_DEADLINE_S = 4 * 3600.0


class WarcUnavailable(RuntimeError):
    """A WARC file (or manifest) that cannot be had: the message says why."""


def is_url(location: str) -> bool:
    return urlsplit(location).scheme in ("http", "https")


def warc_locations(location: str) -> list[str]:
    """The files a location names, in a stable order; a URL stands for itself."""
    if is_url(location):
        return [location]
    path = Path(location).expanduser()
    if any(ch in location for ch in "*?["):
        found = sorted(glob.glob(str(path)))
    elif path.is_dir():
        found = sorted(str(p) for p in path.iterdir())
    elif path.exists():
        return [str(path.resolve())]
    else:
        raise WarcUnavailable(f"{location}: no such file, folder or glob match")
    files = [str(Path(f).resolve()) for f in found if f.endswith(WARC_SUFFIXES) and Path(f).is_file()]
    if not files:
        raise WarcUnavailable(f"{location}: no .warc or .warc.gz files")
    return files


def manifest_locations(lines: list[str], base: str) -> list[str]:
    """Locations of a manifest's paths (``warc.paths``) under ``base`` (a URL or a folder)."""
    paths = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    if is_url(base):
        return [base.rstrip("/") + "/" + p.lstrip("/") for p in paths]
    return [str(Path(base) / p) for p in paths]


def read_manifest(manifest: str, *, settings: FetchSettings | None = None) -> list[str]:
    """The lines of a manifest file or URL (gzip-compressed or not)."""
    if is_url(manifest):
        with HttpClient(settings or FetchSettings.from_env()) as client:
            try:
                response = client.get(manifest)
            except (FetchError, UnsafeURL) as exc:
                raise WarcUnavailable(f"{manifest}: {exc}") from exc
        if response.status != 200:
            raise WarcUnavailable(f"{manifest}: HTTP {response.status}")
        raw = response.body
    else:
        try:
            raw = Path(manifest).read_bytes()
        except OSError as exc:
            raise WarcUnavailable(f"{manifest}: cannot read ({exc.strerror})") from exc
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8").splitlines()


@contextmanager
def local_copy(
    location: str, *, source: Source, settings: FetchSettings | None = None
) -> Iterator[tuple[Path, FetchRecord | None]]:
    """The file on disk, and the download's fetch-log row when it had to be downloaded."""
    if not is_url(location):
        yield Path(location), None
        return
    settings = settings or FetchSettings.from_env()
    suffix = ".warc.gz" if location.endswith(".gz") else ".warc"
    handle, name = tempfile.mkstemp(
        prefix="summitwatch-", suffix=suffix, dir=os.environ.get("SUMMITWATCH_WARC_DIR")
    )
    try:
        with os.fdopen(handle, "w+b") as sink, HttpClient(settings) as client:
            record = download(location, sink, source=source, client=client)
        yield Path(name), record
    finally:
        Path(name).unlink(missing_ok=True)


def download(location: str, sink: BinaryIO, *, source: Source, client: HttpClient) -> FetchRecord:
    """Download ``location`` into ``sink`` as a page would be fetched; raise ``WarcUnavailable``."""
    robots = RobotsCache(client)
    try:
        # Refuse an unsafe URL before robots.txt, so not even that is asked of an internal host.
        check_url(location, allow_private_network=source.allow_private_network)
        verdict = robots.check(
            location, source_name=source.name, allow_private_network=source.allow_private_network
        )
        if not verdict.allowed:
            raise WarcUnavailable(f"{location}: disallowed by robots.txt")
        response = client.get(
            location,
            allow_private_network=source.allow_private_network,
            max_bytes=MAX_WARC_BYTES,
            sink=sink,
            deadline_s=DOWNLOAD_DEADLINE_S,
        )
    except UnsafeURL as exc:
        raise WarcUnavailable(str(exc)) from exc  # it names the URL
    except FetchError as exc:
        raise WarcUnavailable(f"{location}: {exc}") from exc
    if response.status != 200:
        raise WarcUnavailable(f"{location}: HTTP {response.status}")
    return FetchRecord(
        source.name,
        location,
        "ok",
        response.status,
        sink.tell(),
        response.duration_ms,
        request_kind="warc",
        attempts=response.attempts,
        final_url=response.final_url,
    )
