"""Every narrative template under disclosure control: the whole national narrative (each
measure's paragraph and summary point) of a public edition of the shipped plan over the demo
data, at a low minimum (20: a few figures withheld) and a minimum no count reaches
(1,000,000: every count withheld). For each measure's text: no "None", no table mark or raw
template, no withheld figure's digits (read from the pack before suppression), no change or
percentage worked out from a withheld figure, and English that reads ("fewer than 20 ... were",
never a sentence starting in lower case or an "undisclosed number of" without its noun).
Force and region editions are written for the police only (docs/framework.md), so the
national edition is the public's whole narrative. A template that reads a rate withheld with
its parts (the demo records no Protect survey) is held on a pack with such a rate."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from test_narrative import _html_text, _pack

from ndp.engine.disclosure.project import suppress
from ndp.report.check import check_text
from ndp.report.format import count, percent
from ndp.report.narrative import _generic, measure_sentences, measure_summary
from ndp.report.render import write_report
from ndp.store import Store

pytestmark = pytest.mark.slow

LOW, HIGH = 20, 1_000_000
#: a figure as the text writes it: a count, money or a percentage (a sign is not part of it)
NUMBER = re.compile(r"(?<![\w,./])£?\d[\d,]*(?:\.\d+)?%?(?![\d/])")


@pytest.fixture(scope="module", params=[LOW, HIGH], ids=["low", "high"])
def packs(
    request: pytest.FixtureRequest, demo_store: Store, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Any], dict[str, Any], int]:
    """(the pack as built, the public's projection of it, the minimum)."""
    truth = _pack(demo_store, tmp_path_factory.mktemp("framework"), request.param)
    return truth, suppress(truth, "public"), request.param


def _texts(public: dict[str, Any]) -> dict[str, str]:
    """Each measure's paragraph(s) and summary point, as one text."""
    return {
        m: " ".join(
            s for s in [*measure_sentences(public, m), measure_summary(public, m) or ""] if s
        )
        for m in public["measures"]
    }


def _at(holder: Any, path: str) -> Any:
    for part in path.split("."):
        holder = holder.get(part) if isinstance(holder, dict) else None
    return holder


def _withheld(public: Any, truth: Any) -> Iterator[tuple[str, Any]]:
    """(path, the figure before suppression) of every figure withheld anywhere in ``public``."""
    if isinstance(public, dict):
        for path in public.get("suppressed") or {}:
            yield path, _at(truth, path)
        for key, value in public.items():
            if key != "suppressed" and isinstance(truth, dict):
                yield from _withheld(value, truth.get(key))
    elif isinstance(public, list) and isinstance(truth, list):
        for a, b in zip(public, truth, strict=False):
            yield from _withheld(a, b)


def _written(value: Any) -> set[str]:
    """How the text could write a withheld figure: as a count or as a percentage (a change
    without its sign)."""
    if not _number(value) or value == 0:
        return set()
    return {count(abs(value)), percent(abs(value))}


def _number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _sources(
    measure: str, public: dict[str, Any], truth: dict[str, Any]
) -> list[tuple[bool, Any, Any]]:
    """(whether disclosure control covers it, public block, the block as built) of each
    indicator of a measure, and of the operations for F3."""
    rules = public["disclosure"]
    ruled = {*rules["counts"], *rules["rates"]}
    names = public["measures"][measure]["indicators"]
    blocks = [(n in ruled, public["indicators"][n], truth["indicators"][n]) for n in names]
    if measure == "F3":
        blocks.append((True, public.get("operations") or {}, truth.get("operations") or {}))
    return blocks


#: the blocks of an area, a series or an operation's force: figures the national text never
#: writes, so a withheld figure equal to one of them is still looked for
NOT_NATIONAL = {"by", "series", "per_force", "quarterly", "monthly", "by_force", "suppressed"}


def _shown_figures(holder: Any, skipped: set[str] = NOT_NATIONAL) -> set[str]:
    """Every figure still shown in a block but those under ``skipped`` keys (by default the
    areas' and series' figures), written as a count and a percentage."""
    found: set[str] = set()
    if isinstance(holder, dict):
        for key, value in holder.items():
            if key not in skipped:
                found |= _shown_figures(value, skipped)
    elif isinstance(holder, list):
        for value in holder:
            found |= _shown_figures(value, skipped)
    elif _number(holder):
        found |= _written(holder)
    return found


def _figures(text: str, public: dict[str, Any], floor: int) -> set[str]:
    """The figures a text writes: not the minimum it names, nor a number in a name (an
    operation's, "Outcome 22 outcomes")."""
    ops = (public.get("operations") or {}).values()
    names = [o["operation"] for op in ops for o in (op, op.get("previous_in_series") or {})
             if o.get("operation")]  # fmt: skip
    names += [i[key] for i in public["indicators"].values() for key in ("title", "noun")]
    for words in [f"fewer than {count(floor)}", *sorted(names, key=len, reverse=True)]:
        text = re.sub(re.escape(words), " ", text, flags=re.I)
    return set(NUMBER.findall(text))


def test_no_withheld_figure_is_written(packs: tuple[dict[str, Any], dict[str, Any], int]) -> None:
    truth, public, floor = packs
    for measure, text in _texts(public).items():
        written = _figures(text, public, floor)
        shown: set[str] = set()
        held: set[str] = set()
        for ruled, pub, tru in _sources(measure, public, truth):
            # an indicator no rule covers (regions staffed) shows its areas' figures too
            shown |= _shown_figures(pub) if ruled else _shown_figures(pub, set())
            for _, value in _withheld(pub, tru):
                held |= _written(value)
        leaked = (held - shown) & written
        assert not leaked, f"{measure}: withheld figures {sorted(leaked)} written: {text}"


def test_every_measure_reads_as_english(packs: tuple[dict[str, Any], dict[str, Any], int]) -> None:
    _, public, floor = packs
    texts = _texts(public)
    for measure, text in texts.items():
        assert text, f"{measure}: nothing written"
        for bad in ("None", "[c]", "{{", "{%", "}}", "()", " ,", " .", "  "):
            assert bad not in text, f"{measure}: {bad!r} in {text}"
        assert not re.search(r"(^|[.] )(fewer than|an undisclosed|number not)", text), text
        assert not re.search(r"undisclosed number of (were|was|and|,|\.)", text), text
        assert not re.search(rf"fewer than {count(floor)} [\w -]+? (was|is|has)\b", text), text
        assert not re.search(r"\b0 (judicial|non-judicial|disseminations|officers)", text), text
    assert check_text(" ".join(texts.values()), pack=public) == []


def test_a_sentence_of_only_withheld_figures_is_left_out(
    packs: tuple[dict[str, Any], dict[str, Any], int],
) -> None:
    """A comparison or breakdown whose every figure is withheld says nothing: left out."""
    _, public, floor = packs
    text = " ".join(_texts(public).values())
    few = f"fewer than {count(floor)}"
    assert f"This compares with {few} arrests from {few}" not in text
    assert f"{few} major, {few} moderate and {few} minor" not in text
    assert f"{few} major disruptions, {few} moderate and {few} minor" not in text
    assert "an undisclosed share were aged 60 to 90; an undisclosed share" not in text
    assert "An undisclosed share of offences were police impersonations and an undisclosed" \
        not in text  # fmt: skip


def test_a_withheld_figure_is_said_not_left_out(
    packs: tuple[dict[str, Any], dict[str, Any], int],
) -> None:
    """Where the police's edition writes a count, the public's says it is fewer than the
    minimum rather than leaving the sentence out (or saying there were none)."""
    truth, public, floor = packs
    texts, few = _texts(public), f"fewer than {count(floor)}"
    attendees = truth["indicators"]["E3.crypto_training_attendees"]["value"]
    assert 0 < attendees < LOW  # the demo's 13
    assert f"{few.capitalize()} officers and staff attended cryptoasset investigation " \
        "training in Q1." in texts["E3"]  # fmt: skip
    assert f"Protect teams supported {few} national campaigns this quarter, against the " \
        "target of 6 per quarter." in texts["F5"]  # fmt: skip
    if floor == HIGH:
        assert f"There were {few} NFIB Pursue disseminations in Q1." in texts["F1a"]
        assert "The judicial outcome rate for Q1 is not shown, to protect confidentiality." \
            in texts["F1b"]  # fmt: skip
        assert f"Nationally, there were {few} judicial outcomes during the period and {few} " \
            "non-judicial outcomes." in texts["F1b"]  # fmt: skip
        assert f"At the end of Q1, {few} disseminations were outstanding." in texts["F1c"]
        assert f"In Q1 {few} referrals were received by the Fraud Targeting Cell, and {few} " \
            "intelligence disseminations were sent." in texts["F4"]  # fmt: skip
        assert f"There were {few} Protect related disruptions recorded in Q1." in texts["F6"]
        assert f"In Q1, there were a total of {few} disruptions." in texts["E1b"]


def _rate_withheld(public: dict[str, Any], name: str) -> dict[str, Any]:
    """``public`` with the measure of rate ``name`` given a rate withheld with its parts (as
    the projection withholds it), and its audiences' rates with it."""
    out = {**public, "indicators": dict(public["indicators"])}
    rate = out["indicators"][name] = {**public["indicators"][name]}
    rate.update(value=None, denominator=None, numerator=None)
    rate["suppressed"] = {"value": "derived", "numerator": "count", "denominator": "count"}
    rate["breakdown"] = {"audience": {"public": None, "business": None}}
    for audience in ("public", "business"):
        rate["suppressed"][f"breakdown.audience.{audience}"] = "derived"
    return out


@pytest.mark.parametrize(
    ("measure", "name", "words"),
    [
        ("F5b", "F5b.satisfied_pct", "the share of attendees satisfied with the engagement"),
        ("F5c", "F5c.behaviour_change_pct", "the share of attendees likely to change"),
    ],
)
def test_a_withheld_survey_rate_is_not_said_to_have_no_answer(
    packs: tuple[dict[str, Any], dict[str, Any], int], measure: str, name: str, words: str
) -> None:
    _, public, _ = packs
    text = " ".join(measure_sentences(_rate_withheld(public, name), measure))
    assert "No attendee answered" not in text
    assert words in text
    assert "is not shown, to protect confidentiality" in text


def test_the_whole_public_report_is_written_at_any_minimum(
    packs: tuple[dict[str, Any], dict[str, Any], int], tmp_path: Path
) -> None:
    truth, _, _ = packs
    (page,) = write_report(truth, tmp_path, ["html"], audience="public")
    text = _html_text(page)
    assert "None" not in text


@pytest.mark.parametrize(
    ("reason", "sentence"),
    [
        ("count", "Cyber disruptions: fewer than 10 in Q1."),
        ("complementary", "Cyber disruptions in Q1: not shown, to protect confidentiality."),
        ("derived", "Cyber disruptions in Q1: not shown, to protect confidentiality."),
    ],
)
def test_the_plain_sentence_of_a_withheld_figure_reads(reason: str, sentence: str) -> None:
    """An indicator without a template of its own: "fewer than 10", or that its figure is not
    shown (never "not shown, to protect confidentiality in Q1")."""
    ind = {"title": "Cyber disruptions", "value": None, "unit": "count",
           "suppressed": {"value": reason}, "comparisons": {}}  # fmt: skip
    context = {"q": "Q1", "ly": "23/24", "disclosure": {"min_count": 10}}
    assert _generic(ind, context) == sentence
