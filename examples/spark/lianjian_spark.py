"""lianjian on Apache Spark: enrollment rows of a DataFrame checked with the
same findings as every other binding, and the coverage report of a roster too
large for one machine, equal byte for byte to ``lianjian coverage``.

The rules are the Rust core's, through the ``lianjian`` Python package
(installed on the driver and every executor). Spark moves the rows; each
executor checks whole Arrow batches in Rust with the interpreter released
(``mapInArrow``), never row by row in Python:

- ``check(df, roster)`` adds ``valid`` and ``findings`` (an array of
  ``{code, severity, path, params, message}``; ``params`` as JSON text).
- ``coverage(df, roster, options)`` counts each partition into a
  ``CoveragePartial``, merges the partials in a tree (``treeReduce``) and
  finishes the answer on the driver. Partials merge exactly in any order, so
  the partitioning changes nothing: a second enrollment of an enterprise
  found only when two partitions' partials meet is refused as the command
  line refuses it.

A DataFrame of rows has a ``row`` column (the row number a person sees: the
file's line) and either a ``record`` column (an enrollment record as JSON
text) or the roster's own columns, named by its header in Chinese or English
(``企业名称``, ``统一社会信用代码``, ``产业链``…), every cell text.
``read_roster(spark, path)`` makes one from a JSON-lines or CSV file, numbered
as the command line numbers it, with the ``input`` object it prints.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

import lianjian
import pyarrow as pa
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import BooleanType, LongType, StringType, StructField, StructType

ROW = "row"
RECORD = "record"
LINE = "line"

#: The findings column, as ``from_json`` reads the findings' JSON text.
FINDINGS_SCHEMA = "array<struct<code:string,severity:string,path:string,params:string,message:string>>"

#: Delimiters tried when looking for a CSV header, in the command line's order.
DELIMITERS = (("comma", ","), ("tab", "\t"), ("semicolon", ";"))

#: Lines read from the top of a CSV file when looking for its header.
HEAD_LINES = 200


def options_json(today: str, lang: str = "zh-CN", catalog: Optional[Dict[str, Any]] = None) -> str:
    """The options every executor checks with: give ``today``, so that every
    partition (and the command line) checks against the same date."""
    options: Dict[str, Any] = {"lang": lang, "today": today}
    if catalog is not None:
        options["catalog"] = catalog
    return json.dumps(options, ensure_ascii=False)


@dataclass
class Roster:
    """How the rows of a DataFrame are read: JSON records, roster columns
    named by a header, or (from ``read_roster``) CSV lines split with a
    delimiter under a header found in the file."""

    kind: str  # "records", "columns", "json_lines" or "csv_lines"
    headers: List[str] = field(default_factory=list)
    delimiter: str = ","
    #: ``Roster.find`` readings: the header rows as read (CSV lines only).
    header_readings: List[List[List[str]]] = field(default_factory=list)

    @staticmethod
    def records() -> "Roster":
        """Rows are enrollment records as JSON text in a ``record`` column."""
        return Roster("records")

    @staticmethod
    def columns(headers: Sequence[str]) -> "Roster":
        """Rows are the roster's columns named ``headers`` (a one-row header)."""
        return Roster("columns", headers=list(headers))

    def native(self) -> Optional[lianjian.Roster]:
        """The package's roster (the columns found from the header)."""
        if self.kind == "columns":
            return lianjian.Roster(self.headers)
        if self.kind == "csv_lines":
            return lianjian.Roster.find(self.header_readings)[0]
        return None


# --------------------------------------------------------------------------
# Rows of a batch
# --------------------------------------------------------------------------


def _split(lines: List[str], delimiter: str) -> List[Optional[List[str]]]:
    """CSV lines split into cells; ``None`` for a line that cannot be read
    alone (a quote opened and never closed: its cell would go on past the
    line)."""
    if all(line.count('"') % 2 == 0 for line in lines):
        return list(csv.reader(lines, delimiter=delimiter))
    cells: List[Optional[List[str]]] = []
    for line in lines:
        if line.count('"') % 2 == 0:
            cells.append(next(csv.reader([line], delimiter=delimiter), []))
            continue
        try:
            cells.append(next(csv.reader([line], delimiter=delimiter, strict=True), []))
        except csv.Error as error:
            if "unexpected end of data" in str(error):
                cells.append(None)
            else:
                cells.append(next(csv.reader([line], delimiter=delimiter), []))
    return cells


def _rows_of(batch: pa.RecordBatch, roster: Roster) -> Tuple[List[int], List[Any], List[int]]:
    """A batch's row numbers, what to check for each (record text or cells),
    and the numbers of the rows that cannot be read. Blank CSV rows are not
    rows (as on the command line) and are left out."""
    numbers = batch.column(ROW).to_pylist()
    if roster.kind == "records":
        return numbers, batch.column(RECORD).to_pylist(), []
    if roster.kind == "json_lines":
        return numbers, batch.column(LINE).to_pylist(), []
    if roster.kind == "columns":
        columns = [batch.column(name).to_pylist() for name in roster.headers]
        return numbers, list(zip(*columns)), []
    rows: List[int] = []
    cells: List[List[str]] = []
    malformed: List[int] = []
    for number, split in zip(numbers, _split(batch.column(LINE).to_pylist(), roster.delimiter)):
        if split is None:
            malformed.append(number)
        elif any(cell.strip() for cell in split):
            rows.append(number)
            cells.append(split)
    return rows, cells, malformed


