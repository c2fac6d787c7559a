"""lianjian: the industry-chain Party building rules of the Rust core, for Python.

The same validation the browser form, the C library and the ``lianjian``
command line run, with the same findings, word for word::

    import lianjian

    answer = lianjian.validate_enrollment(record, lang="en", today="2026-11-25")
    if not answer["valid"]:
        for finding in answer["findings"]:
            print(finding["path"], finding["message"])

Functions taking Python values (``validate``, ``validate_lines``,
``validate_enrollment``, ``validate_demand``, ``check_uscc``, ``classify``,
``coverage``) return the answer parsed into dicts; ``validate`` checks a
record of any kind (``enrollment``, ``demand``, ``programme``, ``visit``,
``activity``), ``validate_lines`` a file's records against each other. Their ``*_json`` twins take and return JSON text exactly as the native
module produced it, for hosts that store or compare the answers as text.

Every call runs in Rust with the interpreter released, so threads can validate
in parallel.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, Dict, List, Literal, Optional, TypedDict, Union, cast

from . import _lianjian

__version__: str = _lianjian.__version__

__all__ = [
    "__version__",
    "Lang",
    "Severity",
    "Param",
    "Finding",
    "Enterprise",
    "PartyOrg",
    "Person",
    "Contact",
    "Enrollment",
    "EnrollmentAnswer",
    "Attachment",
    "Declarations",
    "Demand",
    "DemandAnswer",
    "UsccAnswer",
    "Candidate",
    "Classification",
    "Names",
    "Rates",
    "Figures",
    "Totals",
    "SegmentCoverage",
    "ChainCoverage",
    "SegmentRef",
    "Gaps",
    "RejectedRow",
    "CoverageAnswer",
    "DeadlineAnswer",
    "WorkdayAnswer",
    "FileCounts",
    "LocatedFinding",
    "HeadlineAnswer",
    "LedgerAnswer",
    "ExportAnswer",
    "FOLDER_FILES",
    "RecordKind",
    "RecordAnswer",
    "LineAnswer",
    "validate",
    "validate_lines",
    "validate_enrollment",
    "validate_demand",
    "check_uscc",
    "classify",
    "coverage",
    "deadline",
    "workday",
    "headline",
    "ledger",
    "export_hsds",
    "export_ical",
    "validate_json",
    "validate_lines_json",
    "validate_enrollment_json",
    "validate_demand_json",
    "check_uscc_json",
    "classify_json",
    "coverage_json",
    "deadline_json",
    "workday_json",
    "headline_json",
    "ledger_json",
    "options_json",
    "templates",
    "china_today",
]

# --------------------------------------------------------------------------
# The shapes of the answers (the wire format of the Rust core).
# --------------------------------------------------------------------------

Lang = Literal["zh-CN", "en"]
"""The languages messages are written in."""

Severity = Literal["error", "warning"]
"""An error makes a record invalid; a warning informs."""

Param = Union[int, float, str, List[str]]
"""A value a message quotes (never personal data)."""


class Finding(TypedDict):
    """One finding, its message rendered in the requested language."""

    code: str
    """What it is about, e.g. ``uscc_checksum`` (stable; messages may change)."""
    severity: Severity
    path: str
    """The offending field, e.g. ``enterprise.uscc`` or ``segments[1]`` (``""`` for the record)."""
    params: Dict[str, Param]
    message: str


class Enterprise(TypedDict):
    name: str
    uscc: str
    """Normalised: upper case, without spaces and hyphens."""
    kind: Literal["enterprise", "association", "government_department"]
    industry_codes: List[str]
    annual_output_wan: Optional[float]
    """Annual output value in 万元 (10,000 CNY)."""
    employees: Optional[int]


class _PartyOrgFields(TypedDict):
    status: Literal["own", "joint", "none"]
    kind: Optional[Literal["branch", "joint_branch", "general_branch", "committee"]]
    name: Optional[str]
    full_members: int
    probationary_members: int
    home_affiliation: Optional[str]


class PartyOrg(_PartyOrgFields, total=False):
    """The enterprise's Party organization; ``units`` and ``branch_committee`` only when given."""

    units: int
    branch_committee: bool


class Person(TypedDict):
    name: str
    phone: str


class Contact(TypedDict):
    name: str
    phone: str
    email: Optional[str]


