"""The framework's disclosure block: checked with its place in the file, carried in the pack,
and an audience a pack does not declare refused by name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ndp.engine.disclosure.project import suppress
from ndp.engine.framework import load_framework
from ndp.errors import NdpError

FRAMEWORK = Path(__file__).parents[1] / "frameworks" / "disclosure.yaml"
RULE = "    public: {min_count: 10}"


def _broken(tmp_path: Path, new: str) -> Path:
    path = tmp_path / "fw.yaml"
    text = FRAMEWORK.read_text(encoding="utf-8")
    assert RULE in text
    path.write_text(text.replace(RULE, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (
            "    police: {min_count: 10}",
            "disclosure.audiences.police: 'police' is the audience every figure is shown to "
            "and cannot be suppressed: name the audience that sees suppressed figures another "
            "way (e.g. public)",
        ),
        (
            "    Public Web: {min_count: 10}",
            "disclosure.audiences.Public Web: audience 'Public Web' is not a lower-case name: "
            "use letters, digits and _ (e.g. public)",
        ),
        (
            "    public: {min_count: 1}",
            "disclosure.audiences.public.min_count: Input should be greater than or equal to 2",
        ),
        (
            "    public: {min_count: 10, round_to: 5}",
            "disclosure.audiences.public.round_to: Extra inputs are not permitted",
        ),
    ],
)
def test_a_wrong_rule_is_refused_with_its_line(tmp_path: Path, rule: str, message: str) -> None:
    path = _broken(tmp_path, rule)
    with pytest.raises(NdpError) as caught:
        load_framework(path)
    assert str(caught.value) == f"framework is not valid:\n{path}:19: {message}"


def test_the_pack_carries_the_rules(small_pack: dict[str, Any]) -> None:
    assert small_pack["disclosure"] == {
        "audiences": {"public": {"min_count": 10}},
        "counts": ["DC.cyber", "DM.disruptions", "DM.major"],
        "rates": {"DM.major_pct": ["DM.major", "DM.disruptions"]},
    }


def test_an_audience_the_framework_does_not_declare_is_refused(small_pack: Any) -> None:
    with pytest.raises(NdpError) as caught:
        suppress(small_pack, "press")
    assert str(caught.value) == (
        "audience 'press' is not one the framework declares (known: police, public); declare "
        "it under disclosure.audiences in the framework (docs/framework.md)"
    )


def test_police_see_the_pack_itself(small_pack: dict[str, Any]) -> None:
    assert suppress(small_pack, "police") is small_pack
