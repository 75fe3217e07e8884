"""The quarantine keeps every value (issue 14, item 3): export and reload round-trip each
refused row's values exactly, whatever the reason it was refused, whatever the header spelling,
through Excel's Windows-1252 save; formulas are neutralised in the export; an entry is released
when its key loads cleanly by any path; conflicting keys in one command are refused; an earlier
file can be re-applied on purpose."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from ndp.contract import contract
from ndp.errors import InputRefused
from ndp.load import load_files
from ndp.load.headers import contract_record
from ndp.load.quarantine import export_quarantine, quarantined_rows, reload_quarantine
from ndp.store import Store

#: Values a spreadsheet would run as formulas, break a CSV with, or mangle in another encoding.
HOSTILE = [
    '=HYPERLINK("http://example.test","click")',
    "+SUM(1,2)",
    "@SUM(A1)",
    "-2+3+cmd|' /C calc'!A0",
    "\tled by a tab",
    "\rled by a CR",
    "a bare\rCR inside",
    "two\nlines",
    "'=already quoted",
    "''@twice",
    "'plain apostrophe",
    'a "quoted" word',
    "  spaced  ",
    "Café £5 – 10€ ’quote’",
]


def values_of(store: Store) -> list[dict[str, str | None]]:
    """Open quarantine entries' values under the contract's names, by line."""
    rows = quarantined_rows(store)
    sources = contract().sources
    return [contract_record(sources[r.source], r.record) for r in rows]


def write_crlf(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    """A CSV as Excel writes it: CRLF records, so a value with a bare CR is quoted."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows([header, *rows])
    return path


