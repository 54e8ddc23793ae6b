"""``import_paths``: apply NTA files in order, each as an ImportRun that a killed import resumes.

Per file: a file whose SHA-256 matches a completed run is skipped (unless ``force``, which applies it again
and changes nothing); a run left unfinished by a killed import is resumed after its ``lines_done``.
Batches commit their rows, their refused rows and the run's ``lines_done`` in one transaction, so the
database is consistent whenever the process dies. The first load of an empty registry on PostgreSQL
goes through ``bulk`` (one transaction for the file) instead.
"""

import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from madoguchi.core.audit import audit_record
from madoguchi.registry.importer import bulk
from madoguchi.registry.importer.files import (
    ImportFile,
    RegistryImportError,
    RegistryImportErrorCode,
    order_files,
)
from madoguchi.registry.importer.merge import Merger
from madoguchi.registry.importer.prefetch import prefetch
from madoguchi.registry.importer.reader import Chunk, FileReader
from madoguchi.registry.importer.summary import (
    BatchCounts,
    FileOutcome,
    FileResult,
    ImportSummary,
)
from madoguchi.registry.models import ImportRejection, ImportRun

logger = logging.getLogger(__name__)

# Rows per transaction outside the bulk load; files at least REGISTRY_IMPORT_BULK_MIN_BYTES large load
# in bulk into an empty registry on PostgreSQL. Both are settings (the kill test makes batches small).
BATCH_ROWS = {"postgresql": 50_000, "sqlite": 20_000}
REPORT_LIMIT = 1000  # refused rows printed per file; all of them are stored
_LOCK_KEY = 0x6D61646F  # pg advisory lock: one registry import at a time


def import_paths(
    paths: Iterable[Path | str],
    *,
    force: bool,
    progress: bool,
    stdout: Any,
    stderr: Any,
    batch_rows: int | None = None,
    bulk_min_bytes: int | None = None,
) -> ImportSummary:
    """Import NTA full and difference files (.csv, or .zip of .csv) in the order they apply."""
    started = time.monotonic()
    files = order_files([Path(p) for p in paths])
    vendor = connection.vendor
    options = Options(
        force=force,
        progress=progress,
        stdout=stdout,
        stderr=stderr,
        batch_rows=batch_rows
        or settings.REGISTRY_IMPORT_BATCH_ROWS
        or BATCH_ROWS.get(vendor, 20_000),
        bulk_min_bytes=(
            bulk_min_bytes
            if bulk_min_bytes is not None
            else settings.REGISTRY_IMPORT_BULK_MIN_BYTES
        ),
    )
    summary = ImportSummary()
    with _one_import_at_a_time():
        for file in files:
            summary.files.append(_import_file(file, options))
    summary.elapsed = time.monotonic() - started
    return summary


@dataclass(frozen=True)
class Options:
    force: bool
    progress: bool
    stdout: Any  # where the messages and the summary go (an OutputWrapper or a text stream)
    stderr: Any  # where the progress bar and the refused rows go
    batch_rows: int
    bulk_min_bytes: int


@contextmanager
def _one_import_at_a_time() -> Iterator[None]:
    if connection.vendor != "postgresql":
        yield  # SQLite takes one writer at a time anyway
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [_LOCK_KEY])
        row = cursor.fetchone()
        if not (row and row[0]):
            raise RegistryImportError(
                RegistryImportErrorCode.ANOTHER_IMPORT_RUNNING,
                "別の取り込みが実行中です。終わってからやり直してください。",
            )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_LOCK_KEY])


def _import_file(file: ImportFile, options: Options) -> FileResult:
    result = FileResult(name=file.name)
    sha256 = file.sha256()
    runs = ImportRun.objects.filter(file_sha256=sha256)
    completed = runs.filter(status=ImportRun.Status.COMPLETED).order_by("-finished_at").first()
    if completed is not None and not options.force:
        finished = timezone.localtime(completed.finished_at or completed.updated_at)
        options.stdout.write(
            f"{file.name}: 取り込み済みのためスキップします（{finished:%Y-%m-%d %H:%M} に完了）。"
            "もう一度適用するには --force を指定してください。"
        )
        result.outcome = FileOutcome.SKIPPED
        return result
    run = runs.exclude(status=ImportRun.Status.COMPLETED).order_by("-created_at").first()
    if run is not None:
        result.outcome = FileOutcome.RESUMED
        options.stdout.write(
            f"{file.name}: 中断された取り込みを {run.lines_done + 1:,} 行目から再開します。"
        )
    else:
        run = ImportRun.objects.create(
            file_name=_stored_name(file),
            file_sha256=sha256,
            file_size=file.path.stat().st_size,
            status=ImportRun.Status.RUNNING,
        )
        if completed is not None:
            options.stdout.write(
                f"{file.name}: 取り込み済みですが、もう一度適用します（--force）。"
            )
    logger.info("registry import started", extra={"run_id": run.pk, "lines_done": run.lines_done})
    reader = FileReader(file, skip_lines=run.lines_done)
    with _Progress(file, options) as bar:
        try:
            in_bulk = (
                connection.vendor == "postgresql"
                and run.lines_done == 0
                and file.size >= options.bulk_min_bytes
                and bulk.tables_are_empty()
            )
            if not (in_bulk and _bulk(reader, run, result, bar)):
                _batches(reader, run, result, bar, options)
        except Exception:
            ImportRun.objects.filter(pk=run.pk).update(
                status=ImportRun.Status.FAILED, updated_at=timezone.now()
            )
            raise
    logger.info("registry import completed", extra={"run_id": run.pk})
    return result


