"""Extracts of every source at any scale, for benchmarks: ``write_scale_extracts``.

Rows are generated inside DuckDB (``COPY (SELECT ... FROM range(n)) TO``), so ten million rows
take seconds, not a Python loop. Values are valid against the contract and spelled as real
extracts spell them (forces by name, alias or code; UK dates; enumeration aliases), spread over
April 2022 to June 2024. The same ``records`` and ``seed`` give the same files.
"""

# ruff: noqa: E501  (generated rows are whole SQL SELECTs, clearer unbroken)
from __future__ import annotations

from pathlib import Path

import duckdb

from ndp.reference import reference

#: Share of the records each source gets (the rest are fixed small tables).
SHARES = {"disruptions": 0.35, "disseminations": 0.45, "asset_seizures": 0.1, "case_outcomes": 0.1}
DAYS = 821  # 2022-04-01 .. 2024-06-30


def _pick(options: list[str], salt: int) -> str:
    """A SQL expression choosing one of ``options`` per row, pseudo-randomly but reproducibly."""
    quoted = ", ".join("'" + o.replace("'", "''") + "'" for o in options)
    return f"([{quoted}])[1 + (hash(i, {salt}) % {len(options)})::INTEGER]"


def _day(salt: int) -> str:
    return f"DATE '2022-04-01' + (hash(i, {salt}) % {DAYS})::INTEGER"


def _force_spellings() -> list[str]:
    spellings = []
    for force in reference().forces.values():
        if force.kind in ("territorial", "special", "regional_unit"):
            spellings += [force.name, force.short_name, force.code]
    return spellings


def _queries(seed: int) -> dict[str, str]:
    forces = _force_spellings()
    f, s = (lambda salt: _pick(forces, seed + salt)), seed
    return {
        "disruptions": f"""SELECT 'D' || i AS "Disruption ID", strftime({_day(s + 1)}, '%d/%m/%Y') AS "Date",
            {f(2)} AS "Force", {_pick(["Fraud", "MLAR", "Cyber", "Fraud OCG", "illicit_finance"], s + 3)} AS "Threat",
            {_pick(["", "Pursue", "Protect", "Prevent"], s + 4)} AS "Category",
            {_pick(["Major", "moderate", "minor", "Minor", "Minor"], s + 5)} AS "Level",
            'OCG-' || (hash(i, {s + 6}) % 5000) AS "OCG Ref" FROM range(?) t(i)""",
        "disseminations": f"""SELECT 'N' || i AS "Dissemination ID", {_day(s + 7)} AS "Disseminated On",
            {f(8)} AS "Force", 'pursue' AS "Type",
            CASE WHEN hash(i, {s + 9}) % 10 < 6 THEN {_pick(["1", "3", "8", "14", "18", "18", "21", "22"], s + 10)} END AS "Outcome Code",
            CASE WHEN hash(i, {s + 9}) % 10 < 6 THEN least(DATE '2024-06-30', {_day(s + 7)} + (hash(i, {s + 11}) % 200)::INTEGER) END AS "Outcome On"
            FROM range(?) t(i)""",
        "asset_seizures": f"""SELECT 'S' || i AS "Seizure ID", {_day(s + 12)} AS "Date", {f(13)} AS "Force",
            {_pick(["MLAR", "Fraud"], s + 14)} AS "Threat", {_pick(["Cash", "AFO", "Restraint", "Crypto"], s + 15)} AS "Type",
            '£' || format('{{:,}}', (hash(i, {s + 16}) % 5000000)) || '.' || lpad(((hash(i, {s + 17}) % 100))::VARCHAR, 2, '0') AS "Value GBP",
            {_pick(["Yes", "No", ""], s + 18)} AS "Estimated" FROM range(?) t(i)""",
        "case_outcomes": f"""SELECT 'O' || i AS "Outcome ID", {_day(s + 19)} AS "Date", {f(20)} AS "Force",
            {_pick(["Fraud", "Cyber", "MLAR"], s + 21)} AS "Threat",
            {_pick(["charge", "caution", "non_judicial", "conviction"], s + 22)} AS "Outcome Type" FROM range(?) t(i)""",
        "ftc_referrals": f"""SELECT 'R' || i AS referral_id, {_day(s + 23)} AS received_on, {f(24)} AS source,
            {_pick(["y", "n"], s + 25)} AS within_remit FROM range(?) t(i)""",
        "ftc_packages": f"""SELECT 'P' || i AS package_id, {_day(s + 26)} AS disseminated_on, {f(27)} AS recipient,
            NULL AS adopted_on FROM range(?) t(i)""",
        "operations": """SELECT 'Op ' || i AS operation, 'Series ' || (i % 7) AS series,
            DATE '2022-05-01' + (i % 700)::INTEGER AS start_on, DATE '2022-05-12' + (i % 700)::INTEGER AS end_on
            FROM range(?) t(i)""",
        "operation_results": f"""SELECT 'Op ' || (i // 20) AS operation,
            ({list(reference().forces)[:20]})[1 + (i % 20)::INTEGER] AS force,
            (hash(i, {s + 29}) % 30) AS referrals, (hash(i, {s + 30}) % 3) AS arrests FROM range(?) t(i)""",
        "operation_victims": f"""SELECT 'Op ' || (i // 50) AS operation, 'V' || i AS victim_ref,
            (18 + hash(i, {s + 31}) % 80) AS age, (hash(i, {s + 32}) % 90000) || '.50' AS loss_gbp,
            {_pick(["Police Impersonation", "Bank Impersonation", "Other"], s + 33)} AS modus_operandi FROM range(?) t(i)""",
        "protect_events": f"""SELECT 'E' || i AS event_id, {_day(s + 34)} AS date,
            {_pick(["North West", "London", "Wales", "Eastern", "EMSOU"], s + 35)} AS region,
            {_pick(["Public", "Organisation"], s + 36)} AS audience, (10 + hash(i, {s + 37}) % 200) AS attendees
            FROM range(?) t(i)""",
        "protect_survey": f"""SELECT 'Q' || i AS response_id, 'E' || (i // 10) AS event_id,
            {_pick(["yes", "no", ""], s + 38)} AS satisfied, {_pick(["yes", "no"], s + 39)} AS likely_to_change_behaviour
            FROM range(?) t(i)""",
        "campaigns": f"""SELECT 'C' || i AS campaign_id, 'Campaign ' || i AS name, {_day(s + 40)} AS start_on,
            {_pick(["National", "Regional", "Local"], s + 41)} AS scope, {_pick(["y", "n"], s + 42)} AS supported_by_protect,
            (hash(i, {s + 43}) % 1000000) AS social_reach FROM range(?) t(i)""",
        "training": f"""SELECT 'T' || i AS session_id, {_day(s + 44)} AS date,
            {_pick(["Crypto", "Money Laundering", "Protect"], s + 45)} AS course, (5 + hash(i, {s + 46}) % 30) AS attendees
            FROM range(?) t(i)""",
    }  # fmt: skip


