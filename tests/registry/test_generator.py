"""``madoguchi registry generate``: a synthetic file in the NTA bulk layout, the same for the same seed."""

import csv
import datetime as dt
import io
import itertools
import re
import zipfile
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from madoguchi.registry.generator import ZIP_MEMBER, generate_file, generate_rows
from madoguchi.registry.nta_format import NtaRow, format_line, parse_row
from madoguchi.registry.numbers import check_digit

ROWS = 3000


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("generator") / "sample.csv"
    assert generate_file(path, rows=ROWS, seed=7) == ROWS
    return path.read_bytes()


@pytest.fixture(scope="module")
def parsed(sample: bytes) -> list[NtaRow]:
    return [parse_row(fields) for fields in csv.reader(io.StringIO(sample.decode("utf-8")))]


def _versions(parsed: list[NtaRow]) -> list[list[NtaRow]]:
    return [list(group) for _, group in itertools.groupby(parsed, key=lambda r: r.corporate_number)]


def _municipalities() -> dict[tuple[str, str], tuple[str, str]]:
    """(prefecture code, city code) → (prefecture name, city name as the NTA writes it)."""
    text = resources.files("madoguchi.registry").joinpath("data", "municipalities.csv").read_text()
    return {
        (f"{int(row['pid']):02d}", row["lgcode"].zfill(6)[2:5]): (
            row["pref"],
            row["city"].replace(" ", ""),
        )
        for row in csv.DictReader(io.StringIO(text))
    }


def test_same_seed_gives_the_same_bytes_and_another_seed_another_file(tmp_path: Path) -> None:
    for name, seed in (("a.csv", 1), ("b.csv", 1), ("c.csv", 2)):
        generate_file(tmp_path / name, rows=400, seed=seed)
    a, b, c = ((tmp_path / name).read_bytes() for name in ("a.csv", "b.csv", "c.csv"))
    assert a == b
    assert a != c


def test_the_layout_is_the_nta_bulk_file(sample: bytes) -> None:
    assert not sample.startswith(b"\xef\xbb\xbf")  # no BOM
    lines = sample.decode("utf-8").split("\r\n")
    assert lines[-1] == ""  # every line ends with CRLF, the last one too
    lines = lines[:-1]
    assert len(lines) == ROWS
    assert "\n" not in "".join(lines)
    assert lines[0].startswith("1,")  # no header row
    for line, fields in zip(lines, csv.reader(lines), strict=True):
        assert len(fields) == 30
        assert format_line(fields) == line + "\r\n"  # free text quoted, codes and dates not


def test_every_row_parses_with_valid_numbers_and_sequence(
    sample: bytes, parsed: list[NtaRow]
) -> None:
    first_columns = [line.split(",", 1)[0] for line in sample.decode().split("\r\n")[:-1]]
    assert first_columns == [str(n) for n in range(1, ROWS + 1)]
    for row in parsed:
        for number in (row.corporate_number, row.values["successor_corporate_number"]):
            if number:
                assert len(number) == 13
                assert int(number[0]) == check_digit(number[1:])


@pytest.mark.parametrize("rows", [1, 2, 3, 7])
def test_exactly_the_rows_asked_for_even_mid_history(rows: int) -> None:
    out = list(generate_rows(rows, seed=3))
    assert len(out) == rows
    assert out[-1][23] == "1"  # the last row written of a corporation is its latest


def test_rows_are_streamed() -> None:
    first = next(generate_rows(10**12, seed=1))  # a trillion rows: only possible if lazy
    assert first[0] == "1"


def test_addresses_use_the_real_prefecture_and_city_codes(parsed: list[NtaRow]) -> None:
    municipalities = _municipalities()
    abroad = 0
    for row in parsed:
        v = row.values
        if v["address_outside"]:
            abroad += 1
            assert (v["prefecture_name"], v["city_name"], v["city_code"], v["post_code"]) == (
                ("", "", "", "")
            )
            continue
        assert municipalities[(v["prefecture_code"], v["city_code"])] == (
            v["prefecture_name"],
            v["city_name"],
        )
        assert re.fullmatch(r"\d{7}", v["post_code"])
        assert re.search(r"[０-９]", v["street_number"])
        assert not re.search(r"[0-9-]", v["street_number"])  # digits and hyphens are full-width
        if v["en_name"]:
            assert v["en_prefecture_name"].isascii() and v["en_city_name"].isascii()
    assert abroad > 0
    cities = {row.values["city_name"] for row in parsed}
    assert not any(" " in name for name in cities)
    assert any(re.fullmatch(r".+市.+区", name) for name in cities)  # 札幌市中央区, no space


