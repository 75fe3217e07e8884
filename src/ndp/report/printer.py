"""Printing HTML to PDF with WeasyPrint, here or in a second process.

The national report's PDF is its longest stage (about 7 s of WeasyPrint for 42 pages); Word
and Excel together take about as long again. ``pdf_printer`` prints in a second process
while this one writes the other formats, so on two cores the report takes its longest stage
rather than the sum. The second process is a fresh interpreter running this module
(``python -m ndp.report.printer``), which loads WeasyPrint alone: never a fork, since a fork
of a process whose threads (DuckDB's, vl-convert's) hold locks can wait on them for ever, and
not a ``multiprocessing`` spawn either, which re-imports the caller's main module and
everything it imports (seconds of CPU for a benchmark or a test run).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PDF_VARIANT = "pdf/ua-1"  # tagged: headings, tables with their header cells, figures' alt text


def print_document(html: str) -> Any:
    """The HTML laid out in pages by WeasyPrint with the stylesheet's print rules, as PDF/UA-1
    (the structure tree with the document's language and title): a ``weasyprint.Document``,
    whose pages' boxes show where each heading and table row landed."""
    from weasyprint import HTML

    return HTML(string=html).render(pdf_variant=PDF_VARIANT)


def print_pdf(html: str, path: Path) -> Path:
    """The HTML printed to ``path`` by WeasyPrint as a tagged PDF (PDF/UA-1)."""
    print_document(html).write_pdf(path, pdf_variant=PDF_VARIANT)
    return path


#: prints ``html`` to ``path``; what it returns waits for the file and gives its path
Print = Callable[[str, Path], Callable[[], Path]]

#: the second process's exit status when writing the PDF failed for want of space: the caller
#: raises it as the OSError it was, so a full disk reads as one (``ndp.files.disk_full``)
NO_SPACE = 3


class Printer:
    """Prints one HTML document to a PDF file (calling it), in this process or a second one;
    ``stop`` ends a second process at once (the caller's block failed: its partial files are
    about to be removed, and a printer still writing would leave one behind)."""

    def __init__(self, send: Print, stop: Callable[[], None]) -> None:
        self._send, self.stop = send, stop

    def __call__(self, html: str, path: Path) -> Callable[[], Path]:
        return self._send(html, path)


def _here(html: str, path: Path) -> Callable[[], Path]:
    print_pdf(html, path)
    return lambda: path


@contextmanager
def pdf_printer(beside: bool) -> Iterator[Printer]:
    """A :class:`Printer`: in a second process when ``beside`` (started at once, so WeasyPrint
    loads while the caller works), else in this process before it returns. The second
    process's failure is raised as RuntimeError with what it wrote to its standard error, or
    as OSError when it ran out of space; a failure in the caller's block stops it."""
    if not beside:
        yield Printer(_here, lambda: None)
        return
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", __name__], stdin=subprocess.PIPE, stderr=errors
        )
        assert process.stdin is not None

        def finished(path: Path) -> Path:
            status = process.wait()
            if status == 0:
                return path
            errors.seek(0)
            said = errors.read().decode("utf-8", "replace").strip().splitlines()
            if status == NO_SPACE and said and said[-1].isdigit():
                number = int(said[-1])
                raise OSError(number, os.strerror(number), str(path))
            raise RuntimeError(f"printing {path} failed: " + " / ".join(said[-5:]))

        def send(html: str, path: Path) -> Callable[[], Path]:
            assert process.stdin is not None
            try:
                process.stdin.write(f"{path}\n{html}".encode())
                process.stdin.close()
            except BrokenPipeError:  # it ended early: ``finished`` says why
                pass
            return lambda: finished(path)

        def stop() -> None:
            process.kill()
            process.wait()

        try:
            yield Printer(send, stop)
        except BaseException:
            stop()
            raise
        finally:
            if not process.stdin.closed:  # nothing sent: the printer ends on empty input
                with contextlib.suppress(BrokenPipeError):
                    process.stdin.close()
            process.wait()


def _main() -> None:
    """The second process: the PDF's path on the first line of standard input, then its HTML."""
    import weasyprint  # noqa: F401  (loaded while the caller builds the report)

    from ndp.files import DISK_FULL

    target, _, html = sys.stdin.buffer.read().decode().partition("\n")
    if not target:
        return
    try:
        print_pdf(html, Path(target))
    except OSError as error:
        if error.errno not in DISK_FULL:
            raise
        Path(target).unlink(missing_ok=True)
        sys.stderr.write(f"{error}\n{error.errno}\n")
        sys.exit(NO_SPACE)


if __name__ == "__main__":
    _main()