# --------------------------------------------------------------------------
# Findings per row
# --------------------------------------------------------------------------


def check(df: DataFrame, roster: Roster, options: str, keep_json: bool = False) -> DataFrame:
    """``df`` with ``valid`` (boolean) and ``findings`` (array of structs)
    for each row, checked in Rust a batch at a time (with ``keep_json``, the
    findings' JSON text too, as ``findings_json``). Blank lines and blank
    CSV rows are no rows: ``valid`` null, no findings. CSV lines that cannot
    be read are ``row_malformed``, as on the command line."""
    native = roster.native()

    def check_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            numbers, items, malformed = _rows_of(batch, roster)
            if roster.kind == "json_lines":
                # A blank line is no row (valid stays null); a mark goes.
                texts = [(line or "").lstrip("\ufeff") for line in items]
                kept = [i for i, text in enumerate(texts) if text.strip()]
                valid, findings = lianjian.check_enrollments_json([texts[i] for i in kept], options)
                numbers = [numbers[i] for i in kept]
            elif roster.kind == "records":
                valid, findings = lianjian.check_enrollments_json(items, options)
            else:
                valid, findings = native.check(items, options)  # type: ignore[union-attr]
            by_row = dict(zip(numbers, zip(valid, findings)))
            if malformed:
                # The command line's finding for a row it cannot read.
                partial = lianjian.CoveragePartial(options)
                partial.add_malformed(malformed)
                for row in json.loads(partial.finish())["rejected"]:
                    by_row[row["row"]] = (False, json.dumps(row["findings"], ensure_ascii=False))
            column = [by_row.get(n) for n in batch.column(ROW).to_pylist()]
            yield pa.RecordBatch.from_arrays(
                list(batch.columns)
                + [
                    pa.array([c[0] if c else None for c in column], pa.bool_()),
                    pa.array([c[1] if c else None for c in column], pa.string()),
                ],
                names=list(batch.schema.names) + ["valid", "findings_json"],
            )

    schema = StructType(df.schema.fields + [StructField("valid", BooleanType()), StructField("findings_json", StringType())])
    checked = df.mapInArrow(check_batches, schema).withColumn(
        "findings", F.from_json("findings_json", FINDINGS_SCHEMA)
    )
    return checked if keep_json else checked.drop("findings_json")


# --------------------------------------------------------------------------
# Coverage
# --------------------------------------------------------------------------


def coverage_partials(df: DataFrame, roster: Roster, options: str) -> DataFrame:
    """One row per partition: its ``CoveragePartial`` as JSON text."""

    def count(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        native = roster.native()
        partial = lianjian.CoveragePartial(options)
        for batch in batches:
            numbers, items, malformed = _rows_of(batch, roster)
            if roster.kind == "json_lines":
                partial.add_lines(numbers, items)
            elif roster.kind == "records":
                partial.add_records(numbers, items)
            else:
                partial.add_roster(native, numbers, items)  # type: ignore[arg-type]
            partial.add_malformed(malformed)
        yield pa.RecordBatch.from_arrays([pa.array([partial.to_json()], pa.string())], names=["partial"])

    return df.mapInArrow(count, "partial string")


def coverage(
    df: DataFrame,
    roster: Roster,
    options: str,
    input: Optional[Dict[str, Any]] = None,
    depth: int = 2,
) -> str:
    """The coverage answer of every row of ``df`` as JSON text, laid out as
    ``lianjian coverage --format json`` prints it (with ``input`` when
    given; its ``rows`` are the rows counted). Partials are merged on the
    executors in a tree of ``depth`` levels; the driver finishes."""

    def merge(a: str, b: str) -> str:
        left = lianjian.CoveragePartial.from_json(a, options)
        left.merge(lianjian.CoveragePartial.from_json(b, options))
        return left.to_json()

    empty = lianjian.CoveragePartial(options).to_json()
    partials = coverage_partials(df, roster, options).rdd.map(lambda r: r.partial)
    merged = partials.treeAggregate(empty, merge, merge, depth=depth)
    partial = lianjian.CoveragePartial.from_json(merged, options)
    if input is not None:
        input = dict(input, rows=partial.rows)
    return partial.finish(json.dumps(input, ensure_ascii=False) if input is not None else None, pretty=True)


# --------------------------------------------------------------------------
# Roster files
# --------------------------------------------------------------------------


@dataclass
class RosterFile:
    """A roster file read into a DataFrame, numbered as the command line
    numbers it, and what the command line would say it read."""

    df: DataFrame
    roster: Roster
    input: Dict[str, Any]


def _numbered_lines(spark: SparkSession, path: str) -> DataFrame:
    """The file's lines with their numbers (from 1), in file order, numbered
    in the JVM: a first pass counts each input split's lines, then a line's
    number is the lines of the splits before its own plus its place in its
    split (``monotonically_increasing_id`` keeps that in its low 33 bits)."""
    text = spark.read.text(path).select(
        F.spark_partition_id().alias("split"),
        F.monotonically_increasing_id().alias("id"),
        F.col("value").alias(LINE),
    )
    before: List[Any] = []
    total = 0
    for split, count in sorted((r["split"], r["count"]) for r in text.groupBy("split").count().collect()):
        before += [F.lit(split), F.lit(total)]
        total += count
    if not before:
        return text.select(F.lit(0).cast("long").alias(ROW), LINE)
    offsets = F.create_map(*before)
    number = F.element_at(offsets, F.col("split")) + F.col("id").bitwiseAND(F.lit((1 << 33) - 1)) + 1
    return text.select(number.cast("long").alias(ROW), LINE)


def _first_bytes(spark: SparkSession, path: str, count: int) -> bytes:
    """The first bytes of a file, read through the file system Spark reads
    it with (Spark's line reader drops a UTF-8 byte-order mark unseen)."""
    jvm = spark.sparkContext._jvm  # type: ignore[attr-defined]
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    stream = hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).open(hadoop_path)  # type: ignore[attr-defined]
    try:
        read = [stream.read() for _ in range(count)]
    finally:
        stream.close()
    return bytes(b for b in read if b >= 0)


