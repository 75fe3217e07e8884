"""The statistical workbook as its reader opens it (openpyxl): every sheet walked against the
Analysis Function's checklist, and its figures checked against the pack read independently."""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ndp.report.workbook import write_workbook

MARKERS = {"[x]", "[z]", "[c]"}
NOTE = re.compile(r"\[note (\d+)\]")


@pytest.fixture(scope="module")
def pack(demo_pack: Any) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(demo_pack.to_json(), parse_float=Decimal)
    return loaded


@pytest.fixture(scope="module")
def book(pack: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = write_workbook(pack, tmp_path_factory.mktemp("wb") / "report.xlsx")
    return openpyxl.load_workbook(path)


def _table(sheet: Any) -> tuple[int, list[str], list[list[Any]]]:
    """The sheet's header row number, headers and data rows (the Excel table's range)."""
    (_name, ref), = sheet.tables.items()  # fmt: skip
    rows = [list(r) for r in sheet[ref]]
    headers = [c.value for c in rows[0]]
    return rows[0][0].row, headers, rows[1:]


def _indicator_sheets(book: Any, pack: dict[str, Any]) -> dict[str, Any]:
    """Each indicator's table, by the indicator id its first subtitle names."""
    found = {}
    for sheet in book.worksheets[3:]:
        match = re.match(r"Indicator (\S+) of measure", str(sheet["A2"].value))
        if match:
            found[match.group(1)] = sheet
    return found


def test_sheets_cover_contents_notes_then_numbered_tables(book: Any, pack: dict[str, Any]) -> None:
    names = book.sheetnames
    assert names[:3] == ["Cover", "Contents", "Notes"]
    assert names[3:] == [f"Table_{i}" for i in range(1, len(names) - 2)]
    assert all(len(n) <= 31 for n in names)
    cover = "\n".join(str(c.value) for row in book["Cover"].iter_rows() for c in row if c.value)
    assert pack["period"]["label"] in cover.splitlines()[0]
    assert "management information" in cover
    assert "Released:" in cover
    assert "Contact" in cover
    assert "[x] = not available" in cover
    assert "[c] = suppressed" in cover


def test_every_wrapped_cover_row_is_tall_enough_for_its_lines(book: Any) -> None:
    """LibreOffice keeps a row at its default height whatever its wrapped text needs, so each
    paragraph ran over the next: every wrapped cell's row must be given a height, at least a
    12-point line (15 points) for each 100 characters in the 100-wide column, more for the
    16-point title."""
    sheet = book["Cover"]
    assert sheet.column_dimensions["A"].width >= 100
    short: list[str] = []
    for (cell,) in sheet.iter_rows(max_col=1):
        if cell.value is None:
            continue
        assert cell.alignment.wrap_text, cell.coordinate
        height = sheet.row_dimensions[cell.row].height
        need = 15 * -(-len(str(cell.value)) // 100) * (20 / 15 if cell.row == 1 else 1)
        if height is None or height < need:
            short.append(f"{cell.coordinate} {height} < {need}: {str(cell.value)[:40]}")
    assert sheet.max_row >= 10
    assert short == []


def test_contents_lists_every_table_by_its_title(book: Any) -> None:
    _, headers, rows = _table(book["Contents"])
    assert headers == ["Sheet name", "Table title"]
    listed = {r[0].value: r[1].value for r in rows}
    assert list(listed) == book.sheetnames[3:]
    for name, title in listed.items():
        assert NOTE.sub("", str(book[name]["A1"].value)).strip() == title.strip()
        assert "England and Wales" in title  # the geography
        assert re.search(r"20\d\d", title)  # and the period


def test_every_note_is_referenced_and_names_what_it_qualifies(
    book: Any, pack: dict[str, Any]
) -> None:
    _, headers, rows = _table(book["Notes"])
    assert headers == ["Note number", "Applies to", "Note text"]
    notes = {r[0].value: (r[1].value, r[2].value) for r in rows}
    assert list(notes) == list(range(1, len(notes) + 1))
    referring: dict[int, list[Any]] = {}
    for sheet in book.worksheets[3:]:
        for number in NOTE.findall(str(sheet["A1"].value)):
            referring.setdefault(int(number), []).append(sheet)
    assert set(referring) == set(notes)  # every note referred to, every reference a note
    indicators = _indicator_sheets(book, pack)
    for number, (applies_to, text) in notes.items():
        assert text
        assert not text.startswith(("=", "+", "-", "@"))
        named = re.search(r"\((\S+)\)$", applies_to)
        if named and named.group(1) in pack["indicators"]:  # an indicator's note: on its table
            assert referring[number] == [indicators[named.group(1)]]
            assert applies_to == f"{pack['indicators'][named.group(1)]['title']} ({named.group(1)})"
    flagged = [f for f in pack["data_quality"]["flags"] if f["indicator"] in pack["indicators"]]
    texts = [t for _, t in notes.values()]
    assert all(any(f["message"].replace("_", " ") in t for t in texts) for f in flagged)


def test_every_table_is_whole_numeric_and_plainly_headed(book: Any) -> None:
    for sheet in book.worksheets[1:]:
        _, headers, rows = _table(sheet)
        assert all(isinstance(h, str) and h for h in headers), sheet.title
        assert len(headers) == len(set(headers)), f"{sheet.title}: a duplicate header"
        for row in rows:
            for cell in row:
                assert cell.value is not None, (sheet.title, cell)
                assert str(cell.value).strip(), (sheet.title, cell)
                assert cell.data_type != "f"
                if isinstance(cell.value, str):
                    assert not re.fullmatch(r"-?[\d,.]+", cell.value), (sheet.title, cell)
        assert not sheet.merged_cells.ranges
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.paperSize == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        if sheet.title.startswith("Table_"):
            header_row = _table(sheet)[0]
            assert sheet.print_title_rows == f"${header_row}:${header_row}"


def test_each_indicator_has_the_nation_10_regions_and_45_forces(
    book: Any, pack: dict[str, Any]
) -> None:
    sheets = _indicator_sheets(book, pack)
    assert set(sheets) == set(pack["indicators"])
    labels = {"count": "(number)", "gbp": "(£)", "percent": "(%)"}
    for ind_id, sheet in sheets.items():
        ind = pack["indicators"][ind_id]
        _, headers, rows = _table(sheet)
        kinds = [r[0].value for r in rows]
        assert kinds.count("Nation") == 1, ind_id
        assert kinds.count("Region") == 10, ind_id
        assert kinds.count("Force") == 45, ind_id
        assert headers[3] == f"{pack['period']['label']} {labels[ind['unit']]}"
        if ind["unit"] == "percent":
            assert "Change on same quarter last year (percentage points)" in headers
            assert "Change on same quarter last year (%)" in headers
        for row in rows:  # a figure is a number or a symbol, never a number as text
            for cell in row[3:-2]:
                assert isinstance(cell.value, (int, float)) or cell.value in MARKERS | {
                    "Yes", "No"
                }, (ind_id, cell.coordinate, cell.value)  # fmt: skip
                if isinstance(cell.value, (int, float)):
                    assert cell.number_format != "General", (ind_id, cell.coordinate)


def test_area_figures_match_the_pack(book: Any, pack: dict[str, Any]) -> None:
    """Read the pack directly (not through the rows): the nation's value and comparisons, each
    force's and region's value, a force with no record as [x], and a region as its forces' sum."""
    sheets = _indicator_sheets(book, pack)
    checked = 0
    for ind_id in ("E1b.disruptions", "F1a.disseminations", "F1b.judicial_outcome_rate",
                   "E2a.seizure_value_gbp"):  # fmt: skip
        ind = pack["indicators"][ind_id]
        _, _headers, rows = _table(sheets[ind_id])
        by_code = {r[1].value: [c.value for c in r] for r in rows}
        nation = by_code["K04000001"]
        assert nation[3] == pytest.approx(float(ind["value"]))
        same = ind["comparisons"]["same_quarter_last_year"]
        assert nation[4] == pytest.approx(float(same["value"]))
        assert nation[5] == pytest.approx(float(same["change"]))
        for code, entry in ind["by"]["force"].items():
            if code in by_code:
                assert by_code[code][3] == pytest.approx(float(entry["value"])), (ind_id, code)
                checked += 1
        for name, info in pack["geographies"]["regions"].items():
            entry = ind["by"]["region"].get(name)
            row = by_code[info["code"]]
            assert row[3] == ("[x]" if entry is None else pytest.approx(float(entry["value"])))
        for code, force in pack["geographies"]["forces"].items():
            if force["kind"] == "territorial" and code not in ind["by"]["force"]:
                assert by_code[code][3] == "[x]"
        if ind["unit"] == "count":
            for info in pack["geographies"]["regions"].values():
                forces = [by_code[c][3] for c in info["forces"] if c in by_code]
                total = sum(v for v in forces if isinstance(v, (int, float)))
                if isinstance(by_code[info["code"]][3], (int, float)):
                    assert by_code[info["code"]][3] == total
    assert checked >= 45


def test_series_sheets_hold_every_quarter_and_month(book: Any, pack: dict[str, Any]) -> None:
    series = {}
    for sheet in book.worksheets[3:]:
        title = str(sheet["A1"].value)
        if "series of every indicator" in title:
            series[title.split()[0]] = sheet
    assert set(series) == {"Quarterly", "Monthly"}
    _, headers, rows = _table(series["Quarterly"])
    e1b = pack["indicators"]["E1b.disruptions"]
    quarters = [q["period"] for q in e1b["series"]["quarterly"]]
    assert headers[6:] == quarters
    by_key = {(r[0].value, r[4].value): [c.value for c in r[6:]] for r in rows}
    for ind_id in pack["indicators"]:
        assert sum(1 for k in by_key if k[0] == ind_id) >= 56  # nation, regions, forces
    assert by_key[("E1b.disruptions", "K04000001")] == [
        q["value"] for q in e1b["series"]["quarterly"]
    ]
    some_force, entry = next(iter(e1b["by"]["force"].items()))
    points = {q["period"]: q["value"] for q in entry["quarterly"]}
    assert by_key[("E1b.disruptions", some_force)] == [
        pytest.approx(float(points[q])) if points.get(q) is not None else "[x]" for q in quarters
    ]
    _, headers, rows = _table(series["Monthly"])
    assert len(headers) == 6 + 24
    nation = next(r for r in rows if r[0].value == "E1b.disruptions" and r[3].value == "Nation")
    assert [c.value for c in nation[6:]] == [m["value"] for m in e1b["series"]["monthly"]]


def test_labels_not_codes(book: Any) -> None:
    texts = {
        c.value for s in book.worksheets for row in s.iter_rows() for c in row
        if isinstance(c.value, str)
    }  # fmt: skip
    assert "Outcome 1: charged or summonsed" in texts
    assert "Cash seizure" in texts
    assert "Major" in texts
    assert not texts & {"cash_seizure", "major", "1A", "no_records", "improving", "national"}


def test_force_edition_restricted_to_the_force_its_region_and_the_nation(
    pack: dict[str, Any], tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(write_workbook(pack, tmp_path / "f.xlsx", area="E23000032"))
    sheet = _indicator_sheets(book, pack)["E1b.disruptions"]
    _, _, rows = _table(sheet)
    region = pack["geographies"]["forces"]["E23000032"]["region"]
    assert [(r[0].value, r[2].value) for r in rows] == [
        ("Nation", "England and Wales"), ("Region", region),
        ("Force", pack["geographies"]["forces"]["E23000032"]["name"]),
    ]  # fmt: skip
    assert "Kent" in str(sheet["A1"].value)


def test_force_edition_gives_national_only_indicators_one_table_of_a_row_each(
    pack: dict[str, Any], tmp_path: Path
) -> None:
    """An indicator with no figure below England and Wales is one row of one table in a
    force's workbook, not a table of the nation beside two [x] rows; its notes refer there."""
    alone = sorted(
        ind_id for ind_id, ind in pack["indicators"].items()
        if not (ind.get("by") or {}).get("force") and not (ind.get("by") or {}).get("region")
    )  # fmt: skip
    assert "F4.referrals" in alone
    assert "E1b.disruptions" not in alone
    book = openpyxl.load_workbook(write_workbook(pack, tmp_path / "f.xlsx", area="E23000032"))
    assert set(_indicator_sheets(book, pack)) == set(pack["indicators"]) - set(alone)
    (sheet,) = [
        s for s in book.worksheets[3:]
        if str(s["A1"].value).startswith("Indicators reported for England and Wales only: ")
    ]  # fmt: skip
    assert NOTE.sub("", str(sheet["A1"].value)).strip() == (
        "Indicators reported for England and Wales only: England and Wales, "
        "April to June 2024 (2024-25 Q1)"
    )
    _, headers, rows = _table(sheet)
    assert headers[1:3] == ["Indicator id", "Indicator"]
    assert sorted(r[1].value for r in rows) == alone
    referral = next(r for r in rows if r[1].value == "F4.referrals")
    assert referral[4].value == pack["indicators"]["F4.referrals"]["value"]
    _, _, notes = _table(book["Notes"])
    on_sheet = {int(n) for n in NOTE.findall(str(sheet["A1"].value))}
    for number, applies_to, _text in ((r[0].value, r[1].value, r[2].value) for r in notes):
        named = re.search(r"\((\S+)\)$", applies_to)
        if named and named.group(1) in alone:
            assert number in on_sheet, applies_to
    series = next(s for s in book.worksheets if str(s["A1"].value).startswith("Quarterly"))
    _, _, lines = _table(series)
    assert [r[3].value for r in lines if r[0].value == "F4.referrals"] == ["Nation"]


@pytest.mark.parametrize("hostile", ['=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)"])
def test_text_that_would_start_a_formula_stays_text(
    pack: dict[str, Any], tmp_path: Path, hostile: str
) -> None:
    crafted = copy.deepcopy(pack)
    crafted["geographies"]["forces"]["E23000032"]["name"] = hostile
    book = openpyxl.load_workbook(write_workbook(crafted, tmp_path / "h.xlsx", area="E23000032"))
    cells = [c for s in book.worksheets for row in s.iter_rows() for c in row if c.value == hostile]
    assert cells
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