def test_kinds_are_mixed_like_the_registry(parsed: list[NtaRow]) -> None:
    corporations = _versions(parsed)
    kinds = Counter(versions[0].values["kind"] for versions in corporations)
    share = {kind: count / len(corporations) for kind, count in kinds.items()}
    assert 0.40 < share["301"] < 0.56
    assert 0.20 < share["302"] < 0.34
    assert 0.08 < share["399"] < 0.18
    assert 0.03 < share["305"] < 0.11
    assert {"303", "304", "401", "499"} <= set(kinds)


def test_names_furigana_and_english(sample: bytes, parsed: list[NtaRow]) -> None:
    names = [row.values for row in parsed]
    for v in names:
        assert re.fullmatch(r"[ァ-ヴー]+", v["furigana"]), v["furigana"]
        for form, reading in (("株式会社", "カブシキガイシャ"), ("合同会社", "ゴウドウガイシャ")):
            if v["name"].startswith(form) or v["name"].endswith(form):
                assert reading not in v["furigana"]  # the legal form is not part of the furigana
    kk = [v for v in names if v["kind"] == "301"]
    assert any(v["name"].startswith("株式会社") for v in kk)  # 前株
    assert any(v["name"].endswith("株式会社") for v in kk)  # 後株
    assert any(v["name"].startswith("一般社団法人") for v in names)
    assert any(v["en_name"] for v in names) and any(not v["en_name"] for v in names)
    quoted = [v["en_name"] for v in names if '"' in v["en_name"]]
    assert quoted, "some English names contain double quotes"
    assert ('"' + quoted[0].replace('"', '""') + '"').encode() in sample  # doubled in the file


def test_histories_renames_moves_closures_and_mergers(parsed: list[NtaRow]) -> None:
    corporations = _versions(parsed)
    numbers = [versions[0].corporate_number for versions in corporations]
    assert len(numbers) == len(set(numbers))  # each corporation's versions are consecutive
    assert max(len(versions) for versions in corporations) >= 3
    first, last = dt.date(2015, 10, 5), dt.date(2026, 10, 31)
    for versions in corporations:
        values = [row.values for row in versions]
        assert values[0]["process"] == "01"
        assert [v["latest"] for v in values] == [False] * (len(values) - 1) + [True]
        assert len({v["assignment_date"] for v in values}) == 1
        for older, newer in itertools.pairwise(values):
            assert older["update_date"] < newer["update_date"]
            assert older["update_date"] <= newer["change_date"]
        for v in values:
            assert first <= v["change_date"] <= v["update_date"] <= last
    processes = Counter(row.values["process"] for row in parsed)
    assert {"01", "11", "12", "21", "71"} <= set(processes)
    assert processes["01"] == len(corporations)
    for row in parsed:
        v = row.values
        if v["process"] == "21":
            assert v["close_date"] == v["change_date"]
            assert v["close_cause"] in {"01", "21", "31"}
        if v["process"] == "71":
            assert v["close_cause"] == "11" and v["close_date"]
            assert v["successor_corporate_number"] in numbers
            assert v["successor_corporate_number"] != v["corporate_number"]
    assert Counter(row.values["assignment_date"] for row in parsed).most_common(1)[0][0] == first


def test_the_command_writes_a_csv_file(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    out = io.StringIO()
    call_command("registry", "generate", "--rows", "50", "--seed", "1", "-o", str(path), stdout=out)
    assert path.read_bytes().count(b"\r\n") == 50
    assert "50 行" in out.getvalue()
    assert not list(tmp_path.glob("*.part"))


def test_the_command_refuses_zero_rows(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="--rows は 1 以上"):
        call_command("registry", "generate", "--rows", "0", "-o", str(tmp_path / "x.csv"))


def test_zip_output_holds_one_nta_named_member_and_is_reproducible(tmp_path: Path) -> None:
    call_command(
        "registry", "generate", "--rows", "200", "--seed", "5", "-o", str(tmp_path / "a.zip")
    )
    generate_file(tmp_path / "b.zip", rows=200, seed=5)
    generate_file(tmp_path / "c.csv", rows=200, seed=5)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        assert archive.namelist() == [ZIP_MEMBER]
        assert re.fullmatch(r"00_zenkoku_all_\d{8}\.csv", ZIP_MEMBER)
        assert archive.read(ZIP_MEMBER) == (tmp_path / "c.csv").read_bytes()