class Enrollment(TypedDict):
    """A normalised enrollment record."""

    enterprise: Enterprise
    chain: str
    segments: List[str]
    party_org: Optional[PartyOrg]
    liaison: Optional[Person]
    contact: Contact
    joined_on: str
    """``YYYY-MM-DD``."""


class EnrollmentAnswer(TypedDict):
    valid: bool
    """False exactly when some finding is an error."""
    findings: List[Finding]
    record: Optional[Enrollment]
    """The normalised record when valid, else ``None``."""


class Attachment(TypedDict):
    name: str
    size_bytes: int
    mime: str


class Declarations(TypedDict):
    not_in_litigation: bool
    no_secrets: bool


class Demand(TypedDict):
    """A normalised enterprise demand."""

    enterprise_uscc: str
    enterprise_name: str
    chain: Optional[str]
    kind: Literal["consultation", "help", "complaint", "report", "suggestion"]
    topic: Optional[str]
    title: str
    description: str
    urgency: Literal["normal", "urgent"]
    contact: Contact
    attachments: List[Attachment]
    declarations: Declarations
    submitted_at: str
    """RFC 3339 with its offset, e.g. ``2026-11-25T16:00:00+08:00``."""


class DemandAnswer(TypedDict):
    valid: bool
    findings: List[Finding]
    record: Optional[Demand]


class UsccAnswer(TypedDict):
    input: str
    """The code as given; ``*`` per character when it is a resident ID number
    (``uscc_resident_id``), which is never echoed."""
    valid: bool
    normalized: str
    """Upper-cased, separators dropped; masked like ``input``."""
    findings: List[Finding]


class Candidate(TypedDict):
    topic: str
    score: float
    matched: List[str]


class Classification(TypedDict):
    topic: str
    """The suggested topic (``other`` when nothing matched)."""
    department: str
    """The lead responsible department."""
    departments: List[str]
    confidence: float
    """0–1: how clearly the text points to this topic."""
    candidates: List[Candidate]


Names = TypedDict("Names", {"zh-CN": str, "en": str})
"""A display name in each language."""


class Rates(TypedDict):
    """Coverage rates, ``None`` where there are no members."""

    organization: Optional[float]
    work: Optional[float]
    total: Optional[float]


class Figures(TypedDict):
    members: int
    own_org: int
    joint_org: int
    work_only: int
    uncovered: int
    full_members: int
    output_wan: float
    rates: Rates


class Totals(Figures):
    rejected_rows: int


class SegmentCoverage(Figures):
    segment: str
    name: Names


class ChainCoverage(Figures):
    chain: str
    name: Names
    segments: List[SegmentCoverage]


class SegmentRef(TypedDict):
    chain: str
    segment: str


class Gaps(TypedDict):
    empty_segments: List[SegmentRef]
    segments_without_party_org: List[SegmentRef]
    should_build: List[str]
    """USCCs of enterprises with ≥ 3 full members and no organization of their own."""
    unlinked: List[str]
    """USCCs of enterprises neither organized nor linked by a liaison."""


class RejectedRow(TypedDict):
    row: int
    """1-based line (or item) number."""
    findings: List[Finding]


class CoverageAnswer(TypedDict):
    totals: Totals
    chains: List[ChainCoverage]
    gaps: Gaps
    rejected: List[RejectedRow]
    """Rows left out of every figure, in input order."""
    warnings: List[RejectedRow]
    """Rows counted whose checks found warnings, in input order."""


# ``from`` is a Python keyword: the functional form keeps the wire's key.
DeadlineAnswer = TypedDict(
    "DeadlineAnswer",
    {
        "kind": str,
        "from": str,
        "working_days": Optional[int],
        "deadline": Optional[str],
        "provisional": bool,
        "findings": List[Finding],
    },
)
"""``{"kind", "from", "working_days", "deadline", "provisional", "findings"}``:
the kind and the day of receipt as given, the kind's limit in working days,
the deadline (``YYYY-MM-DD``; None when the kind or the date cannot be read),
and whether it was reckoned across a year without a published holiday schedule."""


class WorkdayAnswer(TypedDict):
    date: str
    working: Optional[bool]
    reason: Optional[Literal["weekday", "weekend", "holiday", "make_up_day"]]
    holiday: Optional[str]
    """The festival id (``national_day``) of a holiday or make-up day."""
    holiday_name: Optional[str]
    provisional: bool
    """The year has no published holiday schedule: reckoned from the statutory holidays."""
    source: Optional[str]
    """The notice the year's schedule comes from, when published."""
    findings: List[Finding]


