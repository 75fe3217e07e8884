"""The commentary edit page's model: the entry, the text in the form and its preview as the
report renders it, the version the form is based on, an error or a refusal with the other
analyst's version, and the entry's history."""

from __future__ import annotations

from dataclasses import dataclass, field

from ndp.report.commentary import Comment
from ndp.web.projection import ScopedPack
from ndp.web.times import when
from ndp.web.views.common import Link
from ndp.workflow.commentary import Conflict, EntryState
from ndp.workflow.commentary_versions import Entry, Version


@dataclass(frozen=True)
class VersionView:
    version: int
    saved_by: str
    saved_at: str
    text: str
    html: str


@dataclass(frozen=True)
class CommentaryEditPage:
    period: str
    title: str
    caption: str
    action: str
    back: Link
    markdown: str
    based_on: int
    preview: str
    error: str = ""
    theirs: VersionView | None = None
    saved: int = 0
    history: list[VersionView] = field(default_factory=list)
    #: the entry is in the report now, so it may be removed
    removable: bool = False


def version_view(version: Version) -> VersionView:
    html = Comment(version.entry.about, version.text, "").html
    return VersionView(version.version, version.saved_by, when(version.saved_at), version.text,
                       html)  # fmt: skip


def entry_title(scoped: ScopedPack, entry: Entry) -> tuple[str, str]:
    """The page's heading and the indicator page to go back to."""
    if entry.about in scoped.indicators:
        ind = scoped.indicators[entry.about]
        back = f"/{scoped.slug}/national/indicator/{entry.about}"
        return f"Commentary on {ind['title']} ({entry.about})", back
    measure = scoped.measures[entry.about]
    first = measure["indicators"][0]
    back = f"/{scoped.slug}/national/indicator/{first}"
    what = "Commentary on the measure" if entry.part == "commentary" else "Summary reason for"
    return f"{what} {measure['title']} ({entry.about})", back


def edit_page(
    scoped: ScopedPack,
    state: EntryState,
    *,
    markdown: str | None = None,
    based_on: int | None = None,
    error: str = "",
    conflict: Conflict | None = None,
    saved: int = 0,
) -> CommentaryEditPage:
    """The page for ``state``'s entry: the form holds ``markdown`` (the newest version's text when
    None) based on ``based_on`` (the newest version when None)."""
    entry = state.entry
    title, back = entry_title(scoped, entry)
    text = markdown if markdown is not None else (state.current.text if state.current else "")
    caption = "Executive summary" if entry.part == "summary" else "Analyst commentary"
    return CommentaryEditPage(
        period=scoped.label, title=title, caption=f"{caption}, {scoped.label}",
        action=f"/{scoped.slug}/commentary/{entry.name}", back=Link("Back to the indicator", back),
        markdown=text, based_on=state.version if based_on is None else based_on,
        preview=Comment(entry.about, text, "").html if text.strip() else "", error=error,
        theirs=version_view(conflict.theirs) if conflict else None, saved=saved,
        history=[version_view(v) for v in state.versions],
        removable=bool(state.current and state.current.text),
    )  # fmt: skip


def edit_links(scoped: ScopedPack, indicator: str) -> list[Link]:
    """The indicator page's links to edit the commentary on it and on its measure."""
    measure = scoped.indicators[indicator]["measure"]
    base = f"/{scoped.slug}/commentary"
    return [
        Link("Edit the commentary on this indicator", f"{base}/{indicator}"),
        Link(f"Edit the commentary on measure {measure}", f"{base}/{measure}"),
        Link(
            f"Edit measure {measure}'s reason in the executive summary", f"{base}/summary:{measure}"
        ),
    ]
