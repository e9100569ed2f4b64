from datetime import date
from pathlib import Path

import pytest

from summitwatch.documents import Document, DocumentError, read_text_document, split_date_header


def test_month_header_on_the_same_line_as_the_body() -> None:
    body, published, precision = split_date_header(" date 2018-07 Der Präsident reist nach Rom.")
    assert body == "Der Präsident reist nach Rom."
    assert published == date(2018, 7, 1)
    assert precision == "month"


def test_day_header_on_its_own_line() -> None:
    body, published, precision = split_date_header(" date 2019-02-27\nThe leaders met.")
    assert (body, published, precision) == ("The leaders met.", date(2019, 2, 27), "day")


def test_no_header_keeps_text_untouched() -> None:
    text = "date of the summit: unknown"
    assert split_date_header(text) == (text, None, None)


def test_malformed_header_date_is_dropped_without_a_date() -> None:
    body, published, precision = split_date_header(" date 2018-13 Text.")
    assert (body, published, precision) == ("Text.", None, None)


def test_seed_article_reads_with_month_precision() -> None:
    seed = Path(__file__).resolve().parents[2] / "seeds/documents/zeit_2018-07_putin_invites_trump.txt"
    doc = read_text_document(seed)
    assert doc.doc_id == "zeit_2018-07_putin_invites_trump"
    assert doc.published == date(2018, 7, 1) and doc.published_precision == "month"
    assert doc.text.startswith("Der russische Präsident Wladimir Putin")


def test_latin1_document_is_read_as_the_folder_source_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Gipfeltreffen in Brüssel".encode("latin-1"))
    assert read_text_document(path).text == "Gipfeltreffen in Brüssel"


def test_binary_document_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "archive.txt"
    path.write_bytes(b"\x1f\x8b\x08\x00" + bytes(200))
    with pytest.raises(DocumentError, match=r"archive.txt: binary content \(gzip data\)"):
        read_text_document(path)


def test_with_headline_puts_the_title_first_as_its_own_paragraph() -> None:
    doc = Document("d", "Die Gespräche dauerten drei Stunden.", title="Scholz trifft Macron in Paris")
    assert doc.with_headline().text == "Scholz trifft Macron in Paris\n\nDie Gespräche dauerten drei Stunden."
    assert doc.with_headline().title == doc.title and doc.text == "Die Gespräche dauerten drei Stunden."


def test_with_headline_leaves_untitled_and_already_headed_texts_alone() -> None:
    untitled = Document("d", "Text.")
    headed = Document("d", "Scholz trifft Macron\n\nText.", title="Scholz trifft Macron")
    assert untitled.with_headline() is untitled
    assert headed.with_headline() is headed
    assert Document("d", "Text.", title="   ").with_headline().text == "Text."
