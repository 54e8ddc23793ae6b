"""``madoguchi registry import``: NTA full and difference files into the registry, as an operator sees it."""

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from madoguchi.core.text import SQL_NORMALIZE, normalize_for_search
from madoguchi.registry.enums import Process
from madoguchi.registry.importer import RegistryImportError, RegistryImportErrorCode, import_paths
from madoguchi.registry.importer.files import FileKind, open_file, order_files
from madoguchi.registry.importer.rows import RowChecker, fold
from madoguchi.registry.models import Corporation, CorporationVersion, ImportRejection, ImportRun
from madoguchi.registry.nta_format import (
    FIELD_NAMES,
    RECORD_FIELDS,
    RowError,
    fingerprint,
    format_line,
    parse_row,
)
from madoguchi.registry.numbers import is_valid_corporate_number
from madoguchi.registry.searchtext import search_fields, sql_search_name, sql_search_text
from tests.registry.factories import corporate_number_from

pytestmark = pytest.mark.django_db

A, B, C, D, E, F = (corporate_number_from(500_000_000 + i) for i in range(6))
_POSITION = {name: i for i, name in enumerate(FIELD_NAMES)}


def row(number: str, day: str = "2024-04-01", **values: str) -> list[str]:
    """One row of the NTA file: a 株式会社 in 千代田区, changed and updated on ``day``."""
    fields = [""] * 30
    defaults = {
        "sequence_number": "1",
        "corporate_number": number,
        "process": "01",
        "correct": "0",
        "update_date": day,
        "change_date": day,
        "name": f"株式会社{number[-4:]}",
        "kind": "301",
        "prefecture_name": "東京都",
        "city_name": "千代田区",
        "street_number": "霞が関１丁目３－１",
        "prefecture_code": "13",
        "city_code": "101",
        "post_code": "1000013",
        "assignment_date": "2015-10-05",
        "latest": "1",
        "furigana": "テスト",
        "hihyoji": "0",
    }
    for name, value in {**defaults, **values}.items():
        fields[_POSITION[name]] = value
    return fields


