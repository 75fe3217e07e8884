"""Loading into the store: one transaction, idempotent, updates with history, lineage,
partial loads and the quarantine, cross-source references."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ndp.errors import InputRefused
from ndp.load import load_files
from ndp.load.quarantine import export_quarantine, quarantined_rows, reload_quarantine
from ndp.store import Store


def test_a_refused_load_writes_nothing_from_any_file(
    duck_store: Store, write_csv: Callable[..., Path], disruption: Callable[..., list[str]]
) -> None:
    good = write_csv([disruption(id="D1")], name="good.csv")
    bad = write_csv([disruption(id="D2", level="Enormous")], name="bad.csv")
    with pytest.raises(InputRefused) as refused:
        load_files(duck_store, [good, bad])
    assert [str(p) for p in refused.value.problems] == [
        f"{bad}, line 2, column level: 'Enormous': expected one of: major, moderate, minor"
    ]
    assert str(refused.value) == "1 problem found; nothing was loaded"
    assert duck_store.scalar("SELECT count(*) FROM disruptions") == 0
    assert duck_store.scalar("SELECT count(*) FROM loads") == 0


def test_loading_the_same_file_twice_changes_nothing(
    duck_store: Store,
    write_csv: Callable[..., Path],
    disruption: Callable[..., list[str]],
    tmp_path: Path,
) -> None:
    path = write_csv([disruption(id="D1"), disruption(id="D2")])
    first = load_files(duck_store, [path])
    assert first.files[0].inserted == 2
    again = load_files(duck_store, [path])
    assert again.load_id is None
    assert again.files[0].status == "already loaded"
    renamed = tmp_path / "copy.csv"
    renamed.write_bytes(path.read_bytes())
    assert load_files(duck_store, [renamed]).files[0].status == "already loaded"
    assert duck_store.scalar("SELECT count(*) FROM disruptions") == 2
    assert duck_store.scalar("SELECT count(*) FROM loads") == 1


def test_identical_records_in_a_new_file_are_unchanged(
    duck_store: Store, write_csv: Callable[..., Path], disruption: Callable[..., list[str]]
) -> None:
    load_files(duck_store, [write_csv([disruption(id="D1")], name="a.csv")])
    result = load_files(
        duck_store,
        [write_csv([disruption(id="D1", force="MPS"), disruption(id="D2")], name="b.csv")],
    )
    assert (result.files[0].inserted, result.files[0].updated, result.files[0].unchanged) == (
        1,
        0,
        1,
    )
    assert duck_store.scalar("SELECT count(*) FROM disruptions__history") == 0


def test_a_record_seen_again_is_updated_and_its_old_version_kept(
    duck_store: Store, write_csv: Callable[..., Path]
) -> None:
    header = ["dissemination_id", "disseminated_on", "force", "outcome_code", "outcome_on"]
    load_files(
        duck_store,
        [write_csv([["N1", "01/04/2024", "GMP", "", ""]], header=header, name="may.csv")],
    )
    result = load_files(
        duck_store,
        [
            write_csv(
                [["N1", "01/04/2024", "GMP", "1", "20/05/2024"]], header=header, name="june.csv"
            )
        ],
    )
    assert result.files[0].updated == 1
    assert duck_store.execute("SELECT outcome_code, _load_id FROM disseminations") == [("1", 2)]
    assert duck_store.execute(
        "SELECT outcome_code, _load_id, _superseded_by_load FROM disseminations__history"
    ) == [(None, 1, 2)]


def test_every_row_records_its_load_file_and_line(
    duck_store: Store, write_csv: Callable[..., Path], disruption: Callable[..., list[str]]
) -> None:
    path = write_csv([disruption(id="D1"), disruption(id="D2")])
    load_files(duck_store, [path], username="analyst")
    assert duck_store.execute(
        "SELECT disruption_id, _load_id, _file_id, _line FROM disruptions ORDER BY 1"
    ) == [("D1", 1, 1, 2), ("D2", 1, 1, 3)]
    ((file_path, sha, source, rows),) = duck_store.execute(
        "SELECT path, sha256, source, rows_read FROM load_files"
    )
    assert (Path(file_path).name, len(sha), source, rows) == ("d.csv", 64, "disruptions", 2)
    assert duck_store.execute("SELECT username, status FROM loads") == [("analyst", "complete")]


def test_several_files_of_one_source_in_one_load(
    duck_store: Store, write_csv: Callable[..., Path], disruption: Callable[..., list[str]]
) -> None:
    a = write_csv([disruption(id="D1")], name="a.csv")
    b = write_csv([disruption(id="D2", force="E23000034")], name="b.csv")
    result = load_files(duck_store, [a, b])
    assert [f.inserted for f in result.files] == [1, 1]
    assert duck_store.scalar("SELECT count(DISTINCT _file_id) FROM disruptions") == 2


def test_partial_load_quarantines_refused_rows_until_fixed(
    duck_store: Store,
    write_csv: Callable[..., Path],
    disruption: Callable[..., list[str]],
    tmp_path: Path,
) -> None:
    path = write_csv(
        [
            disruption(id="D1"),
            disruption(id="D2", force="Gotham"),
            disruption(id="D3", date="2024-13-01"),
        ]
    )
    result = load_files(duck_store, [path], partial=True)
    assert (result.files[0].inserted, result.files[0].quarantined) == (1, 2)
    rows = quarantined_rows(duck_store)
    assert [(r.line, r.reasons[0]["column"]) for r in rows] == [(3, "force"), (4, "date")]
    (export,) = export_quarantine(duck_store, tmp_path / "fix")
    text = export.read_text()
    assert "Gotham" in text
    assert "quarantine_id" in text.splitlines()[0]
    export.write_text(text.replace("Gotham", "Greater Manchester"))
    reloaded = reload_quarantine(duck_store, [export])
    assert (reloaded.files[0].inserted, reloaded.files[0].quarantined) == (1, 1)
    remaining = quarantined_rows(duck_store)
    assert [(r.reasons[0]["column"], r.reasons[0]["value"]) for r in remaining] == [
        ("date", "2024-13-01")
    ]
    assert duck_store.scalar("SELECT count(*) FROM disruptions") == 2


def test_results_must_name_a_known_operation(
    duck_store: Store, write_csv: Callable[..., Path]
) -> None:
    results = write_csv(
        [["Dupers 2", "Met", "5"]], header=["operation", "force", "referrals"], name="results.csv"
    )
    with pytest.raises(InputRefused) as refused:
        load_files(duck_store, [results])
    assert [str(p) for p in refused.value.problems] == [
        f"{results}, line 2, column operation: 'Dupers 2': expected a known operation (one in operations)"
    ]
    operations = write_csv(
        [["Dupers 2", "13/05/2024", "24/05/2024"]],
        header=["operation", "start_on", "end_on"],
        name="ops.csv",
    )
    load_files(duck_store, [results, operations])  # known through the same load
    more = write_csv(
        [["Dupers 2", "GMP", "3"]], header=["operation", "force", "referrals"], name="more.csv"
    )
    load_files(duck_store, [more])  # known through the store
    assert duck_store.scalar("SELECT sum(referrals) FROM operation_results") == 8
