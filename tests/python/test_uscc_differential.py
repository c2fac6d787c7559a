"""Differential test of the USCC check: the release `lianjian` CLI against
python-stdnum (`stdnum.cn.uscc`, and `stdnum.cn.ric` for resident ID numbers)
and against an independent oracle of GB 32100-2015 written here.

Every code is generated deterministically. The CLI sees all of them in one
process (`lianjian uscc -`). Then:

1. the CLI's verdict and findings must equal the oracle's exactly;
2. every disagreement with stdnum must fall in a documented category whose
   explanation is checked code by code (see README.md);
3. stdnum valid => lianjian valid, except for the two checks stdnum's USCC
   module does not make (the division prefix and the resident-ID shape), each
   explained code by code with stdnum's own division table and ID-number check.
"""

from __future__ import annotations

import datetime
import json
import random
import subprocess
import time
from collections import Counter

import pytest
from stdnum import numdb
from stdnum.cn import ric as stdnum_ric
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import InvalidFormat, ValidationError

SEED = 20151001  # GB 32100-2015 took effect on 2015-10-01.
VALID_BASES = 40_000
MUTANTS = 80_000

# --------------------------------------------------------------------------
# The oracle: GB 32100-2015 (final check, ISO 7064 MOD 31-3 style weights) and
# GB 11714 (the organization code embedded in positions 9-17).
# --------------------------------------------------------------------------

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUE = {symbol: i for i, symbol in enumerate(ALPHABET)}
WEIGHTS = [pow(3, i, 31) for i in range(17)]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
DIGITS = "0123456789"
LETTERS = ALPHABET[10:]

# Registration authority -> organization types listed by the standard.
STANDARD_TYPES = {
    "1": "1239",
    "2": "19",
    "3": "123459",
    "4": "19",
    "5": "1239",
    "6": "129",
    "7": "129",
    "8": "19",
    "9": "123",
    "A": "19",
    "N": "1239",
    "Y": "1",
}
# Pairs the oracle leaves undecided (none at present: agriculture (N) lists
# types 1, 2, 3 and 9, as the core does).
UNSETTLED_TYPES: set[tuple[str, str]] = set()

ERROR_CODES = {
    "required", "uscc_length", "uscc_charset", "uscc_format", "uscc_checksum",
    "uscc_division", "uscc_resident_id",
}
WARNING_CODES = {"uscc_org_code_checksum", "uscc_unknown_authority", "uscc_unknown_type"}


