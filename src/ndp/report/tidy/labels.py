"""Plain labels for the pack's codes, as the workbook and the tidy file print them: units,
areas, breakdown dimensions and categories (outcome codes by their Home Office names)."""

from __future__ import annotations

from ndp.reference import reference
from ndp.report import format as fmt

NATION_CODE = "K04000001"  # the ONS code for England and Wales
NATION_NAME = "England and Wales"
UNATTRIBUTED_CODE = "unattributed"
UNATTRIBUTED_NAME = "Not attributed to a region"

#: a unit as a header's bracket writes it
UNIT_LABELS = {"count": "number", "gbp": "£", "percent": "%"}

#: the kinds of a geography's force entry, as the area type the rows give them
AREA_TYPES = {
    "territorial": "force",
    "special": "force",
    "regional_unit": "unit",
    "national_unit": "unit",
}


def unit_label(unit: str) -> str:
    return UNIT_LABELS.get(unit, fmt.label(unit))


def sentence(text: str) -> str:
    """``cash seizure`` -> ``Cash seizure``."""
    return text[:1].upper() + text[1:]


def dimension_label(dimension: str) -> str:
    """``outcome_code`` -> ``Outcome``; ``level`` -> ``Level``."""
    return sentence(fmt.label(dimension.removesuffix("_code")))


def _sentence_case(name: str) -> str:
    """A Home Office outcome name as it reads in a sentence: ``Charged/Summonsed`` ->
    ``charged or summonsed``; a name that begins with a proper noun (``National Fraud
    Intelligence Bureau filed``, ``Penalty Notice for Disorder``) keeps its capitals."""
    words = name.replace("/", " or \u0000").split(" ")
    first_is_proper = (len(words) > 1 and words[1][:1].isupper()) or words[0].isupper()
    out = []
    for i, word in enumerate(words):
        if word.startswith("\u0000"):  # the word after a slash
            word = word[1:].lower() if not word[1:].isupper() else word[1:]
        elif i == 0 and not first_is_proper:
            word = word[:1].lower() + word[1:]
        out.append(word)
    return " ".join(out).replace("\u0000", "")


def category_label(dimension: str, category: str) -> str:
    """``outcome_code`` ``1`` -> ``Outcome 1: charged or summonsed``; ``cash_seizure`` ->
    ``Cash seizure``."""
    if dimension == "outcome_code":
        code = reference().outcome_codes.get(category)
        if code is not None:
            return f"Outcome {category}: {_sentence_case(code.name)}"
        return f"Outcome {category}"
    return sentence(fmt.label(category))


def status_label(status: str | None) -> str | None:
    """``no_data`` -> ``No data``; ``not_measurable`` -> ``Not yet measurable``."""
    if status is None:
        return None
    return {"not_measurable": "Not yet measurable"}.get(status, sentence(fmt.label(status)))


def flags_label(flags: list[str] | None) -> str | None:
    """``["no_records", "coverage_change"]`` -> ``no records; coverage change``; none -> None."""
    if flags is None:
        return None
    return "; ".join(fmt.label(f) for f in flags) if flags else "none"
