"""Differential test of the phone check: lianjian's `Phone::parse` (through the
release `phone-lines` helper) against libphonenumber's Python port
(`phonenumbers`, whose metadata the hand-written ranges in
core/src/ident/phone/ranges.rs come from), over generated mainland, Hong Kong
and Macau numbers in the forms people write them.

Every number is generated deterministically and parsed by `phonenumbers` with
the default region CN (a Shenzhen portal). Then:

1. every number lianjian accepts is one libphonenumber accepts as a mobile or
   fixed line of the same region, with the same digits (E.164 for Hong Kong
   and Macau), or falls in a documented category;
2. every number libphonenumber accepts as a Hong Kong or Macau fixed line or
   mobile is accepted by lianjian, every mainland mobile too;
3. every other disagreement falls in a documented category, checked number by
   number (see README.md); a category the generator never reaches fails too.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import time
from collections import Counter
from pathlib import Path

import phonenumbers as pn
import pytest
from phonenumbers import PhoneNumberType as T

from conftest import REPO_ROOT, resolve_bin

SEED = 19970701  # Hong Kong's return; Macau followed on 1999-12-20.
LINES = {T.FIXED_LINE, T.MOBILE, T.FIXED_LINE_OR_MOBILE}
DIGITS = "0123456789"


def helper_bin() -> Path:
    """`phone-lines` beside the release CLI the other tests use."""
    return resolve_bin().with_name("phone-lines")


@pytest.fixture(scope="session")
def phone_lines() -> Path:
    path = helper_bin()
    if not path.is_file():
        pytest.fail(
            f"the phone-lines helper is not at {path}: build it with "
            "`cargo build --release -p lianjian-tests --bin phone-lines`",
            pytrace=False,
        )
    return path


# --------------------------------------------------------------------------
# The generator.
# --------------------------------------------------------------------------


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(DIGITS) for _ in range(n))


def spaced(rng: random.Random, number: str) -> str:
    """The national digits as people group them."""
    style = rng.randrange(4)
    if style == 0:
        return number
    if style == 1 and len(number) == 8:
        return f"{number[:4]} {number[4:]}"
    if style == 2 and len(number) == 8:
        return f"{number[:4]}-{number[4:]}"
    if len(number) == 11:
        return f"{number[:3]} {number[3:7]} {number[7:]}"
    return number


def hk_mo(rng: random.Random, code: str, number: str) -> tuple[str, str]:
    style = rng.randrange(10)
    body = spaced(rng, number)
    if style < 5:
        return "plus", f"+{code} {body}"
    if style < 7:
        return "plus", f"00{code} {body}"
    if style < 8:
        return "plus", f"(+{code}) {body}"
    return "bare", f"{code} {body}"


def generate() -> list[tuple[str, str]]:
    rng = random.Random(SEED)
    cases: list[tuple[str, str]] = []
    # Hong Kong and Macau: every 4-digit prefix (Macau: every 5-digit one
    # under 68, where its mobile ranges split) with random endings.
    for code, kind in (("852", "hk"), ("853", "mo")):
        for prefix in range(10_000):
            for _ in range(2):
                form, text = hk_mo(rng, code, f"{prefix:04d}{digits(rng, 4)}")
                cases.append((f"{kind}_{form}", text))
        for _ in range(1_500):
            n = rng.choice([5, 6, 7, 9, 10, 11])
            start = rng.choice(["", "800", "900", "0800", "3", "8"])
            cases.append((f"{kind}_length", f"+{code} {(start + digits(rng, n))[:n]}"))
    for prefix in range(68_000, 69_000):
        cases.append(("mo_plus", f"+853 {prefix}{digits(rng, 3)}"))
    # Mainland mobiles: every 5-digit prefix of 1…, with and without the country code.
    for prefix in range(10_000, 20_000):
        number = f"{prefix}{digits(rng, 6)}"
        form = rng.choice(["", "+86 ", "0086 ", "86 "])
        cases.append(("cn_mobile", form + spaced(rng, number)))
    # Mainland landlines: every 2- and 3-digit area code, 7- and 8-digit
    # subscriber numbers, domestic and international.
    areas = ["10"] + [f"2{d}" for d in DIGITS] + [str(a) for a in range(300, 1000)]
    for area in areas:
        for length in (7, 8):
            for form in ("0", "+86 ", "+86 (0)", "0086 "):
                cases.append(("cn_landline", f"{form}{area} {digits(rng, length)}"))
    # Shenzhen: subscriber numbers with every first digit, and 8 digits with
    # no area code (a Shenzhen number written locally).
    for _ in range(3_000):
        form = rng.choice(["0755 ", "0755-", "+86 755 ", "(0755) "])
        cases.append(("shenzhen", form + digits(rng, 8)))
    for _ in range(1_000):
        local = rng.choice("2345678") + digits(rng, 7)
        cases.append(("shenzhen_local", rng.choice(["", "+86 ", "86 "]) + spaced(rng, local)))
    # Service numbers and noise.
    for _ in range(1_000):
        cases.append(("cn_service", rng.choice(["400", "800", "950", "10"]) + digits(rng, 7)))
    for _ in range(5_000):
        text = rng.choice(["", "+", "00"]) + digits(rng, rng.randrange(3, 16))
        cases.append(("noise", text))
    return cases


# --------------------------------------------------------------------------
# Running both implementations.
# --------------------------------------------------------------------------


def run_ours(binary: Path, texts: list[str]) -> list[dict]:
    assert not any("\n" in t for t in texts)
    done = subprocess.run(
        [str(binary)],
        input="".join(t + "\n" for t in texts),
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(answers) == len(texts)
    return answers


def theirs(text: str) -> tuple | None:
    """(region, type, E.164, national number) when libphonenumber finds a
    valid number, else None."""
    try:
        number = pn.parse(text, "CN")
    except pn.NumberParseException:
        return None
    if not pn.is_valid_number(number):
        return None
    return (
        pn.region_code_for_number(number),
        pn.number_type(number),
        pn.format_number(number, pn.PhoneNumberFormat.E164),
        str(number.national_number),
    )


# --------------------------------------------------------------------------
# Categories of disagreement, each with its exact explanation.
# --------------------------------------------------------------------------

CATEGORIES = {
    "hk_mo_without_plus": "lianjian accepts 852/853 followed by exactly 8 digits without "
    "+ or 00 as Hong Kong/Macau (no mainland number has 11 digits starting 85); "
    "libphonenumber, with region CN, does not; with a + it does, with the same E.164",
    "shenzhen_local_number": "lianjian reads 8 digits starting 2-8 (alone or after +86/86) "
    "as a Shenzhen number written without its area code; libphonenumber does not; with "
    "0755 in front it accepts the same number as a fixed line of area 755",
    "shenzhen_subscriber": "lianjian refuses (phone_invalid) a 0755 number whose subscriber "
    "number does not have 8 digits starting 2-8; libphonenumber's 755 pattern also "
    "allows subscriber numbers starting 0, 1 or 9",
    "other_area_landline": "lianjian refuses (phone_landline_area, or phone_invalid) a "
    "valid fixed line of another mainland area: only Shenzhen's 0755 is accepted",
    "hk_mo_service_number": "libphonenumber accepts a Hong Kong/Macau number that is no "
    "fixed line or mobile (pager, personal number, UAN, toll-free, premium rate); "
    "lianjian refuses it (phone_unknown_range_hk_mo for 8 digits, else phone_invalid)",
    "cn_service_number": "libphonenumber accepts a mainland service number (toll-free, "
    "shared cost, premium rate, VoIP, UAN); lianjian refuses it",
    "foreign_number": "libphonenumber accepts a number of another country (after + or 00); "
    "lianjian takes mainland, Hong Kong and Macau numbers only and refuses it (phone_invalid)",
}


def national_digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def explain(kind: str, text: str, ours: dict, their: tuple | None) -> tuple[str, str | None]:
    """(category, problem): "agree_valid"/"agree_invalid" when both agree, a
    CATEGORIES key otherwise; problem is None when the explanation holds."""
    if "normalized" in ours:
        normalized, what = ours["normalized"], ours["kind"]
        if what in ("hong_kong", "macau"):
            region = "HK" if what == "hong_kong" else "MO"
            if their and their[0] == region and their[1] in LINES and their[2] == normalized:
                return "agree_valid", None
            digits_only = national_digits(text)
            if kind.endswith("_bare") and digits_only[:3] in ("852", "853"):
                plus = theirs("+" + digits_only)
                if plus and plus[0] == region and plus[1] in LINES and plus[2] == normalized:
                    return "hk_mo_without_plus", None
                return "hk_mo_without_plus", f"libphonenumber rejects +{digits_only}: {plus}"
            return "unexplained", f"lianjian {normalized}, libphonenumber {their}"
        if what == "mobile":
            if their and their[0] == "CN" and their[1] == T.MOBILE and their[3] == normalized:
                return "agree_valid", None
            return "unexplained", f"lianjian mobile {normalized}, libphonenumber {their}"
        # A Shenzhen landline, 0755-NNNNNNNN (no extensions are generated).
        subscriber = normalized.removeprefix("0755-")
        if their and their[0] == "CN" and their[1] in LINES and their[3] == "755" + subscriber:
            return "agree_valid", None
        written = national_digits(text)
        if written in (subscriber, "86" + subscriber, "0086" + subscriber):
            with_area = theirs("0755" + subscriber)
            if with_area and with_area[1] in LINES and with_area[3] == "755" + subscriber:
                return "shenzhen_local_number", None
            return "shenzhen_local_number", f"libphonenumber rejects 0755{subscriber}"
        return "unexplained", f"lianjian {normalized}, libphonenumber {their}"

    code = ours["code"]
    if their is None:
        return "agree_invalid", None
    region, kind_of, _e164, national = their
    if region not in ("CN", "HK", "MO"):
        if code == "phone_invalid":
            return "foreign_number", None
        return "foreign_number", f"refused with {code}"
    if region in ("HK", "MO"):
        if kind_of not in LINES and code in ("phone_unknown_range_hk_mo", "phone_invalid"):
            return "hk_mo_service_number", None
        return "unexplained", f"lianjian {code}, libphonenumber {their}"
    if kind_of == T.MOBILE:
        return "unexplained", f"lianjian {code}, libphonenumber {their}"
    if kind_of not in LINES:
        return "cn_service_number", None
    if national.startswith("755"):
        subscriber = national[3:]
        if code == "phone_invalid" and (len(subscriber) != 8 or subscriber[0] not in "2345678"):
            return "shenzhen_subscriber", None
        return "shenzhen_subscriber", f"a Shenzhen fixed line refused with {code}"
    if code in ("phone_landline_area", "phone_invalid"):
        return "other_area_landline", None
    return "unexplained", f"lianjian {code}, libphonenumber {their}"


def test_phone_differential(phone_lines, summary):
    started = time.perf_counter()
    cases = generate()
    texts = [t for _, t in cases]
    assert len(texts) >= 60_000
    ours = run_ours(phone_lines, texts)
    ours_done = time.perf_counter()
    their = [theirs(t) for t in texts]
    their_done = time.perf_counter()

    counts = Counter()
    by_code = Counter()
    problems = []
    for (kind, text), o, t in zip(cases, ours, their):
        category, problem = explain(kind, text, o, t)
        counts[category] += 1
        if category not in ("agree_valid", "agree_invalid"):
            by_code[(category, o.get("code", o.get("kind")))] += 1
        if problem is not None or category == "unexplained":
            problems.append((kind, text, o, t, problem))

    table = [
        f"{len(texts)} numbers, seed {SEED}: lianjian {ours_done - started:.2f} s, "
        f"phonenumbers {pn.__version__} {their_done - ours_done:.2f} s",
        f"{'category':<34}{'lianjian says':<30}{'count':>8}",
    ]
    table += [f"{c:<34}{'':<30}{n:>8}" for c, n in counts.most_common() if c.startswith("agree")]
    table += [f"{c:<34}{str(k):<30}{n:>8}" for (c, k), n in sorted(by_code.items())]
    summary.extend(table)
    print("\n".join(table))

    assert not problems, f"{len(problems)} unexplained disagreements; first: {problems[:10]}"
    found = {c for c in counts if not c.startswith("agree")}
    assert found == CATEGORIES.keys(), f"not exercised: {CATEGORIES.keys() - found}"
    assert counts["agree_valid"] > 10_000 and counts["agree_invalid"] > 10_000


def test_metadata_version_is_the_one_the_ranges_cite():
    """core/src/ident/phone/ranges.rs cites the metadata of this release."""
    ranges = (REPO_ROOT / "core/src/ident/phone/ranges.rs").read_text(encoding="utf-8")
    assert f"`phonenumbers` {pn.__version__}" in ranges
