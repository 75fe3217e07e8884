"""Commentary versions in the app database (SQLite and PostgreSQL: conftest's ``appdb``): every
save a version, the second of two saves based on the same version refused with the other's text,
the file ``ndp report`` reads rewritten on each save, and a file written by hand taken in as
versions by ``file``."""

from __future__ import annotations

from pathlib import Path

import pytest
from commentary_support import quarter_in, small_pack

from ndp.appdb import AppDB
from ndp.errors import NdpError
from ndp.report.commentary import read_commentary
from ndp.workflow.commentary import (
    Conflict,
    Saved,
    entry_state,
    remove_entry,
    report_versions,
    save_entry,
)
from ndp.workflow.commentary_file import QuarterCommentary
from ndp.workflow.commentary_versions import Entry

E1B = Entry("commentary", "E1b")
DISRUPTIONS = Entry("commentary", "E1b.disruptions")


def _saved(result: Saved | Conflict) -> Saved:
    assert isinstance(result, Saved), result
    return result


def test_each_save_is_a_new_version_with_who_and_the_text(appdb: AppDB, tmp_path: Path) -> None:
    quarter = quarter_in(tmp_path / "packs")
    first = _saved(save_entry(appdb, quarter, E1B, "Recording *rose*.", 0, "ann"))
    second = _saved(save_entry(appdb, quarter, E1B, "Recording **rose**.\r\n", 1, "bob"))
    assert (first.version.version, second.version.version) == (1, 2)
    state = entry_state(appdb, quarter, E1B)
    assert state.version == 2
    assert [(v.version, v.text, v.saved_by) for v in state.versions] == [
        (2, "Recording **rose**.", "bob"),
        (1, "Recording *rose*.", "ann"),
    ]
    assert state.versions[0].saved_at >= state.versions[1].saved_at


def test_unchanged_text_adds_no_version(appdb: AppDB, tmp_path: Path) -> None:
    quarter = quarter_in(tmp_path / "packs")
    _saved(save_entry(appdb, quarter, E1B, "Same.", 0, "ann"))
    again = _saved(save_entry(appdb, quarter, E1B, "  Same.\n", 1, "bob"))
    assert (again.changed, again.version.version, again.version.saved_by) == (False, 1, "ann")


def test_a_save_based_on_an_older_version_is_refused_with_the_others_version(
    appdb: AppDB, tmp_path: Path
) -> None:
    quarter = quarter_in(tmp_path / "packs")
    _saved(save_entry(appdb, quarter, E1B, "Ann's first.", 0, "ann"))
    # ann and bob both open version 1; ann saves first
    _saved(save_entry(appdb, quarter, E1B, "Ann's second.", 1, "ann"))
    refused = save_entry(appdb, quarter, E1B, "Bob's text.", 1, "bob")
    assert isinstance(refused, Conflict)
    assert (refused.theirs.version, refused.theirs.text, refused.theirs.saved_by) == (
        2,
        "Ann's second.",
        "ann",
    )
    assert entry_state(appdb, quarter, E1B).version == 2
    # two analysts each starting a new entry: the second is refused too
    _saved(save_entry(appdb, quarter, DISRUPTIONS, "Ann's.", 0, "ann"))
    assert isinstance(save_entry(appdb, quarter, DISRUPTIONS, "Bob's.", 0, "bob"), Conflict)


def test_each_save_writes_the_file_ndp_report_reads(appdb: AppDB, tmp_path: Path) -> None:
    quarter = quarter_in(tmp_path / "packs")
    _saved(save_entry(appdb, quarter, DISRUPTIONS, "Line one.\n\n- a point", 0, "ann"))
    _saved(save_entry(appdb, quarter, E1B, '=HYPERLINK("http://x","y") <script>', 0, "ann"))
    _saved(save_entry(appdb, quarter, Entry("summary", "F1a"), "A Met-led operation.", 0, "bob"))
    read = read_commentary(quarter.path, quarter.pack)
    assert [(c.about, c.markdown, c.summary) for c in read["E1b"]] == [
        ("E1b", '=HYPERLINK("http://x","y") <script>', False),
        ("E1b.disruptions", "Line one.\n\n- a point", False),
    ]
    assert [(c.about, c.markdown, c.summary) for c in read["F1a"]] == [
        ("F1a", "A Met-led operation.", True)
    ]
    text = quarter.path.read_text(encoding="utf-8")
    assert "period: 2024-25 Q1\ncommentary:\n  E1b: " in text
    assert "  E1b.disruptions: |-\n    Line one.\n\n    - a point\n" in text
    assert list(quarter.packs.glob(".*")) == []  # written whole: no temporary file left


