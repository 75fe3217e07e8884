"""Every figure of a pack as one long list of typed rows (``build_rows``): the statistical
workbook and the tidy export (``ndp export``) are both written from these rows."""

from ndp.report.tidy.rows import Area, Compared, Row, areas_of, build_rows

__all__ = ["Area", "Compared", "Row", "areas_of", "build_rows"]
