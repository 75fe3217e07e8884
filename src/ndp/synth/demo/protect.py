"""Fraud Targeting Cell, Protect and training extracts."""

from __future__ import annotations

import random
from datetime import date, timedelta

from ndp.periods import Quarter
from ndp.reference import reference
from ndp.synth.demo import plan
from ndp.synth.demo.calendar import quarter_days
from ndp.synth.spelling import force_spelling, uk_date

Row = dict[str, str]
Q1 = Quarter(2024, 1)
_AGENCIES = ["National Crime Agency", "NECC", "HMRC", "Action Fraud", "UK Finance"]


def ftc_referrals(rng: random.Random) -> list[Row]:
    forces = [f.code for f in reference().forces.values() if f.kind != "national_unit"]
    rows = []
    for number, day in enumerate(quarter_days(rng, Q1, plan.FTC_REFERRALS), start=1):
        source = (
            rng.choice(_AGENCIES) if rng.random() < 0.3 else force_spelling(rng, rng.choice(forces))
        )
        rows.append(
            {
                "Referral ID": f"FTC-R{number:04d}",
                "Received On": day.isoformat(),
                "Source": source,
                "Within Remit": rng.choice(["Yes", "Yes", "Yes", "No"]),
            }
        )
    return rows


def ftc_packages(rng: random.Random) -> list[Row]:
    units = [
        "NFS London",
        "NFS North West",
        "NFS Eastern",
        "NFS South East",
        "City of London Police",
    ]
    days = quarter_days(rng, Q1, plan.FTC_DISSEMINATIONS)
    adopted = set(rng.sample(range(len(days) // 2), plan.FTC_ADOPTED))
    investigated = set(sorted(adopted)[: plan.FTC_INVESTIGATED])
    rows = []
    for index, day in enumerate(days):
        adopted_on = day + timedelta(days=rng.randint(3, 20)) if index in adopted else None
        started = (
            adopted_on + timedelta(days=rng.randint(1, 10))
            if index in investigated and adopted_on
            else None
        )
        rows.append(
            {
                "Package ID": f"FTC-P{index + 1:04d}",
                "Disseminated On": day.isoformat(),
                "Recipient": rng.choice(units),
                "Adopted On": adopted_on.isoformat() if adopted_on and adopted_on <= Q1.end else "",
                "Investigation Started On": started.isoformat()
                if started and started <= Q1.end
                else "",
            }
        )
    return rows


def campaigns(rng: random.Random) -> list[Row]:
    regions = list(reference().regions)
    themes = [
        "Courier fraud",
        "Romance fraud",
        "Investment fraud",
        "Ticket fraud",
        "Money mules",
        "Phishing",
        "Holiday fraud",
        "Gift card scams",
        "Pension scams",
        "Shopping fraud",
    ]
    rows: list[Row] = []
    for label, national in plan.NATIONAL_CAMPAIGNS.items():
        quarter = Quarter.parse(label)
        for day in quarter_days(rng, quarter, national):
            rows.append(_campaign(rng, len(rows), day, "national", "", rng.choice(themes), True))
        for day in quarter_days(rng, quarter, 6):
            scope = rng.choice(["regional", "local"])
            region = reference().regions[rng.choice(regions)].name
            rows.append(
                _campaign(
                    rng, len(rows), day, scope, region, rng.choice(themes), rng.random() < 0.7
                )
            )
    return rows


def _campaign(
    rng: random.Random, index: int, day: date, scope: str, region: str, theme: str, supported: bool
) -> Row:
    reach = rng.randint(200_000, 2_500_000) if scope == "national" else rng.randint(5_000, 120_000)
    return {
        "Campaign ID": f"CMP-{index + 1:04d}",
        "Name": f"{theme} awareness",
        "Start On": uk_date(day),
        "End On": uk_date(day + timedelta(days=rng.randint(7, 28))),
        "Scope": scope.title(),
        "Region": region,
        "Supported By Protect": "Y" if supported else "N",
        "Social Reach": str(reach),
    }


def protect_staffing(rng: random.Random) -> list[Row]:
    rows = []
    for label in ["2023-24 Q2", "2023-24 Q3", "2023-24 Q4", "2024-25 Q1"]:
        as_of = Quarter.parse(label).end
        for code, region in reference().regions.items():
            funded = 6 if code != "london" else 9
            full = label == "2024-25 Q1" and code not in plan.RECRUITING
            filled = funded if full else max(1, funded - rng.randint(1, 4))
            rows.append(
                {
                    "Region": region.name,
                    "As Of": uk_date(as_of),
                    "Posts Funded": str(funded),
                    "Posts Filled": str(filled),
                    "Leadership In Post": "Yes" if full or rng.random() < 0.5 else "No",
                }
            )
    return rows


def protect_events(rng: random.Random) -> list[Row]:
    """A pilot of engagement events in March 2024; Q1 24/25 collection starts with the surveys."""
    rows = []
    for number, day in enumerate(quarter_days(rng, Quarter(2023, 4), 12)[-6:], start=1):
        region = rng.choice(list(reference().regions.values()))
        rows.append(
            {
                "Event ID": f"EVT-{number:03d}",
                "Date": uk_date(day),
                "Region": region.name,
                "Force": "",
                "Audience": rng.choice(["Organisation", "Public"]),
                "Attendees": str(rng.randint(15, 120)),
            }
        )
    return rows


def protect_survey(rng: random.Random, events: list[Row]) -> list[Row]:
    rows: list[Row] = []
    for event in events[:3]:
        for _ in range(rng.randint(4, 8)):
            rows.append(
                {
                    "Response ID": f"SRV-{len(rows) + 1:04d}",
                    "Event ID": event["Event ID"],
                    "Satisfied": rng.choice(["Yes", "Yes", "Yes", "No"]),
                    "Likely To Change Behaviour": rng.choice(["Yes", "Yes", "No", ""]),
                }
            )
    return rows


def training(rng: random.Random) -> list[Row]:
    forces = [f.code for f in reference().forces.values() if f.kind == "territorial"]
    rows: list[Row] = []
    for label in ["2023-24 Q2", "2023-24 Q3", "2023-24 Q4", "2024-25 Q1"]:
        for day in quarter_days(rng, Quarter.parse(label), 3):
            rows.append(
                {
                    "Session ID": f"TRN-{len(rows) + 1:04d}",
                    "Date": uk_date(day),
                    "Force": force_spelling(rng, rng.choice(forces)),
                    "Course": rng.choice(
                        ["Cryptoasset Investigation", "Money Laundering", "Fraud Investigation"]
                    ),
                    "Attendees": str(rng.randint(8, 30)),
                }
            )
    return rows
