"""Loading extracts: read, validate against the contract, and write into the store.

``validate_extract`` checks one file; ``load_files`` loads several in one transaction.
"""

from ndp.load.orchestrate import ExtractFile, FileResult, LoadResult, load_files
from ndp.load.validate import RefusedRow, ValidatedExtract, validate_extract

__all__ = [
    "ExtractFile",
    "FileResult",
    "LoadResult",
    "RefusedRow",
    "ValidatedExtract",
    "load_files",
    "validate_extract",
]
