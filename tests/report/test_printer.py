"""The PDF printed in a second process (``pdf_printer(beside=True)``, the national report's
Word and Excel being written meanwhile) is the PDF printed in this process, and a failure
there is raised here with what the second process said."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from ndp.report.printer import pdf_printer, print_pdf

HTML = """<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>T</title></head>
<body><h1>Fraud reported</h1><table><tr><th>Kent</th><td>1,234</td></tr></table></body></html>"""


def _text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_pdf_printed_beside_reads_as_the_one_printed_here(tmp_path: Path) -> None:
    here = print_pdf(HTML, tmp_path / "here.pdf")
    with pdf_printer(beside=True) as printer:
        done = printer(HTML, tmp_path / "beside.pdf")
        assert done() == tmp_path / "beside.pdf"
    assert "Fraud reported" in _text(here)
    assert _text(tmp_path / "beside.pdf") == _text(here)


def test_a_second_process_that_fails_is_raised_with_what_it_said(tmp_path: Path) -> None:
    missing = tmp_path / "no such folder" / "report.pdf"
    with pdf_printer(beside=True) as printer:
        done = printer(HTML, missing)
        with pytest.raises(RuntimeError, match=r"^printing .*report\.pdf failed: .*No such file"):
            done()
    assert not missing.exists()


def test_a_printer_given_nothing_to_print_ends_without_a_file(tmp_path: Path) -> None:
    with pdf_printer(beside=True):
        pass
    assert list(tmp_path.iterdir()) == []


def test_a_failure_beside_the_printer_stops_it_before_it_writes(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"

    def word_fails_while_printing() -> None:
        with pdf_printer(beside=True) as printer:
            printer(HTML, target)
            raise ValueError("Word failed")

    with pytest.raises(ValueError, match="Word failed"):
        word_fails_while_printing()
    assert list(tmp_path.iterdir()) == []


FULL = """
import resource, sys
from pathlib import Path
from ndp.report.printer import pdf_printer
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
html = "<html lang=en><body>" + "<p>Fraud reported in Kent</p>" * 3000 + "</body></html>"
target = Path(sys.argv[1])
try:
    with pdf_printer(beside=True) as printer:
        printer(html, target)()
except OSError as error:
    print(error.errno, target.exists())
"""


def test_a_full_disk_in_the_second_process_is_raised_as_the_oserror_it_was(
    tmp_path: Path,
) -> None:
    import errno
    import sys

    run = subprocess.run(
        [sys.executable, "-c", FULL, str(tmp_path / "report.pdf")],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    assert run.stdout.split() == [str(errno.EFBIG), "False"], run.stderr