def _stored_name(file: ImportFile) -> str:
    name = str(file.path)
    limit = ImportRun._meta.get_field("file_name").max_length or 255
    return name if len(name) <= limit else "…" + name[-(limit - 1) :]


def _batches(
    reader: FileReader, run: ImportRun, result: FileResult, bar: "_Progress", options: Options
) -> None:
    merger = Merger(connection)
    for chunk in prefetch(reader.chunks(chunk_rows=options.batch_rows, encode=merger.encode)):
        with transaction.atomic():
            merger.start()
            merger.load(chunk.rows)
            counts = merger.apply(len(chunk.rows))
            merger.finish()
            counts.rows_read = chunk.records
            counts.rows_rejected = len(chunk.rejections)
            _record(run, chunk, counts)
        result.add(counts)
        bar.advance(chunk)


def _bulk(reader: FileReader, run: ImportRun, result: FileResult, bar: "_Progress") -> bool:
    """Load the whole file in one transaction if the registry is empty; False if it is not."""

    def on_chunk(chunk: Chunk) -> None:
        _store_rejections(run, chunk)
        bar.advance(chunk)

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {bulk.VERSIONS}, {bulk.CORPORATIONS} IN EXCLUSIVE MODE")
        if not bulk.tables_are_empty():
            return False
        bar.describe("一括")
        chunks = prefetch(reader.chunks(chunk_rows=20_000, encode=bulk.encode_bulk))
        counts, lines_end = bulk.load(chunks, on_chunk)
        _finish(run, lines_end, counts)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {bulk.VERSIONS}")
        cursor.execute(f"ANALYZE {bulk.CORPORATIONS}")
    result.add(counts)
    return True


def _store_rejections(run: ImportRun, chunk: Chunk) -> None:
    if chunk.rejections:
        ImportRejection.objects.bulk_create(
            [
                ImportRejection(run=run, line_number=r.line, reason=r.reason, raw=r.raw)
                for r in chunk.rejections
            ],
            batch_size=1000,
        )


def _record(run: ImportRun, chunk: Chunk, counts: BatchCounts) -> None:
    """Store refused rows and the run's progress (inside the batch's transaction)."""
    _store_rejections(run, chunk)
    run.lines_done = chunk.lines_end
    run.rows_inserted += counts.rows_inserted
    run.rows_unchanged += counts.rows_unchanged
    run.rows_rejected += counts.rows_rejected
    fields = ["lines_done", "rows_inserted", "rows_unchanged", "rows_rejected", "updated_at"]
    if chunk.last:
        run.status = ImportRun.Status.COMPLETED
        run.finished_at = timezone.now()
        fields += ["status", "finished_at"]
    run.save(update_fields=fields)
    if chunk.last:
        _audit(run)


def _finish(run: ImportRun, lines_end: int, counts: BatchCounts) -> None:
    run.lines_done = lines_end
    run.rows_inserted = counts.rows_inserted
    run.rows_unchanged = counts.rows_unchanged
    run.rows_rejected = counts.rows_rejected
    run.status = ImportRun.Status.COMPLETED
    run.finished_at = timezone.now()
    run.save(
        update_fields=[
            "lines_done",
            "rows_inserted",
            "rows_unchanged",
            "rows_rejected",
            "status",
            "finished_at",
            "updated_at",
        ]
    )
    _audit(run)


def _audit(run: ImportRun) -> None:
    audit_record(
        action="registry.import_completed",
        target=run,
        data={
            "rows_inserted": run.rows_inserted,
            "rows_unchanged": run.rows_unchanged,
            "rows_rejected": run.rows_rejected,
        },
    )


class _Progress:
    """tqdm on stderr (bytes of CSV text, with rows/s), and the FILE:LINE: reason lines."""

    def __init__(self, file: ImportFile, options: Options) -> None:
        self.file = file
        self.options = options
        self.stream: TextIO = getattr(options.stderr, "_out", options.stderr)
        self.bar: tqdm[Any] | None = None
        self.rows = 0
        self.reported = 0
        self.refused = 0
        self.started = time.monotonic()
        self.position = 0

    def __enter__(self) -> "_Progress":
        if self.options.progress:
            self.bar = tqdm(
                total=self.file.size,
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                desc=self.file.path.name,
                file=self.stream,
                dynamic_ncols=True,
                leave=True,
            )
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()
        if self.refused > self.reported:
            self._print(
                f"{self.file.name}: ほかに {self.refused - self.reported:,} 行の不正な行があります"
                "（すべて ImportRejection に記録しました）。"
            )

    def describe(self, mode: str) -> None:
        if self.bar is not None:
            self.bar.set_description_str(f"{self.file.path.name}（{mode}）")

    def _print(self, line: str) -> None:
        if self.bar is not None:
            self.bar.clear()
            self.options.stderr.write(line)
            self.bar.refresh()
        else:
            self.options.stderr.write(line)

    def advance(self, chunk: Chunk) -> None:
        self.rows += chunk.records
        self.refused += len(chunk.rejections)
        for rejection in chunk.rejections:
            if self.reported >= REPORT_LIMIT:
                break
            self._print(f"{rejection.location}: {rejection.reason}")
            self.reported += 1
        if self.bar is not None:
            self.bar.update(chunk.bytes_read - self.position)
            self.position = chunk.bytes_read
            elapsed = time.monotonic() - self.started
            self.bar.set_postfix_str(
                f"{self.rows:,} 行, {self.rows / max(elapsed, 1e-9):,.0f} 行/s"
            )