def write(path: Path, rows: list[list[str]], *, bom: bool = False) -> Path:
    text = "".join(format_line(r) for r in rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def run(*paths: Path, force: bool = False) -> tuple[str, str]:
    """Run the command as an operator would; returns (stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    args = ["registry", "import", *map(str, paths), "--no-progress"]
    if force:
        args.append("--force")
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def corporation(number: str) -> Corporation:
    return Corporation.objects.get(corporate_number=number)


def snapshot() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every column of every corporation, and every version (id, number, fingerprint, latest)."""
    fields = [f.attname for f in Corporation._meta.concrete_fields]
    corporations = list(Corporation.objects.order_by("corporate_number").values_list(*fields))
    versions = list(
        CorporationVersion.objects.order_by("id").values_list(
            "id", "corporate_number", "fingerprint", "latest", "search_name"
        )
    )
    return corporations, versions


def assert_consistent() -> None:
    """Every corporation has exactly one version marked latest, with the same content."""
    latest = {
        v.corporate_number: v for v in CorporationVersion.objects.filter(latest=True).order_by("id")
    }
    assert CorporationVersion.objects.filter(latest=True).count() == len(latest)
    for corp in Corporation.objects.all():
        values = {f: getattr(corp, f) for f in RECORD_FIELDS}
        assert latest[corp.corporate_number].fingerprint == fingerprint(values)
        expected = search_fields(name=corp.name, furigana=corp.furigana, en_name=corp.en_name)
        assert (corp.search_name, corp.search_text) == (
            expected["search_name"],
            expected["search_text"],
        )
        assert corp.is_deleted == (corp.process == Process.DELETION)
    assert set(latest) == set(Corporation.objects.values_list("corporate_number", flat=True))


# --- full files, re-import ------------------------------------------------------------------


def test_a_full_file_is_imported_with_history_and_search_columns(tmp_path: Path) -> None:
    path = write(
        tmp_path / "00_zenkoku_all_20240331.csv",
        [
            row(A, "2015-10-05", name="株式会社あおぞら", latest="0", furigana="アオゾラ"),
            row(
                A,
                "2020-06-01",
                process="11",
                name="株式会社 ＳＯＲＡ",
                furigana="ソラ",
                en_name="SORA Inc.",
            ),
            row(B, "2015-10-05", name="ﾐﾄﾞﾘ合同会社", kind="305"),
            row(C, "2016-01-04", name="一般社団法人ほし", kind="399"),
        ],
    )
    out, err = run(path)

    assert err == ""
    assert "  読み込んだ行: 4" in out
    assert "  新しい履歴: 4" in out
    assert "  法人: 追加 3、更新 0" in out
    assert "  不正な行: 0" in out
    a = corporation(A)
    assert (a.name, a.process, a.update_date) == ("株式会社 ＳＯＲＡ", "11", dt.date(2020, 6, 1))
    assert a.search_name == "株式会社sora"
    assert a.search_text == "株式会社sora ソラ sorainc."
    assert corporation(B).search_name == "ミドリ合同会社"
    assert corporation(C).search_name == "一般社団法人ホシ"
    assert list(
        CorporationVersion.objects.filter(corporate_number=A).values_list("name", "latest")
    ) == [("株式会社あおぞら", False), ("株式会社 ＳＯＲＡ", True)]
    run_ = ImportRun.objects.get()
    assert (run_.status, run_.lines_done, run_.rows_inserted) == ("completed", 4, 4)
    assert_consistent()


def test_importing_a_file_again_changes_nothing_and_says_it_was_skipped(tmp_path: Path) -> None:
    path = write(
        tmp_path / "diff_20240410.csv",
        [row(A), row(B), row(A, "2024-04-10", process="12", city_name="港区", city_code="103")],
    )
    run(path)
    before = snapshot()

    out, _ = run(path)
    assert f"{path}: 取り込み済みのためスキップします" in out
    assert "--force を指定してください" in out
    assert "  ファイル: 1（取り込み 0、スキップ 1）" in out
    assert snapshot() == before

    out, _ = run(path, force=True)
    assert f"{path}: 取り込み済みですが、もう一度適用します（--force）。" in out
    assert "  新しい履歴: 0" in out
    assert "  変更のない行: 3" in out
    assert "  法人: 追加 0、更新 0" in out
    assert snapshot() == before
    assert ImportRun.objects.filter(status="completed").count() == 2


# --- difference files and order ---------------------------------------------------------------


def _history(tmp_path: Path) -> list[Path]:
    """A full file and three daily differences: rename, move, closure, merger, deletion, revival."""
    full = write(
        tmp_path / "00_zenkoku_all_20240331.csv",
        [row(n, "2015-10-05") for n in (A, B, C, D, E)],
    )
    first = write(
        tmp_path / "diff_20240410.csv",
        [
            row(A, "2024-04-10", process="11", name="株式会社新社名"),
            row(B, "2024-04-10", process="12", city_name="港区", city_code="103"),
            row(F, "2024-04-10"),
        ],
    )
    second = write(
        tmp_path / "diff_20240420.csv",
        [
            row(C, "2024-04-20", process="21", close_date="2024-04-15", close_cause="01"),
            row(
                D,
                "2024-04-20",
                process="71",
                close_date="2024-04-18",
                close_cause="11",
                successor_corporate_number=B,
            ),
            row(E, "2024-04-20", process="99"),
        ],
    )
    third = write(tmp_path / "diff_20240501.csv", [row(C, "2024-05-01", process="22")])
    return [full, first, second, third]


def test_difference_files_apply_after_the_full_file_in_date_order(tmp_path: Path) -> None:
    full, first, second, third = _history(tmp_path)

    out, _ = run(third, first, full, second)  # the order on the command line does not matter

    assert "  ファイル: 4（取り込み 4）" in out
    assert corporation(A).name == "株式会社新社名"
    assert corporation(A).search_name == "株式会社新社名"
    assert (corporation(B).city_name, corporation(B).city_code) == ("港区", "103")
    c = corporation(C)
    assert (c.process, c.close_date, c.close_cause) == ("22", None, "")  # closed, then revived
    d = corporation(D)
    assert (d.process, d.close_cause, d.successor_corporate_number) == ("71", "11", B)
    assert d.close_date == dt.date(2024, 4, 18)
    assert corporation(E).is_deleted
    assert not corporation(A).is_deleted
    assert corporation(F).process == "01"
    assert CorporationVersion.objects.filter(corporate_number=C).count() == 3
    assert_consistent()


def test_files_applied_out_of_order_never_regress(tmp_path: Path) -> None:
    full, first, second, third = _history(tmp_path)
    run(full, first, second, third)
    expected = snapshot()[0]

    run(third)  # already applied: skipped
    run(second, force=True)  # the closure of C is older than its revival
    run(full, force=True)  # every row of the full file is older than the differences

    assert snapshot()[0] == expected
    assert corporation(C).process == "22"
    assert_consistent()


def test_an_older_difference_imported_later_adds_its_version_but_not_its_state(
    tmp_path: Path,
) -> None:
    full, _, second, third = _history(tmp_path)
    run(full)
    run(third)  # the revival of C (2024-05-01) first
    run(second)  # then the closure (2024-04-20), seen later

    c = corporation(C)
    assert (c.process, c.update_date) == ("22", dt.date(2024, 5, 1))
    assert list(
        CorporationVersion.objects.filter(corporate_number=C)
        .order_by("update_date")
        .values_list("process", "latest")
    ) == [("01", False), ("21", False), ("22", True)]
    assert corporation(D).process == "71"
    assert_consistent()


def test_events_of_one_day_rank_by_process_then_by_file_order(tmp_path: Path) -> None:
    day = "2024-06-03"
    path = write(
        tmp_path / "diff_20240603.csv",
        [
            row(A, day, process="99"),  # deletion outranks a name change of the same day
            row(A, day, process="11", name="株式会社後"),
            row(B, day, process="11", name="株式会社甲"),  # same rank: the later row wins
            row(B, day, process="12", name="株式会社乙"),
            row(C, day, process="11", name="株式会社丙", change_date="2024-06-01"),
            row(C, day, process="12", name="株式会社丁", change_date="2024-05-31"),
        ],
    )
    run(path)

    assert corporation(A).is_deleted
    assert corporation(B).name == "株式会社乙"
    assert corporation(C).name == "株式会社丙"  # the later change date wins
    run(path, force=True)
    assert corporation(B).name == "株式会社乙"
    assert_consistent()


def test_rows_not_marked_latest_only_add_versions(tmp_path: Path) -> None:
    run(write(tmp_path / "diff_20240401.csv", [row(A, "2024-04-01")]))
    path = write(
        tmp_path / "diff_20240501.csv",
        [
            row(A, "2024-05-01", process="11", name="株式会社過去", latest="0"),
            row(B, "2024-05-01", latest="0"),
        ],
    )
    out, _ = run(path)

    assert "  新しい履歴: 2" in out
    assert "  法人: 追加 0、更新 0" in out
    assert corporation(A).name == f"株式会社{A[-4:]}"
    assert not Corporation.objects.filter(corporate_number=B).exists()
    assert CorporationVersion.objects.filter(corporate_number=B, latest=False).count() == 1
    assert_consistent()


def test_a_version_first_seen_as_history_becomes_current_when_marked_latest(
    tmp_path: Path,
) -> None:
    later = row(A, "2024-05-01", process="12", city_name="港区", city_code="103")
    as_history = row(A, "2024-05-01", process="12", city_name="港区", city_code="103", latest="0")
    run(write(tmp_path / "a.csv", [row(A, "2024-04-01"), as_history]))
    assert corporation(A).city_name == "千代田区"

    out, _ = run(write(tmp_path / "b.csv", [later]))

    assert "  新しい履歴: 0" in out
    assert "  法人: 追加 0、更新 1" in out
    assert corporation(A).city_name == "港区"
    assert list(
        CorporationVersion.objects.filter(corporate_number=A)
        .order_by("id")
        .values_list("city_name", "latest")
    ) == [("千代田区", False), ("港区", True)]
    assert_consistent()


def test_a_newer_latest_row_marks_the_earlier_versions_not_latest(tmp_path: Path) -> None:
    run(write(tmp_path / "a.csv", [row(A, "2024-04-01")]))
    run(write(tmp_path / "b.csv", [row(A, "2024-05-01", process="12", city_name="港区")]))

    assert list(
        CorporationVersion.objects.filter(corporate_number=A)
        .order_by("id")
        .values_list("city_name", "latest")
    ) == [("千代田区", False), ("港区", True)]
    assert_consistent()


# --- what the files look like -----------------------------------------------------------------


def _reason(fields: list[str]) -> str:
    with pytest.raises(RowError) as error:
        parse_row(fields)
    return str(error.value)


def _errors(*paths: Path, force: bool = False) -> list[str]:
    """Run an import that must fail; returns the lines it wrote on stderr."""
    out, err = io.StringIO(), io.StringIO()
    args = [
        "registry",
        "import",
        *map(str, paths),
        "--no-progress",
        *(["--force"] if force else []),
    ]
    with pytest.raises(CommandError) as error:
        call_command(*args, stdout=out, stderr=err)
    assert error.value.returncode == 1
    return err.getvalue().splitlines()


def test_malformed_rows_are_reported_with_file_line_and_reason(tmp_path: Path) -> None:
    wrong_check_digit = row(D)
    wrong_check_digit[1] = ("2" if D[0] == "1" else "1") + D[1:]
    unclosed = format_line(row(B)).replace('"テスト",0', '"テスト,0')
    undecodable = format_line(row(F, name="株式会社X")).encode("utf-8").replace(b"X", b"\xff")
    path = tmp_path / "diff_20240401.csv"
    path.write_bytes(
        "".join(
            [
                format_line(row(A)),  # 1
                format_line(wrong_check_digit),  # 2
                format_line(row(E, process="55")),  # 3
                "1,2,3\r\n",  # 4
                format_line(row(E, "2024-13-01")),  # 5
                unclosed,  # 6
                format_line(row(C)),  # 7
            ]
        ).encode("utf-8")
        + undecodable  # 8
    )

    errors = _errors(path)

    assert errors == [
        f"{path}:2: {_reason(wrong_check_digit)}",
        f"{path}:3: 処理区分（process）「55」はコード表にありません",
        f"{path}:4: 列の数が 3 です（30 列のはずです）",
        f"{path}:5: updateDate の日付「2024-13-01」が YYYY-MM-DD の形ではありません",
        f'{path}:6: 引用符（"）が閉じていません（行の終わりまでに閉じる " がありません）',
        f"{path}:8: UTF-8 として読めないバイトがあります",
    ]
    assert "corporateNumber" in errors[0]
    assert sorted(Corporation.objects.values_list("corporate_number", flat=True)) == sorted([A, C])
    run_ = ImportRun.objects.get()
    assert (run_.status, run_.rows_rejected, run_.rows_inserted, run_.lines_done) == (
        "completed",
        6,
        2,
        8,
    )
    rejections = list(ImportRejection.objects.order_by("line_number"))
    assert [r.line_number for r in rejections] == [2, 3, 4, 5, 6, 8]
    assert rejections[2].raw == "1,2,3"
    assert rejections[5].raw.startswith("1,") and "\ufffd" in rejections[5].raw
    assert_consistent()


def test_broken_quoting_inside_a_line_is_refused_and_the_next_line_still_read(
    tmp_path: Path,
) -> None:
    broken = format_line(row(A)).replace('"東京都"', '"東京都"x')
    path = tmp_path / "diff.csv"
    path.write_text(broken + format_line(row(B)), encoding="utf-8")

    assert _errors(path) == [
        f'{path}:1: 引用符（"）の使い方が正しくありません（閉じる " のあとに区切りの , がありません）'
    ]
    assert list(Corporation.objects.values_list("corporate_number", flat=True)) == [B]


def test_nul_characters_and_bare_carriage_returns_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "diff.csv"
    path.write_text(
        format_line(row(A, name="株式会社\x00")) + "1,2\r3,4\r\n" + format_line(row(B)),
        encoding="utf-8",
    )

    assert _errors(path) == [
        f"{path}:1: NUL 文字（\\x00）が含まれています",
        f"{path}:2: 引用符で囲まれていない値の中に改行文字（CR）があります",
    ]
    assert list(Corporation.objects.values_list("corporate_number", flat=True)) == [B]
    assert ImportRejection.objects.order_by("line_number")[0].raw.endswith(
        '株式会社\ufffd",,301,"東京都","千代田区","霞が関１丁目３－１",,13,101,1000013,,,,,,,2015-10-05,1,,,,,"テスト",0'
    )


def test_the_progress_bar_goes_to_stderr_with_rows_per_second(tmp_path: Path) -> None:
    path = write(tmp_path / "diff.csv", [row(A), row(B)])
    out, err = io.StringIO(), io.StringIO()

    call_command("registry", "import", str(path), stdout=out, stderr=err)

    assert "diff.csv" in err.getvalue()
    assert "2 行" in err.getvalue() and "行/s" in err.getvalue()
    assert "行/s" not in out.getvalue()


def test_a_database_limit_the_layout_does_not_check_is_refused_by_name(tmp_path: Path) -> None:
    path = write(tmp_path / "diff.csv", [row(A, name_image_id="123456789"), row(B)])

    assert _errors(path) == [f"{path}:1: nameImageId「123456789」は 8 文字以内のはずです"]
    assert Corporation.objects.count() == 1


def test_a_zip_of_several_csv_files_is_one_file(tmp_path: Path) -> None:
    path = tmp_path / "diff_20240410.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("b.csv", format_line(row(B)) + format_line(row(C, process="77")))
        archive.writestr("a.csv", format_line(row(A)))
        archive.writestr("readme.txt", "not a csv")

    errors = _errors(path)

    assert errors == [f"{path}/b.csv:2: 処理区分（process）「77」はコード表にありません"]
    assert sorted(Corporation.objects.values_list("corporate_number", flat=True)) == sorted([A, B])
    assert list(ImportRejection.objects.values_list("line_number", flat=True)) == [3]
    out, _ = run(path)
    assert "取り込み済みのためスキップします" in out


def test_a_byte_order_mark_and_blank_lines_are_tolerated(tmp_path: Path) -> None:
    path = write(tmp_path / "diff.csv", [row(A), row(B)], bom=True)
    path.write_bytes(path.read_bytes() + b"\r\n")

    out, _ = run(path)

    assert "  読み込んだ行: 2" in out
    assert corporation(A).name == f"株式会社{A[-4:]}"


def test_rows_of_the_older_28_column_layout_are_read(tmp_path: Path) -> None:
    old = row(A)[:28]
    (tmp_path / "old.csv").write_text(format_line(old), encoding="utf-8")

    run(tmp_path / "old.csv")

    assert (corporation(A).furigana, corporation(A).hihyoji) == ("", False)


def test_values_with_tabs_backslashes_and_quotes_are_kept(tmp_path: Path) -> None:
    name = '株式会社\\円\t"引用"'
    run(write(tmp_path / "diff.csv", [row(A, name=name, en_name='A "B" \\ C')]))

    assert corporation(A).name == name
    assert corporation(A).en_name == 'A "B" \\ C'
    assert_consistent()


def test_a_missing_file_is_an_error_before_anything_is_imported(tmp_path: Path) -> None:
    good = write(tmp_path / "diff.csv", [row(A)])

    with pytest.raises(RegistryImportError, match=r"missing\.csv: ファイルがありません。") as error:
        run(good, tmp_path / "missing.csv")

    assert error.value.code == RegistryImportErrorCode.MISSING
    assert not Corporation.objects.exists()


def test_files_are_ordered_full_first_then_differences_by_date(tmp_path: Path) -> None:
    names = ["diff_20240420.zip", "13_tokyo_all_20240331.csv", "diff_20240410.csv", "x.csv"]
    for name in names:
        if name.endswith(".zip"):
            with zipfile.ZipFile(tmp_path / name, "w") as archive:
                archive.writestr("diff_20240420.csv", format_line(row(A)))
        else:
            write(tmp_path / name, [row(A, "2024-04-15")])

    ordered = order_files([tmp_path / n for n in names])

    assert [f.path.name for f in ordered] == [
        "13_tokyo_all_20240331.csv",
        "diff_20240410.csv",
        "x.csv",  # no date in the name: its latest updateDate, 2024-04-15
        "diff_20240420.zip",
    ]
    assert open_file(tmp_path / names[1]).kind == FileKind.FULL
    assert ordered[2].date == dt.date(2024, 4, 15)


# --- a generated registry ------------------------------------------------------------------


def _generated(tmp_path: Path, rows: int = 3000) -> Path:
    from madoguchi.registry.generator import generate_file

    path = tmp_path / "00_zenkoku_all_20260331.zip"
    generate_file(path, rows=rows, seed=11)
    return path


def test_a_generated_registry_imports_and_imports_again_without_change(tmp_path: Path) -> None:
    path = _generated(tmp_path)

    out, err = run(path)

    assert err == ""
    assert "  読み込んだ行: 3,000" in out
    assert "  新しい履歴: 3,000" in out
    assert CorporationVersion.objects.count() == 3000
    assert Corporation.objects.count() == CorporationVersion.objects.filter(latest=True).count()
    assert_consistent()
    before = snapshot()
    run(path, force=True)
    assert snapshot() == before


@pytest.mark.postgres
def test_the_bulk_load_of_an_empty_registry_gives_what_batches_give(tmp_path: Path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the bulk load (COPY into the tables) is for PostgreSQL")
    path = _generated(tmp_path, rows=2000)
    import_paths([path], force=False, progress=False, stdout=io.StringIO(), stderr=io.StringIO())
    batched = snapshot()
    Corporation.objects.all().delete()
    CorporationVersion.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename LIKE 'registry_corp%'")
        indexes = sorted(cursor.fetchall())

    summary = import_paths(
        [path],
        force=True,
        progress=True,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        bulk_min_bytes=0,
    )

    assert summary.rows_inserted == 2000
    bulk = snapshot()
    assert bulk[0] == batched[0]
    assert [v[1:] for v in bulk[1]] == [v[1:] for v in batched[1]]
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename LIKE 'registry_corp%'")
        assert sorted(cursor.fetchall()) == indexes
    assert_consistent()


@pytest.mark.postgres
def test_the_bulk_load_ranks_repeated_rows_as_batches_do(tmp_path: Path) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the bulk load (COPY into the tables) is for PostgreSQL")
    rows = [
        row(A, "2024-04-01"),
        row(A, "2024-04-01"),  # the same version twice
        row(B, "2024-05-01", process="12", city_name="港区"),
        row(B, "2024-04-01"),  # two rows marked latest: the later date wins
    ]
    path = write(tmp_path / "all.csv", rows)

    summary = import_paths(
        [path],
        force=False,
        progress=False,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        bulk_min_bytes=0,
    )

    assert (summary.rows_inserted, summary.rows_unchanged) == (3, 1)
    assert corporation(B).city_name == "港区"
    assert_consistent()


# --- the checks and the folding agree with their references -----------------------------------

_FIELD_TEXT = st.one_of(
    st.sampled_from(["", "0", "1", "01", "11", "22", "99", "301", "13", "101", "1000013"]),
    st.sampled_from(["2024-04-01", "2024-02-30", "20240401", "2024-4-1", "２０２４-04-01"]),
    st.sampled_from([A, B, "1234567890123", "７" + A[1:], A[:4] + "-" + A[4:], "abc"]),
    st.text(max_size=12),
)


_ONE_FILE = RowChecker()  # a checker that has seen every earlier example, as in one long file


@settings(max_examples=1500, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 29), _FIELD_TEXT), max_size=4), st.booleans())
def test_the_fast_row_check_agrees_with_parse_row(
    changes: list[tuple[int, str]], short: bool
) -> None:
    fields = row(A, "2020-01-01", name="株式会社あ", successor_corporate_number=B)
    for position, text in changes:
        fields[position] = text
    if short:
        fields = fields[:28]
    try:
        expected = parse_row(list(fields))
    except RowError as error:
        for checker in (RowChecker(), _ONE_FILE):
            with pytest.raises(RowError, match="^" + re.escape(str(error)) + "$"):
                checker.check(list(fields), 1)
        return
    try:
        record, _ = RowChecker().check(list(fields), 7)
        assert _ONE_FILE.check(list(fields), 7)[0] == record
    except RowError as error:  # only the database limits parse_row leaves out
        assert "文字以内のはずです" in str(error) or "NUL" in str(error)
        return
    assert record[0] == "7"
    values = expected.values
    assert record[1:30] == [
        ""
        if values[f] is None
        else ("1" if values[f] else "0")
        if isinstance(values[f], bool)
        else str(values[f])
        for f in RECORD_FIELDS
    ]
    assert record[30] == expected.fingerprint


