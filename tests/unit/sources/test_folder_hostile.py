"""Issue 13, defects 4 and 5: one bad entry never fails a folder source, and nothing outside the
folder is ever read, however the entries are swapped while it is scanned."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from summitwatch.sources.folder import scan_folder

GOOD = "Die Regierungschefs treffen sich im Juni in Rom.\n"


def _names(scan_items: list) -> list[str]:  # type: ignore[type-arg]
    return [i.payload["file_name"] for i in scan_items]


def test_deeply_nested_json_fails_alone(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    scan = scan_folder(tmp_path)
    assert _names(scan.items) == ["good.txt"]
    [error] = scan.errors
    assert error.startswith("deep.json: ") and "nested too deeply" in error


def test_symlink_loop_fails_alone(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    scan = scan_folder(tmp_path)
    assert _names(scan.items) == ["good.txt"]
    assert sorted(e.split(":")[0] for e in scan.errors) == ["a.txt", "b.txt", "loop.txt"]


def test_a_directory_or_dangling_link_with_a_document_name_fails_alone(tmp_path: Path) -> None:
    (tmp_path / "dir.txt").mkdir()  # a directory with a document's name is no document
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    scan = scan_folder(tmp_path)
    assert _names(scan.items) == ["good.txt"]
    assert scan.errors == [
        "dangling.txt: a symbolic link; only regular files in the folder are read",
        "dir.txt: not a regular file; not read",
    ]


def test_a_symlink_swapped_in_during_the_scan_is_never_followed(tmp_path: Path) -> None:
    """Defect 4: a writer keeps swapping a regular file and a symlink to a file outside the folder
    under one name; the scans must never return the outside file's text."""
    drop = tmp_path / "drop"
    drop.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET outside the drop folder\n", encoding="utf-8")
    target = drop / "swap.txt"
    stop = threading.Event()

    def swap() -> None:
        regular, link = drop / ".regular.tmp", drop / ".link.tmp"
        while not stop.is_set():
            regular.write_text(GOOD, encoding="utf-8")
            os.replace(regular, target)
            link.unlink(missing_ok=True)
            link.symlink_to(secret)
            os.replace(link, target)

    swapper = threading.Thread(target=swap)
    swapper.start()
    leaked, read, refused = 0, 0, 0
    try:
        for _ in range(1500):
            scan = scan_folder(drop)
            leaked += sum("SECRET" in item.content for item in scan.items)
            read += len(scan.items)
            refused += len(scan.errors)
    finally:
        stop.set()
        swapper.join()
    assert leaked == 0
    assert read and refused  # the race really ran both ways
