"""Writing the report's formats from its context: HTML (semantic, accessible) and PDF (the same
HTML printed by WeasyPrint with the stylesheet's print rules)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ndp.engine.disclosure.project import suppress
from ndp.engine.disclosure.rules import POLICE
from ndp.errors import NdpError
from ndp.files import replacing
from ndp.report.commentary import read_commentary
from ndp.report.context import ReportContext, build_context
from ndp.report.docx import write_docx
from ndp.report.marks import DRAFT_NOTE
from ndp.report.printer import pdf_printer, print_pdf
from ndp.report.xlsx_render import write_xlsx

TEMPLATES = resources.files("ndp.report") / "templates"


def _template_source(name: str) -> str:
    return TEMPLATES.joinpath(name).read_text(encoding="utf-8")


_ENV = jinja2.Environment(
    loader=jinja2.FunctionLoader(_template_source),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)
_ENV.globals.update(draft_note=DRAFT_NOTE)


@cache
def _css() -> Markup:
    """The stylesheet as trusted markup: a ``<style>`` element's text is never HTML-unescaped,
    so escaping it (``"`` -> ``&#34;``) would silently drop every declaration with a quoted
    string (page numbers, the running title, the font). It is ours, not data; it may only not
    close its own element."""
    text = TEMPLATES.joinpath("report.css").read_text(encoding="utf-8")
    if "</" in text:
        raise NdpError("report.css must not contain '</': it would end the <style> element")
    return Markup(text)


def render_template(name: str, context: Any, *, for_print: bool = False) -> str:
    """A report template (national or force edition) over its context, with the stylesheet;
    ``for_print`` (the PDF) takes the charts as PNG rather than SVG."""
    return _ENV.get_template(name).render(r=context, css=_css(), for_print=for_print)


def render_html(context: ReportContext, *, for_print: bool = False) -> str:
    return render_template("report.html.j2", context, for_print=for_print)


def write_html(context: ReportContext, path: Path) -> Path:
    path.write_text(render_html(context), encoding="utf-8")
    return path


def write_pdf(context: ReportContext, path: Path) -> Path:
    return print_pdf(render_html(context, for_print=True), path)


WRITERS: dict[str, Callable[[ReportContext, Path], Path]] = {"html": write_html, "pdf": write_pdf}
WRITERS.update(docx=write_docx, xlsx=write_xlsx)  # Word and Excel (engineer F)


def read_pack(path: Path) -> dict[str, Any]:
    """A pack file as plain data, numbers exact."""
    try:
        loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except FileNotFoundError:
        raise NdpError(f"{path}: no such pack file; build one with `ndp build`") from None
    return loaded


def write_report(
    pack: dict[str, Any],
    out_dir: Path,
    formats: list[str],
    *,
    commentary: Path | None = None,
    audience: str = POLICE,
    workers: int | None = None,
) -> list[Path]:
    """Write the report in each of ``formats`` under ``out_dir``, with the analysts' commentary
    file or folder if given, as ``audience`` may see it (docs/framework.md, "Disclosure
    control"); return the paths. Everything is checked before a file is written, and the files
    replace the previous ones together, only once every format is written.

    With ``workers`` above 1 (default: 2 on a machine with two cores or more) the PDF is
    printed in a second process while this one writes Word and Excel, when both are asked for
    beside it; the files are the same either way."""
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        raise NdpError(f"unknown format {', '.join(unknown)}: expected {', '.join(WRITERS)}")
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    beside = workers > 1 and "pdf" in formats and bool({"docx", "xlsx"} & set(formats))
    with pdf_printer(beside) as printer:
        pack = suppress(pack, audience)
        comments = read_commentary(commentary, pack) if commentary is not None else None
        context = build_context(pack, comments)
        context.extra.setdefault("pack", pack)  # the Excel edition's per-indicator sheets
        targets = [out_dir / f"report.{f}" for f in formats]
        with replacing(targets) as partials:
            paths = dict(zip(formats, partials, strict=True))
            if beside:  # started first: the longest stage
                printed = printer(render_html(context, for_print=True), paths.pop("pdf"))
            try:
                for fmt, partial in paths.items():
                    WRITERS[fmt](context, partial)
                if beside:
                    printed()
            except BaseException:
                printer.stop()  # before the partial files go: it would write its own after
                raise
    return targets
