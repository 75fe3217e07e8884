"""Which thing a figure counts, and which thing a statement is about: the one noun rule.

A figure counts a noun when the words right after it are that noun, singular or plural
("1,833 judicial outcomes during" counts judicial outcomes, not the judicial outcome rate, and
"15 major disruptions" counts major disruptions, not disruptions). The pack check ties a figure
to an indicator by this rule, the arithmetic check ties a statement to its figure by it, and the
list check ties a list to its total by it.
"""

from __future__ import annotations

import re

_WORD = r"[A-Za-z][\w–-]*"
_PRONOUNS = {"this", "that", "these", "those", "it", "which", "they", "there"}
#: "<subject> are|were|is|was [above the benchmark by] [a|up|down] P% (N)", read back from
#: the statement: "For Q1, disruptions are 53% (+384) above the benchmark".
_SUBJECT = re.compile(
    rf"(?P<subject>(?:{_WORD}\s+){{0,3}}{_WORD})\s+"
    r"(?:are|were|is|was|has been|have been|remain|remained|stood|stand)\s+"
    r"(?:(?:above|below|over|under|higher than|lower than)\s+(?:the\s+)?(?:benchmark|target)"
    r"(?:\s+target)?(?:\s+(?:of|was|is)\s+£?[\d,.]+)?,?\s+by\s+)?(?:(?:up|down|by|an?)\s+)*$",
    re.IGNORECASE,
)
#: "... a 29% (+409) increase in judicial outcomes in comparison to ...": the noun after it.
_AFTER = re.compile(
    r"^\s*(?:increase|rise|decrease|fall|drop|reduction|growth)\s+in\s+(?!comparison\b)"
    rf"(?P<noun>{_WORD}(?:\s+(?!(?:in|on|from|for|compared|since|against|over|during|at|to|than|"
    rf"and|of|with|by)\b){_WORD}){{0,2}})",
    re.IGNORECASE,
)


def names(after: str, noun: str) -> bool:
    """Whether the words after a figure are ``noun`` in full (singular or plural)."""
    words = " ".join(after.lower().split())
    noun = " ".join(noun.lower().split())
    return bool(noun) and any(
        re.match(re.escape(form) + r"(?![a-z])", words) for form in {noun, noun.removesuffix("s")}
    )


def statement_nouns(before: str, after: str) -> tuple[str, ...] | None:
    """The noun a "P% (N)" statement names, as candidate phrases, longest first.

    ``before`` is its sentence up to the statement, ``after`` the rest. The noun is the subject
    ("disruptions are 53% (+384) above ...", "Money laundering disruptions were ...") or what
    the change is in ("an increase in judicial outcomes"). None when it names none ("This is a
    450% (+9) increase", "120 referrals, up 25% (+24)"): the statement is about the figure it
    follows.
    """
    subject = _SUBJECT.search(before)
    words = subject.group("subject").split() if subject else []
    if not words or words[-1].lower() in _PRONOUNS:
        noun = _AFTER.match(after)
        words = noun.group("noun").split() if noun else []
    if not words or words[-1].lower() in _PRONOUNS:
        return None
    return tuple(" ".join(words[i:]).lower() for i in range(len(words)))
