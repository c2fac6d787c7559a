"""Generates the hostile corpus: enrollment and demand records that attack
every field, the JSON reader and the byte level, deterministically.

    python3 tests/hostile/generate.py OUT_DIR          # writes the corpus
    python3 tests/hostile/generate.py --manifest       # prints the case list

OUT_DIR receives enrollment/NAME.json and demand/NAME.json (each file one
record, byte for byte, never with a raw line break inside) and cases.json:
[{"kind", "name", "category", "file", "utf8", "nul", "blank", "personal"}], where
`personal` lists the phone numbers and person names the input holds (none of
them may come back in a finding's params or message), `utf8` is false for the
byte-level cases that are not UTF-8 text, `nul` marks a raw NUL byte (or one
after decoding: a C string cannot hold it), and `blank` marks input with no
record at all (a JSON-lines reader skips such a line).

The case list is committed as tests/hostile/manifest.txt; a test fails when
the two drift. Only the standard library is used, so any Python 3 runs it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Personal data of the base records: distinctive, so a leak cannot be a coincidence.
ENROLLMENT_NAME = "欧阳晓岚"
ENROLLMENT_PHONE = "13800138000"
LIAISON_NAME = "上官明远"
LIAISON_PHONE = "13600136000"
DEMAND_NAME = "司马清源"
DEMAND_PHONE = "13900139000"
PERSONAL = [ENROLLMENT_NAME, ENROLLMENT_PHONE, LIAISON_NAME, LIAISON_PHONE, DEMAND_NAME, DEMAND_PHONE]

ENROLLMENT = {
    "enterprise": {
        "name": "深圳市金盐珠宝首饰有限公司",
        "uscc": "91440300MA5FUTN418",
        "kind": "enterprise",
        "industry_codes": ["2438"],
        "annual_output_wan": 12000.5,
        "employees": 180,
    },
    "chain": "gold_jewelry",
    "segments": ["manufacturing", "retail_wholesale"],
    "party_org": {
        "status": "own",
        "kind": "branch",
        "name": "深圳市金盐珠宝首饰有限公司党支部",
        "full_members": 9,
        "probationary_members": 1,
        "home_affiliation": "沙头角街道非公企业党委",
    },
    "liaison": {"name": LIAISON_NAME, "phone": LIAISON_PHONE},
    "contact": {"name": ENROLLMENT_NAME, "phone": ENROLLMENT_PHONE, "email": "hr@example.com"},
    "joined_on": "2026-11-01",
}

DEMAND = {
    "enterprise_uscc": "91440300MA5FUTN418",
    "enterprise_name": "深圳市盐港示例物流有限公司",
    "chain": "port_logistics",
    "kind": "help",
    "topic": "traffic",
    "title": "盐田港后方陆域高峰期拥堵",
    "description": "每天下午四点到七点，进港拖车在明珠大道排队超过两公里，集装箱无法按时进港。希望交警和交通部门在高峰期加强疏导。",
    "urgency": "normal",
    "contact": {"name": DEMAND_NAME, "phone": DEMAND_PHONE, "email": "ops@example.com"},
    "attachments": [{"name": "现场照片.jpg", "size_bytes": 204800, "mime": "image/jpeg"}],
    "declarations": {"not_in_litigation": True, "no_secrets": True},
    "submitted_at": "2026-11-25T10:00:00+08:00",
}

BASES = {"enrollment": ENROLLMENT, "demand": DEMAND}

# Text fields of each record (path as keys and indexes).
TEXT_FIELDS = {
    "enrollment": [
        ("enterprise", "name"), ("enterprise", "uscc"), ("enterprise", "kind"),
        ("enterprise", "industry_codes", 0), ("chain",), ("segments", 0),
        ("party_org", "status"), ("party_org", "kind"), ("party_org", "name"),
        ("party_org", "home_affiliation"), ("liaison", "name"), ("liaison", "phone"),
        ("contact", "name"), ("contact", "phone"), ("contact", "email"), ("joined_on",),
    ],
    "demand": [
        ("enterprise_uscc",), ("enterprise_name",), ("chain",), ("kind",), ("topic",),
        ("title",), ("description",), ("urgency",), ("contact", "name"), ("contact", "phone"),
        ("contact", "email"), ("attachments", 0, "name"), ("attachments", 0, "mime"),
        ("submitted_at",),
    ],
}

# Number fields of each record.
NUMBER_FIELDS = {
    "enrollment": [
        ("enterprise", "annual_output_wan"), ("enterprise", "employees"),
        ("party_org", "full_members"), ("party_org", "probationary_members"),
    ],
    "demand": [("attachments", 0, "size_bytes")],
}

# Every field of each record, containers included, for wrong types.
ALL_FIELDS = {
    "enrollment": [
        ("enterprise",), ("enterprise", "name"), ("enterprise", "uscc"), ("enterprise", "kind"),
        ("enterprise", "industry_codes"), ("enterprise", "industry_codes", 0),
        ("enterprise", "annual_output_wan"), ("enterprise", "employees"), ("chain",),
        ("segments",), ("segments", 0), ("party_org",), ("party_org", "status"),
        ("party_org", "kind"), ("party_org", "name"), ("party_org", "full_members"),
        ("party_org", "probationary_members"), ("party_org", "home_affiliation"),
        ("liaison",), ("liaison", "name"), ("liaison", "phone"), ("contact",),
        ("contact", "name"), ("contact", "phone"), ("contact", "email"), ("joined_on",),
    ],
    "demand": [
        ("enterprise_uscc",), ("enterprise_name",), ("chain",), ("kind",), ("topic",),
        ("title",), ("description",), ("urgency",), ("contact",), ("contact", "name"),
        ("contact", "phone"), ("contact", "email"), ("attachments",), ("attachments", 0),
        ("attachments", 0, "name"), ("attachments", 0, "size_bytes"), ("attachments", 0, "mime"),
        ("declarations",), ("declarations", "not_in_litigation"), ("declarations", "no_secrets"),
        ("submitted_at",),
    ],
}

# Hostile text, as raw JSON string fragments (escapes written out, so lone
# surrogates and NUL reach every reader exactly as JSON escapes).
def js(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


TEXTS = {
    "script": js("<script>window.__xss=1</script>"),
    "img_onerror": js('<img src=x onerror="window.__xss=2">'),
    "svg_onload": js('"><svg onload=alert(1)>'),
    "iframe": js("<iframe src=javascript:alert(1)></iframe>"),
    "attribute_break": js("' onmouseover='alert(1)' x='"),
    "entities": js("&lt;b&gt;&amp;&#x3C;script&#x3E;"),
    "template": js("{count} {{7*7}} ${7*7} %s %n {0}"),
    "sql": js("'; DROP TABLE demands; --"),
    "path_traversal": js("../../../../etc/passwd"),
    "oversize_ascii": js("A" * 20000),
    "oversize_cjk": js("长" * 10000),
    "controls": js("".join(chr(c) for c in range(1, 32)) + "\u007f"),
    "c1_controls": js("".join(chr(c) for c in range(0x80, 0xA0))),
    "bidi": js("\u202eevil\u202c \u2066x\u2069 \u200f\u061c"),
    "zero_width": js("\u200b\u200c\u200d\u2060\ufeff"),
    "line_separators": js("a\u2028b\u2029c\u0085d"),
    "nul": '"a\\u0000b"',
    "lone_high": '"a\\ud800b"',
    "lone_low": '"a\\udfffb"',
    "swapped_pair": '"\\udc00\\ud800"',
    "surrogate_at_end": '"深圳\\ud83d"',
    "noncharacters": js("\ufffe\uffff\U0010ffff"),
    "astral": js("𠀀😀\U0001f9ea𝕏"),
    "combining": js("e" + "\u0301" * 500),
    "whitespace_only": js(" \t\u3000\u00a0"),
    "empty_string": '""',
}

# Number literals as written in JSON text (some are not JSON at all).
NUMBERS = {
    "overflow": "1e309",
    "negative_overflow": "-1e309",
    "negative_zero": "-0",
    "negative_zero_float": "-0.0",
    "underflow": "1e-400",
    "two_pow_64": "18446744073709551616",
    "u64_max": "18446744073709551615",
    "two_pow_53_plus_one": "9007199254740993",
    "i64_min": "-9223372036854775808",
    "huge_integer": "1" + "0" * 400,
    "negative": "-1",
    "fraction": "1.5",
    "exponent": "1e2",
    "tiny": "0.0000001",
    "nan": "NaN",
    "infinity": "Infinity",
    "leading_zero": "007",
    "hex": "0x10",
    "plus_sign": "+1",
    "number_as_string": '"9"',
}

WRONG_TYPES = {
    "null": "null",
    "true": "true",
    "number": "42",
    "string": '"x"',
    "array": "[]",
    "object": "{}",
    "nested_array": '[["manufacturing"]]',
}

MARKER = "@@HOSTILE@@"


def with_value(base: dict, path: tuple, marker: str = MARKER) -> dict:
    record = json.loads(json.dumps(base))
    node = record
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = marker
    return record


def render(record, replacements: dict[str, str] | None = None) -> str:
    text = json.dumps(record, ensure_ascii=False)
    for marker, fragment in (replacements or {}).items():
        text = text.replace(json.dumps(marker), fragment, 1)
    return text


def substitute(base: dict, path: tuple, fragment: str) -> str:
    return render(with_value(base, path), {MARKER: fragment})


def dotted(path: tuple) -> str:
    out = ""
    for key in path:
        out += f"_{key}" if isinstance(key, int) else (f".{key}" if out else key)
    return out.replace(".", "_")


def cases(kind: str):
    """Yields (category, name, bytes) for one kind of record."""
    base = BASES[kind]
    plain = render(base)

    for path in TEXT_FIELDS[kind]:
        for label, fragment in TEXTS.items():
            yield "text", f"text_{dotted(path)}_{label}", substitute(base, path, fragment).encode()

    for path in NUMBER_FIELDS[kind]:
        for label, literal in NUMBERS.items():
            yield "number", f"number_{dotted(path)}_{label}", substitute(base, path, literal).encode()

    for path in ALL_FIELDS[kind]:
        for label, literal in WRONG_TYPES.items():
            yield "type", f"type_{dotted(path)}_{label}", substitute(base, path, literal).encode()

    # Deep nesting, in a field and as the whole record.
    for depth in (16, 127, 128, 129, 1000, 20000):
        yield "nesting", f"nesting_array_{depth}", substitute(base, ("chain",), "[" * depth + "]" * depth).encode()
        yield "nesting", f"nesting_object_{depth}", substitute(base, ("chain",), '{"a":' * depth + "1" + "}" * depth).encode()
    yield "nesting", "nesting_unclosed", ("[" * 5000).encode()
    yield "nesting", "nesting_root_arrays", ("[" * 300 + plain + "]" * 300).encode()

    # Keys given twice, unknown, hostile or empty.
    first_key = next(iter(base))
    duplicates = {
        "duplicate_top_key": plain[:-1] + f", {js(first_key)}: {js('again')}" + "}",
        "duplicate_contact_phone": plain.replace('"phone": ', '"phone": "10086", "phone": ', 1),
        "duplicate_contact": plain[:-1] + ', "contact": {"name": "x"}}',
        "duplicate_many": plain[:-1] + "".join(f", {js(first_key)}: null" for _ in range(50)) + "}",
    }
    for label, text in duplicates.items():
        yield "keys", f"keys_{label}", text.encode()
    unknown = {
        "unknown_key": '"extra": 1',
        "unknown_key_object": '"extra": {"nested": [1, 2, {"deep": true}]}',
        "empty_key": '"": ""',
        "proto_key": '"__proto__": {"polluted": true}',
        "constructor_key": '"constructor": {"prototype": {"polluted": true}}',
        "markup_key": '"<img src=x onerror=alert(1)>": "<script>alert(1)</script>"',
        "long_key": js("k" * 10000) + ": 1",
        "surrogate_key": '"\\ud800": 1',
        "nul_key": '"a\\u0000b": 1',
        "bidi_key": js("\u202econtact") + ": 1",
        "case_variant_key": js(first_key.upper()) + ": 1",
        "many_unknown_keys": ", ".join(f'"k{i}": {i}' for i in range(2000)),
        "personal_in_key": js(PERSONAL[0] + PERSONAL[1]) + ": 1",
    }
    for label, member in unknown.items():
        yield "keys", f"keys_{label}", (plain[:-1] + ", " + member + "}").encode()
    yield "keys", "keys_all_missing", b"{}"
    for key in base:
        trimmed = {k: v for k, v in base.items() if k != key}
        yield "keys", f"keys_missing_{key}", render(trimmed).encode()

    # Long arrays.
    for path in [p for p in ALL_FIELDS[kind] if isinstance(dict_get(base, p), list)]:
        item = dict_get(base, path)[0]
        yield "oversize", f"oversize_{dotted(path)}_10000_items", substitute(base, path, json.dumps([item] * 10000, ensure_ascii=False)).encode()
    # A record above the portal's 256 KiB body limit.
    big_field = ("description",) if kind == "demand" else ("enterprise", "name")
    yield "oversize", "oversize_record_300k", substitute(base, big_field, js("大" * 100_000)).encode()
    yield "oversize", "oversize_whitespace_100k", (" " * 100_000 + plain).encode()

    # Not a record, or not quite JSON.
    syntax = {
        "empty": b"",
        "whitespace_only": b"   \t ",
        "root_null": b"null",
        "root_true": b"true",
        "root_number": b"42",
        "root_string": b'"record"',
        "root_array": ("[" + plain + "]").encode(),
        "truncated": plain[: len(plain) // 2].encode(),
        "trailing_garbage": (plain + "xyz").encode(),
        "two_records": (plain + plain).encode(),
        "trailing_comma": (plain[:-1] + ",}").encode(),
        "single_quotes": plain.replace('"', "'").encode(),
        "comment": ("/* note */" + plain).encode(),
        "nan_literal_root": b"NaN",
        "unescaped_tab": substitute(base, TEXT_FIELDS[kind][0], '"a\tb"').encode(),
        "unescaped_control": substitute(base, TEXT_FIELDS[kind][0], '"a\x01b"').encode(),
        "bad_escape": substitute(base, TEXT_FIELDS[kind][0], '"a\\qb"').encode(),
        "short_unicode_escape": substitute(base, TEXT_FIELDS[kind][0], '"a\\u12"').encode(),
        "bom": "\ufeff".encode() + plain.encode(),
        "double_bom": "\ufeff\ufeff".encode() + plain.encode(),
        "bom_in_middle": plain.replace(", ", ", \ufeff", 1).encode(),
        "utf16_bom": b"\xff\xfe" + '{"chain": "gold_jewelry", "segments": []}'.encode("utf-16-le"),
        "crlf_at_end": plain.encode() + b"\r\n",
        "cr_in_middle": plain.replace(", ", ",\r", 1).encode(),
        "nbsp_whitespace": plain.replace(", ", ",\u00a0", 1).encode(),
    }
    for label, data in syntax.items():
        yield "syntax", f"syntax_{label}", data

    # Bytes that are not UTF-8 (the text-only layers see them decoded with U+FFFD).
    field = TEXT_FIELDS[kind][0]
    raw = {
        "invalid_byte_ff": b"\xff",
        "overlong_slash": b"\xc0\xaf",
        "truncated_sequence": b"\xe6\xb7",
        "encoded_surrogate": b"\xed\xa0\x80",
        "above_unicode": b"\xf4\x90\x80\x80",
        "lone_continuation": b"\x80",
        "latin1_name": "Müller".encode("latin-1"),
        "gbk_name": "深圳".encode("gbk"),
    }
    for label, data in raw.items():
        text = substitute(base, field, '"' + MARKER + '"')
        head, tail = text.encode().split(MARKER.encode())
        yield "bytes", f"bytes_{label}", head + data + tail
    yield "bytes", "bytes_raw_nul_in_string", substitute(base, field, '"a\x00b"').encode()
    yield "bytes", "bytes_raw_nul_after_record", plain.encode() + b"\x00"
    yield "bytes", "bytes_invalid_outside_strings", plain.encode()[:-1] + b"\xff}"


def dict_get(record, path):
    node = record
    for key in path:
        node = node[key]
    return node


def is_blank(data: bytes) -> bool:
    try:
        return data.decode("utf-8").lstrip("\ufeff").strip() == ""
    except UnicodeDecodeError:
        return False


def personal_in(data: bytes) -> list[str]:
    text = data.decode("utf-8", errors="replace")
    return [p for p in PERSONAL if p in text]


def all_cases():
    for kind in ("enrollment", "demand"):
        for category, name, data in cases(kind):
            body = data[:-2] if data.endswith(b"\r\n") else data
            assert b"\n" not in body, f"{kind}/{name} holds a raw line break"
            yield kind, category, name, data


def manifest_lines() -> list[str]:
    return [f"{kind}/{name} {category}" for kind, category, name, _ in all_cases()]


def write(out: Path) -> list[dict]:
    index = []
    seen = set()
    for kind, category, name, data in all_cases():
        assert (kind, name) not in seen, f"{kind}/{name} twice"
        seen.add((kind, name))
        folder = out / kind
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.json").write_bytes(data)
        try:
            data.decode("utf-8")
            utf8 = True
        except UnicodeDecodeError:
            utf8 = False
        index.append({
            "kind": kind,
            "name": name,
            "category": category,
            "file": f"{kind}/{name}.json",
            "utf8": utf8,
            "nul": b"\x00" in data or not utf8 and "\x00" in data.decode("utf-8", errors="replace"),
            "blank": is_blank(data),
            "personal": personal_in(data),
        })
    (out / "cases.json").write_text(json.dumps(index, ensure_ascii=False, indent=0), encoding="utf-8")
    return index


def main(argv: list[str]) -> int:
    if argv == ["--manifest"]:
        sys.stdout.write("\n".join(manifest_lines()) + "\n")
        return 0
    if len(argv) != 1 or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    index = write(Path(argv[0]))
    print(f"{len(index)} hostile cases in {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
