"""What an import did, file by file, and the Japanese summary printed at the end."""

from dataclasses import dataclass, field
from enum import StrEnum


class FileOutcome(StrEnum):
    IMPORTED = "imported"
    RESUMED = "resumed"
    SKIPPED = "skipped"


@dataclass
class FileResult:
    name: str
    outcome: FileOutcome = FileOutcome.IMPORTED
    rows_read: int = 0
    rows_inserted: int = 0  # new versions
    rows_unchanged: int = 0  # rows whose version was already stored
    rows_rejected: int = 0
    corporations_added: int = 0
    corporations_updated: int = 0

    def add(self, other: "BatchCounts") -> None:
        self.rows_read += other.rows_read
        self.rows_inserted += other.rows_inserted
        self.rows_unchanged += other.rows_unchanged
        self.rows_rejected += other.rows_rejected
        self.corporations_added += other.corporations_added
        self.corporations_updated += other.corporations_updated


@dataclass
class BatchCounts:
    rows_read: int = 0
    rows_inserted: int = 0
    rows_unchanged: int = 0
    rows_rejected: int = 0
    corporations_added: int = 0
    corporations_updated: int = 0


@dataclass
class ImportSummary:
    files: list[FileResult] = field(default_factory=list)
    elapsed: float = 0.0  # seconds

    def _total(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.files)

    @property
    def rows_read(self) -> int:
        return self._total("rows_read")

    @property
    def rows_inserted(self) -> int:
        return self._total("rows_inserted")

    @property
    def rows_unchanged(self) -> int:
        return self._total("rows_unchanged")

    @property
    def rows_rejected(self) -> int:
        return self._total("rows_rejected")

    @property
    def corporations_added(self) -> int:
        return self._total("corporations_added")

    @property
    def corporations_updated(self) -> int:
        return self._total("corporations_updated")

    @property
    def rows_per_second(self) -> float:
        return self.rows_read / self.elapsed if self.elapsed > 0 else 0.0

    def lines(self) -> list[str]:
        skipped = sum(1 for f in self.files if f.outcome == FileOutcome.SKIPPED)
        resumed = sum(1 for f in self.files if f.outcome == FileOutcome.RESUMED)
        applied = len(self.files) - skipped
        notes = [f"取り込み {applied}"]
        if resumed:
            notes.append(f"うち再開 {resumed}")
        if skipped:
            notes.append(f"スキップ {skipped}")
        return [
            "取り込みの結果:",
            f"  ファイル: {len(self.files):,}（{'、'.join(notes)}）",
            f"  読み込んだ行: {self.rows_read:,}",
            f"  新しい履歴: {self.rows_inserted:,}",
            f"  変更のない行: {self.rows_unchanged:,}",
            f"  法人: 追加 {self.corporations_added:,}、更新 {self.corporations_updated:,}",
            f"  不正な行: {self.rows_rejected:,}",
            f"  所要時間: {self.elapsed:,.1f} 秒（{self.rows_per_second:,.0f} 行/秒）",
        ]
