"""The demo data set: every source, FY 2022-23 Q2 to 2024-25 Q1, calibrated to the reference
report (see ``plan`` and docs/demo-data.md), written the way real extracts look: mixed-case
headers, forces by name, alias or code, UK dates, money with pound signs, several files for the
disseminations snapshot, and two workbooks. The same seed gives byte-identical files.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from ndp.synth.demo import apmis, nfib, operations, protect
from ndp.synth.writers import write_csv, write_xlsx

SEED = 20240630

Row = dict[str, str]


def write_demo_extracts(out_dir: Path, *, seed: int = SEED) -> list[Path]:
    """Write the demo extracts into ``out_dir``; return their paths in loading order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    written: list[Path] = []

    def save(
        name: str, rows: list[Row], header: list[str], writer: Callable[..., Path] = write_csv
    ) -> None:
        written.append(writer(out_dir / name, header, rows))

    save(
        "apmis-disruptions.csv",
        apmis.disruptions(rng),
        ["Disruption ID", "Date", "Force", "Threat", "Category", "Level", "OCG Ref", "Operation"],
    )
    save(
        "apmis-asset-seizures.xlsx",
        apmis.asset_seizures(rng),
        ["Seizure ID", "Date", "Force", "Threat", "Type", "Value GBP", "Estimated", "Operation"],
        lambda p, h, r: write_xlsx(p, h, r, sheet="asset_seizures"),
    )
    save(
        "apmis-case-outcomes.csv",
        apmis.case_outcomes(rng),
        ["Outcome ID", "Date", "Force", "Threat", "Outcome Type"],
    )
    dissemination_header = [
        "Dissemination ID",
        "Crime Ref",
        "Disseminated On",
        "Force",
        "Type",
        "Outcome Code",
        "Outcome On",
    ]
    rows = nfib.disseminations(rng)
    for year in ("2022", "2023", "2024"):
        part = [r for r in rows if _financial_year(r["Disseminated On"]) == year]
        save(f"nfib-disseminations-{year}-{int(year[2:]) + 1}.csv", part, dissemination_header)
    save(
        "nfib-force-returns.xlsx",
        nfib.force_returns(rng),
        ["Force", "Quarter", "Due On", "Returned On"],
        lambda p, h, r: write_xlsx(p, h, r, sheet="force_returns"),
    )
    save(
        "ftc-referrals.csv",
        protect.ftc_referrals(rng),
        ["Referral ID", "Received On", "Source", "Within Remit"],
    )
    save(
        "ftc-packages.csv",
        protect.ftc_packages(rng),
        ["Package ID", "Disseminated On", "Recipient", "Adopted On", "Investigation Started On"],
    )
    save(
        "operations.csv",
        operations.operations(),
        ["Operation", "Series", "Lead", "Partners", "Start On", "End On", "Purpose"],
    )
    save(
        "operation-results.csv",
        operations.operation_results(rng),
        [
            "Operation",
            "Force",
            "Referrals",
            "OCGs Identified",
            "Suspects Identified",
            "Arrests",
            "Charged",
            "Remanded",
            "Call Blockers Installed",
            "OCG Locations",
            "Items Seized",
        ],
    )
    save(
        "operation-victims.csv",
        operations.operation_victims(rng),
        ["Operation", "Victim Ref", "Age", "Loss GBP", "Modus Operandi", "Force"],
    )
    events = protect.protect_events(rng)
    save(
        "protect-events.csv",
        events,
        ["Event ID", "Date", "Region", "Force", "Audience", "Attendees"],
    )
    save(
        "protect-survey.csv",
        protect.protect_survey(rng, events),
        ["Response ID", "Event ID", "Satisfied", "Likely To Change Behaviour"],
    )
    save(
        "protect-campaigns.csv",
        protect.campaigns(rng),
        [
            "Campaign ID",
            "Name",
            "Start On",
            "End On",
            "Scope",
            "Region",
            "Supported By Protect",
            "Social Reach",
        ],
    )
    save(
        "protect-staffing.csv",
        protect.protect_staffing(rng),
        ["Region", "As Of", "Posts Funded", "Posts Filled", "Leadership In Post"],
    )
    save(
        "training.csv",
        protect.training(rng),
        ["Session ID", "Date", "Force", "Course", "Attendees"],
    )
    return written


def _financial_year(uk_day: str) -> str:
    _day, month, year = (int(part) for part in uk_day.split("/"))
    return str(year if month >= 4 else year - 1)
