"""A file ndp cannot read is told its encoding or delimiter (issue 14, item 2)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ndp.errors import NdpError
from ndp.load import validate_extract

HEADER = "disruption_id,date,force,threat,level\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"disruption_id;date;force\nD1;2024-01-01;Met\n", "separated by ';' (semicolon)"),
        (b"disruption_id\tdate\tforce\nD1\t2024-01-01\tMet\n", "separated by a tab"),
        (
            HEADER.encode() + b"D1,13/05/2024,Caf\xe9,Fraud,Major\n",
            ", line 2: the file is not UTF-8",
        ),
        (HEADER.encode("utf-16") + "D1,13/05/2024,Met,Fraud,Major\n".encode("utf-16-le"), "UTF-16"),
    ],
    ids=["semicolon", "tab", "windows-1252", "utf-16"],
)
def test_encoding_and_delimiter_are_named(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(data)
    with pytest.raises(NdpError) as refused:
        validate_extract(duckdb.connect(), path)
    assert str(refused.value).startswith(str(path))
    assert message in str(refused.value)
    assert "CSV UTF-8 (Comma delimited)" in str(refused.value)


def test_utf8_with_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(b"\xef\xbb\xbf" + HEADER.encode() + b"D1,13/05/2024,Met,Fraud,Major\n")
    result = validate_extract(duckdb.connect(), path)
    assert result.problems == []
    assert result.rows_read == 1