def test_an_existing_file_becomes_version_1_by_file_and_keeps_its_spc_steps(
    appdb: AppDB, tmp_path: Path
) -> None:
    quarter = quarter_in(tmp_path / "packs")
    (quarter.packs / "commentary.yaml").write_text(
        "period: 2024-25 Q1\ncommentary:\n  E1b: From the demo.\n"
        "summary:\n  F1a: The demo's reason.\n"
        "spc_steps:\n  - {indicator: E1b.disruptions, month: 2023-04, reason: New system}\n",
        encoding="utf-8",
    )
    state = entry_state(appdb, quarter, E1B)
    assert [(v.version, v.text, v.saved_by) for v in state.versions] == [
        (1, "From the demo.", "file")
    ]
    _saved(save_entry(appdb, quarter, E1B, "Ann's.", 1, "ann"))
    summary = entry_state(appdb, quarter, Entry("summary", "F1a"))
    assert [(v.version, v.saved_by) for v in summary.versions] == [(1, "file")]
    written = quarter.path.read_text(encoding="utf-8")
    assert "spc_steps:\n- indicator: E1b.disruptions\n  month: 2023-04\n" in written
    assert "  F1a: The demo's reason.\n" in written


def test_a_hand_edit_of_the_file_is_a_new_version_and_refuses_a_save_based_on_the_old(
    appdb: AppDB, tmp_path: Path
) -> None:
    quarter = quarter_in(tmp_path / "packs")
    _saved(save_entry(appdb, quarter, E1B, "Ann's.", 0, "ann"))
    text = quarter.path.read_text(encoding="utf-8").replace("Ann's.", "Edited by hand.")
    quarter.path.write_text(text, encoding="utf-8")
    refused = save_entry(appdb, quarter, E1B, "Bob's.", 1, "bob")
    assert isinstance(refused, Conflict)
    assert (refused.theirs.version, refused.theirs.text, refused.theirs.saved_by) == (
        2,
        "Edited by hand.",
        "file",
    )


def test_a_mistake_in_the_dashboards_file_is_refused_not_overwritten(
    appdb: AppDB, tmp_path: Path
) -> None:
    quarter = quarter_in(tmp_path / "packs")
    quarter.path.write_text("period: 2024-25 Q1\ncommentary:\n  E1x: typo\n", encoding="utf-8")
    with pytest.raises(NdpError) as raised:
        save_entry(appdb, quarter, E1B, "Ann's.", 0, "ann")
    assert str(raised.value) == (
        f"{quarter.path}, line 3: commentary about 'E1x', which is no indicator or measure of "
        "the pack; did you mean E1b?. The dashboard saves into this file: correct it (or move "
        "it away) and try again"
    )
    assert quarter.path.read_text(encoding="utf-8").endswith("E1x: typo\n")


def test_another_quarters_demo_file_is_passed_over(appdb: AppDB, tmp_path: Path) -> None:
    quarter = quarter_in(tmp_path / "packs")
    (quarter.packs / "commentary.yaml").write_text(
        "period: 2023-24 Q4\ncommentary:\n  E1b: Last quarter.\n", encoding="utf-8"
    )
    assert entry_state(appdb, quarter, E1B).versions == []


@pytest.mark.parametrize(
    ("entry", "text", "message"),
    [
        (E1B, " \n ", "Enter the commentary about E1b as Markdown text"),
        (Entry("summary", "F1a"), "", "Enter the reason about F1a as Markdown text"),
        (
            E1B,
            "x" * 10_001,
            "Shorten the commentary about E1b to 10,000 characters or fewer (it has 10,001)",
        ),
        (
            Entry("commentary", "E1x"),
            "Text.",
            "Commentary about 'E1x', which is no indicator "
            "or measure of the pack; did you mean E1b?",
        ),
        (
            Entry("summary", "E1b.disruptions"),
            "Text.",
            "Summary reason for 'E1b.disruptions', which is no measure",
        ),
    ],
)
def test_what_the_file_would_refuse_is_refused_with_what_to_do(
    appdb: AppDB, tmp_path: Path, entry: Entry, text: str, message: str
) -> None:
    quarter = quarter_in(tmp_path / "packs")
    with pytest.raises(NdpError) as raised:
        save_entry(appdb, quarter, entry, text, 0, "ann")
    assert str(raised.value) == message
    assert not quarter.path.exists()


def test_every_save_and_import_is_in_the_audit_log(appdb: AppDB, tmp_path: Path) -> None:
    import io
    import json

    quarter = quarter_in(tmp_path / "packs", small_pack())
    (quarter.packs / "commentary.yaml").write_text(
        "period: 2024-25 Q1\ncommentary:\n  E1b: From the demo.\n", encoding="utf-8"
    )
    _saved(save_entry(appdb, quarter, E1B, "Ann's.", 1, "ann"))
    out = io.StringIO()
    appdb.audit_export(out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["actor"], r["action"], r["target"], r["detail"]) for r in rows] == [
        ("file", "commentary_imported", "/2024-25-Q1/commentary/E1b",
         {"entry": "E1b", "version": 1}),
        ("ann", "commentary_saved", "/2024-25-Q1/commentary/E1b", {"entry": "E1b", "version": 2}),
    ]  # fmt: skip
    assert appdb.audit_verify().ok