class FileCounts(TypedDict):
    rows: int
    """Rows read (blank lines are not rows)."""
    left_out: int
    """Rows left out of every figure for their errors."""


# ``file`` and ``line`` are absent for the period's findings.
class LocatedFinding(Finding, total=False):
    """A finding with the file and line of the folder it is about."""

    file: str
    line: int


class HeadlineAnswer(TypedDict):
    """The headline report (docs/wire/headline.md). ``period``, ``as_of``,
    ``figures`` and ``lists`` are None when the period cannot be read."""

    period: Optional[Dict[str, str]]
    as_of: Optional[str]
    programme: Optional[str]
    figures: Optional[Dict[str, Dict[str, Any]]]
    """Each figure: its exact value, ``approx`` (the report's wording) and what goes beside it."""
    lists: Optional[Dict[str, List[Any]]]
    definitions: Dict[str, str]
    names: Dict[str, str]
    files: Dict[str, FileCounts]
    findings: List[LocatedFinding]


class LedgerAnswer(TypedDict):
    """A ledger (docs/wire/headline.md, "Ledgers"). ``title``, ``columns`` and
    ``rows`` are None for a name that is no ledger."""

    ledger: str
    title: Optional[str]
    columns: Optional[List[Dict[str, str]]]
    """Each column: ``{"id", "heading"}``."""
    rows: Optional[List[Dict[str, Any]]]
    """One object per record, keyed by the columns' ids."""
    files: Dict[str, FileCounts]
    findings: List[LocatedFinding]


class ExportAnswer(TypedDict):
    """An export of a district folder (docs/wire/pairings.md, "Exports"):
    ``export`` is the HSDS object or the calendar's text, None when it could
    not be made."""

    export: Any
    files: Dict[str, FileCounts]
    findings: List[LocatedFinding]


FOLDER_FILES = (
    "roster.jsonl",
    "programme.json",
    "demands.jsonl",
    "visits.jsonl",
    "activities.jsonl",
    "centres.jsonl",
    "pairings.jsonl",
    "usage.jsonl",
)
"""The files of a district folder, each optional but the roster."""


RecordKind = Literal["enrollment", "demand", "programme", "visit", "activity", "pairing", "centre"]
"""The kinds of record ``validate`` checks (docs/wire/outreach.md for programmes,
visits and activities, docs/wire/pairings.md for pairings and centres)."""


class RecordAnswer(TypedDict):
    """``validate``'s answer: the record is the normalised record of its kind."""

    valid: bool
    findings: List[Finding]
    record: Optional[Dict[str, Any]]


class LineAnswer(TypedDict):
    """One record of ``validate_lines``: its line number (from 1) and findings."""

    line: int
    valid: bool
    findings: List[Finding]


Record = Union[str, Mapping[str, Any]]
"""A record: JSON text, or a mapping serialised to JSON."""

Today = Union[str, date, None]
"""``YYYY-MM-DD``, a date, or ``None`` for today in China (UTC+8)."""

# --------------------------------------------------------------------------
# Raw access: JSON text in, the native module's JSON text out.
# --------------------------------------------------------------------------


def validate_enrollment_json(record: str, options: str = "") -> str:
    """Validates an enrollment given as JSON text; returns the answer as JSON text.

    ``options`` is options JSON (``{"lang", "today", "messages", "legacyUscc", "catalog"}``;
    empty for the defaults). Raises ``ValueError`` for malformed options.
    """
    return _lianjian.validate_enrollment(record, options)


def validate_demand_json(record: str, options: str = "") -> str:
    """Validates a demand given as JSON text; returns the answer as JSON text."""
    return _lianjian.validate_demand(record, options)


def validate_json(kind: str, record: str, options: str = "") -> str:
    """Validates a record of the named kind given as JSON text; returns the
    answer as JSON text. Raises ``ValueError`` for an unknown kind or bad options."""
    return _lianjian.validate(kind, record, options)


def validate_lines_json(kind: str, text: str, options: str = "") -> str:
    """Validates JSON-lines text, each record also against the earlier lines;
    returns ``[{"line", "valid", "findings"}]`` as JSON text."""
    return _lianjian.validate_lines(kind, text, options)


