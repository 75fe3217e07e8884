"""The statistical workbook (``write_workbook``): cover, contents, notes and one table per
sheet, written by gptables from the rows of ``ndp.report.tidy``."""

from ndp.report.workbook.book import plan, write_workbook

__all__ = ["plan", "write_workbook"]
