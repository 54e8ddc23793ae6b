"""``madoguchi registry import``: NTA full and difference files into the registry.

- ``files``: which files, in which order (full first, then differences by date), read as streams;
- ``reader`` and ``rows``: physical lines → checked records, in chunks (refused rows with FILE:LINE: reason);
- ``merge``: a batch applied with set-based SQL (PostgreSQL COPY into a staging table; SQLite executemany);
- ``bulk``: the first load of an empty registry on PostgreSQL (COPY straight in, indexes afterwards);
- ``run``: ImportRun bookkeeping (skip, resume, force), transactions, progress bar;
- ``summary``: the counts and the Japanese summary.
"""

from madoguchi.registry.importer.files import RegistryImportError, RegistryImportErrorCode
from madoguchi.registry.importer.run import import_paths
from madoguchi.registry.importer.summary import ImportSummary

__all__ = ["ImportSummary", "RegistryImportError", "RegistryImportErrorCode", "import_paths"]