def check_uscc_json(code: str, options: str = "") -> str:
    """Checks one unified social credit code; returns the answer as JSON text."""
    return _lianjian.check_uscc(code, options)


def classify_json(title: str, description: str = "") -> str:
    """Classifies a demand text; returns the answer as JSON text."""
    return _lianjian.classify(title, description)


def coverage_json(lines: str, options: str = "") -> str:
    """Coverage of enrollment records given as JSON lines; returns the report as JSON text."""
    return _lianjian.coverage(lines, options)


def deadline_json(kind: str, from_: str, options: str = "") -> str:
    """The deadline of a demand of ``kind`` received ``from_``; the answer as JSON text."""
    return _lianjian.deadline(kind, from_, options)


def workday_json(day: str, options: str = "") -> str:
    """Whether ``day`` (``YYYY-MM-DD``) is a working day and why; the answer as JSON text."""
    return _lianjian.workday(day, options)


def headline_json(folder: str, from_: str, to: str, as_of: Optional[str] = None, options: str = "") -> str:
    """The headline report of a folder given as one JSON object of file texts;
    the answer as JSON text."""
    return _lianjian.headline(folder, from_, to, as_of, options)


def ledger_json(name: str, folder: str, options: str = "") -> str:
    """A ledger of a folder given as one JSON object of file texts; the
    answer as JSON text."""
    return _lianjian.ledger(name, folder, options)


def options_json(
    *,
    lang: Lang = "zh-CN",
    today: Today = None,
    messages: Optional[Mapping[str, str]] = None,
    legacy_uscc: Iterable[str] = (),
    holidays: Iterable[Mapping[str, Any]] = (),
    programme: Optional[Mapping[str, Any]] = None,
) -> str:
    """The options JSON text the Pythonic functions send for these arguments.

    ``holidays`` are published holiday schedules, one mapping a year in the
    shape of ``core/catalog/holidays/2026.json``; ``programme`` is the contact
    programme visits are checked against. Raises ``ValueError`` for an
    unknown ``lang`` and ``TypeError`` for arguments of the wrong type.
    """
    if lang not in ("zh-CN", "en"):
        raise ValueError(f"lang must be 'zh-CN' or 'en', not {lang!r}")
    options: Dict[str, Any] = {"lang": lang}
    if today is not None:
        options["today"] = _today_text(today)
    if messages:
        if not isinstance(messages, Mapping):
            raise TypeError(f"messages must be a mapping of code to template, not {type(messages).__name__}")
        options["messages"] = dict(messages)
    if isinstance(legacy_uscc, (str, bytes)):
        raise TypeError("legacy_uscc is a list of codes, not a single string")
    codes = list(legacy_uscc)
    if codes:
        options["legacyUscc"] = codes
    if isinstance(holidays, Mapping):
        raise TypeError("holidays is a list of schedules (one a year), not a single mapping")
    years = [dict(year) for year in holidays]
    if years:
        options["holidays"] = years
    if programme is not None:
        if not isinstance(programme, Mapping):
            raise TypeError(f"programme must be a mapping, not {type(programme).__name__}")
        options["programme"] = programme
    return json.dumps(options, ensure_ascii=False, allow_nan=False, default=_json_default)


# --------------------------------------------------------------------------
# The Pythonic API.
# --------------------------------------------------------------------------


def validate(
    kind: RecordKind,
    record: Record,
    *,
    lang: Lang = "zh-CN",
    today: Today = None,
    messages: Optional[Mapping[str, str]] = None,
    legacy_uscc: Iterable[str] = (),
    programme: Optional[Mapping[str, Any]] = None,
) -> RecordAnswer:
    """Validates a record of the named kind: ``enrollment``, ``demand``,
    ``programme``, ``visit``, ``activity``, ``pairing`` or ``centre``.

    ``record`` is JSON text or a mapping; ``programme`` (a mapping) is the
    contact programme visits are checked against: its contacts, their
    enterprises, its period. Returns ``{"valid", "findings", "record"}``.
    Raises ``ValueError`` for a kind with no such name, or a programme with
    an error.
    """
    if not isinstance(kind, str):
        raise TypeError(f"kind must be a str, not {type(kind).__name__}")
    options = options_json(lang=lang, today=today, messages=messages, legacy_uscc=legacy_uscc, programme=programme)
    return cast(RecordAnswer, json.loads(_lianjian.validate(kind, _record_text(record), options)))


