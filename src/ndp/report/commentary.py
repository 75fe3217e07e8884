"""Analyst commentary: the explanations an analyst writes beside the generated sentences.

Commentary is Markdown, one entry per indicator (``E1b.disruptions``) or measure (``E1b``) for one
quarter, kept in either of two forms (docs/commentary.md):

- a YAML file with ``period:`` and a ``commentary:`` mapping of id to Markdown;
- a folder named by its quarter (``2024-25-Q1/``) holding one ``<id>.md`` file per entry.

It is checked against the pack before anything is written: the quarter must be the pack's and
every id must name one of its indicators or measures. Raw HTML in the Markdown is shown as text,
never passed through, so a commentary file cannot inject markup into the report.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ndp.errors import NdpError
from ndp.periods import Quarter

_MARKDOWN = MarkdownIt("commonmark", {"html": False})
#: libyaml's safe loader where PyYAML was built with it: the same nodes and line numbers, read
#: about 30 times faster than the pure-Python loader (a dashboard save reads the file twice)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Run:
    """A stretch of text with one emphasis, for formats that style runs (Word)."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph or a bullet point of commentary."""

    kind: str  # "paragraph" | "bullet"
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Comment:
    """One entry of commentary: which indicator or measure it is about, and its text."""

    about: str
    markdown: str
    source: str
    #: a reason for the executive summary's point about the measure (the file's ``summary:``)
    summary: bool = False

    @property
    def html(self) -> str:
        return _MARKDOWN.render(self.markdown)

    @property
    def blocks(self) -> list[Block]:
        return markdown_blocks(self.markdown)

    @property
    def text(self) -> str:
        """Plain text, one block per line, for spreadsheets and the checker."""
        return "\n".join(
            ("• " if block.kind == "bullet" else "") + block.text for block in self.blocks
        )


def markdown_blocks(markdown: str) -> list[Block]:
    """Paragraphs and bullet points with bold and italic runs: what Word can show natively."""
    blocks: list[Block] = []
    in_list = 0
    for token in _MARKDOWN.parse(markdown):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            in_list += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            in_list -= 1
        elif token.type == "inline":
            blocks.append(Block("bullet" if in_list else "paragraph", _runs(token.children or [])))
    return blocks


def _runs(children: list[Token]) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = False
    for child in children:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type in ("softbreak", "hardbreak"):
            runs.append(Run(" ", bold, italic))
        elif child.content:
            runs.append(Run(child.content, bold, italic))
    return tuple(runs)


def read_commentary(path: Path, pack: dict[str, Any]) -> dict[str, list[Comment]]:
    """The commentary at ``path`` for the pack's quarter, keyed by measure id.

    Entries about an indicator come after the measure's own entry, in the framework's order of
    indicators. Raises NdpError naming the file and the entry for a wrong quarter or unknown id.
    """
    summaries: dict[str, tuple[str, str]] = {}
    if path.is_dir():
        period_text, entries = _read_folder(path)
    elif path.is_file():
        period_text, entries, summaries = _read_yaml(path)
    else:
        raise NdpError(f"{path}: no such commentary file or folder")
    _check_period(path, period_text, pack)
    by_measure: dict[str, list[Comment]] = {}
    for about, (markdown, source) in entries.items():
        wrong = unknown_about(about, pack, summary=False)
        if wrong:
            raise NdpError(f"{source}: {wrong}")
        measure = about if about in pack["measures"] else pack["indicators"][about]["measure"]
        by_measure.setdefault(measure, []).append(Comment(about, markdown.strip(), source))
    for about, (markdown, source) in summaries.items():
        wrong = unknown_about(about, pack, summary=True)
        if wrong:
            raise NdpError(f"{source}: {wrong}")
        by_measure.setdefault(about, []).append(Comment(about, markdown.strip(), source, True))
    for measure, comments in by_measure.items():
        order = [measure, *pack["measures"][measure]["indicators"]]
        comments.sort(key=lambda c: order.index(c.about) if c.about in order else len(order))
    return by_measure


def unknown_about(about: str, pack: dict[str, Any], *, summary: bool) -> str:
    """What is wrong with an entry's id ("" when nothing): commentary must be about an indicator
    or a measure of the pack, a summary reason about a measure. The nearest ids are suggested."""
    known = list(pack["measures"]) if summary else [*pack["measures"], *pack["indicators"]]
    if about in known:
        return ""
    near = difflib.get_close_matches(about, known, n=3)
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    if summary:
        return f"summary reason for {about!r}, which is no measure{hint}"
    return f"commentary about {about!r}, which is no indicator or measure of the pack{hint}"


def _check_period(path: Path, period_text: str, pack: dict[str, Any]) -> None:
    try:
        quarter = Quarter.parse(period_text)
    except NdpError as error:
        raise NdpError(f"{path}: commentary period {period_text!r}: {error}") from None
    wanted = pack["period"]["label"]
    if quarter.label != wanted:
        raise NdpError(f"{path}: commentary is for {quarter.label}, but the report is for {wanted}")


def _read_yaml(
    path: Path,
) -> tuple[str, dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=LOADER)
    except yaml.YAMLError as error:
        raise NdpError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(node, yaml.MappingNode):
        raise NdpError(f"{path}: expected a mapping with 'period' and 'commentary'")
    top = {key.value: value for key, value in node.value}
    # spc_steps are the engine's (ndp.engine.steps_file), read when the pack is built
    unknown = sorted(set(top) - {"period", "commentary", "summary", "spc_steps"})
    if unknown or "period" not in top or "commentary" not in top:
        raise NdpError(
            f"{path}: expected the keys 'period' and 'commentary', and optionally 'summary' "
            f"(found {', '.join(sorted(top))})"
        )
    entries = _entries(path, top["commentary"], "commentary")
    summaries = _entries(path, top["summary"], "summary") if "summary" in top else {}
    return str(top["period"].value), entries, summaries


def _entries(path: Path, entries_node: yaml.Node, name: str) -> dict[str, tuple[str, str]]:
    if not isinstance(entries_node, yaml.MappingNode):
        raise NdpError(
            f"{path}, line {entries_node.start_mark.line + 1}: '{name}' must map ids to Markdown"
        )
    entries: dict[str, tuple[str, str]] = {}
    for key, value in entries_node.value:
        where = f"{path}, line {key.start_mark.line + 1}"
        if not isinstance(value, yaml.ScalarNode) or not str(value.value).strip():
            raise NdpError(f"{where}: commentary about {key.value!r} must be Markdown text")
        if key.value in entries:
            raise NdpError(f"{where}: a second entry about {key.value!r}")
        entries[str(key.value)] = (str(value.value), where)
    return entries


def _read_folder(path: Path) -> tuple[str, dict[str, tuple[str, str]]]:
    entries: dict[str, tuple[str, str]] = {}
    for file in sorted(path.glob("*.md")):
        text = file.read_text(encoding="utf-8")
        if text.strip():
            entries[file.stem] = (text, str(file))
    if not entries:
        raise NdpError(f"{path}: no commentary files (<indicator or measure id>.md) in the folder")
    return path.name, entries
