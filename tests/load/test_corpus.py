"""The corpus (issue 14, item 5): every bad or odd extract in ``tests/load/corpus`` is refused
with its place and message, or loaded with exactly its values, as ``expected.yaml`` says; the
same files through the command line never print a traceback; and every row a partial load
quarantines comes back from export and reload with exactly its values."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from ndp.contract import contract
from ndp.errors import InputRefused, NdpError
from ndp.load import load_files
from ndp.load.headers import contract_record
from ndp.load.quarantine import export_quarantine, quarantined_rows
from ndp.load.readers import read_extract
from ndp.store import Store, open_store
from ndp.store.sql import quote_ident

CORPUS = Path(__file__).parent / "corpus"
CASES: list[dict[str, Any]] = yaml.safe_load((CORPUS / "expected.yaml").read_text())["cases"]
IDS = [case["name"] for case in CASES]
CLASSES = {
    "encoding",
    "delimiter",
    "quoting",
    "header",
    "dates",
    "money",
    "counts",
    "references",
    "keys",
    "workbooks",
    "sizes",
    "injection",
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated part of the corpus (workbooks, sizes), written by its committed script."""
    spec = importlib.util.spec_from_file_location("make_generated", CORPUS / "make_generated.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("generated")
    module.make(folder)
    return folder


def resolve(name: str, generated: Path) -> Path:
    prefix = "generated/"
    return generated / name[len(prefix) :] if name.startswith(prefix) else CORPUS / name


def outcome(store: Store, paths: list[Path]) -> list[str]:
    """Every problem the load reports, as the user reads it ([] if it loaded)."""
    try:
        load_files(store, paths)
    except InputRefused as refused:
        return [str(p) for p in refused.problems] or [str(refused)]
    except NdpError as error:
        return [str(error)]
    return []


def test_the_corpus_covers_every_class() -> None:
    assert {name.split("/")[0] for name in IDS} >= CLASSES
    listed = {f for case in CASES for f in case["files"] if not f.startswith("generated/")}
    on_disk = {str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*.csv")}
    assert on_disk == listed  # no file without its expected outcome


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_corpus_case(case: dict[str, Any], generated: Path, tmp_path: Path) -> None:
    paths = [resolve(f, generated) for f in case["files"]]
    with open_store(str(tmp_path / "s.duckdb")) as store:
        reported = outcome(store, paths)
        if "refused" in case:
            assert len(reported) == len(case["refused"]), reported
            for expected, problem in zip(case["refused"], reported, strict=True):
                place = str(resolve(expected["file"], generated))
                if "line" in expected:
                    place += f", line {expected['line']}"
                if "column" in expected:
                    place += f", column {expected['column']}"
                if "value" in expected:
                    place += f": {expected['value']!r}"
                assert problem.startswith(place), (problem, place)
                assert expected["message"] in problem, problem
            assert store.scalar("SELECT count(*) FROM loads") == 0
        else:
            assert reported == []
            loaded = case["loaded"]
            columns = ", ".join(f"CAST({c} AS VARCHAR)" for c in loaded["columns"])
            rows = store.execute(
                f"SELECT {columns} FROM {loaded['table']} ORDER BY _file_id, _line"
            )
            assert [list(row) for row in rows] == loaded["rows"]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_corpus_through_the_command_line(
    case: dict[str, Any], generated: Path, tmp_path: Path, invoke: Callable[..., tuple[int, str]]
) -> None:
    """Every command on every case: load, partial load, list, export, reload; no traceback,
    no raw control character reaching the terminal, the message shown."""
    db = ["--db", str(tmp_path / "s.duckdb")]
    files = [str(resolve(f, generated)) for f in case["files"]]
    code, output = invoke("load", *files, *db)
    assert code == (1 if "refused" in case else 0), output
    flat = " ".join(output.split())
    for expected in case.get("refused", []):
        assert " ".join(expected["message"].split()) in flat
    invoke("load", *files, "--partial", *db)
    invoke("load", *files, "--reapply", *db)
    assert invoke("quarantine", "list", *db)[0] == 0
    code, output = invoke("quarantine", "export", "--out", str(tmp_path / "fix"), *db)
    assert code == 0, output
    exports = sorted((tmp_path / "fix").glob("*.csv"))
    if exports:
        code, output = invoke("quarantine", "reload", *map(str, exports), *db)
        assert code == 0, output


def record_values(store: Store) -> list[dict[str, str | None]]:
    """Open entries' values under the contract's names (blank cells left out)."""
    sources = contract().sources
    return [
        {k: v for k, v in contract_record(sources[r.source], r.record).items() if v is not None}
        for r in quarantined_rows(store)
    ]


@pytest.mark.parametrize("case", [c for c in CASES if "refused" in c], ids=lambda c: c["name"])
def test_quarantined_corpus_rows_round_trip_exactly(
    case: dict[str, Any], generated: Path, tmp_path: Path
) -> None:
    """Each quarantined row, exported and read back as a reload reads it (also after a
    Windows-1252 save), has exactly its values under the contract's names."""
    paths = [resolve(f, generated) for f in case["files"]]
    with open_store(str(tmp_path / "s.duckdb")) as store:
        try:
            load_files(store, paths, partial=True)
        except NdpError:
            return  # refused as a whole file: nothing to quarantine
        before = record_values(store)
        assert before, "a partial load of a refused case quarantines its rows"
        exports = export_quarantine(store, tmp_path / "fix")
    for save in ("utf-8-sig", "cp1252"):
        back: list[dict[str, str | None]] = []
        for export in exports:
            text = export.read_bytes().decode("utf-8-sig")
            saved = tmp_path / f"{save}-{export.name}"
            try:
                saved.write_bytes(text.encode(save))
            except UnicodeEncodeError:
                saved.write_bytes(text.encode("utf-8-sig"))  # Excel would lose the character
            back += read_back(saved)
        assert back == before


def read_back(path: Path) -> list[dict[str, str | None]]:
    """An export's rows as a reload reads them, without the export's own columns."""
    con = duckdb.connect()
    raw = read_extract(con, path, "back", export=True)
    names = [h for h in raw.header if h not in ("reasons", "quarantine_id")]
    rows = con.execute(
        f"SELECT {', '.join(quote_ident(n) for n in names)} FROM back ORDER BY _line"
    ).fetchall()
    return [{n: v for n, v in zip(names, row, strict=True) if v is not None} for row in rows]
