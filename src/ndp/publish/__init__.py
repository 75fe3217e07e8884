"""Publishing a quarter: sign-off, immutable published versions, diff and reproduce
(docs/publishing.md). A library below the dashboard and the CLI, above the report."""
