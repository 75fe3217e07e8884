"""The print layout rules over every force edition: no heading last on a page, no near-empty
page, no table split leaving fewer than three rows on either side.

    .venv/bin/python bench/force_layout.py [--pack out/pack-2024-25-Q1.json] [--force CODE ...]

The test suite checks these rules on Kent's and British Transport Police's editions
(tests/report/test_print_layout.py); laying out all 45 costs minutes of CPU, more than a
test may, so this script runs the same checks (imported from that test module) over each
dissemination force's printed edition. Without ``--pack`` it builds the demo pack. It prints
each force's pages and any rule broken, the CPU time taken, and exits 1 if a rule is broken.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent


def _layout_checks() -> ModuleType:
    path = HERE.parent / "tests" / "report" / "test_print_layout.py"
    spec = importlib.util.spec_from_file_location("print_layout_checks", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def main() -> int:
    from ndp.reference import reference
    from ndp.report.force import resolve_force
    from ndp.report.force.context import build_force_context
    from ndp.report.force.render import render_force_html
    from ndp.report.printer import print_document
    from report import demo_pack  # bench/report.py

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path)
    parser.add_argument("--force", action="append", help="only this force (repeatable)")
    args = parser.parse_args()
    if args.pack:
        pack = json.loads(args.pack.read_text(encoding="utf-8"), parse_float=Decimal)
    else:
        pack = demo_pack(Path(tempfile.mkdtemp(prefix="ndp-bench-layout-")))
    checks = _layout_checks()
    codes = args.force or [f.code for f in reference().dissemination_forces()]
    started, broken = time.process_time(), 0
    for code in codes:
        context = build_force_context(pack, resolve_force(pack, code))
        html = render_force_html(context, for_print=True)
        printed = checks.Printed(html, print_document(html), Path("-"), context.title)
        problems = [
            *checks.stranded_headings(printed),
            *checks.near_empty_pages(printed),
            *checks.split_tables(printed),
        ]
        broken += bool(problems)
        pages = len(printed.document.pages)
        print(f"{code} {pages} pages: {'; '.join(problems) or 'ok'}", flush=True)
    cpu = time.process_time() - started
    print(f"{len(codes)} editions, {broken} breaking a rule, {cpu:.0f} s CPU")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    raise SystemExit(main())
