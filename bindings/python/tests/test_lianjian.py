"""Tests of the installed `lianjian` wheel: the shared fixtures, options,
languages, message overrides, mapping input, coverage, the raw JSON access,
threads and the `python -m lianjian` command.

Run through bindings/python/build.sh, which builds and installs the wheel first.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time
import types
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta, timezone
from importlib import metadata
from pathlib import Path
from typing import Any, Dict, Iterator, List

import lianjian
import pytest
from lianjian import _lianjian

# bindings/python/tests/test_lianjian.py -> the repository root is three levels up.
ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"
TODAY = "2026-11-25"
LEGACY = [
    line.strip()
    for line in (FIXTURES / "enrollment" / "legacy_uscc.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.strip().startswith("#")
]
ENROLLMENTS = sorted((FIXTURES / "enrollment").glob("*.json"))
DEMANDS = sorted((FIXTURES / "demand").glob("*.json"))
ROSTER = FIXTURES / "roster" / "gaps.jsonl"

# A demand repeats an earlier one only given earlier demands; the binding knows none.
ONLY_WARNS_GIVEN_EARLIER = {"warn_repeat_of_earlier"}


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def expected_valid(path: Path) -> bool:
    prefix = path.stem.split("_", 1)[0]
    assert prefix in ("valid", "warn", "err"), f"{path.name}: unknown prefix"
    return prefix != "err"


def errors(answer: Mapping[str, Any]) -> List[Dict[str, Any]]:
    return [f for f in answer["findings"] if f["severity"] == "error"]


def china_date() -> date:
    return datetime.now(timezone(timedelta(hours=8))).date()


# ---------------------------------------------------------------- fixtures


def test_the_fixture_folders_are_found() -> None:
    assert len(ENROLLMENTS) >= 30 and len(DEMANDS) >= 20
    assert LEGACY, "legacy_uscc.txt lists at least one code"
    assert any(p.stem == "valid_legacy_uscc_override" for p in ENROLLMENTS)
    assert any(p.stem == "warn_repeat_of_earlier" for p in DEMANDS)


@pytest.mark.parametrize("path", ENROLLMENTS, ids=lambda p: p.stem)
def test_enrollment_fixture(path: Path) -> None:
    answer = lianjian.validate_enrollment(read(path), today=TODAY, legacy_uscc=LEGACY)
    assert answer["valid"] is expected_valid(path), json.dumps(answer["findings"], ensure_ascii=False)
    assert answer["valid"] == (not errors(answer))
    assert (answer["record"] is not None) is answer["valid"]
    if path.stem.startswith("warn_"):
        assert answer["findings"], "a warn_ fixture warns"
    for finding in answer["findings"]:
        assert set(finding) == {"code", "severity", "path", "params", "message"}
        assert finding["message"]


def test_the_legacy_code_needs_the_allow_list() -> None:
    text = read(FIXTURES / "enrollment" / "valid_legacy_uscc_override.json")
    assert lianjian.validate_enrollment(text, today=TODAY, legacy_uscc=LEGACY)["valid"]
    refused = lianjian.validate_enrollment(text, today=TODAY)
    assert not refused["valid"]
    assert [f["code"] for f in errors(refused)] == ["uscc_checksum"]


@pytest.mark.parametrize("path", DEMANDS, ids=lambda p: p.stem)
def test_demand_fixture(path: Path) -> None:
    answer = lianjian.validate_demand(read(path), today=TODAY, legacy_uscc=LEGACY)
    assert answer["valid"] is expected_valid(path), json.dumps(answer["findings"], ensure_ascii=False)
    assert answer["valid"] == (not errors(answer))
    assert (answer["record"] is not None) is answer["valid"]
    if path.stem.startswith("warn_") and path.stem not in ONLY_WARNS_GIVEN_EARLIER:
        assert answer["findings"], "a warn_ fixture warns"


def test_a_valid_record_is_normalised() -> None:
    record = json.loads(read(FIXTURES / "enrollment" / "valid_normalized_uscc.json"))
    answer = lianjian.validate_enrollment(record, today=TODAY)
    assert answer["valid"] and answer["record"] is not None
    uscc = answer["record"]["enterprise"]["uscc"]
    assert uscc == uscc.upper() and " " not in uscc and "-" not in uscc


# ---------------------------------------------------------------- options


def test_languages_give_the_same_findings_in_other_words() -> None:
    text = read(FIXTURES / "enrollment" / "err_required_missing.json")
    zh = lianjian.validate_enrollment(text, today=TODAY)
    en = lianjian.validate_enrollment(text, today=TODAY, lang="en")
    assert zh["findings"] and len(zh["findings"]) == len(en["findings"])
    for z, e in zip(zh["findings"], en["findings"]):
        assert (z["code"], z["severity"], z["path"], z["params"]) == (
            e["code"],
            e["severity"],
            e["path"],
            e["params"],
        )
        assert z["message"] != e["message"]
        assert re.search(r"[\u4e00-\u9fff]", z["message"])
        assert not re.search(r"[\u4e00-\u9fff]", e["message"])
    assert lianjian.validate_enrollment(text, today=TODAY, lang="zh-CN") == zh


def test_the_host_overrides_messages() -> None:
    text = read(FIXTURES / "enrollment" / "err_required_missing.json")
    plain = lianjian.validate_enrollment(text, today=TODAY, lang="en")
    assert any(f["code"] == "required" for f in plain["findings"])
    custom = lianjian.validate_enrollment(
        text, today=TODAY, lang="en", messages={"required": "Please fill in this field"}
    )
    for before, after in zip(plain["findings"], custom["findings"]):
        if before["code"] == "required":
            assert after["message"] == "Please fill in this field"
        else:
            assert after["message"] == before["message"]


def test_an_override_quotes_the_parameters() -> None:
    answer = lianjian.check_uscc(
        "91440300MA5FUTN410", lang="en", messages={"uscc_checksum": "check character: expected {expected}"}
    )
    assert not answer["valid"]
    finding = answer["findings"][0]
    assert finding["code"] == "uscc_checksum"
    assert finding["message"] == f"check character: expected {finding['params']['expected']}"


@pytest.mark.parametrize(
    "options",
    [
        '{"nope": 1}',
        '{"lang": 5}',
        "not json",
        "null",
        '{"today": 5}',
        '{"messages": {"required": 5}}',
        '{"legacyUscc": "x"}',
    ],
)
def test_malformed_options_raise_value_error(options: str) -> None:
    with pytest.raises(ValueError, match="options"):
        lianjian.validate_enrollment_json("{}", options)
    with pytest.raises(ValueError, match="options"):
        lianjian.validate_demand_json("{}", options)
    with pytest.raises(ValueError, match="options"):
        lianjian.check_uscc_json("91110000600037341L", options)
    with pytest.raises(ValueError, match="options"):
        lianjian.coverage_json("{}", options)


def test_the_value_error_names_the_unknown_key() -> None:
    with pytest.raises(ValueError, match="unknown field `nope`"):
        lianjian.validate_enrollment_json("{}", '{"nope": 1}')


def test_bad_arguments_of_the_pythonic_api() -> None:
    with pytest.raises(ValueError, match="lang"):
        lianjian.validate_enrollment("{}", lang="fr")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="options"):
        lianjian.validate_enrollment("{}", messages={"required": 5})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        lianjian.validate_enrollment("{}", legacy_uscc="91440300MA5FUTN410")
    with pytest.raises(TypeError):
        lianjian.validate_enrollment("{}", today=20261125)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        lianjian.validate_enrollment(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        lianjian.check_uscc(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        lianjian.validate_enrollment({"enterprise": {"annual_output_wan": float("nan")}})


def test_empty_options_are_the_defaults() -> None:
    text = read(FIXTURES / "enrollment" / "err_required_missing.json")
    explicit = lianjian.validate_enrollment_json(text, json.dumps({"lang": "zh-CN", "today": TODAY}))
    assert lianjian.validate_enrollment_json(text, json.dumps({"today": TODAY})) == explicit
    assert json.loads(lianjian.check_uscc_json("91110000600037341l", "")) == json.loads(
        lianjian.check_uscc_json("91110000600037341l", "{}")
    )
    assert _lianjian.check_uscc("91110000600037341l") == lianjian.check_uscc_json("91110000600037341l")


def test_a_malformed_date_is_a_finding_not_a_guess() -> None:
    answer = lianjian.validate_enrollment(read(ENROLLMENTS[0]), today="25.11.2026")
    assert not answer["valid"]
    assert [(f["code"], f["path"]) for f in answer["findings"]] == [("date_invalid", "today")]


def test_today_defaults_to_the_date_in_china() -> None:
    for _ in range(3):  # a retry covers a run across midnight in China
        before = china_date()
        native = lianjian.china_today()
        if before == china_date():
            break
    assert native == before
    record = json.loads(read(FIXTURES / "enrollment" / "valid_own_branch.json"))
    record["joined_on"] = (native + timedelta(days=1)).isoformat()
    tomorrow = lianjian.validate_enrollment(record)
    if lianjian.china_today() == native:
        assert not tomorrow["valid"]
        assert any(f["path"] == "joined_on" for f in errors(tomorrow))
    assert lianjian.validate_enrollment(record, today=native + timedelta(days=1))["valid"]


def test_today_as_a_date_or_datetime() -> None:
    text = read(FIXTURES / "enrollment" / "err_date_in_future.json")
    as_text = lianjian.validate_enrollment(text, today=TODAY)
    assert lianjian.validate_enrollment(text, today=date(2026, 11, 25)) == as_text
    assert lianjian.validate_enrollment(text, today=datetime(2026, 11, 25, 23, 59)) == as_text
    assert lianjian.options_json(today=date(2026, 11, 25)) == '{"lang": "zh-CN", "today": "2026-11-25"}'


# ---------------------------------------------------------------- input forms


class FrozenRecord(Mapping[str, Any]):
    """A Mapping that is not a dict, nested."""

    def __init__(self, data: Dict[str, Any]) -> None:
        self._data = {k: FrozenRecord(v) if isinstance(v, dict) else v for k, v in data.items()}

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def json_object(path: Path) -> bool:
    """Whether the fixture is a JSON object Python can write back (1e400 is not)."""
    try:
        data = json.loads(read(path))
        json.dumps(data, allow_nan=False)
    except ValueError:
        return False
    return isinstance(data, dict)


@pytest.mark.parametrize("path", [p for p in ENROLLMENTS if json_object(p)], ids=lambda p: p.stem)
def test_a_mapping_gives_the_answer_of_its_text(path: Path) -> None:
    data = json.loads(read(path))
    by_text = lianjian.validate_enrollment(
        json.dumps(data, ensure_ascii=False), today=TODAY, legacy_uscc=LEGACY
    )
    for record in (data, types.MappingProxyType(data), FrozenRecord(data)):
        assert lianjian.validate_enrollment(record, today=TODAY, legacy_uscc=LEGACY) == by_text


def test_dates_in_a_mapping_are_written_as_iso_dates() -> None:
    data = json.loads(read(FIXTURES / "enrollment" / "valid_own_branch.json"))
    joined_on = date.fromisoformat(data["joined_on"])
    data["joined_on"] = joined_on
    answer = lianjian.validate_enrollment(data, today=TODAY)
    assert answer["valid"] and answer["record"] is not None
    assert answer["record"]["joined_on"] == joined_on.isoformat()


def test_non_ascii_text_reaches_the_core_unescaped() -> None:
    data = json.loads(read(FIXTURES / "enrollment" / "valid_own_branch.json"))
    answer = lianjian.validate_enrollment(data, today=TODAY)
    assert answer["record"] is not None
    assert answer["record"]["enterprise"]["name"] == data["enterprise"]["name"]


# ---------------------------------------------------------------- raw JSON access


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_raw_json_is_the_native_text(lang: lianjian.Lang) -> None:
    options = lianjian.options_json(lang=lang, today=TODAY, legacy_uscc=LEGACY)
    assert json.loads(options) == {"lang": lang, "today": TODAY, "legacyUscc": LEGACY}
    for path in ENROLLMENTS:
        text = read(path)
        raw = lianjian.validate_enrollment_json(text, options)
        assert raw == _lianjian.validate_enrollment(text, options)
        assert "\n" not in raw and raw.startswith('{"valid":')  # compact, one line
        assert json.loads(raw) == lianjian.validate_enrollment(
            text, lang=lang, today=TODAY, legacy_uscc=LEGACY
        )
    for path in DEMANDS:
        text = read(path)
        raw = lianjian.validate_demand_json(text, options)
        assert json.loads(raw) == lianjian.validate_demand(text, lang=lang, today=TODAY, legacy_uscc=LEGACY)


def test_version_is_the_crates() -> None:
    cargo = read(ROOT / "Cargo.toml")
    section = cargo.split("[workspace.package]", 1)[1]
    match = re.search(r'^version\s*=\s*"([^"]+)"', section, re.MULTILINE)
    assert match
    assert lianjian.__version__ == _lianjian.__version__ == match.group(1)
    assert metadata.version("lianjian") == match.group(1)


def test_templates() -> None:
    zh, en = lianjian.templates("zh-CN"), lianjian.templates("en")
    assert set(zh) == set(en) and "required" in zh and "uscc_checksum" in en
    assert zh["required"] != en["required"]
    with pytest.raises(ValueError, match="lang"):
        lianjian.templates("fr")  # type: ignore[arg-type]


# ---------------------------------------------------------------- USCC, classify, coverage


def test_check_uscc() -> None:
    ok = lianjian.check_uscc(" 91110000600037341l ")
    assert ok["valid"] and ok["normalized"] == "91110000600037341L" and ok["input"] == " 91110000600037341l "
    bad = lianjian.check_uscc("91440300MA5FUTN410", lang="en")
    assert not bad["valid"]
    assert [f["code"] for f in errors(bad)] == ["uscc_checksum"]
    assert not lianjian.check_uscc("")["valid"]


def test_classify() -> None:
    tax = lianjian.classify("出口退税", "退税进度慢，希望加快审核")
    assert tax["topic"] == "tax"
    assert tax["department"] in tax["departments"]
    assert 0 < tax["confidence"] <= 1
    assert tax["candidates"][0]["topic"] == "tax" and tax["candidates"][0]["matched"]
    assert lianjian.classify("出口退税") == json.loads(lianjian.classify_json("出口退税", ""))
    nothing = lianjian.classify("", "")
    assert nothing["topic"] == "other" and nothing["candidates"] == []


def test_coverage_of_the_gaps_roster() -> None:
    text = read(ROSTER)
    answer = lianjian.coverage(text, today=TODAY)
    assert answer["totals"]["rejected_rows"] == 3
    assert len(answer["rejected"]) == 3
    rows = [r["row"] for r in answer["rejected"]]
    assert rows == sorted(rows) and all(r["findings"] for r in answer["rejected"])
    for row in answer["rejected"]:
        assert errors(row), f"row {row['row']} is rejected for an error"
    assert answer["totals"]["members"] == len([line for line in text.splitlines() if line.strip()]) - 3
    assert {c["chain"] for c in answer["chains"]} >= {"gold_jewelry", "port_logistics"}
    assert set(answer["gaps"]) == {"empty_segments", "segments_without_party_org", "should_build", "unlinked"}
    assert json.loads(lianjian.coverage_json(text, lianjian.options_json(today=TODAY))) == answer


def test_coverage_of_lines_files_and_mappings() -> None:
    text = read(ROSTER)
    by_text = lianjian.coverage(text, today=TODAY, lang="en")
    with ROSTER.open(encoding="utf-8") as file:
        assert lianjian.coverage(file, today=TODAY, lang="en") == by_text
    assert lianjian.coverage(text.splitlines(), today=TODAY, lang="en") == by_text
    assert lianjian.coverage([line + "\r\n" for line in text.splitlines()], today=TODAY, lang="en") == by_text
    parsed: List[Any] = []
    for line in text.splitlines():
        try:
            parsed.append(json.loads(line))
        except ValueError:
            parsed.append(line)  # a malformed row stays text, and stays rejected
    by_items = lianjian.coverage(parsed, today=TODAY, lang="en")
    assert by_items["totals"] == by_text["totals"]
    assert [r["row"] for r in by_items["rejected"]] == [r["row"] for r in by_text["rejected"]]
    with pytest.raises(ValueError, match="item 2"):
        lianjian.coverage(["{}", "{\n}"])
    with pytest.raises(TypeError):
        lianjian.coverage([1])  # type: ignore[list-item]


def test_coverage_of_nothing() -> None:
    answer = lianjian.coverage("", today=TODAY)
    assert answer["totals"]["members"] == 0 and answer["rejected"] == []
    assert lianjian.coverage([], today=TODAY) == answer


# ---------------------------------------------------------------- threads


def test_threads_get_the_answers_of_one_thread() -> None:
    jobs = [(p, read(p)) for p in ENROLLMENTS] + [(p, read(p)) for p in DEMANDS]
    options = lianjian.options_json(lang="en", today=TODAY, legacy_uscc=LEGACY)

    def answer(job: Any) -> str:
        path, text = job
        if path.parent.name == "enrollment":
            return lianjian.validate_enrollment_json(text, options)
        return lianjian.validate_demand_json(text, options)

    sequential = [answer(job) for job in jobs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(5):
            assert list(pool.map(answer, jobs)) == sequential
        roster = read(ROSTER)
        coverages = list(pool.map(lambda _: lianjian.coverage_json(roster, options), range(16)))
    assert len(set(coverages)) == 1


def test_the_interpreter_is_released_while_rust_works() -> None:
    roster = read(ROSTER)
    big = (roster if roster.endswith("\n") else roster + "\n") * 5000
    options = json.dumps({"today": TODAY})
    entered = threading.Event()
    done = threading.Event()

    def work() -> None:
        entered.set()
        _lianjian.coverage(big, options)
        done.set()

    worker = threading.Thread(target=work)
    started = time.perf_counter()
    worker.start()
    entered.wait()
    spins = 0
    while not done.is_set():
        spins += 1
    worker.join()
    elapsed = time.perf_counter() - started
    # Holding the interpreter for the whole call would leave this thread a
    # handful of turns; released, it spins freely the whole time.
    assert elapsed > 0.02, "the roster is big enough to measure"
    assert spins > 1000, f"{spins} turns in {elapsed:.3f} s"


# ---------------------------------------------------------------- python -m lianjian


def run_module(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "lianjian", *args], input=stdin, capture_output=True, timeout=120, cwd=ROOT
    )


@pytest.mark.parametrize("kind,paths", [("enrollment", ENROLLMENTS), ("demand", DEMANDS)])
@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_the_findings_command_prints_the_native_text(
    kind: str, paths: List[Path], lang: lianjian.Lang
) -> None:
    legacy = [flag for code in LEGACY for flag in ("--legacy-uscc", code)]
    done = run_module("findings", kind, *map(str, paths), "--lang", lang, "--today", TODAY, *legacy)
    assert done.returncode == 1, done.stderr.decode()  # some fixtures are invalid
    lines = done.stdout.decode("utf-8").splitlines()
    options = lianjian.options_json(lang=lang, today=TODAY, legacy_uscc=LEGACY)
    native = _lianjian.validate_enrollment if kind == "enrollment" else _lianjian.validate_demand
    assert lines == [native(read(p), options) for p in paths]


def test_the_findings_command_exit_status() -> None:
    valid = [str(p) for p in ENROLLMENTS if p.stem.startswith("valid_") and "legacy" not in p.stem]
    assert run_module("findings", "enrollment", *valid, "--today", TODAY).returncode == 0
    legacy = FIXTURES / "enrollment" / "valid_legacy_uscc_override.json"
    assert run_module("findings", "enrollment", str(legacy), "--today", TODAY).returncode == 1
    allowed = run_module(
        "findings", "enrollment", str(legacy), "--today", TODAY, "--allow-legacy-uscc", LEGACY[0]
    )
    assert allowed.returncode == 0
    missing = run_module("findings", "demand", str(FIXTURES / "demand" / "no_such_file.json"))
    assert missing.returncode == 2 and b"no_such_file" in missing.stderr and not missing.stdout
    assert run_module("findings", "demand", str(DEMANDS[0]), "--today", "2026-02-30").returncode == 2
    assert run_module("findings", "nothing", str(DEMANDS[0])).returncode == 2


def test_the_findings_command_reads_stdin() -> None:
    path = FIXTURES / "demand" / "valid_english.json"
    done = run_module("findings", "demand", "-", "--today", TODAY, "--lang", "en", stdin=path.read_bytes())
    assert done.returncode == 0
    assert (
        done.stdout.decode("utf-8")
        == lianjian.validate_demand_json(read(path), lianjian.options_json(lang="en", today=TODAY)) + "\n"
    )
    not_utf8 = run_module("findings", "demand", "-", stdin=b'{"title": "\xff"}')
    assert not_utf8.returncode == 2 and b"UTF-8" in not_utf8.stderr


# --------------------------------------------------------------------------
# Text cut inside an emoji: lone surrogates answer findings, never raise.
# --------------------------------------------------------------------------

DEMAND = json.loads((FIXTURES / "demand" / "valid_help_traffic.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lone", ["\ud83d", "\ude00", "ab\ud83dcd"])
def test_a_lone_surrogate_in_a_value_is_a_finding_at_its_field(lone: str) -> None:
    record = dict(DEMAND, title=lone)
    for answer in (
        lianjian.validate_demand(record, today=TODAY, lang="en"),
        json.loads(lianjian.validate_demand_json(json.dumps(record, ensure_ascii=False), lianjian.options_json(today=TODAY))),
        json.loads(lianjian.validate_demand_json(json.dumps(record), lianjian.options_json(today=TODAY))),
    ):
        assert answer["valid"] is False
        codes = {(f["code"], f["path"]) for f in answer["findings"]}
        assert ("invalid_characters", "title") in codes, answer["findings"]


def test_a_lone_surrogate_in_a_key_or_an_enrollment_is_answered() -> None:
    record = dict(DEMAND)
    record["\ud800"] = 1
    answer = lianjian.validate_demand(record, today=TODAY)
    assert answer["valid"] is False
    assert any(f["code"] == "unknown_field" for f in answer["findings"])
    enrollment = json.loads((FIXTURES / "enrollment" / "valid_own_branch.json").read_text(encoding="utf-8"))
    enrollment["enterprise"]["name"] = "深圳\ud83d"
    answer = lianjian.validate_enrollment(enrollment, today=TODAY)
    assert ("invalid_characters", "enterprise.name") in {(f["code"], f["path"]) for f in answer["findings"]}
    rows = lianjian.coverage([enrollment], today=TODAY)
    assert rows["totals"]["rejected_rows"] == 1


def test_a_surrogate_pair_written_as_two_code_points_is_the_character() -> None:
    # "\ud83d\ude00" built from code points is 😀 for a JSON reader.
    record = dict(DEMAND, title=DEMAND["title"] + "\ud83d\ude00")
    answer = lianjian.validate_demand(record, today=TODAY)
    assert answer["valid"] is True, answer["findings"]
    assert answer["record"]["title"].endswith("😀")


def test_plain_text_arguments_with_lone_surrogates_are_answered() -> None:
    answer = lianjian.check_uscc("91440300MA5FUTN41\ud83d")
    assert answer["valid"] is False
    assert answer["findings"][0]["code"] == "uscc_charset"
    assert lianjian.classify("出口退税\ud83d")["topic"] == "tax"
    assert lianjian.workday("2026-10-0\ud83d")["findings"][0]["code"] == "date_invalid"
    with pytest.raises(ValueError):
        lianjian.validate_demand_json("{}", '{"lang": "\ud83d"}')


# --------------------------------------------------------------------------
# Working days: deadlines and days, with schedules loaded through the options.
# --------------------------------------------------------------------------

NOT_A_REAL_2027 = json.loads((FIXTURES / "holidays" / "not-a-real-notice-2027.json").read_text(encoding="utf-8"))


def test_a_deadline_into_an_unpublished_year_is_provisional() -> None:
    answer = lianjian.deadline("consultation", "2026-12-30T10:00:00+08:00", lang="en")
    assert answer["from"] == "2026-12-30T10:00:00+08:00"
    assert (answer["deadline"], answer["working_days"], answer["provisional"]) == ("2027-01-04", 2, True)
    assert answer["findings"][0]["code"] == "calendar_provisional"
    loaded = lianjian.deadline("consultation", date(2026, 12, 30), holidays=[NOT_A_REAL_2027])
    assert (loaded["deadline"], loaded["provisional"], loaded["findings"]) == ("2027-01-05", False, [])
    aware = datetime(2026, 12, 30, 10, tzinfo=timezone(timedelta(hours=8)))
    assert lianjian.deadline("consultation", aware)["deadline"] == "2027-01-04"
    with pytest.raises(ValueError):
        lianjian.deadline("consultation", datetime(2026, 12, 30, 10))
    bad = lianjian.deadline("petition", "soon")
    assert bad["deadline"] is None
    assert [f["path"] for f in bad["findings"]] == ["kind", "from"]
    # The same text as the JSON twin.
    assert lianjian.deadline_json("help", "2026-11-25") == _lianjian.deadline("help", "2026-11-25", None)


def test_workday_says_why() -> None:
    day = lianjian.workday(date(2026, 10, 10), lang="en")
    assert (day["working"], day["reason"], day["holiday"], day["holiday_name"]) == (
        True,
        "make_up_day",
        "national_day",
        "National Day",
    )
    loaded = lianjian.workday("2027-02-14", holidays=[NOT_A_REAL_2027])
    assert (loaded["reason"], loaded["provisional"]) == ("make_up_day", False)
    assert lianjian.workday("2027-02-14")["reason"] == "weekend"


def test_a_holiday_schedule_that_does_not_load_raises_value_error() -> None:
    broken = dict(NOT_A_REAL_2027, holidays=NOT_A_REAL_2027["holidays"][1:])
    with pytest.raises(ValueError, match="元旦"):
        lianjian.workday("2027-01-01", holidays=[broken])
    with pytest.raises(TypeError):
        lianjian.workday("2027-01-01", holidays=NOT_A_REAL_2027)  # type: ignore[arg-type]


# --------------------------------------------------------------------------
# Records of any kind: programmes, visits, activities.
# --------------------------------------------------------------------------

PROGRAMME = json.loads(read(FIXTURES / "programme" / "valid_wanming.json"))
OUTREACH = [
    (kind, path)
    for kind in ("programme", "visit", "activity")
    for path in sorted((FIXTURES / kind).glob("*.json"))
]


@pytest.mark.parametrize("kind,path", OUTREACH, ids=lambda v: v if isinstance(v, str) else v.stem)
def test_outreach_fixtures_are_judged_as_named(kind: str, path: Path) -> None:
    programme = PROGRAMME if kind == "visit" else None
    answer = lianjian.validate(kind, read(path), today=TODAY, legacy_uscc=LEGACY, programme=programme)
    assert answer["valid"] == expected_valid(path), answer["findings"]
    assert (answer["record"] is not None) == answer["valid"]
    if path.stem.startswith("valid_"):
        assert answer["findings"] == []
    # The text form answers the same, byte for byte.
    options = lianjian.options_json(today=TODAY, legacy_uscc=LEGACY, programme=programme)
    assert json.loads(lianjian.validate_json(kind, read(path), options)) == answer


def test_validate_takes_every_kind_and_refuses_others() -> None:
    enrollment = lianjian.validate("enrollment", read(ENROLLMENTS[0]), today=TODAY, legacy_uscc=LEGACY)
    assert enrollment == lianjian.validate_enrollment(read(ENROLLMENTS[0]), today=TODAY, legacy_uscc=LEGACY)
    with pytest.raises(ValueError, match="kind: `training` is not one of enrollment, demand"):
        lianjian.validate("training", "{}", today=TODAY)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        lianjian.validate(1, "{}")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="options: programme: "):
        lianjian.validate("visit", "{}", today=TODAY, programme={"id": "p"})
    with pytest.raises(TypeError):
        lianjian.validate("visit", "{}", programme="p")  # type: ignore[arg-type]


def test_visits_meet_the_programme_only_when_given() -> None:
    visit = json.loads(read(FIXTURES / "visit" / "err_unknown_contact.json"))
    alone = lianjian.validate("visit", visit, today=TODAY, lang="en")
    assert alone["valid"] and alone["findings"] == []
    given = lianjian.validate("visit", visit, today=TODAY, lang="en", programme=PROGRAMME)
    assert [(f["code"], f["path"]) for f in given["findings"]] == [("unknown_contact", "contact")]
    assert given["findings"][0]["message"] == "The programme has no such contact"


def test_lines_are_checked_against_earlier_lines() -> None:
    text = read(FIXTURES / "batch" / "activity_room_double_booked.jsonl")
    answers = lianjian.validate_lines("activity", text, today=TODAY)
    assert [a["line"] for a in answers] == [1, 2, 3, 4, 5]
    assert [f["code"] for f in answers[1]["findings"]] == ["room_double_booked"]
    assert answers[1]["findings"][0]["params"] == {"earlier": "line 1"}
    # An iterable of records works as for coverage; the JSON form agrees.
    records = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert lianjian.validate_lines("activity", records, today=TODAY) == answers
    raw = lianjian.validate_lines_json("activity", text, lianjian.options_json(today=TODAY))
    assert json.loads(raw) == answers


def test_the_command_checks_visits_against_a_programme_file(tmp_path: Path) -> None:
    visit = FIXTURES / "visit" / "err_unknown_contact.json"
    programme = FIXTURES / "programme" / "valid_wanming.json"
    args = [sys.executable, "-m", "lianjian", "findings", "visit", str(visit), "--today", TODAY]
    alone = subprocess.run(args, capture_output=True, check=False)
    assert alone.returncode == 0, alone.stderr
    given = subprocess.run([*args, "--programme", str(programme)], capture_output=True, check=False)
    assert given.returncode == 1
    assert json.loads(given.stdout)["findings"][0]["code"] == "unknown_contact"
    broken = tmp_path / "programme.json"
    broken.write_text('{"id": "p"}', encoding="utf-8")
    refused = subprocess.run([*args, "--programme", str(broken)], capture_output=True, check=False)
    assert refused.returncode == 2
    assert b"options: programme: " in refused.stderr


# --------------------------------------------------------------------------
# Pairings and centres.
# --------------------------------------------------------------------------

# Fixtures judged against the pairings of an earlier line (earlier.jsonl).
AGAINST_EARLIER = {"err_active_twice", "err_duplicate_id"}
PAIRINGS_AND_CENTRES = [
    (kind, path)
    for kind in ("pairing", "centre")
    for path in sorted((FIXTURES / kind).glob("*.json"))
    if path.stem not in AGAINST_EARLIER
]


@pytest.mark.parametrize("kind,path", PAIRINGS_AND_CENTRES, ids=lambda v: v if isinstance(v, str) else v.stem)
def test_pairing_and_centre_fixtures_are_judged_as_named(kind: str, path: Path) -> None:
    answer = lianjian.validate(kind, read(path), today=TODAY, legacy_uscc=LEGACY)  # type: ignore[arg-type]
    assert answer["valid"] == expected_valid(path), answer["findings"]
    assert (answer["record"] is not None) == answer["valid"]
    if path.stem.startswith("valid_"):
        assert answer["findings"] == []
    options = lianjian.options_json(today=TODAY, legacy_uscc=LEGACY)
    assert json.loads(lianjian.validate_json(kind, read(path), options)) == answer


def test_a_second_active_pairing_of_the_same_units_is_refused_against_the_first() -> None:
    earlier = read(FIXTURES / "pairing" / "earlier.jsonl").strip()
    again = json.loads(read(FIXTURES / "pairing" / "err_active_twice.json"))
    answers = lianjian.validate_lines("pairing", [json.loads(earlier), again], today=TODAY, lang="en")
    assert [a["valid"] for a in answers] == [True, False]
    finding = answers[1]["findings"][0]
    assert (finding["code"], finding["path"], finding["params"]) == (
        "pairing_active_twice",
        "parties",
        {"earlier": "line 1"},
    )


def test_the_seed_pairing_and_the_drivers_home() -> None:
    seed = lianjian.validate("pairing", read(FIXTURES / "pairing" / "valid_port_traffic_peak.json"), today=TODAY)
    record = seed["record"]
    assert record is not None
    assert record["outcomes"][0]["demands"] == ["demand-2026-0412"]  # type: ignore[index]
    home = lianjian.validate(
        "centre", read(FIXTURES / "centre" / "warn_driver_home_missing_services.json"), today=TODAY, lang="en"
    )
    assert home["valid"]
    assert [(f["code"], f["params"]) for f in home["findings"]] == [
        ("driver_home_missing_service", {"missing": ["meal_heating", "shower", "laundry"]})
    ]


DISTRICT = ROOT / "examples" / "district"


def test_the_headline_of_the_demo_district() -> None:
    answer = lianjian.headline(DISTRICT, "2026-01-01", date(2026, 12, 31), today="2026-12-31")
    figures = answer["figures"]
    assert figures is not None and answer["lists"] is not None
    assert figures["relending"] == {
        "enterprises": 12,
        "amount_wan": 4860.0,
        "approx": "近5000万元",
        "enterprises_approx": "10余家",
    }
    assert figures["chains_with_alliance"]["value"] == 4
    assert "D-2026-0311" in answer["lists"]["demands_resolved"]
    left_out = [(f.get("file"), f.get("line"), f["code"]) for f in answer["findings"] if f["severity"] == "error"]
    assert ("demands.jsonl", 8, "illegal_transition") in left_out
    assert answer["definitions"]["relending"].startswith("有效活动中")
    # A mapping of the same texts is the same folder, and the text form the same JSON.
    texts = {name: (DISTRICT / name).read_text(encoding="utf-8") for name in lianjian.FOLDER_FILES}
    assert lianjian.headline(texts, "2026-01-01", "2026-12-31", today="2026-12-31") == answer
    raw = lianjian.headline_json(
        json.dumps(texts, ensure_ascii=False), "2026-01-01", "2026-12-31", None, '{"today": "2026-12-31"}'
    )
    assert json.loads(raw) == answer


def test_a_headline_period_that_cannot_be_read() -> None:
    answer = lianjian.headline({}, "2026-12-31", "2026-01-01", as_of="soon", lang="en", today="2026-12-31")
    assert answer["figures"] is None and answer["period"] is None
    codes = [(f["code"], f["path"], f.get("file")) for f in answer["findings"]]
    assert codes[:3] == [
        ("date_invalid", "as_of", None),
        ("ends_before_start", "to", None),
        ("required", "", "roster.jsonl"),
    ]
    with pytest.raises(ValueError):
        lianjian.headline({}, "2026-01-01", "2026-12-31", lang="fr")  # type: ignore[arg-type]


def test_the_pairing_and_centre_ledgers_of_the_demo_district() -> None:
    texts = {name: (DISTRICT / name).read_text(encoding="utf-8") for name in lianjian.FOLDER_FILES}
    for name, file in (("pairings", "pairings.jsonl"), ("centres", "centres.jsonl")):
        answer = lianjian.ledger(name, DISTRICT, today="2026-12-31", lang="en")
        assert answer["ledger"] == name
        rows = answer["rows"]
        assert rows is not None and answer["columns"] is not None
        counts = answer["files"][file]
        assert len(rows) == counts["rows"] - counts["left_out"] > 0
        assert [c["id"] for c in answer["columns"]] == list(rows[0])
        # The same folder as a mapping, and the JSON form, answer the same.
        assert lianjian.ledger(name, texts, today="2026-12-31", lang="en") == answer
        raw = lianjian.ledger_json(name, json.dumps(texts, ensure_ascii=False), '{"today": "2026-12-31", "lang": "en"}')
        assert json.loads(raw) == answer
        # No liaison's phone is written.
        assert "1360013610" not in json.dumps(answer)
    unknown = lianjian.ledger("accounts", texts, today="2026-12-31")
    assert unknown["rows"] is None
    assert unknown["findings"][0]["code"] == "invalid_option"
    assert unknown["findings"][0]["params"]["allowed"] == ["activities", "pairings", "centres"]


def test_the_exports_of_the_demo_district() -> None:
    hsds = lianjian.export_hsds(DISTRICT, today="2026-12-31")
    export = hsds["export"]
    assert export is not None and export["hsds_version"] == "3.0"
    locations = {location["id"] for location in export["locations"]}
    assert locations and all(link["location_id"] in locations for link in export["service_at_locations"])
    stamp = datetime(2026, 12, 31, 8, 0, tzinfo=timezone(timedelta(hours=8)))
    ical = lianjian.export_ical(DISTRICT, stamp, today="2026-12-31")
    calendar = ical["export"]
    assert isinstance(calendar, str) and calendar.startswith("BEGIN:VCALENDAR\r\n")
    assert "DTSTAMP:20261231T000000Z" in calendar
    # The same stamp as text is the same calendar; no liaison's phone is written.
    assert lianjian.export_ical(DISTRICT, "2026-12-31T00:00:00Z", today="2026-12-31") == ical
    assert "1360013610" not in calendar + json.dumps(export)
    bad = lianjian.export_ical({}, "later", today="2026-12-31")
    assert bad["export"] is None
    assert (bad["findings"][0]["code"], bad["findings"][0]["path"]) == ("datetime_invalid", "stamp")
    with pytest.raises(ValueError):
        lianjian.export_ical(DISTRICT, datetime(2026, 12, 31, 8, 0))
