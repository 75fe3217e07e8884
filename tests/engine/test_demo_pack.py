"""The 2024-25 Q1 pack from the demo data reproduces the reference report's figures."""

from __future__ import annotations

from decimal import Decimal

from ndp.engine.pack_model import Pack, load_pack


def test_e1b_disruptions_and_benchmark(demo_pack: Pack) -> None:
    e1b = demo_pack.indicators["E1b.disruptions"]
    assert e1b.value == 1113
    assert e1b.breakdown["level"] == {"major": 42, "moderate": 188, "minor": 883}
    codes = list(demo_pack.indicators["F1b.judicial_outcomes"].breakdown["outcome_code"])
    assert codes == ["1", "1A", "2", "3", "4", "6", "8"]  # in order, whatever the scan's order
    bench = e1b.comparisons["benchmark"]
    assert bench.value == Decimal("729.25")
    assert bench.change == Decimal("383.75")
    assert bench.pct_change == Decimal("52.623")  # 383.75 / 729.25 = 52.6225...%
    assert bench.met is True
    assert e1b.comparisons["previous_year_quarterly_average"].total == 2917


def test_fraud_disruptions(demo_pack: Pack) -> None:
    f2 = demo_pack.indicators["F2.disruptions"]
    assert (f2.value, f2.comparisons["same_quarter_last_year"].change) == (1847, 853)
    assert round(f2.comparisons["same_quarter_last_year"].pct_change or 0, 1) == Decimal("85.8")
    f6 = demo_pack.indicators["F6.protect_disruptions"]
    sq = f6.comparisons["same_quarter_last_year"]
    assert (f6.value, sq.value, sq.change) == (1266, 441, 825)
    assert round(sq.pct_change or 0) == 187


def test_seizures(demo_pack: Pack) -> None:
    e2a = demo_pack.indicators["E2a.seizures"]
    assert e2a.value == 11
    assert e2a.comparisons["same_quarter_last_year"].change == 9
    assert e2a.comparisons["same_quarter_last_year"].pct_change == Decimal("450.000")
    assert e2a.comparisons["previous_year_quarterly_average"].change == 5
    value = demo_pack.indicators["E2a.seizure_value_gbp"]
    assert value.value == Decimal("1012431.00")
    assert value.comparisons["same_quarter_last_year"].change == Decimal("852.00")


def test_no_records_is_null_and_flagged(demo_pack: Pack) -> None:
    for name in ("E1a.judicial_outcomes", "E2b.civil_recovery_orders", "E3.crypto_value_gbp"):
        ind = demo_pack.indicators[name]
        assert ind.value is None
        assert "no_records" in ind.flags
    assert demo_pack.indicators["E1a.judicial_outcomes"].status == "no_data"
    # nothing recorded against the £19,659 benchmark misses it: never "no data" nor "stable"
    assert demo_pack.indicators["E3.crypto_value_gbp"].status == "declining"
    assert demo_pack.objectives["MLAR3"].status == "declining"
    crypto = demo_pack.indicators["E3.crypto_value_gbp"].comparisons["benchmark"]
    assert crypto.value == Decimal("19659")
    assert crypto.met is False
    assert crypto.pct_change is None


def test_outcomes_and_outstanding(demo_pack: Pack) -> None:
    f1b = demo_pack.indicators["F1b.judicial_outcomes"]
    assert f1b.value == 1833
    assert f1b.comparisons["same_quarter_last_year"].change == 409
    assert demo_pack.indicators["F1b.non_judicial_outcomes"].value == 9715
    nfa = demo_pack.indicators["F1b.nfa_outcomes"].comparisons["same_quarter_last_year"]
    assert round(nfa.pct_change or 0) == 65
    f1a = demo_pack.indicators["F1a.disseminations"].comparisons["same_quarter_last_year"]
    assert f1a.change == 24095
    assert round(f1a.pct_change or 0) == 427
    pct = demo_pack.indicators["F1c.outstanding_pct"]
    assert round(pct.value or 0) == 57
    assert pct.unit == "percent"
    assert demo_pack.indicators["F1c.outstanding"].kind == "stock"