def validate_lines(
    kind: RecordKind,
    lines: Union[str, Iterable[Union[str, Mapping[str, Any]]]],
    *,
    lang: Lang = "zh-CN",
    today: Today = None,
    messages: Optional[Mapping[str, str]] = None,
    legacy_uscc: Iterable[str] = (),
    programme: Optional[Mapping[str, Any]] = None,
) -> List[LineAnswer]:
    """Validates records of the named kind, one a line (JSON-lines text, or
    an iterable of records, as for ``coverage``), each also against the
    valid records on earlier lines: a demand repeating one, a visit made
    twice, a room of a centre taken twice, a second active pairing of the
    same units, an id used again (their ``earlier`` is ``line N``). Returns ``[{"line", "valid", "findings"}]``,
    one per non-blank line.
    """
    if not isinstance(kind, str):
        raise TypeError(f"kind must be a str, not {type(kind).__name__}")
    options = options_json(lang=lang, today=today, messages=messages, legacy_uscc=legacy_uscc, programme=programme)
    return cast(List[LineAnswer], json.loads(_lianjian.validate_lines(kind, _lines_text(lines), options)))


def validate_enrollment(
    record: Record,
    *,
    lang: Lang = "zh-CN",
    today: Today = None,
    messages: Optional[Mapping[str, str]] = None,
    legacy_uscc: Iterable[str] = (),
) -> EnrollmentAnswer:
    """Validates an enrollment of an enterprise in an industry chain.

    ``record`` is JSON text or a mapping; ``today`` is the date "not in the
    future" compares with (default: today in China); ``messages`` overrides
    message templates by finding code; ``legacy_uscc`` lists codes accepted as
    real despite a failed check (check character, division, resident-ID shape).
    Returns ``{"valid", "findings", "record"}``.
    """
    options = options_json(lang=lang, today=today, messages=messages, legacy_uscc=legacy_uscc)
    return cast(EnrollmentAnswer, json.loads(_lianjian.validate_enrollment(_record_text(record), options)))


def validate_demand(
    record: Record,
    *,
    lang: Lang = "zh-CN",
    today: Today = None,
    messages: Optional[Mapping[str, str]] = None,
    legacy_uscc: Iterable[str] = (),
) -> DemandAnswer:
    """Validates an enterprise demand (诉求). Repeats of earlier demands are not
    checked: this function knows no earlier demands. Returns
    ``{"valid", "findings", "record"}``.
    """
    options = options_json(lang=lang, today=today, messages=messages, legacy_uscc=legacy_uscc)
    return cast(DemandAnswer, json.loads(_lianjian.validate_demand(_record_text(record), options)))


def check_uscc(
    code: str,
    *,
    lang: Lang = "zh-CN",
    messages: Optional[Mapping[str, str]] = None,
) -> UsccAnswer:
    """Checks one unified social credit code (GB 32100-2015). Returns
    ``{"input", "valid", "normalized", "findings"}``.
    """
    if not isinstance(code, str):
        raise TypeError(f"code must be a str, not {type(code).__name__}")
    options = options_json(lang=lang, messages=messages)
    return cast(UsccAnswer, json.loads(_lianjian.check_uscc(code, options)))


def classify(title: str, description: str = "") -> Classification:
    """Suggests a topic and the responsible departments for a demand text."""
    if not isinstance(title, str) or not isinstance(description, str):
        raise TypeError("title and description must be str")
    return cast(Classification, json.loads(_lianjian.classify(title, description)))


def coverage(
    lines: Union[str, Iterable[Union[str, Mapping[str, Any]]]],
    *,
    lang: Lang = "zh-CN",
    today: Today = None,
    messages: Optional[Mapping[str, str]] = None,
    legacy_uscc: Iterable[str] = (),
) -> CoverageAnswer:
    """The coverage report of a roster of enrollment records.

    ``lines`` is JSON-lines text, or an iterable of records (one JSON text or
    mapping each; a trailing line break is ignored, so an open file works).
    Blank lines are skipped; rows are numbered from 1 by line or item. Rows
    that fail validation are left out of the figures and listed in
    ``rejected``.
    """
    options = options_json(lang=lang, today=today, messages=messages, legacy_uscc=legacy_uscc)
    return cast(CoverageAnswer, json.loads(_lianjian.coverage(_lines_text(lines), options)))


