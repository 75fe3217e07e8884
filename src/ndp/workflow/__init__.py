"""The analyst's quarter as a workflow: the library the dashboard's workflow pages wrap.

Jobs (``ndp.workflow.jobs``) queue work for the one writer (``ndp.workflow.writer``), the only
process that opens the store for writing; uploads (``ndp.workflow.uploads``) keep each file an
analyst sends under a random id with its SHA-256; commentary (``ndp.workflow.commentary``) keeps
every version of the analysts' text and writes the commentary file the report reads. The web
layer imports this package but never opens the store itself. See docs/dashboard.md, "The
analyst's quarter".
"""
