"""The report: the pack rendered as HTML, PDF, DOCX and XLSX, and its consistency check."""