def deadline(
    kind: str,
    from_: Union[str, date, datetime],
    *,
    lang: Lang = "zh-CN",
    holidays: Iterable[Mapping[str, Any]] = (),
) -> DeadlineAnswer:
    """The deadline of a demand of ``kind`` (``consultation``, ``help``,
    ``complaint``, ``report``, ``suggestion``) received ``from_`` (a date, an
    aware datetime, or their ISO text), in working days.

    ``holidays`` adds published schedules to the built-in ones. The answer's
    ``provisional`` is true, with a ``calendar_provisional`` warning, when the
    deadline was reckoned across a year without a published schedule. The
    """
    if isinstance(from_, datetime):
        if from_.tzinfo is None:
            raise ValueError("from_ must be an aware datetime (with its offset)")
        text = from_.isoformat()
    elif isinstance(from_, date):
        text = from_.isoformat()
    elif isinstance(from_, str):
        text = from_
    else:
        raise TypeError(f"from_ must be a str, a date or a datetime, not {type(from_).__name__}")
    if not isinstance(kind, str):
        raise TypeError(f"kind must be a str, not {type(kind).__name__}")
    options = options_json(lang=lang, holidays=holidays)
    return cast(DeadlineAnswer, json.loads(_lianjian.deadline(kind, text, options)))


def workday(
    day: Union[str, date],
    *,
    lang: Lang = "zh-CN",
    holidays: Iterable[Mapping[str, Any]] = (),
) -> WorkdayAnswer:
    """Whether ``day`` is a working day in mainland China, and why
    (``weekday``, ``weekend``, ``holiday``, ``make_up_day``)."""
    options = options_json(lang=lang, holidays=holidays)
    return cast(WorkdayAnswer, json.loads(_lianjian.workday(_today_text(day), options)))


def headline(
    folder: Union[str, "os.PathLike[str]", Mapping[str, str]],
    from_: Union[str, date],
    to: Union[str, date],
    as_of: Union[str, date, None] = None,
    *,
    lang: Lang = "zh-CN",
    today: Today = None,
    messages: Optional[Mapping[str, str]] = None,
    legacy_uscc: Iterable[str] = (),
    holidays: Iterable[Mapping[str, Any]] = (),
) -> HeadlineAnswer:
    """The headline report of a district folder for the period ``from_``–``to``
    (both days included; ``as_of``, the day records and events are taken as
    of, defaults to ``to``): every figure with its report wording, its
    definition and its list. ``folder`` is a directory (the files of
    ``FOLDER_FILES`` there are read) or a mapping of those file names to
    their texts. ``today`` is the day rows are checked against. Rows that
    fail their checks are left out and listed in ``findings`` with their
    ``file`` and ``line``.
    """
    texts = _folder_texts(folder)
    options = options_json(lang=lang, today=today, messages=messages, legacy_uscc=legacy_uscc, holidays=holidays)
    answer = _lianjian.headline(
        json.dumps(texts, ensure_ascii=False),
        _today_text(from_),
        _today_text(to),
        None if as_of is None else _today_text(as_of),
        options,
    )
    return cast(HeadlineAnswer, json.loads(answer))


def _folder_texts(folder: Union[str, "os.PathLike[str]", Mapping[str, str]]) -> Dict[str, str]:
    """The texts of a folder's files by name: a mapping as it is, or the files
    of ``FOLDER_FILES`` found in a directory."""
    if isinstance(folder, Mapping):
        return dict(folder)
    texts = {}
    for name in FOLDER_FILES:
        path = os.path.join(os.fspath(folder), name)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                texts[name] = f.read()
    return texts


def ledger(
    name: str,
    folder: Union[str, "os.PathLike[str]", Mapping[str, str]],
    *,
    lang: Lang = "zh-CN",
    today: Today = None,
    messages: Optional[Mapping[str, str]] = None,
    legacy_uscc: Iterable[str] = (),
) -> LedgerAnswer:
    """A ledger (台账) of a district folder: ``activities``, ``pairings`` or
    ``centres``, one row per valid record, as ``lianjian ledger NAME DIR
    --format json``. ``folder`` is a directory or a mapping of file names to
    texts, as for ``headline``. Rows that fail their checks are left out and
    listed in ``findings`` with their ``file`` and ``line``; a name that is no
    ledger answers ``rows`` None and an ``invalid_option`` finding.
    """
    options = options_json(lang=lang, today=today, messages=messages, legacy_uscc=legacy_uscc)
    answer = _lianjian.ledger(name, json.dumps(_folder_texts(folder), ensure_ascii=False), options)
    return cast(LedgerAnswer, json.loads(answer))


