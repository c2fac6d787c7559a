"""The coverage report of a roster file, counted on Apache Spark, printed as
``lianjian coverage ROSTER --format json`` prints it (byte for byte).

    python examples/spark/coverage_job.py ROSTER [--today D] [--catalog F]
        [--lang zh-CN|en] [--partitions N] [--master local[2]]
        [--findings OUT]

    spark-submit ... examples/spark/coverage_job.py ROSTER ...   (see README.md)

With ``--findings OUT``, the rows' findings column is also written to OUT as
JSON lines (``{row, valid, findings}``). Timings go to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

# Executors started by a local master run the driver's Python, which has the
# lianjian wheel; a cluster says which Python its executors run (README.md).
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lianjian_spark  # noqa: E402


def china_today() -> str:
    return datetime.now(timezone(timedelta(hours=8))).date().isoformat()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roster", help="a JSON-lines or UTF-8 CSV roster (any path Spark reads)")
    parser.add_argument("--today", default=None, help="YYYY-MM-DD (default: today in China)")
    parser.add_argument("--catalog", default=None, help="a district's chain catalog (JSON)")
    parser.add_argument("--lang", default="zh-CN", choices=["zh-CN", "en"])
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--master", default=None, help="default: local[2], or what spark-submit set")
    parser.add_argument("--findings", default=None, help="also write each row's findings here (JSON lines)")
    args = parser.parse_args()

    catalog = None
    if args.catalog:
        catalog = json.loads(Path(args.catalog).read_text(encoding="utf-8"))
    options = lianjian_spark.options_json(args.today or china_today(), args.lang, catalog)

    started = time.perf_counter()
    spark = lianjian_spark.session("lianjian-coverage", args.master)
    try:
        ready = time.perf_counter()
        read = lianjian_spark.read_roster(spark, args.roster, args.partitions)
        answer = lianjian_spark.coverage(read.df, read.roster, options, read.input)
        counted = time.perf_counter()
        sys.stdout.write(answer + "\n")
        sys.stdout.flush()
        if args.findings:
            checked = lianjian_spark.check(read.df, read.roster, options, keep_json=True)
            rows = checked.where("valid is not null").orderBy("row").select("row", "valid", "findings_json")
            with open(args.findings, "w", encoding="utf-8") as out:
                for row in rows.toLocalIterator():
                    out.write(
                        json.dumps(
                            {"row": row["row"], "valid": row["valid"], "findings": json.loads(row["findings_json"])},
                            ensure_ascii=False,
                        )
                        + "\n"
                    )
        rows_counted = json.loads(answer).get("input", {}).get("rows", 0)
        print(
            f"lianjian-spark: session {ready - started:.1f} s, read + check + count {counted - ready:.1f} s "
            f"({rows_counted} rows, {rows_counted / max(counted - ready, 1e-9):,.0f} rows/s)",
            file=sys.stderr,
        )
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
