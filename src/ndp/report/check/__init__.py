"""The consistency checker: find a report's arithmetic slips (docs/check.md)."""

from ndp.report.check.checker import check_file, check_text
from ndp.report.check.finding import Finding

__all__ = ["Finding", "check_file", "check_text"]
