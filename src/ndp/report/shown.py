"""The narrative templates' reading of a figure disclosure control may withhold: the figure in
house style where it is shown; where it is withheld, the words the rest of the report uses
(``fewer than 10`` for a count under the audience's minimum) and otherwise words without a
number. A template never does arithmetic on a figure itself: a share of two figures is worked
out here, and only where both are shown.

A figure is named by its path in the object that holds it (``arrests`` in an operation's
totals, ``breakdown.level.major`` in an indicator, ``age_bands_pct.60_to_90`` in the victims),
which is also the key under which the pack marks it withheld (docs/pack.md, "Suppressed
figures").
"""

from __future__ import annotations

from typing import Any

import jinja2

from ndp.report import format as fmt

#: a withheld count that is not itself under the minimum, before its noun ("an undisclosed
#: number of arrests")
UNDISCLOSED = "an undisclosed number of"
#: the same, standing alone ("Of the victims (number not shown, ...)")
UNDISCLOSED_ALONE = "number not shown, to protect confidentiality"
#: a withheld percentage
UNDISCLOSED_SHARE = "an undisclosed share"


def _value(holder: dict[str, Any], path: str) -> Any:
    value: Any = holder
    for part in path.split("."):
        value = (value or {}).get(part)
    return value


def withheld(holder: dict[str, Any] | None, path: str) -> bool:
    """Whether disclosure control withholds the figure at ``path`` (a Jinja test)."""
    return path in ((holder or {}).get("suppressed") or {})


def _words(context: Any, holder: dict[str, Any], path: str, unit: str, alone: bool) -> str:
    reason = holder["suppressed"][path]
    words = fmt.withheld({"suppressed": {path: reason}}, path, context.get("disclosure"))
    if reason == "count" and words and words != fmt.NOT_SHOWN:
        return words
    if unit == "percent":
        return UNDISCLOSED_SHARE
    return UNDISCLOSED_ALONE if alone else UNDISCLOSED


@jinja2.pass_context
def shown(
    context: Any,
    holder: dict[str, Any],
    path: str,
    unit: str = "count",
    default: Any = None,
    alone: bool = False,
) -> str:
    """The figure at ``path`` in ``holder`` in its unit, ``default`` where it has none (a
    category with no record); where it is withheld, words without the number."""
    if withheld(holder, path):
        return _words(context, holder, path, unit, alone)
    value = _value(holder, path)
    return fmt.figure(default if value is None else value, unit)


@jinja2.pass_context
def share(context: Any, holder: dict[str, Any], part: str, whole: str) -> str:
    """The percentage the figure at ``part`` is of the one at ``whole`` (a category missing
    counts 0); an undisclosed share where either is withheld."""
    if withheld(holder, part) or withheld(holder, whole):
        return UNDISCLOSED_SHARE
    return fmt.percent((_value(holder, part) or 0) * 100 / _value(holder, whole))


@jinja2.pass_context
def undisclosed(context: Any, holder: dict[str, Any] | None, path: str) -> bool:
    """Whether the figure at ``path`` is withheld and written without a number ("an
    undisclosed number of", "an undisclosed share") rather than as "fewer than 10" (a Jinja
    test: a clause that would say only that is left out)."""
    words = fmt.withheld(holder or {}, path, context.get("disclosure"))
    return words == fmt.NOT_SHOWN
