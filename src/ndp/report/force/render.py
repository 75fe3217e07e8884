"""Writing force editions: HTML from ``force_report.html.j2`` (sharing the national report's
stylesheet), PDF printed from it by WeasyPrint, Word by the national Word edition's parts
(``ndp.report.docx.force``) and Excel by the statistical workbook restricted to the force
(``write_workbook(pack, path, area=code)``); one force, or all of them on both cores.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from ndp.errors import NdpError
from ndp.files import replacing
from ndp.report.force.context import ForceContext, build_force_context
from ndp.report.force.select import Edition, all_editions, resolve_force
from ndp.report.printer import print_pdf
from ndp.report.render import render_template

FORCE_FORMATS = ("html", "pdf", "docx", "xlsx")


def render_force_html(context: ForceContext, *, for_print: bool = False) -> str:
    return render_template("force_report.html.j2", context, for_print=for_print)


def write_force_html(context: ForceContext, path: Path) -> Path:
    path.write_text(render_force_html(context), encoding="utf-8")
    return path


def write_force_pdf(context: ForceContext, path: Path) -> Path:
    return print_pdf(render_force_html(context, for_print=True), path)


def write_force_docx(context: ForceContext, path: Path) -> Path:
    from ndp.report.docx.force import write_force_docx as write

    return write(context, path)


def write_force_xlsx(context: ForceContext, path: Path) -> Path:
    """The statistical workbook for the force, its region and England and Wales."""
    from ndp.report.workbook import write_workbook

    return write_workbook(context.extra["pack"], path, area=context.code)


FORCE_WRITERS: dict[str, Callable[[ForceContext, Path], Path]] = {
    "html": write_force_html,
    "pdf": write_force_pdf,
    "docx": write_force_docx,
    "xlsx": write_force_xlsx,
}


def check_force_formats(formats: list[str]) -> None:
    """Refuse, before anything is written, a format force editions are not written in."""
    unknown = [f for f in formats if f not in FORCE_WRITERS]
    if unknown:
        raise NdpError(
            f"unknown format {', '.join(unknown)}: force editions are written as "
            f"{', '.join(FORCE_FORMATS)} (e.g. --format html,pdf)"
        )


def edition_dir(out_dir: Path, code: str) -> Path:
    """Where a force's files go: ``OUT/forces/<code>/``."""
    return out_dir / "forces" / code


def write_force_report(
    pack: dict[str, Any], edition: Edition, out_dir: Path, formats: list[str]
) -> list[Path]:
    """Write one force's edition in ``formats`` under ``OUT/forces/<code>/report.<fmt>``."""
    check_force_formats(formats)
    context = build_force_context(
        pack, edition, charts=bool({"html", "pdf", "docx"} & set(formats))
    )
    folder = edition_dir(out_dir, edition.code)
    targets = [folder / f"report.{f}" for f in formats]
    with replacing(targets) as partials:
        for fmt, partial in zip(formats, partials, strict=True):
            FORCE_WRITERS[fmt](context, partial)
    return targets


_POOL_PACK: dict[str, Any] = {}


def _init_worker(pack: dict[str, Any]) -> None:
    """Each worker receives the pack once, not once per force."""
    _POOL_PACK.clear()
    _POOL_PACK.update(pack)


def _write_in_worker(edition: Edition, out_dir: Path, formats: list[str]) -> list[Path]:
    return write_force_report(_POOL_PACK, edition, out_dir, formats)


def write_all_forces(
    pack: dict[str, Any],
    out_dir: Path,
    formats: list[str],
    *,
    workers: int | None = None,
    only: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Every force's edition (the 45 dissemination forces), or with ``only`` the named forces'
    (codes or names, as ``ndp report --force`` takes them), on ``workers`` processes (default:
    the machine's cores, at most 2 since that is what the speed target assumes); paths in
    force order. ``progress(done, total)`` is called as each edition is written, in order."""
    check_force_formats(formats)
    editions = all_editions(pack)
    if only is not None:
        wanted = {resolve_force(pack, name).code for name in only}
        editions = [e for e in editions if e.code in wanted]
    tell = progress or (lambda done, total: None)
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    paths: list[Path] = []
    if workers <= 1:
        for n, edition in enumerate(editions, start=1):
            paths += write_force_report(pack, edition, out_dir, formats)
            tell(n, len(editions))
        return paths
    # spawn, not fork: a fork of a process whose threads (DuckDB's, vl-convert's) hold locks
    # can leave the workers waiting on them for ever
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(pack,)
    ) as pool:
        results = pool.map(
            _write_in_worker, editions, [out_dir] * len(editions), [formats] * len(editions)
        )
        for n, written in enumerate(results, start=1):  # in order, as each edition is done
            paths += written
            tell(n, len(editions))
        return paths
