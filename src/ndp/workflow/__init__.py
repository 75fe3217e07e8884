"""The analyst's quarter in the browser: the library the dashboard's workflow pages wrap (jobs
and the one writer, uploads, commentary versions, the quarter's state). It sits between
``ndp.web`` and ``ndp.publish``; the web imports it but never opens the store."""
