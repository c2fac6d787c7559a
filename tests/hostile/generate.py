"""Generates the hostile corpus: enrollment, demand, programme, visit,
activity, pairing and centre records that attack every field, the JSON reader and the byte
level, deterministically; and for the outreach records, the cases of their
own rules (unknown ids, bad dates, a visit's demand naming another
enterprise, oversize lists of objects).

    python3 tests/hostile/generate.py OUT_DIR          # writes the corpus
    python3 tests/hostile/generate.py --manifest       # prints the case list

OUT_DIR receives KIND/NAME.json for each kind (each file one record, byte for byte, never with a raw line break inside) and cases.json:
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
VISIT_NAME = "诸葛明远"
VISIT_PHONE = "13500135000"
PAIRING_NAME = "慕容远航"
PAIRING_PHONE = "13700137000"
PERSONAL = [ENROLLMENT_NAME, ENROLLMENT_PHONE, LIAISON_NAME, LIAISON_PHONE, DEMAND_NAME, DEMAND_PHONE,
            VISIT_NAME, VISIT_PHONE, PAIRING_NAME, PAIRING_PHONE]

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

# The outreach records (visits are checked against tests/fixtures/programme/valid_wanming.json).
USCC_A = "91440300MA5FUTN418"
USCC_B = "91440300MA5G12343E"
USCC_C = "91440300MA5J6K8P6E"

PROGRAMME = {
    "id": "wanming-2026",
    "name": "万名干部助企行（2026）",
    "from": "2026-01-01",
    "to": "2026-12-31",
    "owner": "盐田区委组织部",
    "cadence": {"on_site_days": 60, "any_contact_days": 30, "due_within_days": 7},
    "quota": {"min_per_contact": 1, "max_per_contact": 5},
    "key_enterprises": [USCC_A, USCC_B, USCC_C],
    "contacts": [
        {"id": "c-01", "kind": "cadre", "unit": "区委组织部", "account": "cadre-0107", "enterprises": [USCC_A, USCC_B]},
        {"id": "c-02", "kind": "member_unit", "unit": "梅沙海关", "department": "customs_office", "enterprises": [USCC_C]},
    ],
}

VISIT = {
    "id": "v-2026-1120-01",
    "programme": "wanming-2026",
    "contact": "c-01",
    "enterprise_uscc": USCC_A,
    "enterprise_name": "深圳市盐港示例物流有限公司",
    "mode": "on_site",
    "visited_at": "2026-11-20T15:00:00+08:00",
    "visitors": ["cadre-0107"],
    "policies_delivered": ["tax", "customs"],
    "notes": "企业反映保税区货运通道开放时间短。",
    "demands": [{
        "enterprise_uscc": USCC_A,
        "enterprise_name": "深圳市盐港示例物流有限公司",
        "chain": "port_logistics",
        "kind": "help",
        "topic": "customs",
        "title": "保税区货运通道开放时间",
        "description": "保税区货运通道晚上十点关闭，夜间到港货物无法及时入区，希望延长开放时间。",
        "contact": {"name": VISIT_NAME, "phone": VISIT_PHONE},
        "declarations": {"not_in_litigation": True, "no_secrets": True},
        "submitted_at": "2026-11-20T16:30:00+08:00",
        "on_site_reply": "已向梅沙海关转达，一周内答复。",
    }],
    "next_visit_on": "2026-12-20",
}

ACTIVITY = {
    "id": "a-2026-0311",
    "series": "dangqun_zhuqi",
    "kind": "policy_briefing",
    "title": "促外贸保稳提质政策宣讲会",
    "chains": ["port_logistics"],
    "organizers": [{"kind": "department", "id": "customs_office"}],
    "pairing": "pairing-yantian-port",
    "venue": {"centre": "ytzb-centre", "room": "hall-1"},
    "starts_at": "2026-03-11T14:30:00+08:00",
    "ends_at": "2026-03-11T17:00:00+08:00",
    "status": "recorded",
    "audience": ["logistics_enterprises"],
    "topics": ["customs"],
    "capacity": 80,
    "expected": 60,
    "attended": 52,
    "attended_party_members": {"full": 18, "probationary": 2},
    "enterprises_present": [USCC_A, USCC_B],
    "lecturers": [{"role": "department_official", "unit": "梅沙海关"}],
    "hours": 2,
    "raised_demands": ["D-2026-0003"],
    "responds_to": ["D-2026-0001"],
    "record": {"recorder": "staff-0042", "recorded_at": "2026-03-12T09:00:00+08:00", "summary": "通道调整为24小时开放。",
               "photos": [{"name": "现场.jpg", "size_bytes": 523000, "mime": "image/jpeg"}]},
    "financing": {"programme": "交通物流专项再贷款", "banks": ["工商银行盐田支行"], "lines": [
        {"enterprise_uscc": USCC_A, "stage": "credit", "amount_wan": 500, "on": "2026-05-20"},
        {"enterprise_uscc": USCC_A, "stage": "disbursed", "amount_wan": 300, "on": "2026-06-01"}]},
    "initiative": {"title": "关于协同推进网络货运服务和谐发展的倡议书", "areas": ["合法规范经营"],
                   "signatories": [{"uscc": USCC_B, "signed_on": "2026-04-12"}]},
}

# The seed's port-traffic pairing: a street, the chain leader, two
# departments and the terminal operator (today of the layers: 2026-11-25).
PAIRING = {
    "id": "pairing-yantian-street-port-2026",
    "theme": "党建领航 共促发展",
    "kind": "government_enterprise",
    "chain": "port_logistics",
    "parties": [
        {"role": "member", "org": {"kind": "street", "id": "yantian_street"}, "party_org": "盐田街道党工委",
         "liaison": {"name": PAIRING_NAME, "phone": PAIRING_PHONE}},
        {"role": "chain_leader", "org": {"kind": "enterprise", "uscc": USCC_A}, "party_org": "盐田港集团党委",
         "liaison": {"name": "联络员乙", "phone": "0755-2529 0000"}},
        {"role": "member", "org": {"kind": "department", "id": "traffic_police"}, "party_org": "盐田交警大队党支部",
         "liaison": {"name": "联络员丙", "phone": "13900139001"}},
        {"role": "member", "org": {"kind": "department", "id": "transport_bureau"}, "party_org": "盐田交通运输局机关党委"},
        {"role": "member", "org": {"kind": "enterprise", "uscc": USCC_B}, "party_org": "盐田国际码头党委",
         "liaison": {"name": "联络员戊", "phone": "13600136001"}},
    ],
    "contents": ["organization", "business_exchange", "joint_activities", "resource_sharing"],
    "signed_on": "2026-03-01",
    "valid_until": "2028-02-29",
    "status": "active",
    "plan": [
        {"id": "plan-peak-coordination", "title": "制定高峰期盐田港进港交通协调联动工作方案", "content": "business_exchange",
         "due_on": "2026-06-30", "topics": ["traffic"]},
        {"id": "plan-peak-volunteers", "title": "组建港区高峰期交通志愿服务队", "content": "joint_activities",
         "due_on": "2026-12-31", "topics": ["traffic"]},
    ],
    "outcomes": [
        {"id": "outcome-peak-working-plan", "kind": "mechanism", "plan_item": "plan-peak-coordination",
         "title": "高峰期盐田港进港交通协调联动工作方案（工作预判、信息通报、应急处置、志愿服务）", "adopted_on": "2026-06-18",
         "participants": ["yantian_street", USCC_A, "traffic_police", "transport_bureau", USCC_B],
         "demands": ["D-2026-0001"]},
    ],
    "reports": [
        {"filed_on": "2026-06-30", "summary": "第二季度：签订结对共建协议，形成高峰期进港交通协调联动工作方案。"},
        {"filed_on": "2026-09-30", "summary": "第三季度：高峰期信息通报 12 次，志愿者 40 人次参与疏导。"},
    ],
}

# The bonded-zone drivers' home: the five free basic services and more.
CENTRE = {
    "id": "centre-bonded-zone-drivers-home",
    "name": "盐田综合保税区党群服务中心（司机之家）",
    "kind": "driver_home",
    "chains": ["port_logistics"],
    "operator": "盐田区两新组织党工委",
    "address": "深圳市盐田区盐田综合保税区停车缓冲区",
    "area_m2": 600,
    "partners": ["区总工会", "区妇联"],
    "services": [{"id": "organization_life"}, {"id": "mass_activities", "provider": "区总工会"}, {"id": "shower_rest"},
                 {"id": "parking_rest"}, {"id": "hot_water"}, {"id": "meal_heating"}, {"id": "shower"},
                 {"id": "laundry"}],
    "schedule": [{"byday": "MO,TU,WE,TH,FR", "opens_at": "08:30", "closes_at": "22:00"},
                 {"byday": "SA,SU", "opens_at": "00:00", "closes_at": "23:59"}],
    "rooms": [{"id": "party-room", "name": "党员活动室", "capacity": 30}],
    "opened_on": "2025-05-20",
}

BASES = {"enrollment": ENROLLMENT, "demand": DEMAND, "programme": PROGRAMME, "visit": VISIT, "activity": ACTIVITY,
         "pairing": PAIRING, "centre": CENTRE}

# The field each kind nests hostile depth in, and the one it makes huge.
NEST_FIELD = {"enrollment": ("chain",), "demand": ("chain",), "programme": ("owner",), "visit": ("notes",),
              "activity": ("title",), "pairing": ("theme",), "centre": ("name",)}
BIG_FIELD = {"enrollment": ("enterprise", "name"), "demand": ("description",), "programme": ("name",),
             "visit": ("notes",), "activity": ("record", "summary"), "pairing": ("reports", 0, "summary"),
             "centre": ("address",)}

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
    "programme": [
        ("id",), ("name",), ("from",), ("to",), ("owner",), ("key_enterprises", 0), ("contacts", 0, "id"),
        ("contacts", 0, "kind"), ("contacts", 0, "unit"), ("contacts", 0, "account"), ("contacts", 1, "department"),
        ("contacts", 0, "enterprises", 0),
    ],
    "visit": [
        ("id",), ("programme",), ("contact",), ("enterprise_uscc",), ("enterprise_name",), ("mode",), ("visited_at",),
        ("visitors", 0), ("policies_delivered", 0), ("notes",), ("next_visit_on",),
        ("demands", 0, "enterprise_uscc"), ("demands", 0, "title"), ("demands", 0, "contact", "phone"),
        ("demands", 0, "submitted_at"), ("demands", 0, "on_site_reply"),
    ],
    "activity": [
        ("id",), ("series",), ("kind",), ("title",), ("chains", 0), ("organizers", 0, "id"), ("venue", "room"),
        ("starts_at",), ("ends_at",), ("status",), ("topics", 0), ("enterprises_present", 0),
        ("lecturers", 0, "role"), ("lecturers", 0, "unit"), ("record", "recorded_at"), ("record", "summary"),
        ("financing", "lines", 0, "stage"), ("financing", "lines", 0, "on"), ("initiative", "signatories", 0, "uscc"),
    ],
    "pairing": [
        ("id",), ("theme",), ("kind",), ("chain",), ("parties", 0, "role"), ("parties", 0, "org", "kind"),
        ("parties", 0, "org", "id"), ("parties", 1, "org", "uscc"), ("parties", 0, "party_org"),
        ("parties", 0, "liaison", "name"), ("parties", 0, "liaison", "phone"), ("contents", 0), ("signed_on",),
        ("valid_until",), ("status",), ("plan", 0, "id"), ("plan", 0, "title"), ("plan", 0, "due_on"),
        ("outcomes", 0, "kind"), ("outcomes", 0, "plan_item"), ("outcomes", 0, "adopted_on"),
        ("outcomes", 0, "participants", 0), ("outcomes", 0, "demands", 0), ("reports", 0, "filed_on"),
        ("reports", 0, "summary"),
    ],
    "centre": [
        ("id",), ("name",), ("kind",), ("chains", 0), ("operator",), ("address",), ("partners", 0),
        ("services", 0, "id"), ("services", 1, "provider"), ("schedule", 0, "byday"), ("schedule", 0, "opens_at"),
        ("schedule", 0, "closes_at"), ("rooms", 0, "id"), ("rooms", 0, "name"), ("opened_on",),
    ],
}

# Number fields of each record.
NUMBER_FIELDS = {
    "enrollment": [
        ("enterprise", "annual_output_wan"), ("enterprise", "employees"),
        ("party_org", "full_members"), ("party_org", "probationary_members"),
    ],
    "demand": [("attachments", 0, "size_bytes")],
    "programme": [("cadence", "on_site_days"), ("quota", "min_per_contact")],
    "visit": [],
    "activity": [
        ("capacity",), ("attended",), ("attended_party_members", "full"), ("hours",),
        ("financing", "lines", 0, "amount_wan"),
    ],
    "pairing": [],
    "centre": [("area_m2",), ("rooms", 0, "capacity")],
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
    "programme": [
        ("id",), ("from",), ("cadence",), ("cadence", "any_contact_days"), ("quota",), ("key_enterprises",),
        ("key_enterprises", 0), ("contacts",), ("contacts", 0), ("contacts", 0, "enterprises"),
    ],
    "visit": [
        ("id",), ("mode",), ("visited_at",), ("visitors",), ("policies_delivered",), ("notes",), ("demands",),
        ("demands", 0), ("demands", 0, "contact"), ("demands", 0, "on_site_reply"), ("next_visit_on",),
    ],
    "activity": [
        ("kind",), ("chains",), ("organizers",), ("organizers", 0), ("venue",), ("starts_at",), ("status",),
        ("attended",), ("attended_party_members",), ("enterprises_present",), ("lecturers",), ("hours",),
        ("raised_demands",), ("record",), ("record", "photos"), ("financing",), ("financing", "lines"),
        ("financing", "lines", 0), ("initiative",), ("initiative", "signatories"),
    ],
    "pairing": [
        ("id",), ("kind",), ("parties",), ("parties", 0), ("parties", 0, "org"), ("parties", 0, "liaison"),
        ("contents",), ("signed_on",), ("status",), ("plan",), ("plan", 0), ("outcomes",), ("outcomes", 0),
        ("outcomes", 0, "participants"), ("reports",), ("reports", 0),
    ],
    "centre": [
        ("id",), ("name",), ("kind",), ("chains",), ("partners",), ("services",), ("services", 0), ("schedule",),
        ("schedule", 0), ("rooms",), ("rooms", 0), ("area_m2",),
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
    nest = NEST_FIELD[kind]
    for depth in (16, 127, 128, 129, 1000, 20000):
        yield "nesting", f"nesting_array_{depth}", substitute(base, nest, "[" * depth + "]" * depth).encode()
        yield "nesting", f"nesting_object_{depth}", substitute(base, nest, '{"a":' * depth + "1" + "}" * depth).encode()
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
    yield "oversize", "oversize_record_300k", substitute(base, BIG_FIELD[kind], js("大" * 100_000)).encode()
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
        "utf16_bom": b"\xff\xfe" + '{"id": "x", "segments": []}'.encode("utf-16-le"),
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

    if kind in OUTREACH_CASES:
        for label, record in OUTREACH_CASES[kind]().items():
            yield "rules", f"rules_{label}", render(record).encode()


def changed(base: dict, *changes) -> dict:
    """`base` with each (path, value) set; a value of DELETE removes the member."""
    record = json.loads(json.dumps(base))
    for path, value in changes:
        node = record
        for key in path[:-1]:
            node = node[key]
        if value is DELETE:
            node.pop(path[-1], None)
        else:
            node[path[-1]] = value
    return record


DELETE = object()
BAD_DATES = ["2026-02-30", "2026-13-01", "26-11-25", "2026-11-25T10:00:00", "9999-12-31", "0000-01-01", "2026/11/25",
             "２０２６-１１-２５"]
BAD_TIMES = ["2026-11-25", "2026-11-25T25:00:00+08:00", "2026-11-25T10:00:00", "2026-11-25T10:00:00+25:00",
             "+275760-09-13T00:00:00Z", "2026-11-25 10:00:00+08:00", "1e10"]


def programme_cases() -> dict:
    p = PROGRAMME
    cases = {f"bad_date_{i}": changed(p, (("from",), d)) for i, d in enumerate(BAD_DATES)}
    cases.update({
        "period_reversed": changed(p, (("to",), "2025-12-31")),
        "unknown_department": changed(p, (("contacts", 1, "department"), "no_such_bureau")),
        "cadre_without_account": changed(p, (("contacts", 0, "account"), DELETE)),
        "duplicate_contact_ids": changed(p, (("contacts", 1, "id"), "c-01")),
        "resident_id_as_key": changed(p, (("key_enterprises", 0), "320102199409116943")),
        "key_enterprise_unassigned": changed(p, (("key_enterprises",), [USCC_A, USCC_B, USCC_C, "91440300MA5H2B7C5Y"])),
        "quota_reversed": changed(p, (("quota",), {"min_per_contact": 9, "max_per_contact": 1})),
        "contacts_10000": changed(p, (("contacts",), [p["contacts"][0]] * 10_000)),
        "key_enterprises_5001_same": changed(p, (("key_enterprises",), [USCC_A] * 5001)),
        "key_enterprises_5000_same": changed(p, (("key_enterprises",), [USCC_A] * 5000)),
        "contact_enterprises_201": changed(p, (("contacts", 0, "enterprises"), [USCC_A] * 201)),
    })
    return cases


def visit_cases() -> dict:
    v = VISIT
    cases = {f"bad_visited_at_{i}": changed(v, (("visited_at",), t)) for i, t in enumerate(BAD_TIMES)}
    cases.update({f"bad_next_visit_on_{i}": changed(v, (("next_visit_on",), d)) for i, d in enumerate(BAD_DATES)})
    demand = v["demands"][0]
    cases.update({
        "demand_other_enterprise": changed(v, (("demands", 0, "enterprise_uscc"), USCC_B)),
        "demand_other_enterprise_lowercase": changed(v, (("demands", 0, "enterprise_uscc"), USCC_B.lower())),
        "demand_same_enterprise_spaced": changed(v, (("demands", 0, "enterprise_uscc"), "9144 0300 ma5f utn4 18")),
        "unknown_contact": changed(v, (("contact",), "c-99")),
        "unknown_programme": changed(v, (("programme",), "another-2026")),
        "not_assigned": changed(v, (("enterprise_uscc",), USCC_C), (("demands",), DELETE)),
        "outside_programme": changed(v, (("visited_at",), "2025-06-01T10:00:00+08:00"), (("demands",), DELETE),
                                     (("next_visit_on",), DELETE)),
        "empty": changed(v, (("notes",), DELETE), (("demands",), []), (("policies_delivered",), [])),
        "demands_21": changed(v, (("demands",), [demand] * 21)),
        "demands_20_same": changed(v, (("demands",), [demand] * 20)),
        "demands_10000": changed(v, (("demands",), [demand] * 10_000)),
        "demand_entered_late": changed(v, (("demands", 0, "submitted_at"), "2026-11-25T09:00:00+08:00")),
        "demand_in_future": changed(v, (("demands", 0, "submitted_at"), "2027-01-01T09:00:00+08:00")),
        "demand_is_a_string": changed(v, (("demands", 0), "保税区货运通道开放时间")),
        "demand_nested_visit": changed(v, (("demands", 0, "on_site_reply"), v)),
    })
    return cases


def activity_cases() -> dict:
    a = ACTIVITY
    cases = {f"bad_starts_at_{i}": changed(a, (("starts_at",), t)) for i, t in enumerate(BAD_TIMES)}
    cases.update({f"bad_line_on_{i}": changed(a, (("financing", "lines", 0, "on"), d)) for i, d in enumerate(BAD_DATES)})
    line = a["financing"]["lines"][0]
    cases.update({
        "held_in_future": changed(a, (("status",), "held"), (("starts_at",), "2030-01-01T09:00:00+08:00"),
                                  (("ends_at",), "2030-01-01T10:00:00+08:00"), (("record",), DELETE)),
        "ends_before_start": changed(a, (("ends_at",), "2026-03-10T14:30:00+08:00")),
        "members_over_attended": changed(a, (("attended_party_members",), {"full": 4000000000, "probationary": 1})),
        "unknown_kind_series": changed(a, (("kind",), "concert"), (("series",), "weekly")),
        "unknown_department": changed(a, (("organizers", 0, "id"), "no_such")),
        "unknown_chain": changed(a, (("chains",), ["port_logistics", "space"])),
        "backwards": changed(a, (("financing", "lines"), [dict(line, stage="disbursed"), dict(line, stage="need", on="2026-06-02")])),
        "after_declined": changed(a, (("financing", "lines"), [dict(line, stage="declined"), dict(line, on="2026-06-02")])),
        "disbursed_over_credit": changed(a, (("financing", "lines", 1, "amount_wan"), 1e8)),
        "lines_1001": changed(a, (("financing", "lines"), [line] * 1001)),
        "lines_1000": changed(a, (("financing", "lines"), [line] * 1000)),
        "present_10000": changed(a, (("enterprises_present",), [USCC_A] * 10_000)),
        "signatories_1000_same": changed(a, (("initiative", "signatories"), [a["initiative"]["signatories"][0]] * 1000)),
        "photos_51": changed(a, (("record", "photos"), a["record"]["photos"] * 51)),
        "venue_neither": changed(a, (("venue",), {})),
        "venue_centre_without_room": changed(a, (("venue",), {"centre": "ytzb-centre"})),
        "hours_over_duration": changed(a, (("hours",), 999)),
    })
    return cases


def pairing_cases() -> dict:
    p = PAIRING
    cases = {f"bad_signed_on_{i}": changed(p, (("signed_on",), d)) for i, d in enumerate(BAD_DATES)}
    party = p["parties"][1]
    outcome = p["outcomes"][0]
    cases.update({
        "self_pairing": changed(p, (("parties", 4, "org"), {"kind": "enterprise", "uscc": USCC_A.lower()})),
        "no_chain_leader": changed(p, (("parties", 1, "role"), "member")),
        "liaisons_missing": changed(p, *[(("parties", i, "liaison"), DELETE) for i in range(5)]),
        "inactive": changed(p, (("signed_on",), "2025-01-01"), (("outcomes",), []), (("reports",), []),
                            (("plan",), [])),
        "plan_item_overdue": changed(p, (("outcomes",), [])),
        "unknown_plan_item": changed(p, (("outcomes", 0, "plan_item"), "plan-none")),
        "participant_not_party": changed(p, (("outcomes", 0, "participants"), ["91440300MA5H2B7C5Y"])),
        "outcome_before_signing": changed(p, (("outcomes", 0, "adopted_on"), "2025-06-18")),
        "valid_until_before_signed_on": changed(p, (("valid_until",), "2025-12-31")),
        "ended_without_date": changed(p, (("status",), "ended")),
        "unknown_department_street_uscc": changed(p, (("parties", 2, "org", "id"), "no_such_bureau"),
                                                  (("parties", 0, "org", "id"), "no_such_street"),
                                                  (("parties", 4, "org", "uscc"), "91440300MA5H2B7C5X")),
        "party_org_is_a_phone": changed(p, (("parties", 0, "party_org"), PAIRING_PHONE)),
        "department_id_is_a_phone": changed(p, (("parties", 2, "org", "id"), PAIRING_PHONE)),
        "report_is_a_phone": changed(p, (("reports", 0, "summary"), "请联系 " + PAIRING_NAME + " " + PAIRING_PHONE)),
        "parties_21": changed(p, (("parties",), [party] * 21)),
        "parties_10000": changed(p, (("parties",), [party] * 10_000)),
        "outcomes_501": changed(p, (("outcomes",), [outcome] * 501)),
        "reports_10000": changed(p, (("reports",), [p["reports"][0]] * 10_000)),
        "demands_201": changed(p, (("outcomes", 0, "demands"), ["D-2026-0001"] * 201)),
        "amendment_without_reason": changed(p, (("amendments",), [{"on": "2026-10-01", "target": "reports[0]"}])),
    })
    return cases


def centre_cases() -> dict:
    c = CENTRE
    room = c["rooms"][0]
    cases = {f"bad_opened_on_{i}": changed(c, (("opened_on",), d)) for i, d in enumerate(BAD_DATES)}
    cases.update({f"bad_opens_at_{i}": changed(c, (("schedule", 0, "opens_at"), t))
                  for i, t in enumerate(["24:00", "8:30", "08:60", "08:30:00", "０８:３０", "-01:00"])})
    cases.update({
        "closes_before_opens": changed(c, (("schedule", 0, "closes_at"), "08:00")),
        "byday_unknown": changed(c, (("schedule", 0, "byday"), "MO,XX,MO")),
        "byday_empty": changed(c, (("schedule", 0, "byday"), "")),
        "driver_home_without_basics": changed(c, (("services",), [{"id": "organization_life"}])),
        "unknown_service_chain_kind": changed(c, (("services", 0, "id"), "karaoke"), (("chains",), ["space"]),
                                              (("kind",), "palace")),
        "duplicate_services": changed(c, (("services",), c["services"] + c["services"])),
        "duplicate_room_ids": changed(c, (("rooms",), [room, dict(room, name="培训室")])),
        "room_capacity_huge": changed(c, (("rooms", 0, "capacity"), 4_000_000_000)),
        "area_negative": changed(c, (("area_m2",), -1)),
        "services_51": changed(c, (("services",), [{"id": "shower"}] * 51)),
        "rooms_201": changed(c, (("rooms",), [room] * 201)),
        "rooms_10000": changed(c, (("rooms",), [room] * 10_000)),
        "schedule_22": changed(c, (("schedule",), c["schedule"] * 11)),
        "operator_is_a_phone": changed(c, (("operator",), PAIRING_NAME + " " + PAIRING_PHONE)),
    })
    return cases


OUTREACH_CASES = {"programme": programme_cases, "visit": visit_cases, "activity": activity_cases,
                  "pairing": pairing_cases, "centre": centre_cases}


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
    for kind in BASES:
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
