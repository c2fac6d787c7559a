"""DuckDB's side of the coverage benchmark (``tests/benches/coverage/``).

Computes, from the roster CSV the benchmark writes, the coverage figures of
lianjian's report -- per segment, per chain and for the district: members,
own_org, joint_org, work_only, uncovered, full_members and the output value --
and optionally the two gap lists (sorted distinct USCCs), and times it:

- ``loaded``: on a table already in memory (its load is timed apart);
- ``csv``: straight from the file, ``read_csv`` and the aggregation in one
  query.

Only valid rows are counted: the benchmark marks its deliberately invalid rows
in the ``备注`` column, since DuckDB does not validate. An enterprise on two
segments counts once in each segment and once in its chain, as in lianjian.

Prints one JSON object on its last line (``{"error": ...}`` and exit 3 when
duckdb is missing).

    python duckdb_coverage.py loaded|csv ROSTER.csv [--reps 5] [--threads N]
"""

import argparse
import json
import os
import sys
import time

# The roster's columns, in the order the benchmark writes them, with the
# names and types DuckDB reads them as (columns not used stay text).
COLUMNS = [
    ("企业名称", "name", "VARCHAR"),
    ("统一社会信用代码", "uscc", "VARCHAR"),
    ("单位类型", "kind", "VARCHAR"),
    ("行业代码", "industry_codes", "VARCHAR"),
    ("年产值（万元）", "output_wan", "DECIMAL(18,1)"),
    ("职工人数", "employees", "VARCHAR"),
    ("产业链", "chain", "VARCHAR"),
    ("产业链环节", "segments", "VARCHAR"),
    ("党组织情况", "status", "VARCHAR"),
    ("党组织类型", "org_kind", "VARCHAR"),
    ("党组织名称", "org_name", "VARCHAR"),
    ("正式党员数", "full_members", "INTEGER"),
    ("预备党员数", "probationary_members", "VARCHAR"),
    ("隶属党组织", "home_affiliation", "VARCHAR"),
    ("联络员", "liaison", "VARCHAR"),
    ("联络员电话", "liaison_phone", "VARCHAR"),
    ("联系人", "contact", "VARCHAR"),
    ("联系电话", "contact_phone", "VARCHAR"),
    ("入链日期", "joined_on", "VARCHAR"),
    ("备注", "remark", "VARCHAR"),
]

# own = 0, joint = 1, work only (no organization, a liaison) = 2, uncovered = 3.
COVERED = (
    "CAST(CASE status WHEN '单独建立' THEN 0 WHEN '联合建立' THEN 1 "
    "ELSE CASE WHEN liaison IS NULL THEN 3 ELSE 2 END END AS TINYINT)"
)

FIGURES = """
    count(*) AS members,
    count(*) FILTER (WHERE cov = 0) AS own_org,
    count(*) FILTER (WHERE cov = 1) AS joint_org,
    count(*) FILTER (WHERE cov = 2) AS work_only,
    count(*) FILTER (WHERE cov = 3) AS uncovered,
    coalesce(sum(full_members), 0) AS full_members,
    CAST(coalesce(sum(output_wan), 0) * 100 AS BIGINT) AS output_centiwan
"""

FIGURE_NAMES = [
    "members",
    "own_org",
    "joint_org",
    "work_only",
    "uncovered",
    "full_members",
    "output_centiwan",
]


def read_csv(path):
    columns = ", ".join("'%s': '%s'" % (name, kind) for _, name, kind in COLUMNS)
    return (
        "read_csv('%s', header = true, delim = ',', quote = '\"', auto_detect = false, "
        "columns = {%s})" % (path.replace("'", "''"), columns)
    )


def members_sql(source):
    """The valid memberships, classified, with their segments as a list."""
    return (
        "SELECT chain, string_split(segments, '；') AS segs, %s AS cov, "
        "coalesce(full_members, 0) AS full_members, output_wan, uscc "
        "FROM %s WHERE remark IS NULL" % (COVERED, source)
    )


