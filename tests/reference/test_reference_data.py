"""The shipped reference data: forces, units, regions and outcome codes."""

from __future__ import annotations

import re

import pytest

from ndp.reference import UnknownName, reference


def test_45_forces_receive_disseminations_43_territorial_plus_btp_and_psni() -> None:
    forces = reference().dissemination_forces()
    assert len(forces) == 45
    territorial = [f for f in forces if f.kind == "territorial"]
    assert len(territorial) == 43
    assert {f.code for f in forces} - {f.code for f in territorial} == {"BTP", "PSNI"}


def test_territorial_forces_carry_their_ons_police_force_area_codes() -> None:
    codes = [f.code for f in reference().forces.values() if f.kind == "territorial"]
    assert len(set(codes)) == 43
    assert all(re.fullmatch(r"E230000(0[1-9]|[12]\d|3[0-9])|W1500000[1-4]", c) for c in codes)


def test_every_force_and_unit_belongs_to_a_known_region() -> None:
    regions = set(reference().regions)
    for force in reference().forces.values():
        if force.kind == "national_unit":
            assert force.region == "national"
        elif force.code == "PSNI":
            assert force.region is None  # outside the ten England and Wales regions
        else:
            assert force.region in regions, force.code


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("Kent Police", "eastern"),
        ("North Wales Police", "north_west"),
        ("BTP", "london"),
        ("CoLP", "london"),
    ],
)
def test_the_regional_gotchas(name: str, region: str) -> None:
    assert reference().force(name).region == region


def test_ten_regions_each_with_a_regional_unit_except_london() -> None:
    ref = reference()
    assert len(ref.regions) == 10
    units = {f.region for f in ref.forces.values() if f.kind == "regional_unit"}
    assert units == set(ref.regions) - {"london"}


def test_names_resolve_uniquely_and_unknown_names_suggest() -> None:
    ref = reference()
    assert ref.force("greater manchester police").code == ref.force("GMP").code == "E23000005"
    with pytest.raises(UnknownName) as unknown:
        ref.force("Greater Manchestr")
    assert "Greater Manchester" in unknown.value.suggestions


def test_outcome_groups_are_configuration_with_the_documented_defaults() -> None:
    ref = reference()
    assert ref.codes_in_group("judicial") == ["1", "1A", "2", "2A", "3", "3A", "4", "6", "7", "8"]
    assert ref.codes_in_group("alternative_positive") == ["22"]
    assert "18" in ref.codes_in_group("nfa")
    assert not set(ref.codes_in_group("judicial")) & set(ref.codes_in_group("nfa"))