#: Sources whose size follows from another's (operations from results, events from responses).
_DERIVED = {"operations": ("operation_results", 20), "protect_events": ("protect_survey", 10)}


def _count(source: str, records: int) -> int:
    if source in _DERIVED:
        parent, per = _DERIVED[source]
        return _count(parent, records) // per + 1
    return max(10, int(records * SHARES.get(source, 0.001)))


def _fixed_tables(con: duckdb.DuckDBPyConnection, out_dir: Path) -> list[Path]:
    """force_returns and protect_staffing: one row per force (region) and quarter."""
    forces = [f.code for f in reference().dissemination_forces()]
    regions = list(reference().regions)
    returns, staffing = out_dir / "scale-force_returns.csv", out_dir / "scale-protect_staffing.csv"
    con.execute(
        f"""COPY (SELECT f AS force, q AS quarter, '2024-07-31' AS due_on, '2024-07-20' AS returned_on
        FROM unnest({forces}) a(f), unnest(['2023-24 Q1', '2023-24 Q2', '2023-24 Q3', '2023-24 Q4', '2024-25 Q1']) b(q))
        TO '{returns}' (HEADER)"""
    )
    con.execute(
        f"""COPY (SELECT r AS region, d AS as_of, 8 AS posts_funded, 6 AS posts_filled FROM unnest({regions}) a(r),
        unnest(['2023-06-30', '2023-12-31', '2024-06-30']) b(d)) TO '{staffing}' (HEADER)"""
    )
    return [returns, staffing]


def write_scale_extracts(out_dir: Path, records: int, *, seed: int = 0) -> list[Path]:
    """Write about ``records`` rows in all, over the large sources, as CSV files."""
    out_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    written = []
    for source, query in _queries(seed).items():
        path = out_dir / f"scale-{source}.csv"
        con.execute(
            f"COPY ({query}) TO '{path}' (HEADER, DELIMITER ',')", [_count(source, records)]
        )
        written.append(path)
    written += _fixed_tables(con, out_dir)
    con.close()
    return written
