"""The demo data set's plan: every calibrated figure in one place.

Each number here is one the reference report publishes (or one that follows from them); the
generators spread them over forces, months and days. docs/demo-data.md explains each figure and
the report's figures that contradict each other.
"""

from __future__ import annotations

from decimal import Decimal

#: Quarters with flows, oldest first: 24 months of monthly series end in June 2024.
QUARTERS = [
    "2022-23 Q2",
    "2022-23 Q3",
    "2022-23 Q4",
    "2023-24 Q1",
    "2023-24 Q2",
    "2023-24 Q3",
    "2023-24 Q4",
    "2024-25 Q1",
]

#: Disruptions per quarter: (illicit finance, fraud pursue, protect, cyber pursue).
DISRUPTIONS = {
    "2022-23 Q2": (310, 560, 150, 90),
    "2022-23 Q3": (360, 640, 200, 95),
    "2022-23 Q4": (420, 720, 260, 100),
    "2023-24 Q1": (489, 994, 441, 105),  # F2 994; F6 441; E1b 1,113 is +624 on 489
    "2023-24 Q2": (721, 1180, 600, 110),
    "2023-24 Q3": (780, 1390, 780, 115),
    "2023-24 Q4": (927, 1610, 950, 120),  # E1b 23/24 = 489 + 721 + 780 + 927 = 2,917
    "2024-25 Q1": (1113, 1847, 1266, 130),  # E1b 1,113; F2 1,847; F6 1,266
}
#: Levels (major, moderate, minor) where the report publishes them.
LEVELS = {
    ("illicit_finance", "2024-25 Q1"): (42, 188, 883),
    ("fraud", "2023-24 Q1"): (13, 215, 766),
    ("fraud", "2024-25 Q1"): (15, 123, 1709),
}
#: Units recording disruptions on APMIS, growing through 23/24.
RECORDING_UNITS = dict(zip(QUARTERS, [24, 26, 29, 32, 37, 42, 46, 50], strict=True))

#: Money-laundering seizures per quarter: list of (type, value, estimated).
P = Decimal
SEIZURES: dict[str, list[tuple[str, Decimal, bool]]] = {
    "2022-23 Q2": [
        ("cash_seizure", P("42150.00"), False),
        ("account_freezing_order", P("120500.00"), False),
    ],
    "2022-23 Q3": [
        ("cash_seizure", P("18320.00"), False),
        ("asset_restraint", P("250000.00"), True),
        ("cash_seizure", P("9870.50"), False),
    ],
    "2022-23 Q4": [
        ("cash_seizure", P("31005.00"), False),
        ("forfeiture_order", P("15400.00"), False),
    ],
    # Q1 23/24: 2 seizures worth £1,011,579.00
    "2023-24 Q1": [
        ("asset_restraint", P("1000000.00"), True),
        ("cash_seizure", P("11579.00"), False),
    ],
    # 23/24: 24 seizures worth £2,999,950.00; estimated restraint £2,310,000.00 (77%);
    # Q4 £60,000.00 (2%)
    "2023-24 Q2": [("asset_restraint", P("900000.00"), True)]
    + [
        ("cash_seizure", v, False)
        for v in map(P, ["41250.00", "38900.00", "52375.50", "27410.00", "45120.00"])
    ]
    + [
        ("account_freezing_order", P("96755.25"), False),
        ("confiscation_order", P("84000.00"), False),
    ],
    "2023-24 Q3": [("asset_restraint", P("410000.00"), True)]
    + [
        ("cash_seizure", v, False)
        for v in map(
            P, ["22610.00", "19875.00", "30440.25", "25000.00", "17350.00", "28200.00", "12000.00"]
        )
    ]
    + [
        ("account_freezing_order", P("53085.00"), False),
        ("forfeiture_order", P("24000.00"), False),
    ],
    "2023-24 Q4": [("cash_seizure", v, False) for v in map(P, ["15500.00", "14250.00", "12250.00"])]
    + [("account_freezing_order", P("18000.00"), False)],
    # Q1 24/25: 11 seizures worth £1,012,431.00, cash £911,200.00 (90%)
    "2024-25 Q1": [
        ("cash_seizure", v, False)
        for v in map(
            P,
            [
                "250000.00",
                "180000.00",
                "150000.00",
                "120000.00",
                "95000.00",
                "60000.00",
                "36200.00",
                "20000.00",
            ],
        )
    ]
    + [
        ("account_freezing_order", P("64231.00"), False),
        ("asset_restraint", P("30000.00"), True),
        ("account_freezing_order", P("7000.00"), False),
    ],
}

#: NFIB disseminations received per quarter (type pursue), from April 2022.
DISSEMINATIONS = {
    "2022-23 Q1": 4000,
    "2022-23 Q2": 4200,
    "2022-23 Q3": 4400,
    "2022-23 Q4": 4600,
    "2023-24 Q1": 5643,
    "2023-24 Q2": 3000,
    "2023-24 Q3": 3000,
    "2023-24 Q4": 3105,
    "2024-25 Q1": 29738,  # +24,095 on Q1 23/24, a rise of 427%
}
#: Of Q1 24/25's, those from the Met-led operation against a phishing platform (May 2024).
MET_OPERATION_DISSEMINATIONS = 21000

#: Outcomes returned per quarter, by outcome date: (judicial, NFA group, Outcome 22).
OUTCOMES = {
    "2022-23 Q1": (150, 550, 50),
    "2022-23 Q2": (160, 590, 60),
    "2022-23 Q3": (170, 630, 60),
    "2022-23 Q4": (180, 650, 70),
    "2023-24 Q1": (1424, 4000, 600),  # judicial 1,424
    "2023-24 Q2": (420, 1200, 140),
    "2023-24 Q3": (430, 1250, 150),
    "2023-24 Q4": (450, 1503, 90),
    "2024-25 Q1": (1833, 6600, 3115),  # judicial 1,833 (+409); non-judicial 9,715; NFA +65%
}
#: CoLP housekeeping: two operations returning 105 and 106 judicial outcomes in Q1 24/25.
COLP_HOUSEKEEPING = (105, 106)

#: Fraud Targeting Cell, launched April 2024.
FTC_REFERRALS = 109
FTC_DISSEMINATIONS = 60
FTC_ADOPTED = 14
FTC_INVESTIGATED = 6

#: National campaigns supported by Protect, per quarter (target 6 a quarter).
NATIONAL_CAMPAIGNS = {
    "2023-24 Q1": 3,
    "2023-24 Q2": 4,
    "2023-24 Q3": 5,
    "2023-24 Q4": 6,
    "2024-25 Q1": 8,
}
#: Regions still recruiting Protect staff at 30 June 2024.
RECRUITING = ("south_east", "south_west", "west_midlands", "london")