@pytest.mark.postgres
def test_the_apps_role_may_add_versions_but_never_change_one(pg_url: str, tmp_path: Path) -> None:
    """With the GRANTs of docs/dashboard.md, run as written there."""
    import re

    import psycopg

    docs = Path(__file__).resolve().parents[2] / "docs" / "dashboard.md"
    blocks = re.findall(r"```sql\n(.*?)```", docs.read_text(encoding="utf-8"), flags=re.S)
    [grants] = [b for b in blocks if "GRANT SELECT, INSERT ON app_audit" in b]
    database = pg_url.rsplit("/", 1)[1]
    role = f"app_{database}"
    AppDB.open(pg_url).close()  # the owner creates the tables
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(
            grants.replace("ndp_app", role)
            .replace("'change me'", "'app-secret'")
            .replace("DATABASE ndp ", f"DATABASE {database} ")
        )
    app_url = pg_url.replace("postgresql://ndp@", f"postgresql://{role}:app-secret@")
    quarter = quarter_in(tmp_path / "packs")
    with AppDB.open(app_url) as app:
        _saved(save_entry(app, quarter, E1B, "Ann's.", 0, "ann"))
        _saved(save_entry(app, quarter, E1B, "Ann's again.", 1, "ann"))
    with psycopg.connect(app_url, autocommit=True) as conn:
        for statement in ("UPDATE app_commentary SET text = 'x'", "DELETE FROM app_commentary"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)


def _race(dbs: list[AppDB], quarter: QuarterCommentary, based_on: int) -> list[Saved | Conflict]:
    """Two saves of one entry, each on its own connection, released at the same moment."""
    import threading

    start = threading.Barrier(len(dbs))
    results: list[Saved | Conflict] = []

    def save(db: AppDB, who: str) -> None:
        start.wait()
        text = f"{who} {based_on}"
        results.append(save_entry(db, quarter, Entry("commentary", "F1a"), text, based_on, who))

    threads = [threading.Thread(target=save, args=(db, f"analyst{i}")) for i, db in enumerate(dbs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_saves_at_once_from_two_connections_one_wins_one_is_refused(tmp_path: Path) -> None:
    """Each of 5 races: two connections (as two worker processes have) save the same entry,
    both based on the same version; exactly one is saved, and the file holds its text."""
    quarter = quarter_in(tmp_path / "packs")
    location = str(tmp_path / "race.sqlite")
    dbs = [AppDB.open(location), AppDB.open(location)]
    try:
        for race in range(5):
            results = _race(dbs, quarter, race)
            assert sorted(type(r).__name__ for r in results) == ["Conflict", "Saved"], race
            won = next(r for r in results if isinstance(r, Saved)).version
            assert won.version == race + 1
            assert read_commentary(quarter.path, quarter.pack)["F1a"][0].markdown == won.text
    finally:
        for db in dbs:
            db.close()


def test_removing_an_entry_is_a_version_the_file_leaves_out(appdb: AppDB, tmp_path: Path) -> None:
    quarter = quarter_in(tmp_path / "packs")
    _saved(save_entry(appdb, quarter, E1B, "On the measure.", 0, "ann"))
    _saved(save_entry(appdb, quarter, DISRUPTIONS, "On the indicator.", 0, "ann"))
    assert isinstance(remove_entry(appdb, quarter, E1B, 0, "bob"), Conflict)  # based on none
    removed = _saved(remove_entry(appdb, quarter, E1B, 1, "bob"))
    assert (removed.version.version, removed.version.text) == (2, "")
    read = read_commentary(quarter.path, quarter.pack)
    assert [c.about for c in read["E1b"]] == ["E1b.disruptions"]
    # the removal stays a removal when the file is read again, and a new text follows it
    assert [(v.version, v.text) for v in entry_state(appdb, quarter, E1B).versions] == [
        (2, ""),
        (1, "On the measure."),
    ]
    _saved(save_entry(appdb, quarter, E1B, "Back again.", 2, "ann"))
    assert read_commentary(quarter.path, quarter.pack)["E1b"][0].markdown == "Back again."
    with pytest.raises(NdpError) as raised:
        remove_entry(appdb, quarter, Entry("summary", "F1a"), 0, "ann")
    assert str(raised.value) == "There is no summary reason about F1a to remove"


def test_the_versions_in_the_report_for_a_publication_to_record(
    appdb: AppDB, tmp_path: Path
) -> None:
    quarter = quarter_in(tmp_path / "packs")
    (quarter.packs / "commentary.yaml").write_text(
        "period: 2024-25 Q1\ncommentary:\n  F1a: Demo.\nsummary:\n  F1a: Reason.\n",
        encoding="utf-8",
    )
    _saved(save_entry(appdb, quarter, E1B, "One.", 0, "ann"))
    _saved(save_entry(appdb, quarter, E1B, "Two.", 1, "ann"))
    _saved(save_entry(appdb, quarter, DISRUPTIONS, "Gone soon.", 0, "ann"))
    _saved(remove_entry(appdb, quarter, DISRUPTIONS, 1, "ann"))
    assert report_versions(appdb, quarter) == {"E1b": 2, "F1a": 1, "summary:F1a": 1}