def figures_sql(members, materialized, gaps):
    """Per chain and district (each membership once) and per segment
    (exploded with unnest) in one statement; with ``gaps``, also the sorted
    distinct USCCs of the two gap lists, as rows named ``#should_build`` and
    ``#unlinked`` (members = length, segment = first..last)."""
    gap_rows = ""
    if gaps:
        gap_rows = """
        UNION ALL
        SELECT '#' || name, l[1] || '..' || l[-1], len(l), NULL, NULL, NULL, NULL, NULL, NULL
        FROM (
            SELECT 'should_build' AS name,
                   list_sort(list(DISTINCT uscc)) AS l
            FROM m WHERE cov <> 0 AND full_members >= 3
            UNION ALL
            SELECT 'unlinked', list_sort(list(DISTINCT uscc)) FROM m WHERE cov = 3
        )"""
    return """
        WITH m AS %s (%s)
        SELECT chain, NULL AS segment, %s FROM m GROUP BY GROUPING SETS ((chain), ())
        UNION ALL
        SELECT chain, segment, %s FROM (
            SELECT chain, unnest(segs) AS segment, cov, full_members, output_wan FROM m
        ) GROUP BY chain, segment
        %s
    """ % (
        "MATERIALIZED" if materialized else "",
        members,
        FIGURES,
        FIGURES,
        gap_rows,
    )


def timed(con, sql, reps):
    """One warm-up, then ``reps`` timed runs; returns (seconds, rows)."""
    rows = con.execute(sql).fetchall()
    seconds = []
    for _ in range(reps):
        start = time.perf_counter()
        rows = con.execute(sql).fetchall()
        seconds.append(time.perf_counter() - start)
    return seconds, rows


def figures_json(rows):
    figures, gaps = [], {}
    for chain, segment, *numbers in rows:
        if chain is not None and chain.startswith("#"):
            first, _, last = (segment or "").partition("..")
            gaps[chain[1:]] = numbers[0]
            gaps[chain[1:] + "_first"] = first
            gaps[chain[1:] + "_last"] = last
            continue
        entry = {"chain": chain, "segment": segment}
        entry.update(zip(FIGURE_NAMES, (int(n) for n in numbers)))
        figures.append(entry)
    return figures, gaps


def check_header(path):
    with open(path, encoding="utf-8-sig") as f:
        header = f.readline().rstrip("\r\n").split(",")
    expected = [zh for zh, _, _ in COLUMNS]
    if header != expected:
        raise SystemExit(
            json.dumps({"error": "unexpected header %r, expected %r" % (header, expected)})
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["loaded", "csv"])
    parser.add_argument("csv")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    try:
        import duckdb
    except ImportError as e:
        print(json.dumps({"error": "duckdb is not installed (%s)" % e}))
        sys.exit(3)
    check_header(args.csv)

    con = duckdb.connect()
    con.execute("SET threads = %d" % args.threads)
    con.execute("SET preserve_insertion_order = false")
    out = {
        "duckdb": duckdb.__version__,
        "python": sys.version.split()[0],
        "mode": args.mode,
        "threads": args.threads,
        "timings": {},
    }
    source = read_csv(args.csv)
    if args.mode == "loaded":
        # The analogue of lianjian's pre-built rows: valid memberships only,
        # classified, segments already split into a list.
        start = time.perf_counter()
        con.execute("CREATE TABLE members AS " + members_sql(source))
        out["load_s"] = time.perf_counter() - start
        out["rows_loaded"] = con.execute("SELECT count(*) FROM members").fetchone()[0]
        members = "SELECT * FROM members"
        out["timings"]["figures"], rows = timed(
            con, figures_sql(members, False, False), args.reps
        )
        out["timings"]["figures_gaps"], gap_rows = timed(
            con, figures_sql(members, False, True), args.reps
        )
        # The same on the rows as read, classifying and splitting in the query.
        start = time.perf_counter()
        con.execute(
            "CREATE TABLE raw AS SELECT chain, segments, status, liaison, full_members, "
            "output_wan, uscc, remark FROM " + source
        )
        out["load_raw_s"] = time.perf_counter() - start
        out["timings"]["figures_split_in_query"], _ = timed(
            con, figures_sql(members_sql("raw"), True, False), args.reps
        )
        con.execute("SET threads = 1")
        out["timings"]["figures_1_thread"], _ = timed(
            con, figures_sql(members, False, False), args.reps
        )
    else:
        out["timings"]["figures"], rows = timed(
            con, figures_sql(members_sql(source), True, False), args.reps
        )
        out["timings"]["figures_gaps"], gap_rows = timed(
            con, figures_sql(members_sql(source), True, True), args.reps
        )
    out["figures"], _ = figures_json(rows)
    _, out["gaps"] = figures_json(gap_rows)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