def final_check(first17: str) -> str:
    total = sum(VALUE[c] * w for c, w in zip(first17, WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def org_check(body: str) -> str:
    total = 0
    for c, w in zip(body, ORG_WEIGHTS):
        total += (int(c) if c.isdigit() else ord(c) - ord("A") + 10) * w
    r = 11 - total % 11
    return {10: "X", 11: "0"}.get(r, str(r))


def complete(first17: str) -> str:
    return first17 + final_check(first17)


# Province-level divisions: the top-level entries of the division table
# python-stdnum ships for resident ID numbers (GB/T 2260), not lianjian's list.
_LOC = numdb.get("cn/loc").prefixes
PROVINCES = frozenset(low for length, low, high, *_ in _LOC if length == 2 and low == high)
assert len(PROVINCES) == 34, sorted(PROVINCES)


def _divisions(prefixes, head=""):
    for length, low, high, _props, children in prefixes:
        for n in range(int(low), int(high) + 1):
            code = head + str(n).zfill(length)
            if len(code) == 6:
                yield code
            yield from _divisions(children, code)


def ric_accepts(n: str) -> bool:
    """`stdnum.cn.ric.is_valid`, except that stdnum 2.2 raises KeyError for a
    division its table lists without a county (a province or a prefecture):
    such a number counts as not accepted."""
    try:
        return stdnum_ric.is_valid(n)
    except KeyError:
        return False


# Every six-digit division of stdnum's table (counties, cities, provinces).
LOC_DIVISIONS = sorted(set(_divisions(_LOC)))
NATIONAL = "100000"


def possible_division(n: str) -> bool:
    return n[2:8] == NATIONAL or n[2:4] in PROVINCES


def is_resident_id(n: str) -> bool:
    """GB 11643 shape with stdnum's MOD 11-2 and birth date, a province of
    stdnum's table, and a birth year 1900-2099 (lianjian's fixed window)."""
    if len(n) != 18 or not n[:17].isdigit() or n[17] not in DIGITS + "X":
        return False
    if n[:2] not in PROVINCES or stdnum_ric.calc_check_digit(n) != n[17]:
        return False
    try:
        born = stdnum_ric.get_birth_date(n)
    except ValidationError:
        return False
    return 1900 <= born.year <= 2099


# Unicode White_Space (what Rust's char::is_whitespace tests), the dashes and
# minus signs, the soft hyphen, zero-width space and BOM: all dropped.
WHITE_SPACE = set("\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {
    chr(c) for c in range(0x2000, 0x200B)
}
DROPPED = WHITE_SPACE | set("-\u2212\ufe58\ufe63\xad\u200b\ufeff") | {chr(c) for c in range(0x2010, 0x2016)}


# The folding lianjian documents: full-width ASCII to ASCII, then every
# character of DROPPED removed, ASCII upper-cased.
def our_normalize(text: str) -> str:
    out = []
    for ch in text:
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E:
            ch = chr(o - 0xFEE0)
        if ch in DROPPED:
            continue
        out.append(ch.upper() if ch.isascii() else ch)
    return "".join(out)


def only_ours_folds(text: str) -> str:
    """Applies just the folds lianjian does and stdnum does not: interior
    tabs and full-width letters/punctuation."""
    out = []
    for ch in text:
        o = ord(ch)
        if ch == "\t":
            continue
        if 0xFF01 <= o <= 0xFF5E:
            ch = chr(o - 0xFEE0)
        out.append(ch)
    return "".join(out)


def expected_findings(normalized: str) -> list[tuple]:
    """The findings lianjian must report, as comparable tuples."""
    n = normalized
    if not n:
        return [("required",)]
    if len(n) != 18:
        return [("uscc_length", len(n))]
    if is_resident_id(n):
        return [("uscc_resident_id",)]
    errors = []
    for i, c in enumerate(n):
        if c not in VALUE:
            errors.append(("uscc_charset", i + 1))
        elif 1 <= i < 8 and c not in DIGITS:
            errors.append(("uscc_format", i + 1))
    if errors:
        return errors
    check = final_check(n[:17])
    if check != n[17]:
        return [("uscc_checksum", check)]
    if not possible_division(n):
        return [("uscc_division", n[2:4])]
    found = []
    authority, org_type = n[0], n[1]
    types = STANDARD_TYPES.get(authority)
    if types is None:
        found.append(("uscc_unknown_authority", authority))
    elif org_type not in types and (authority, org_type) not in UNSETTLED_TYPES:
        found.append(("uscc_unknown_type", authority, org_type))
    expected_org = org_check(n[8:16])
    if expected_org != n[16]:
        found.append(("uscc_org_code_checksum", expected_org))
    return found


def as_tuple(finding: dict) -> tuple:
    code, params = finding["code"], finding["params"]
    if code == "uscc_length":
        return (code, params["length"])
    if code in ("uscc_charset", "uscc_format"):
        return (code, params["position"])
    if code in ("uscc_checksum", "uscc_org_code_checksum"):
        return (code, params["expected"])
    if code == "uscc_unknown_authority":
        return (code, params["authority"])
    if code == "uscc_unknown_type":
        return (code, params["authority"], params["org_type"])
    if code == "uscc_division":
        return (code, params["prefix"])
    # uscc_resident_id and required quote nothing; anything else would show here.
    return (code, *params.values())


# --------------------------------------------------------------------------
# The generator.
# --------------------------------------------------------------------------

DIVISIONS = [
    "110000", "110105", "120116", "310115", "320506", "330106",
    "440300", "440305", "440308", "510104", "650102", "100000",
]
AUTHORITIES = (
    [("9", 40)]
    + [(d, 3) for d in "12345678"]
    + [("A", 5), ("N", 5), ("Y", 5)]
    + [(c, 0.5) for c in LETTERS if c not in "ANY"]
    + [("0", 3)]
)
OTHER_CHARS = "IOZSVioszvabcxy.,/_*#中"
WIDE_SEPARATORS = ["\t", "\u3000", "\u2010", "\u2011", "\u2013", "\u2014", "\u2015", "\uff0d"]


def valid_code(rng: random.Random) -> str:
    authority = rng.choices([a for a, _ in AUTHORITIES], [w for _, w in AUTHORITIES])[0]
    listed = STANDARD_TYPES.get(authority)
    org_type = rng.choice(listed) if listed and rng.random() < 0.85 else rng.choice(DIGITS)
    if rng.random() < 0.9:
        division = rng.choice(DIVISIONS)
    else:
        division = "".join(rng.choice(DIGITS) for _ in range(6))
    pool = DIGITS if rng.random() < 0.5 else ALPHABET
    body = "".join(rng.choice(pool) for _ in range(8))
    return complete(authority + org_type + division + body + org_check(body))


def to_fullwidth(ch: str) -> str:
    return chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch


def mutate(rng: random.Random, code: str) -> tuple[str, str]:
    """One mutation of a valid code: (kind, text)."""
    kind = rng.choice(MUTATIONS)
    chars = list(code)
    i = rng.randrange(18)
    if kind == "substitute":
        if rng.random() < 0.5:
            chars[i] = rng.choice([c for c in ALPHABET if c != chars[i]])
        else:
            chars[i] = rng.choice(OTHER_CHARS)
    elif kind == "lowercase":
        chars = [c.lower() if rng.random() < 0.5 else c for c in chars]
    elif kind == "transpose":
        j = rng.randrange(17)
        chars[j], chars[j + 1] = chars[j + 1], chars[j]
    elif kind == "delete":
        del chars[i]
    elif kind == "insert":
        chars.insert(rng.randrange(19), rng.choice(ALPHABET))
    elif kind == "wrong_length":
        if rng.random() < 0.5:
            chars = chars[: rng.randrange(1, 18)]
        else:
            chars += [rng.choice(ALPHABET) for _ in range(rng.randrange(1, 4))]
    elif kind == "org_code_digit":
        current = chars[16]
        chars[16] = rng.choice([c for c in DIGITS + "X" if c != current])
        chars[17] = final_check("".join(chars[:17]))
    elif kind == "final_check":
        chars[17] = rng.choice([c for c in ALPHABET if c != chars[17]])
    elif kind == "separators":
        for _ in range(rng.randrange(1, 5)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(" -"))
        if rng.random() < 0.3:
            chars = [" "] + chars + [" "]
    elif kind == "wide_forms":
        for _ in range(rng.randrange(1, 3)):
            chars.insert(rng.randrange(1, len(chars)), rng.choice(WIDE_SEPARATORS))
        chars = [
            to_fullwidth(c.lower() if rng.random() < 0.3 else c) if rng.random() < 0.3 else c
            for c in chars
        ]
    elif kind == "letter_in_2_8":
        chars[rng.randrange(1, 8)] = rng.choice(LETTERS)
        if rng.random() < 0.5:
            chars[17] = final_check("".join(chars[:17]))
    elif kind == "garbage":
        pool = ALPHABET + OTHER_CHARS + " -"
        chars = [rng.choice(pool) for _ in range(rng.randrange(1, 26))]
    return kind, "".join(chars)


MUTATIONS = [
    "substitute", "substitute", "substitute", "lowercase", "transpose", "transpose",
    "delete", "insert", "wrong_length", "org_code_digit", "org_code_digit",
    "final_check", "separators", "wide_forms", "letter_in_2_8", "letter_in_2_8",
    "garbage",
]
BLANKS = ["", " ", "   ", "\t", "\u3000", " \t\u3000 "]
RESIDENT_IDS = 4_000


def resident_id(rng: random.Random) -> tuple[str, str]:
    """A resident ID number (GB 11643): mostly a division of stdnum's table,
    sometimes a province with random digits; a birth date 1900-2099; the
    MOD 11-2 check from stdnum. Some are spaced, some end in a lower-case x,
    some have a wrong check digit (then they are no ID number)."""
    if rng.random() < 0.8:
        division = rng.choice(LOC_DIVISIONS)
    else:
        division = rng.choice(sorted(PROVINCES)) + "".join(rng.choice(DIGITS) for _ in range(4))
    born = datetime.date(1900, 1, 1) + datetime.timedelta(days=rng.randrange(73_000))
    body = division + born.strftime("%Y%m%d") + "".join(rng.choice(DIGITS) for _ in range(3))
    number = body + stdnum_ric.calc_check_digit(body + "0")
    roll = rng.random()
    if roll < 0.1:
        wrong = rng.choice([c for c in DIGITS + "X" if c != number[17]])
        return "resident_id_bad_check", body + wrong
    if roll < 0.2:
        return "resident_id", " ".join([number[:6], number[6:14], number[14:]])
    if roll < 0.25:
        return "resident_id", number.lower()
    return "resident_id", number


def generate() -> list[tuple[str, str]]:
    rng = random.Random(SEED)
    cases = [("valid", valid_code(rng)) for _ in range(VALID_BASES)]
    for _ in range(MUTANTS):
        cases.append(mutate(rng, valid_code(rng)))
    cases += [resident_id(rng) for _ in range(RESIDENT_IDS)]
    cases += [("blank", b) for b in BLANKS]
    return cases


# --------------------------------------------------------------------------
# Running both implementations.
# --------------------------------------------------------------------------


def run_cli(binary, codes: list[str]) -> list[dict]:
    """All codes through one `lianjian uscc` process. Blank strings cannot be
    stdin lines (the CLI skips blank lines), so they go first as arguments."""
    blank = [i for i, c in enumerate(codes) if not c.strip()]
    lines = [i for i, c in enumerate(codes) if c.strip()]
    assert not any("\n" in c or "\r" in c for c in codes)
    assert not any(codes[i].startswith("-") for i in blank)
    done = subprocess.run(
        [str(binary), "uscc", *(codes[i] for i in blank), "-"],
        input="".join(codes[i] + "\n" for i in lines),
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode in (0, 1), f"lianjian exited {done.returncode}: {done.stderr}"
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(results) == len(codes), (len(results), len(codes))
    ordered = [None] * len(codes)
    for i, result in zip(blank + lines, results):
        # A resident ID number comes back masked, one `*` per character.
        assert result["input"] in (codes[i], "*" * len(codes[i])), (codes[i], result)
        ordered[i] = result
    return ordered


# --------------------------------------------------------------------------
# Categories of disagreement, each with its exact explanation.
# --------------------------------------------------------------------------

CATEGORIES = {
    "letter_authority": "lianjian valid, stdnum invalid (InvalidFormat): position 1 is a "
    "letter; the same code with authority '1' and its check recomputed passes stdnum",
    "wider_normalization": "lianjian valid, stdnum invalid: the input has interior tabs or "
    "full-width letters/punctuation, and with just those folded stdnum accepts it",
    "org_code_check": "both valid; lianjian warns uscc_org_code_checksum, position 17 is not "
    "the GB 11714 check of positions 9-16 (stdnum does not check it)",
    "unknown_authority": "lianjian valid with uscc_unknown_authority: position 1 is not an "
    "authority of the standard (1-9, A, N, Y)",
    "unknown_type": "lianjian valid with uscc_unknown_type: the type is not listed for "
    "that authority",
    "division": "lianjian invalid with uscc_division only, stdnum valid: positions 3-4 are "
    "no province of stdnum's own division table (GB/T 2260) and 3-8 is not 100000 (stdnum "
    "does not check the division)",
    "resident_id": "lianjian invalid with uscc_resident_id only, stdnum valid: the 18 "
    "characters are a resident ID number by stdnum.cn.ric (MOD 11-2 check and birth date), "
    "its province is in stdnum's table and it was born 1900-2099; input and normalized "
    "come back masked",
}


def explain(text: str, n: str, ours: dict, stdnum_valid: bool) -> tuple[str, str | None]:
    """(category, problem). Category "agree_valid"/"agree_invalid" for no
    disagreement; a "+"-joined set of CATEGORIES keys otherwise; problem is
    None when the explanation checks out. `n` is the normalized code (the
    answer's own is masked for resident ID numbers)."""
    if not ours["valid"]:
        if not stdnum_valid:
            return "agree_invalid", None
        codes = [f["code"] for f in ours["findings"]]
        if codes == ["uscc_division"]:
            if n[2:8] == NATIONAL or n[2:4] in PROVINCES:
                return "division", "division error on a division of stdnum's table"
            return "division", None
        if codes == ["uscc_resident_id"]:
            if not is_resident_id(n):
                return "resident_id", "resident-ID error on what stdnum.cn.ric rejects"
            if ours["input"] != "*" * len(text) or ours["normalized"] != "*" * 18:
                return "resident_id", "the number is echoed"
            return "resident_id", None
        return "stdnum_only_valid", "stdnum accepts a code lianjian rejects"
    reasons = set()
    warnings = {f["code"] for f in ours["findings"]}
    if "uscc_org_code_checksum" in warnings:
        if org_check(n[8:16]) == n[16]:
            return "org_code_check", "org-code warning on a correct org-code check"
        reasons.add("org_code_check")
    if "uscc_unknown_authority" in warnings:
        if n[0] in STANDARD_TYPES:
            return "unknown_authority", "unknown-authority warning on a listed authority"
        reasons.add("unknown_authority")
    if "uscc_unknown_type" in warnings:
        if n[0] not in STANDARD_TYPES or n[1] in STANDARD_TYPES[n[0]]:
            return "unknown_type", "unknown-type warning on a listed pair"
        reasons.add("unknown_type")
    if not stdnum_valid:
        if n[0] in LETTERS:
            reasons.add("letter_authority")
            try:
                stdnum_uscc.validate(only_ours_folds(text))
                return "letter_authority", "stdnum accepted a letter authority"
            except InvalidFormat:
                pass
            except ValidationError as e:
                return "letter_authority", f"stdnum rejects with {type(e).__name__}"
            digit_variant = complete("1" + n[1:17])
            if not stdnum_uscc.is_valid(digit_variant):
                return "letter_authority", f"stdnum rejects {digit_variant} too"
        folded = only_ours_folds(text)
        if folded != text:
            reasons.add("wider_normalization")
            if n[0] not in LETTERS and not stdnum_uscc.is_valid(folded):
                return "wider_normalization", f"stdnum rejects the folded {folded!r} too"
        if not reasons & {"letter_authority", "wider_normalization"}:
            return "unexplained", "lianjian valid, stdnum invalid, no documented reason"
    if not reasons:
        return "agree_valid", None
    return "+".join(sorted(reasons)), None


def test_uscc_differential(lianjian_bin, summary):
    started = time.perf_counter()
    cases = generate()
    codes = [text for _, text in cases]
    assert len(codes) >= 100_000
    generated = time.perf_counter()
    ours = run_cli(lianjian_bin, codes)
    cli_done = time.perf_counter()
    stdnum = [stdnum_uscc.is_valid(c) for c in codes]
    stdnum_done = time.perf_counter()

    oracle_mismatches = []
    problems = []
    counts = Counter()
    by_kind = Counter()
    ric_valid = 0
    for (kind, text), result, stdnum_valid in zip(cases, ours, stdnum):
        # 1. lianjian against the oracle of the standard.
        n = our_normalize(text)
        want = expected_findings(n)
        personal = want == [("uscc_resident_id",)]
        echo = ("*" * len(text), "*" * len(n)) if personal else (text, n)
        if (result["input"], result["normalized"]) != echo:
            oracle_mismatches.append((text, "echo", result["input"], result["normalized"]))
            continue
        got = [as_tuple(f) for f in result["findings"]]
        if kind == "resident_id" and ric_accepts(n):
            # stdnum's full ID-number check (county of its table included).
            ric_valid += 1
            if got != [("uscc_resident_id",)]:
                oracle_mismatches.append((text, "stdnum.cn.ric accepts it", got))
        severities_ok = all(
            (f["code"] in ERROR_CODES) == (f["severity"] == "error")
            and f["code"] in ERROR_CODES | WARNING_CODES
            for f in result["findings"]
        )
        if got != want or not severities_ok:
            oracle_mismatches.append((text, got, want))
        if result["valid"] != all(t[0] in WARNING_CODES for t in want):
            oracle_mismatches.append((text, "valid", result["valid"]))
        # 2. lianjian against stdnum.
        category, problem = explain(text, n, result, stdnum_valid)
        counts[category] += 1
        by_kind[(kind, category)] += 1
        if problem is not None:
            problems.append((category, text, result["normalized"], problem))

    elapsed = time.perf_counter() - started
    table = [
        f"{len(codes)} codes, seed {SEED}: generation {generated - started:.2f} s, "
        f"CLI {cli_done - generated:.2f} s, stdnum {stdnum_done - cli_done:.2f} s, "
        f"total {elapsed:.2f} s",
        f"{'category':<58}{'count':>8}",
    ]
    table += [f"{name:<58}{k:>8}" for name, k in sorted(counts.items(), key=lambda x: -x[1])]
    table.append(f"resident ID numbers stdnum.cn.ric accepts, all refused: {ric_valid}")
    summary.extend(table)
    print("\n".join(table))

    assert not oracle_mismatches, (
        f"{len(oracle_mismatches)} codes where lianjian differs from GB 32100; first: "
        f"{oracle_mismatches[:5]}"
    )
    assert not problems, f"{len(problems)} unexplained disagreements; first: {problems[:10]}"
    # stdnum valid => lianjian valid, without exception.
    assert counts["stdnum_only_valid"] == 0
    # Every documented category is exercised, and nothing else appears.
    atoms = set()
    for name in counts:
        if name not in ("agree_valid", "agree_invalid"):
            parts = set(name.split("+"))
            assert parts <= CATEGORIES.keys(), name
            atoms |= parts
    assert atoms == CATEGORIES.keys(), f"not exercised: {CATEGORIES.keys() - atoms}"
    assert counts["agree_valid"] > 0 and counts["agree_invalid"] > 0
    # The generator's kinds behave as designed.
    assert by_kind[("final_check", "agree_invalid")] == sum(
        n for (k, _), n in by_kind.items() if k == "final_check"
    )
    assert all(c == "agree_invalid" for (k, c) in by_kind if k == "blank")
    # Resident ID numbers are refused, as uscc_resident_id when stdnum's USCC
    # check passes them by chance (about 1 in 31), which happens here.
    assert {c for (k, c) in by_kind if k == "resident_id"} == {"agree_invalid", "resident_id"}
    assert ric_valid > 1000


# Separators stdnum's `clean` folds and lianjian does not (see README.md).
# Inserting any of them into a valid code keeps it valid for stdnum.
UNICODE_SEPARATORS = {
    "NO-BREAK SPACE": "\u00a0",
    "EN SPACE": "\u2002",
    "EM SPACE": "\u2003",
    "THIN SPACE": "\u2009",
    "NARROW NO-BREAK SPACE": "\u202f",
    "MINUS SIGN": "\u2212",
}


def test_unicode_separators_like_stdnum(lianjian_bin):
    base = "91440300MA5FUTN418"
    codes = []
    for ch in UNICODE_SEPARATORS.values():
        codes += [base[:8] + ch + base[8:], base + ch, ch + base]
    assert all(stdnum_uscc.is_valid(c) for c in codes)
    ours = run_cli(lianjian_bin, codes)
    rejected = [r["input"] for r in ours if not r["valid"]]
    assert not rejected, f"lianjian rejects {len(rejected)} of {len(codes)}: {rejected!r}"


def test_division_prefixes_are_stdnums_provinces(lianjian_bin):
    """Every two-digit prefix in positions 3-4, and the national 100000:
    lianjian accepts exactly the provinces of stdnum's division table."""
    codes = [complete(f"91{p:02d}0300MA5FUTN41") for p in range(100)]
    codes.append(complete("91100000MA5FUTN41"))
    ours = run_cli(lianjian_bin, codes)
    accepted = {c[2:4] for c, r in zip(codes[:100], ours) if r["valid"]}
    assert accepted == PROVINCES
    for code, result in zip(codes[:100], ours):
        if code[2:4] not in PROVINCES:
            assert [f["code"] for f in result["findings"]] == ["uscc_division"], result
            assert result["findings"][0]["params"] == {"prefix": code[2:4]}
    assert ours[100]["valid"] and not ours[100]["findings"], ours[100]