def read_roster(spark: SparkSession, path: str, partitions: int) -> RosterFile:
    """A JSON-lines file (one record a line) or a UTF-8 CSV file whose
    records each sit on one line, as a DataFrame of ``partitions``
    partitions. Rows are spread over the partitions in no order (a
    round-robin shuffle): the answer does not depend on it.

    CSV: the header is found among the first non-blank rows by the core's
    rules, under the delimiter that reads it best (comma, tab, semicolon).
    The command line also reads GBK and UTF-16, workbooks, and records with
    line breaks inside quotes; here such a record's first line is refused
    as ``row_malformed`` and its other lines are read as rows.
    """
    lines = _numbered_lines(spark, path)
    if not path.lower().endswith((".csv", ".txt")):
        # Blank lines are dropped where they are counted (they are no rows).
        return RosterFile(lines.repartition(partitions), Roster("json_lines"), {"format": "jsonl", "ignored_columns": []})

    mark = _first_bytes(spark, path, 3)
    if mark[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ValueError(f"{path}: UTF-16 text; save it as UTF-8 (or count it with `lianjian coverage`)")
    bom = mark == b"\xef\xbb\xbf"
    # The first lines, in order (a limit takes the first split's first).
    head = [r["value"] for r in spark.read.text(path).limit(HEAD_LINES).collect()]
    if head and head[0].startswith("\ufeff"):
        head[0] = head[0][1:]
    # The first non-blank rows under each delimiter: the ten searched, and
    # one more for sub-headers.
    readings: List[List[List[str]]] = []
    numbers: List[List[int]] = []
    for _, delimiter in DELIMITERS:
        rows, at = [], []
        for number, split in enumerate(_split(head, delimiter), start=1):
            if split is not None and any(cell.strip() for cell in split):
                rows.append(split)
                at.append(number)
            if len(rows) > 10:
                break
        readings.append(rows)
        numbers.append(at)
    try:
        _, found_text = lianjian.Roster.find(readings)
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from None
    found = json.loads(found_text)
    name, delimiter = DELIMITERS[found["reading"]]
    header_rows = numbers[found["reading"]][found["row"] : found["row"] + found["depth"]]
    data = lines.where(F.col(ROW) > header_rows[-1])
    roster = Roster("csv_lines", delimiter=delimiter, header_readings=[readings[found["reading"]]])
    input = {
        "format": "csv",
        "encoding": "utf-8",
        "bom": bom,
        "delimiter": name,
        "header_rows": header_rows,
        "ignored_columns": found["ignored"],
    }
    return RosterFile(data.repartition(partitions), roster, input)


def session(app: str = "lianjian", master: Optional[str] = None) -> SparkSession:
    """A Spark session. Under ``spark-submit`` the master is the one it was
    given; otherwise ``master``, by default ``local[2]``. A local session
    binds to 127.0.0.1, without a web UI, quiet."""
    builder = SparkSession.builder.appName(app)
    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:
        master = "local[2]"
    if master is not None and master.startswith("local"):
        # Every socket of the JVM this starts (driver, block manager) on
        # the loopback address, not the first address of the host.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    if master is not None:
        builder = builder.master(master)
    if master is not None and master.startswith("local"):
        builder = (
            builder.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
        )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    if master is not None and master.startswith("local"):
        # The executors import this module (spark-submit ships it with --py-files).
        spark.sparkContext.addPyFile(os.path.abspath(__file__))
    return spark
