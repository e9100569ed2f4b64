"""Issue 13, defect 8 (the smaller ones): source names checked when the CSV is read, one text reader
for ``extract`` and the folder source, NULs dropped by ``extract``, the XML entity guard on UTF-16/32
without a BOM, and IPv6 forms that embed an IPv4 address judged by that address.

The address refusals are asserted without sending anything: ``check_url`` on an address literal
resolves nothing over the network and connects nowhere."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from summitwatch.documents import read_text_document
from summitwatch.sources.catalog import SourceConfigError, read_sources_csv
from summitwatch.sources.folder import scan_folder
from summitwatch.sources.safety import UnsafeURL, address_refusal, check_url
from summitwatch.sources.xml_guard import UnsafeXML, check_xml_entities

TEXT = "Die Staats- und Regierungschefs trafen sich am Mittwoch in Helsinki.\n"
HEADER = "name,kind,location,language,country,poll_interval_minutes,active\n"


@pytest.mark.parametrize("name", ["Bad Name", "UPPER", "-leading-dash", "semi;colon", ""])
def test_an_invalid_source_name_is_a_config_error_naming_the_line(tmp_path: Path, name: str) -> None:
    csv = tmp_path / "sources.csv"
    csv.write_text(HEADER + f"{name},feed,https://example.org/feed,de,DE,15,true\n", encoding="utf-8")
    with pytest.raises(SourceConfigError, match=r"sources\.csv:2: name must be"):
        read_sources_csv(csv)


@pytest.mark.parametrize("codec", ["utf-16", "utf-8-sig", "utf-32", "cp1252"])
def test_extract_reads_what_the_folder_source_reads(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(("Außenminister: " + TEXT).encode(codec))
    [item] = scan_folder(tmp_path).items
    assert read_text_document(path).text == item.content == "Außenminister: " + TEXT


def test_extract_drops_nuls_like_the_cleaner(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(TEXT.replace("Helsinki", "Hel\0sinki").encode("utf-8"))
    assert read_text_document(path).text == TEXT


def _entity_feed() -> str:
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        "<rss><channel><title>&b;</title></channel></rss>"
    )


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("lead", ["", "\n  "])
def test_the_entity_guard_reads_utf16_and_utf32_without_a_bom(codec: str, lead: str) -> None:
    with pytest.raises(UnsafeXML):
        check_xml_entities((lead + _entity_feed()).encode(codec))


@pytest.mark.parametrize(
    "host",
    [
        "[::127.0.0.1]",  # IPv4-compatible loopback
        "[::ffff:127.0.0.1]",  # IPv4-mapped
        "[64:ff9b::7f00:1]",  # NAT64 of 127.0.0.1
        "[64:ff9b::a00:1]",  # NAT64 of 10.0.0.1
        "[::10.1.2.3]",
        "[2002:7f00:1::]",  # 6to4 of 127.0.0.1
        "[64:ff9b:1::a00:1]",  # local-use NAT64 prefix
    ],
)
def test_ipv6_forms_of_internal_ipv4_addresses_are_refused(host: str) -> None:
    with pytest.raises(UnsafeURL, match="non-public address"):
        check_url(f"http://{host}/feed")


@pytest.mark.parametrize("address", ["64:ff9b::a9fe:a9fe", "::169.254.169.254", "::ffff:169.254.169.254"])
def test_metadata_behind_ipv6_forms_stays_refused_even_for_private_sources(address: str) -> None:
    reason = address_refusal(ipaddress.ip_address(address), allow_private_network=True)
    assert reason is not None and "never fetched" in reason


def test_nat64_of_a_public_address_is_public() -> None:
    assert address_refusal(ipaddress.ip_address("64:ff9b::5db8:d822"), allow_private_network=False) is None
