"""The Spark job (examples/spark) against the command line: the same coverage
JSON, byte for byte, on the example roster, on the roster fixtures it reads,
and on a generated roster of 200,000 rows spread over 8 partitions whose
deliberately invalid rows and second enrollments must be refused exactly as
the command line refuses them; and the same findings per row.

Spark runs in local mode (local[2]). Run by scripts/test:

    LIANJIAN_BIN=target/release/lianjian ROSTER_GEN=target/release/roster-gen \\
        .venv/bin/python -m pytest -q tests/spark
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-25"
RELEASE = ROOT / "target" / "release"
CLI = Path(os.environ.get("LIANJIAN_BIN", RELEASE / "lianjian"))
ROSTER_GEN = Path(os.environ.get("ROSTER_GEN", RELEASE / "roster-gen"))

os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
sys.path.insert(0, str(ROOT / "examples" / "spark"))

import lianjian_spark  # noqa: E402

OPTIONS = lianjian_spark.options_json(TODAY)


def cli(path: Path, *args: str) -> str:
    """`lianjian coverage PATH --format json` as printed."""
    done = subprocess.run(
        [str(CLI), "coverage", str(path), "--format", "json", "--today", TODAY, *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = lianjian_spark.session("lianjian-test")
    yield session
    session.stop()


def spark_answer(spark: Any, path: Path, partitions: int) -> str:
    """What scripts/spark-coverage prints for PATH (without its line break)."""
    read = lianjian_spark.read_roster(spark, str(path), partitions)
    assert read.df.rdd.getNumPartitions() == partitions
    return lianjian_spark.coverage(read.df, read.roster, OPTIONS, read.input)


def codes(answer: Dict[str, Any]) -> Dict[str, int]:
    found: Dict[str, int] = {}
    for row in answer["rejected"]:
        for finding in row["findings"]:
            found[finding["code"]] = found.get(finding["code"], 0) + 1
    return found


def test_the_script_prints_what_the_command_line_prints() -> None:
    roster = ROOT / "examples" / "data" / "roster.jsonl"
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "spark-coverage"), str(roster), "--today", TODAY, "--partitions", "3"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == cli(roster)
    assert json.loads(done.stdout)["input"]["rows"] > 0


def test_200000_generated_rows_in_8_partitions_as_the_command_line_counts_them(
    spark: Any, tmp_path: Path
) -> None:
    csv = tmp_path / "roster-200k.csv"
    made = subprocess.run(
        [str(ROSTER_GEN), "200000", str(csv), "--second-enrollments"], capture_output=True, text=True, check=True
    )
    counts = re.search(r"(\d+) invalid, (\d+) second enrollments", made.stderr)
    assert counts, made.stderr
    invalid, second = int(counts.group(1)), int(counts.group(2))
    assert invalid > 500 and second > 500

    expected = cli(csv)
    answer = spark_answer(spark, csv, 8)
    assert answer + "\n" == expected
    # Both refused every invalid row and every second enrollment, no other.
    parsed = json.loads(answer)
    assert parsed["totals"]["rejected_rows"] == invalid + second
    assert codes(parsed)["duplicate_enrollment"] == second
    assert parsed["input"] == {
        "format": "csv",
        "encoding": "utf-8",
        "bom": False,
        "delimiter": "comma",
        "header_rows": [1],
        "rows": 200000,
        "ignored_columns": ["备注"],
    }


@pytest.mark.parametrize(
    "fixture",
    ["gaps.jsonl", "chinese_headers.csv", "semicolon.csv", "tab_separated.csv", "scientific_notation.csv"],
)
def test_roster_fixtures_as_the_command_line_counts_them(spark: Any, fixture: str) -> None:
    # Not unicode_text.txt: UTF-16, which the job refuses (the command line reads it).
    path = ROOT / "tests" / "fixtures" / "roster" / fixture
    assert spark_answer(spark, path, 2) + "\n" == cli(path)


def test_utf16_is_refused_with_a_reason(spark: Any) -> None:
    with pytest.raises(ValueError, match="UTF-16"):
        lianjian_spark.read_roster(spark, str(ROOT / "tests" / "fixtures" / "roster" / "unicode_text.txt"), 2)


def test_the_findings_column_holds_the_command_line_findings(spark: Any) -> None:
    for path in [ROOT / "examples" / "data" / "roster.jsonl", ROOT / "tests" / "fixtures" / "roster" / "gaps.jsonl"]:
        expected = json.loads(cli(path))
        read = lianjian_spark.read_roster(spark, str(path), 2)
        checked = lianjian_spark.check(read.df, read.roster, OPTIONS, keep_json=True)
        rows = {r["row"]: r for r in checked.where("valid is not null").collect()}
        assert len(rows) == expected["input"]["rows"]
        listed: List[Dict[str, Any]] = expected["rejected"] + expected["warnings"]
        assert listed, "rows with findings to compare"
        for row in listed:
            if any(f["code"] == "duplicate_enrollment" for f in row["findings"]):
                continue  # a refusal of the count, not of the row
            got = rows[row["row"]]
            assert json.loads(got["findings_json"]) == row["findings"]
            assert got["valid"] == all(f["severity"] != "error" for f in row["findings"])
            # The struct column reads the same findings.
            assert [f["code"] for f in got["findings"]] == [f["code"] for f in row["findings"]]
        silent = [r for n, r in rows.items() if n not in {x["row"] for x in listed}]
        assert all(r["valid"] and r["findings"] == [] for r in silent)