def read_export(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def test_hostile_values_are_neutralised_and_round_trip_exactly(
    duck_store: Store, write_csv: Callable[..., Path], tmp_path: Path
) -> None:
    header = ["Disruption ID", "date", "force", "threat", "level", "ocg_ref", "Notes"]
    rows = [[f"D{i}", "13/05/2024", "Met", "Fraud", "Huge", v, v] for i, v in enumerate(HOSTILE)]
    load_files(duck_store, [write_crlf(tmp_path / "d.csv", header, rows)], partial=True)
    before = values_of(duck_store)
    assert [r["ocg_ref"] for r in before] == HOSTILE
    assert [r["Notes"] for r in before] == HOSTILE
    (export,) = export_quarantine(duck_store, tmp_path / "fix")

    cells = [cell for row in read_export(export) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert '\'=HYPERLINK("http://example.test","click")' in cells
    assert "'''@twice" in cells  # one more apostrophe, removed again on reload
    assert read_export(export)[0][:3] == ["disruption_id", "date", "force"]

    reload_quarantine(duck_store, [export])  # unchanged: every row refused again
    assert values_of(duck_store) == before


def test_an_export_saved_by_excel_as_windows_1252_reloads_the_same_values(
    duck_store: Store, write_csv: Callable[..., Path], tmp_path: Path
) -> None:
    ansi = [v for v in HOSTILE if all(ord(c) < 0x2000 or c in "–’€" for c in v)]
    rows = [[f"D{i}", "13/05/2024", "Met", "Fraud", "Huge", v] for i, v in enumerate(ansi)]
    header = ["disruption_id", "date", "force", "threat", "level", "ocg_ref"]
    load_files(duck_store, [write_crlf(tmp_path / "d.csv", header, rows)], partial=True)
    before = values_of(duck_store)
    (export,) = export_quarantine(duck_store, tmp_path / "fix")
    text = export.read_bytes().decode("utf-8-sig")
    saved = tmp_path / "saved-by-excel.csv"
    saved.write_bytes(text.encode("cp1252"))  # Excel's "CSV (Comma delimited)"
    with pytest.raises(UnicodeDecodeError):
        saved.read_bytes().decode("utf-8")
    reload_quarantine(duck_store, [saved])
    assert values_of(duck_store) == before


def test_rows_refused_for_references_from_two_header_spellings_reload_whole(
    duck_store: Store, write_csv: Callable[..., Path], tmp_path: Path
) -> None:
    a = write_csv(
        [["Dupers 9", "Met", "5", "Rochdale"]],
        header=["Operation", "Force", "Arrests", "OCG Locations"],
        name="a.csv",
    )
    b = write_csv(
        [["Dupers 9", "GMP", "7", "=Bury"]],
        header=["operation", "FORCE", "arrests", "ocg_locations"],
        name="b.csv",
    )
    load_files(duck_store, [a, b], partial=True)
    assert values_of(duck_store) == [
        {"operation": "Dupers 9", "force": "Met", "arrests": "5", "ocg_locations": "Rochdale"},
        {"operation": "Dupers 9", "force": "GMP", "arrests": "7", "ocg_locations": "=Bury"},
    ]
    (export,) = export_quarantine(duck_store, tmp_path / "fix")
    assert read_export(export)[0] == [
        "operation",
        "force",
        "arrests",
        "ocg_locations",
        "reasons",
        "quarantine_id",
    ]
    ops = write_csv(
        [["Dupers 9", "13/05/2024", "24/05/2024"]],
        header=["operation", "start_on", "end_on"],
        name="ops.csv",
    )
    load_files(duck_store, [ops])
    reloaded = reload_quarantine(duck_store, [export])
    assert reloaded.files[0].inserted == 2
    assert quarantined_rows(duck_store) == []
    assert duck_store.execute(
        "SELECT force, arrests, ocg_locations FROM operation_results ORDER BY arrests"
    ) == [("E23000001", 5, "Rochdale"), ("E23000005", 7, "=Bury")]


def test_an_entry_is_released_when_its_key_loads_cleanly_by_any_path(
    duck_store: Store, write_csv: Callable[..., Path], disruption: Callable[..., list[str]]
) -> None:
    first = write_csv(
        [
            disruption(id="D1"),
            disruption(id=" D2 ", force="Gotham"),
            disruption(id="D3", level="?"),
        ],
        name="may.csv",
    )
    load_files(duck_store, [first], partial=True)
    assert len(quarantined_rows(duck_store)) == 2
    fixed = write_csv([disruption(id="D2", force="GMP")], name="june.csv")  # fixed at source
    result = load_files(duck_store, [fixed])
    assert result.files[0].released == 1
    assert [r.record["disruption_id"] for r in quarantined_rows(duck_store)] == ["D3"]
    assert duck_store.scalar("SELECT released_by_load FROM quarantine WHERE line = 3") == 2


def test_two_files_giving_a_key_different_values_are_refused_naming_both(
    duck_store: Store, write_csv: Callable[..., Path], disruption: Callable[..., list[str]]
) -> None:
    a = write_csv([disruption(id="D1", level="Major"), disruption(id="D2")], name="a.csv")
    b = write_csv([disruption(id="D1", level="Minor"), disruption(id="D2")], name="b.csv")
    with pytest.raises(InputRefused) as refused:
        load_files(duck_store, [a, b])
    assert [str(p) for p in refused.value.problems] == [
        f"{a}, line 2, column disruption_id: 'D1': expected a disruption_id no other file of "
        f"this load gives other values ({b}, line 2 does): load the files in separate "
        "commands, in the order they apply",
        f"{b}, line 2, column disruption_id: 'D1': expected a disruption_id no other file of "
        f"this load gives other values ({a}, line 2 does): load the files in separate "
        "commands, in the order they apply",
    ]
    assert duck_store.scalar("SELECT count(*) FROM disruptions") == 0
    result = load_files(duck_store, [a, b], partial=True)  # reported: both rows quarantined
    assert [f.quarantined for f in result.files] == [1, 1]
    assert duck_store.execute("SELECT disruption_id FROM disruptions") == [("D2",)]


def test_an_earlier_file_is_reapplied_only_when_asked_and_lineage_says_so(
    duck_store: Store, write_csv: Callable[..., Path], disruption: Callable[..., list[str]]
) -> None:
    good = write_csv([disruption(id="D1", level="Major")], name="good.csv")
    bad = write_csv([disruption(id="D1", level="Minor")], name="bad-update.csv")
    load_files(duck_store, [good])
    load_files(duck_store, [bad])
    assert load_files(duck_store, [good]).files[0].status == "already loaded"
    result = load_files(duck_store, [good], reapply=True)
    assert (result.files[0].updated, result.files[0].reapplies) == (1, 1)
    assert duck_store.execute("SELECT level, _load_id FROM disruptions") == [("major", 3)]
    assert duck_store.execute("SELECT file_id, earlier_file_id FROM reapplied_files") == [(3, 1)]
    assert duck_store.execute("SELECT level FROM disruptions__history ORDER BY 1") == [
        ("major",),
        ("minor",),
    ]