def export_hsds(
    folder: Union[str, "os.PathLike[str]", Mapping[str, str]],
    *,
    lang: Lang = "zh-CN",
    today: Today = None,
) -> ExportAnswer:
    """The valid centres of a district folder (a directory or a mapping, as for
    ``headline``) as Open Referral HSDS 3.0, as ``lianjian export hsds DIR``;
    ``export`` is ``{"hsds_version", "organizations", "services", "locations",
    "service_at_locations", "schedules"}``. Nothing personal is exported.
    """
    options = options_json(lang=lang, today=today)
    answer = _lianjian.export_hsds(json.dumps(_folder_texts(folder), ensure_ascii=False), options)
    return cast(ExportAnswer, json.loads(answer))


def export_ical(
    folder: Union[str, "os.PathLike[str]", Mapping[str, str]],
    stamp: Union[str, datetime],
    *,
    lang: Lang = "zh-CN",
    today: Today = None,
) -> ExportAnswer:
    """The valid activities of a district folder as an iCalendar (RFC 5545)
    calendar, as ``lianjian export ical DIR --stamp STAMP``; ``stamp`` (an RFC
    3339 text or an aware datetime) is its ``DTSTAMP``, ``export`` the
    calendar's text. Nothing personal is exported.
    """
    if isinstance(stamp, datetime):
        if stamp.tzinfo is None:
            raise ValueError("stamp must be an aware datetime (with a time zone)")
        stamp = stamp.isoformat()
    options = options_json(lang=lang, today=today)
    answer = _lianjian.export_ical(json.dumps(_folder_texts(folder), ensure_ascii=False), stamp, options)
    return cast(ExportAnswer, json.loads(answer))


def templates(lang: Lang = "zh-CN") -> Dict[str, str]:
    """The built-in message templates of a language, keyed by finding code."""
    return cast(Dict[str, str], json.loads(_lianjian.templates(lang)))


def china_today() -> date:
    """The date used when no ``today`` is given: today in China (UTC+8)."""
    return date.fromisoformat(_lianjian.china_today())


# --------------------------------------------------------------------------
# Conversions.
# --------------------------------------------------------------------------


def _today_text(today: Union[str, date]) -> str:
    # A datetime is a date too; its own calendar date counts.
    if isinstance(today, datetime):
        return today.date().isoformat()
    if isinstance(today, date):
        return today.isoformat()
    if isinstance(today, str):
        return today
    raise TypeError(f"today must be a str, a date or None, not {type(today).__name__}")


def _json_default(value: object) -> object:
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _dumps(value: Mapping[str, Any]) -> str:
    # NaN and infinities are not JSON: refuse them here rather than send text
    # the core would reject as malformed.
    return json.dumps(value, ensure_ascii=False, allow_nan=False, default=_json_default)


def _record_text(record: Record) -> str:
    if isinstance(record, str):
        return record
    if isinstance(record, Mapping):
        return _dumps(record)
    raise TypeError(f"record must be JSON text or a mapping, not {type(record).__name__}")


def _lines_text(lines: Union[str, Iterable[Union[str, Mapping[str, Any]]]]) -> str:
    if isinstance(lines, str):
        return lines
    if isinstance(lines, (bytes, bytearray)) or isinstance(lines, Mapping):
        raise TypeError("lines must be JSON-lines text or an iterable of records")
    parts: List[str] = []
    for number, item in enumerate(lines, start=1):
        if isinstance(item, str):
            text = item[:-2] if item.endswith("\r\n") else item[:-1] if item.endswith("\n") else item
            # One item is one row: a line break inside it would shift every
            # later row number.
            if "\n" in text:
                raise ValueError(f"item {number} spans several lines; give one record per item")
        elif isinstance(item, Mapping):
            text = _dumps(item)
        else:
            raise TypeError(f"item {number} must be JSON text or a mapping, not {type(item).__name__}")
        parts.append(text)
    return "\n".join(parts)
