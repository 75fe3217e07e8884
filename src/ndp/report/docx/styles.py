"""Each style looked up once per document.

python-docx resolves a style given by name (``add_paragraph(style="List Bullet")``,
``add_heading``, ``table.style = "Table Grid"``) on every call: a search of the styles by name,
then a walk over every style to find the default of its type, in Python. A force edition does
this a few hundred times, about a fifth of its Word edition's time. The styles a document's
names resolve to do not change while it is written (``house_styles`` adds its own before it is
used), so each name's answer is kept for the document.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document


def remember_styles(document: Document) -> None:
    """Keep each (name, type)'s style id for ``document`` after its first lookup; a style
    given as an object, or a name that fails, is looked up as before."""
    part = document.part
    look_up = part.get_style_id
    known: dict[tuple[str, Any], str | None] = {}

    def get_style_id(style_or_name: Any, style_type: Any) -> str | None:
        if not isinstance(style_or_name, str):
            found: str | None = look_up(style_or_name, style_type)
            return found
        key = (style_or_name, style_type)
        if key not in known:
            known[key] = look_up(style_or_name, style_type)
        return known[key]

    part.get_style_id = get_style_id  # type: ignore[method-assign]
