from pathlib import Path

import pytest

from summitwatch.paths import seeds_dir
from summitwatch.sources.catalog import SourceConfigError, read_sources_csv

HEADER = "name,kind,location,language,country,poll_interval_minutes,active\n"


def test_shipped_sources_files_parse() -> None:
    for path in (seeds_dir() / "sources.csv", seeds_dir() / "demo" / "sources.csv"):
        sources = read_sources_csv(path)
        assert sources, path
        assert len({s.name for s in sources}) == len(sources)


def test_relative_folder_is_resolved_against_the_csv(tmp_path: Path) -> None:
    (tmp_path / "drop").mkdir()
    csv = tmp_path / "sources.csv"
    csv.write_text(HEADER + "box,folder,drop,de,DE,5,true\n", encoding="utf-8")
    [source] = read_sources_csv(csv)
    assert source.location == str(tmp_path / "drop")
    assert source.poll_interval_minutes == 5 and source.active and not source.allow_private_network


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("x,ftp,ftp://a/,de,DE,5,true\n", "kind must be one of"),
        ("x,feed,https://a/,de,DE,often,true\n", "whole number"),
        ("x,feed,https://a/,de,DE,5,maybe\n", "expected true/false"),
    ],
)
def test_bad_rows_name_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    csv = tmp_path / "sources.csv"
    csv.write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(SourceConfigError, match=rf"sources.csv:2: .*{message}"):
        read_sources_csv(csv)


def test_missing_column_is_reported(tmp_path: Path) -> None:
    csv = tmp_path / "sources.csv"
    csv.write_text("name,kind\nx,feed\n", encoding="utf-8")
    with pytest.raises(SourceConfigError, match="missing columns location"):
        read_sources_csv(csv)