_JAPANESE = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x3040, max_codepoint=0x30FF),  # hiragana, katakana
        st.characters(min_codepoint=0xFF01, max_codepoint=0xFF9F),  # full-width ASCII, half kana
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),  # kanji
        st.sampled_from(list(" \u3000\t・･ーｰ－-.,&'")),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    ),
    max_size=24,
)


@given(st.one_of(_JAPANESE, st.text(max_size=24)))
def test_the_importers_folding_is_normalize_for_search(text: str) -> None:
    assert fold(text) == normalize_for_search(text)


@pytest.mark.postgres
@settings(max_examples=200, deadline=None)
@given(name=_JAPANESE, furigana=_JAPANESE, en_name=_JAPANESE)
def test_postgresql_folds_search_columns_as_python_does(
    name: str, furigana: str, en_name: str
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the SQL folding runs on PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {SQL_NORMALIZE % '%s'}, {sql_search_name('%s')}, "
            f"{sql_search_text('%s', '%s', '%s')}",
            [name, name, name, furigana, en_name],
        )
        folded, search_name, search_text = cursor.fetchone()
    expected = search_fields(name=name, furigana=furigana, en_name=en_name)
    assert folded == normalize_for_search(name)
    assert (search_name, search_text) == (expected["search_name"], expected["search_text"])


@given(st.integers(0, 10**12 - 1))
def test_the_fast_check_digit_is_the_reference_one(base: int) -> None:
    number = corporate_number_from(base)
    wrong = str(int(number[0]) % 9 + 1) + number[1:]
    checker = RowChecker()
    assert checker._known_number(number)
    assert checker._known_number(wrong) == is_valid_corporate_number(wrong)