def test_ftc_and_not_measurable(demo_pack: Pack) -> None:
    assert demo_pack.indicators["F4.referrals"].value == 109
    assert demo_pack.indicators["F4.disseminations"].value == 60
    ind = demo_pack.indicators["F1b.alternative_positive_rate"]
    assert ind.status == "not_measurable"
    assert not ind.measurable


def test_national_equals_sum_of_forces(demo_pack: Pack) -> None:
    e1b = demo_pack.indicators["E1b.disruptions"]
    assert sum(g.value or 0 for g in e1b.by["force"].values()) == e1b.value
    assert sum(g.value or 0 for g in e1b.by["region"].values()) <= e1b.value


def test_series_and_spc(demo_pack: Pack) -> None:
    e1b = demo_pack.indicators["E1b.disruptions"]
    assert len(e1b.series.monthly) == 24
    assert e1b.series.monthly[-1].month == "2024-06"
    assert len(e1b.series.quarterly) == 8
    assert e1b.series.quarterly[-1].value == 1113
    assert e1b.spc is not None
    assert len(e1b.spc["points"]) == 24
    assert e1b.series.years[0].value == 2917


def test_roundtrip(demo_pack: Pack, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "pack.json"
    path.write_text(demo_pack.to_json())
    assert '"value":729.25' in path.read_text()
    assert load_pack(path).to_json() == demo_pack.to_json()


def test_f3_operation(demo_pack: Pack) -> None:
    op = demo_pack.operations["Dupers 2"]
    assert (op["start_on"], op["end_on"], op["days"]) == ("2024-05-13", "2024-05-24", 12)
    assert op["totals"]["referrals"] == 112
    assert op["totals"]["units_referring"] == 26
    assert op["totals"]["arrests"] == 8
    victims = op["victims"]
    assert victims["oldest"] == 94
    assert victims["age_bands"] == {"under_60": 20, "60_to_90": 170, "over_90": 10}
    assert victims["total_loss_gbp"] == Decimal("290897.90")
    assert victims["largest_loss_gbp"] == Decimal("56000.00")
    assert next(iter(victims["modus_operandi"])) == "police_impersonation"
    assert op["previous_in_series"]["operation"] == "Dupers 1"
    assert op["previous_in_series"]["totals"]["arrests"] == 2


def test_protect_staffing_compliance_and_surveys(demo_pack: Pack) -> None:
    """The reference report: recruitment complete in six regions (four still recruiting), all
    45 forces compliant, surveys not yet collected in Q1 (the demo has a pilot in March)."""
    staffed = demo_pack.indicators["F5.regions_fully_staffed"]
    assert (staffed.value, staffed.numerator, staffed.denominator) == (6, 6, 10)
    recruiting = {name for name, g in staffed.by["region"].items() if g.value == 0}
    assert recruiting == {"London", "South East", "South West", "West Midlands"}
    assert all(g.numerator == g.denominator for g in staffed.by["region"].values() if g.value)
    compliant = demo_pack.indicators["F1c.forces_compliant"]
    assert (compliant.value, compliant.denominator) == (45, 45)
    assert compliant.value == demo_pack.data_quality.returns["on_time"]
    assert len(compliant.by["force"]) == 45
    for name in ("F5b.satisfied_pct", "F5c.behaviour_change_pct"):
        survey = demo_pack.indicators[name]
        assert survey.value is None
        assert survey.flags == ["no_records"]
        assert survey.comparisons["previous_quarter"].value is not None  # the March pilot


def test_spc_starts_at_a_sources_first_record(demo_pack: Pack) -> None:
    """Social-media reach was first recorded in April 2023: the months before are missing, not
    zero, so the chart's mean is the mean of the months it has recorded."""
    spc = demo_pack.indicators["F6.social_reach"].spc
    assert spc is not None
    recorded = [p["value"] for p in spc["points"] if p["value"] is not None]
    assert next(p["month"] for p in spc["points"] if p["value"] is not None) == "2023-04"
    assert (spc["groups"][0]["recorded"], spc["groups"][0]["chart"]) == (15, "spc")
    assert float(spc["groups"][0]["mean"]) == sum(recorded) / len(recorded)


def test_spc_limits_only_on_15_months(demo_pack: Pack) -> None:
    """The Fraud Targeting Cell launched in April 2024: 3 months get no limits, no run chart
    and no special cause; 11 months of training get a run chart (its median), no limits."""
    spc = demo_pack.indicators["F4.referrals"].spc
    assert spc is not None
    assert [(g["recorded"], g["chart"], g["lpl"], g["upl"]) for g in spc["groups"]] == [
        (3, "none", None, None)
    ]
    assert {p["point_type"] for p in spc["points"]} == {"no_limits"}
    assert spc["variation"] is None
    training = demo_pack.indicators["E3.crypto_training_attendees"].spc
    assert training is not None
    group = training["groups"][0]
    recorded = sorted(p["value"] for p in training["points"] if p["value"] is not None)
    assert (group["chart"], group["recorded"], group["upl"]) == ("run", 11, None)
    assert group["median"] == recorded[len(recorded) // 2]


def test_spc_rebased_at_declared_steps(demo_pack: Pack) -> None:
    """The framework declares the Met-led operation of May 2024 a step for F1a: the months from
    May start a group of their own, so April 2024 and before are read against their own mean."""
    spc = demo_pack.indicators["F1a.disseminations"].spc
    assert spc is not None
    months = [p["month"] for p in spc["points"]]
    starts = [(months[g["start"] - 1], g["step"]) for g in spc["groups"]]
    assert starts == [
        ("2022-07", None),
        ("2024-05", "the Met-led operation against a phishing platform"),
    ]
    first = spc["groups"][0]
    before = [p["value"] for p in spc["points"][: first["n"]]]
    assert float(first["mean"]) == sum(before) / len(before)
    # the spike no longer makes most months a concern: they are read against their own mean
    concern = sum(p["point_type"] == "special_cause_concern" for p in spc["points"])
    assert concern < len(months) // 2


def test_statuses_rest_on_comparisons_that_exist(demo_pack: Pack) -> None:
    # the Fraud Targeting Cell launched in April 2024: no last year to compare with
    assert demo_pack.objectives["Fraud4"].status == "new"
    assert {demo_pack.indicators[n].status for n in demo_pack.measures["F4"].indicators} == {"new"}
    # Fraud 3 from its operation: Dupers 2's 8 arrests against Dupers 1's 2
    assert demo_pack.measures["F3"].status == "improving"
    assert demo_pack.measures["F3"].driver == "Dupers 2"
    # F1c "reduce the percentage outstanding": re-based at the Met-led operation of May 2024,
    # its last two months have no limits, so no SPC verdict: the percentage (57%, against 59%
    # last June) is stable, the stock declining (+160%); stable is the most common verdict
    f1c = demo_pack.measures["F1c"]
    assert (f1c.status, f1c.driver, f1c.tie) == ("stable", "F1c.outstanding_pct", None)
    assert demo_pack.indicators["F1c.outstanding_pct"].status_rule_name == "otherwise_stable"
    # Fraud 1 then has one measure each way: a tie, which goes to the worse, and says so
    fraud1 = demo_pack.objectives["Fraud1"]
    assert (fraud1.status, fraud1.tie) == ("declining", ["declining", "stable", "improving"])
    assert "tie" in fraud1.status_rule
    for ind in demo_pack.indicators.values():
        same = ind.comparisons["same_quarter_last_year"]
        if ind.status_rule_name in (
            "better_than_last_year",
            "worse_than_last_year",
            "otherwise_stable",
        ):
            assert same.value is not None, ind.title
