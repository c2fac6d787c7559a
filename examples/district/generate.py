#!/usr/bin/env python3
"""Writes the demo district folder (examples/district/*.json, *.jsonl).

A fictional Yantian-like district in 2026: 64 enterprises on the four
chains, the contact programme 万名干部助企行（2026）, its visits, the demands
raised at visits, at activities, at the joint meeting, on the portal and on
the hotline, each with its lifecycle history, and ~30 activities of every
kind. The seed report's own cases are in it:

- the customs policy briefing whose demand led to the bonded zone's
  24-hour freight channel (保税区货运通道24小时开放);
- the intellectual-property training that answered a demand collected for
  the joint meeting;
- a relending signing whose 12 borrowers were disbursed 4,860万 in all
  (近5000万元).

A few rows are broken on purpose (a wrong check character, a lifecycle step
out of order, an id used twice, more Party members than people present):
the headline report leaves them out and lists them with file and line.

Deterministic: the same files every run. Names, codes and phone numbers are
made up; the codes carry valid check characters.

    python3 examples/district/generate.py
"""

import json
import random
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
RANDOM = random.Random(20261231)

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def org_value(c):
    return int(c) if c.isdigit() else ord(c) - ord("A") + 10


def uscc(n):
    """A valid code for enterprise number n: 91440300 + org code + checks."""
    body = "MA5"
    x = 7919 * n + 104729
    for _ in range(5):
        body += ALPHABET[x % 31]
        x //= 31
    s = sum(org_value(c) * w for c, w in zip(body, ORG_WEIGHTS))
    check = 11 - s % 11
    body += {10: "X", 11: "0"}.get(check, str(check))
    code = "91440300" + body
    total = sum(ALPHABET.index(c) * w for c, w in zip(code, WEIGHTS))
    return code + ALPHABET[(31 - total % 31) % 31]


def broken(code):
    """The same code with a wrong check character."""
    last = ALPHABET[(ALPHABET.index(code[-1]) + 1) % 31]
    return code[:-1] + last


def at(day, hour=10, minute=0):
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00+08:00"


def d(text):
    return date.fromisoformat(text)


# --- enterprises -----------------------------------------------------------

CHAINS = {
    "port_logistics": (
        ["terminal_operations", "shipping_lines", "trucking", "yard_warehousing",
         "forwarding_customs_brokerage", "supply_chain_platforms", "marine_fuel_services"],
        ["码头", "航运", "拖车运输", "冷链仓储", "国际货代", "供应链管理", "船舶燃料"],
    ),
    "gold_jewelry": (
        ["material_supply", "design_rnd", "manufacturing", "inspection_testing", "retail_wholesale"],
        ["贵金属材料", "珠宝设计", "首饰制造", "珠宝检测", "黄金珠宝"],
    ),
    "life_health": (
        ["research", "pharma_disinfectants", "medical_devices", "genomics_clinical_testing",
         "medical_services", "health_management"],
        ["生物科技", "消毒制品", "医疗器械", "基因检测", "医院管理", "健康管理"],
    ),
    "coastal_tourism": (
        ["dining", "lodging", "transport", "sightseeing", "shopping", "entertainment"],
        ["海鲜酒楼", "滨海酒店", "旅游客运", "景区运营", "免税商贸", "海上娱乐"],
    ),
}
PLACES = ["沙头角", "海山", "盐田", "梅沙"]
HOMES = [f"{p}街道非公企业党委" for p in PLACES]

enterprises = []  # (code, name, chain, segment, place)
n = 0
for chain, (segments, words) in CHAINS.items():
    count = {"port_logistics": 20, "gold_jewelry": 16, "life_health": 14, "coastal_tourism": 14}[chain]
    for i in range(count):
        n += 1
        place = PLACES[n % 4]
        word = words[i % len(words)]
        name = f"深圳市盐田{place}{word}示例有限公司" if i < len(words) else f"深圳市{place}{word}示例{i}号有限公司"
        enterprises.append((uscc(n), name, chain, segments[i % len(segments)], place))

by_chain = {c: [e for e in enterprises if e[2] == c] for c in CHAINS}
phone_seq = iter(range(13800138100, 13800139000))


def contact(k):
    return {"name": f"联系人{k}", "phone": str(next(phone_seq)), "email": None}


def enrollment(e, joined, output, party, extra_chain=None):
    code, name, chain, segment, place = e
    chain = extra_chain[0] if extra_chain else chain
    segment = extra_chain[1] if extra_chain else segment
    record = {
        "enterprise": {"name": name, "uscc": code, "kind": "enterprise",
                       "annual_output_wan": output, "employees": RANDOM.randint(30, 900)},
        "chain": chain,
        "segments": [segment],
        "party_org": party,
        "liaison": None,
        "contact": contact(len(name)),
        "joined_on": joined.isoformat(),
    }
    if party is None:
        record["party_org"] = {"status": "none"}
        record["liaison"] = {"name": "党建指导员", "phone": str(next(phone_seq))}
    return record


roster = []
joint_names = {}
for i, e in enumerate(enterprises):
    code, name, chain, segment, place = e
    short = name.replace("深圳市", "").replace("有限公司", "")
    kind = i % 5
    if kind in (0, 1, 2):
        party = {"status": "own", "kind": "branch", "name": f"{short}党支部",
                 "full_members": 3 + i % 4, "probationary_members": i % 2,
                 "home_affiliation": HOMES[PLACES.index(place)]}
    elif kind == 3:
        # Joint branches, two a chain, each covering several neighbours: one
        # organization, counted once. Some rows write its name with
        # half-width brackets, as spreadsheets do; NFKC reads them alike.
        key = (chain, i % 2)
        members = joint_names.setdefault(key, [])
        name = f"盐田区{CHAINS[chain][1][0]}行业联合党支部（{'一二'[i % 2]}）"
        if len(members) % 2 == 1:
            name = name.replace("（", "(").replace("）", ")")
        members.append(code)
        party = {"status": "joint", "kind": "joint_branch", "name": name,
                 "full_members": 1 + i % 2, "probationary_members": 0,
                 "home_affiliation": HOMES[PLACES.index(by_chain[chain][i % 2][4])]}
    else:
        party = None
    output = None if i % 23 == 7 else round(RANDOM.uniform(800, 60000) if chain != "port_logistics"
                                            else RANDOM.uniform(20000, 900000), 1)
    joined = d("2026-01-05") + timedelta(days=(i * 5) % 300)
    roster.append(enrollment(e, joined, output, party))

# Enterprises on two chains: counted once; one gives another output value there.
for i, (e, other) in enumerate([
    (by_chain["port_logistics"][2], ("life_health", "pharma_disinfectants")),
    (by_chain["gold_jewelry"][4], ("coastal_tourism", "shopping")),
    (by_chain["port_logistics"][5], ("coastal_tourism", "transport")),
]):
    first = next(r for r in roster if r["enterprise"]["uscc"] == e[0])
    output = first["enterprise"]["annual_output_wan"]
    if i == 1 and output is not None:
        output = round(output + 1200.0, 1)
    roster.append(enrollment(e, d("2026-06-01") + timedelta(days=i), output, first["party_org"] if first["party_org"]["status"] != "none" else None, other))

# Broken rows: a wrong check character; a segment of another chain; the same
# enterprise twice in one chain.
bad = enrollment((broken(uscc(900)), "深圳市盐田示例笔误物流有限公司", "port_logistics", "trucking", "盐田"),
                 d("2026-03-01"), 3200.0, None)
roster.insert(10, bad)
wrong_segment = enrollment((uscc(901), "深圳市梅沙示例环节有误酒店有限公司", "coastal_tourism", "manufacturing", "梅沙"),
                           d("2026-04-01"), 1500.0, None)
roster.insert(30, wrong_segment)
roster.append(dict(roster[0], joined_on="2026-09-01"))

# --- the programme ----------------------------------------------------------

key = [e[0] for e in enterprises[:20]] + [e[0] for e in by_chain["gold_jewelry"][:6]] \
      + [e[0] for e in by_chain["life_health"][:5]] + [e[0] for e in by_chain["coastal_tourism"][:5]]
key = list(dict.fromkeys(key))
contacts = []
cadres = [("c-01", "区委组织部", "cadre-0107"), ("c-02", "区发展和改革局", "cadre-0215"),
          ("c-03", "区工业和信息化局", "cadre-0322"), ("c-04", "沙头角街道办事处", "cadre-0418"),
          ("c-05", "海山街道办事处", "cadre-0506"), ("c-06", "盐田街道办事处", "cadre-0631")]
units = [("mu-customs", "梅沙海关", "customs_office"), ("mu-tax", "区税务局", "tax_bureau"),
         ("mu-hr", "区人力资源局", "hr_bureau"), ("mu-market", "区市场监督管理局", "market_regulation_bureau")]
holders = [(cid, "cadre", unit, account) for cid, unit, account in cadres] + \
          [(cid, "member_unit", unit, dept) for cid, unit, dept in units]
held = {h[0]: [] for h in holders}
for i, code in enumerate(key):
    held[holders[i % len(holders)][0]].append(code)
for cid, kind, unit, ref in holders:
    c = {"id": cid, "kind": kind, "unit": unit, "enterprises": held[cid]}
    c["account" if kind == "cadre" else "department"] = ref
    contacts.append(c)
programme = {
    "id": "wanming-2026",
    "name": "万名干部助企行（2026）",
    "from": "2026-01-01",
    "to": "2026-12-31",
    "owner": "盐田区委组织部",
    "cadence": {"on_site_days": 60, "any_contact_days": 30},
    "quota": {"min_per_contact": 1, "max_per_contact": 5},
    "key_enterprises": key,
    "contacts": contacts,
}
holder_of = {code: c for c in contacts for code in c["enterprises"]}
name_of = {e[0]: e[1] for e in enterprises}
chain_of = {e[0]: e[2] for e in enterprises}

# --- demands and visits -----------------------------------------------------

TOPICS = {
    "customs": ("保税区通道通关时间", "夜间到港货物无法及时入区，希望延长保税区货运通道的开放时间。", "customs_office"),
    "traffic": ("港区后方道路高峰拥堵", "每天下午进港拖车排队较长，希望优化信号灯配时并增派疏导力量。", "traffic_police"),
    "tax": ("出口退税办理进度", "出口退税审核周期较长，希望了解加快办理的材料要求。", "tax_bureau"),
    "talent": ("技术人才住房保障", "企业引进的技术骨干租房成本较高，希望了解人才住房申请条件。", "hr_bureau"),
    "financing": ("流动资金贷款需求", "订单增加后流动资金紧张，希望对接银行了解专项再贷款政策。", "finance_office"),
    "intellectual_property": ("珠宝设计知识产权保护", "原创首饰款式被仿冒，希望了解外观设计专利申请与维权途径。", "market_regulation_bureau"),
    "social_security": ("灵活用工社保缴纳", "季节性用工较多，希望了解灵活用工人员的社保缴纳办法。", "hr_bureau"),
    "culture_tourism": ("旅游旺季停车位不足", "节假日游客车辆多，周边停车位不足，希望协调临时停车场地。", "culture_tourism_bureau"),
    "industry_policy": ("产业扶持资金申报", "希望了解2026年产业发展专项资金的申报条件和时间安排。", "development_reform_bureau"),
}
KINDS = ["help", "consultation", "suggestion", "help", "consultation"]

demands = []
visits = []


def demand_record(code, topic, when, origin=None, title_suffix=""):
    title, description, _ = TOPICS[topic]
    record = {
        "enterprise_uscc": code,
        "enterprise_name": name_of[code],
        "chain": chain_of[code],
        "kind": KINDS[len(demands) % len(KINDS)],
        "topic": topic,
        "title": title + title_suffix,
        "description": description,
        "contact": contact(len(demands)),
        "declarations": {"not_in_litigation": True, "no_secrets": True},
        "submitted_at": when,
    }
    if origin:
        record["origin"] = origin
    return record


def event(when, actor, kind, **members):
    return dict({"at": when, "actor": actor, "type": kind}, **members)


LAST_DAY = d("2026-12-30")


def history(start, actor, department, state, on_site_reply=None, reply="已协调解决并答复企业。"):
    """The events of a case from its submission to `state`, days apart;
    nothing is dated after the last day of the data."""
    day = d(start[:10])
    events = [event(start, actor, "submitted")]

    def add(days, who, kind, **members):
        nonlocal day
        day = day + timedelta(days=days)
        if day <= LAST_DAY:
            events.append(event(at(day, 10), who, kind, **members))
        return day <= LAST_DAY

    if on_site_reply:
        # A reply on site: assigned, accepted and replied at the visit.
        events.extend([event(start, actor, "assigned", department=department),
                       event(start, actor, "accepted"),
                       event(start, actor, "replied", reply=on_site_reply)])
        if state in ("closed", "reopened"):
            add(12, "enterprise_service_centre", "revisited", satisfied=state == "closed")
        return events
    if state == "closed_without_action":
        add(2, "enterprise_service_centre", "closed", reason="duplicate")
        return events
    if state == "collected":
        add(3, "chain_committee", "collected", meeting="2026年第二季度联席会议")
        return events
    steps = [
        ("assigned", lambda: add(1, "enterprise_service_centre", "assigned", department=department)),
        ("accepted", lambda: add(1, department, "accepted")),
        ("in_progress", lambda: add(2, department, "started")),
        ("replied", lambda: add(6, department, "replied", reply=reply)),
        ("revisited", lambda: add(10, "enterprise_service_centre", "revisited", satisfied=state == "closed")),
    ]
    last = {"submitted": 0, "assigned": 1, "accepted": 2, "in_progress": 3, "replied": 4,
            "closed": 5, "reopened": 5}[state]
    for _, step in steps[:last]:
        if not step():
            break
    return events


STATES = ["closed", "closed", "closed", "replied", "in_progress", "accepted", "assigned",
          "reopened", "closed", "submitted", "closed_without_action", "closed"]
topic_cycle = ["customs", "traffic", "tax", "talent", "financing", "social_security",
               "industry_policy", "culture_tourism", "tax", "traffic"]

# Visits of every contact to the enterprises it holds through the year: on
# site, by phone, online, at a centre, at a meeting; some raise demands.
MODES = ["on_site", "phone", "online", "on_site", "meeting", "at_centre"]
# How each assignment stands at the end of the year: its last visit (on
# site) this many days before 31 December — on time, due within the week,
# overdue.
LAST_VISIT = [9, 26, 48, 14, 27, 75]
vcount = 0
assignment = 0
for ci, c in enumerate(contacts):
    for ei, code in enumerate(c["enterprises"]):
        last = d("2026-12-31") - timedelta(days=LAST_VISIT[assignment % len(LAST_VISIT)])
        assignment += 1
        days = []
        day = d("2026-01-12") + timedelta(days=(ci * 3 + ei * 5) % 20)
        while day < last - timedelta(days=20):
            days.append(day)
            day += timedelta(days=38)
        days.append(last)
        for k, day in enumerate(days):
            vcount += 1
            mode = "on_site" if day == last else MODES[(vcount + k) % len(MODES)]
            vid = f"v-2026-{vcount:03d}"
            when = at(day, 9 + vcount % 7)
            visit = {
                "id": vid, "programme": "wanming-2026", "contact": c["id"],
                "enterprise_uscc": code, "enterprise_name": name_of[code],
                "mode": mode, "visited_at": when,
                "visitors": [c.get("account") or f"staff-{c['id']}"],
                "policies_delivered": [topic_cycle[vcount % len(topic_cycle)]],
                "notes": "走访了解企业生产经营情况，宣讲惠企政策。",
            }
            if vcount % 5 == 0:
                topic = topic_cycle[vcount % len(topic_cycle)]
                state = STATES[vcount % len(STATES)]
                on_site = "已现场答复政策口径，后续由职能部门跟进。" if vcount % 10 == 0 else None
                department = c.get("department") or TOPICS[topic][2]
                if on_site and state in ("submitted", "collected", "closed_without_action", "assigned", "accepted", "in_progress"):
                    state = "replied"
                did = f"D-2026-V{vcount:03d}"
                demands.append({
                    "id": did,
                    "record": demand_record(code, topic, when,
                                            {"channel": "visit", "ref": vid, "programme": "wanming-2026"}),
                    "events": history(when, c["id"], department, state, on_site),
                })
            visits.append(visit)

# A repeated visit (same contact, enterprise, day and mode): counted, warned.
repeat = dict(visits[4], id="v-2026-dup")
visits.insert(5, repeat)

# Demands from the portal, the hotline and the joint meeting, of key
# enterprises and others.
others = [e[0] for e in enterprises]
for i in range(36):
    code = others[(i * 7) % len(others)]
    topic = topic_cycle[(i + 3) % len(topic_cycle)]
    channel = ["portal", "portal", "hotline", "joint_meeting"][i % 4]
    start = d("2026-01-20") + timedelta(days=(i * 9) % 320)
    when = at(start, 11)
    origin = None if channel == "portal" else {"channel": channel}
    state = STATES[(i + 5) % len(STATES)]
    if channel == "joint_meeting" and state == "submitted":
        state = "collected"
    demands.append({
        "id": f"D-2026-{i + 1:04d}",
        "record": demand_record(code, topic, when, origin),
        "events": history(when, "enterprise" if channel == "portal" else "12345" if channel == "hotline" else "chain_committee",
                          TOPICS[topic][2], state),
    })

# A demand resolved in 2025: before the period, never counted in 2026.
code = key[3]
demands.append({
    "id": "D-2025-0911",
    "record": demand_record(code, "tax", "2025-09-11T10:00:00+08:00"),
    "events": [
        event("2025-09-11T10:00:00+08:00", "enterprise", "submitted"),
        event("2025-09-12T10:00:00+08:00", "enterprise_service_centre", "assigned", department="tax_bureau"),
        event("2025-09-15T10:00:00+08:00", "tax_bureau", "accepted"),
        event("2025-09-19T10:00:00+08:00", "tax_bureau", "replied", reply="已答复。"),
        event("2025-10-09T10:00:00+08:00", "enterprise_service_centre", "revisited", satisfied=True),
    ],
})

# The seed's first case: at the customs policy briefing a logistics
# enterprise asked for the bonded zone's freight channel to open round the
# clock; the channel now opens 24 hours.
briefing_id = "a-2026-0311"
freight = by_chain["port_logistics"][4][0]
demands.append({
    "id": "D-2026-0311",
    "record": demand_record(freight, "customs", "2026-03-11T16:40:00+08:00",
                            {"channel": "activity", "ref": briefing_id, "programme": "wanming-2026"},
                            "（24小时）"),
    "events": [
        event("2026-03-11T16:40:00+08:00", "staff-0042", "submitted"),
        event("2026-03-12T09:30:00+08:00", "enterprise_service_centre", "assigned", department="customs_office"),
        event("2026-03-12T14:00:00+08:00", "customs_office", "accepted"),
        event("2026-03-13T09:00:00+08:00", "customs_office", "started"),
        event("2026-03-20T10:00:00+08:00", "customs_office", "replied",
              reply="经与关区协调，保税区货运通道自3月21日起调整为24小时开放。"),
        event("2026-04-03T10:00:00+08:00", "enterprise_service_centre", "revisited", satisfied=True),
    ],
})

# The seed's second case: an IP demand collected for the joint meeting,
# answered by an intellectual-property training.
ip_demand = "D-2026-JM07"
jeweller = by_chain["gold_jewelry"][1][0]
ip_training = "a-2026-0618"
demands.append({
    "id": ip_demand,
    "record": demand_record(jeweller, "intellectual_property", "2026-05-08T10:00:00+08:00",
                            {"channel": "joint_meeting", "programme": "wanming-2026"}),
    "events": [
        event("2026-05-08T10:00:00+08:00", "enterprise", "submitted"),
        event("2026-05-10T10:00:00+08:00", "chain_committee", "collected", meeting="2026年第二季度联席会议"),
        event("2026-05-20T15:00:00+08:00", "joint_meeting", "assigned", department="market_regulation_bureau"),
        event("2026-05-21T10:00:00+08:00", "market_regulation_bureau", "accepted"),
        event("2026-06-19T10:00:00+08:00", "market_regulation_bureau", "replied",
              reply="6月18日举办知识产权保护与运用专题培训，并现场辅导外观设计专利申请。"),
        event("2026-07-02T10:00:00+08:00", "enterprise_service_centre", "revisited", satisfied=True),
    ],
})

# Broken rows: a reply before anyone accepted the demand; an id used twice.
bad_case = demand_record(others[11], "tax", "2026-08-03T10:00:00+08:00")
demands.insert(7, {
    "id": "D-2026-BAD1",
    "record": bad_case,
    "events": [event("2026-08-03T10:00:00+08:00", "enterprise", "submitted"),
               event("2026-08-04T10:00:00+08:00", "tax_bureau", "replied", reply="已答复。")],
})
demands.append(dict(demands[20]))

# --- activities -------------------------------------------------------------

activities = []


def activity(aid, kind, title, day, hours, status="recorded", series="dangqun_zhuqi", chains=None,
             organizers=("enterprise_service_centre",), venue=None, present=(), **more):
    summary = more.pop("summary", "活动按计划举办，已登记台账。")
    start = at(day, 14, 30)
    end_hour = 14 + int(hours + 0.5) + 1
    record = {
        "id": aid,
        "series": series,
        "kind": kind,
        "title": title,
        "chains": list(chains or []),
        "organizers": [{"kind": "department", "id": o} for o in organizers],
        "venue": venue or {"centre": "ytzb-centre", "room": f"room-{len(activities) % 3 + 1}"},
        "starts_at": start,
        "ends_at": at(day, min(end_hour, 23), 0),
        "status": status,
        "enterprises_present": list(present),
    }
    if series is None:
        del record["series"]
    if status in ("held", "recorded"):
        people = 12 + 3 * len(present) + len(activities) % 9
        record.update({"capacity": people + 20, "expected": people + 5, "attended": people,
                       "attended_party_members": {"full": people // 3, "probationary": 1}})
        if kind in ("industry_lecture", "skills_training", "safety_training", "policy_briefing", "party_lecture"):
            record["hours"] = hours
    if status == "recorded":
        record["record"] = {"recorder": "staff-0042", "recorded_at": at(day + timedelta(days=1), 9),
                            "summary": summary, "photos": []}
    record.update(more)
    return record


port = [e[0] for e in by_chain["port_logistics"]]
gold = [e[0] for e in by_chain["gold_jewelry"]]
life = [e[0] for e in by_chain["life_health"]]
tour = [e[0] for e in by_chain["coastal_tourism"]]

activities.append(activity(
    briefing_id, "policy_briefing", "“党建引领 关区合力 保稳提质”促外贸政策宣讲会", d("2026-03-11"), 2,
    chains=["port_logistics"], organizers=("customs_office", "enterprise_service_centre"),
    present=port[:12], raised_demands=["D-2026-0311"],
    lecturers=[{"role": "department_official", "unit": "梅沙海关"},
               {"role": "chain_leader_head", "unit": "示例港口集团"}],
    summary="企业反映保税区货运通道开放时间短，会后经协调调整为24小时开放。"))
activities.append(activity(
    ip_training, "skills_training", "知识产权保护与运用专题培训", d("2026-06-18"), 3,
    series="hangye_dajiangtang", chains=["gold_jewelry"], organizers=("market_regulation_bureau",),
    present=gold[:10], responds_to=[ip_demand],
    lecturers=[{"role": "expert", "unit": "示例知识产权服务中心"},
               {"role": "department_official", "unit": "区市场监督管理局"}]))

# The relending signing: 12 borrowers, credit at the signing, disbursed in
# June and July: 4,860万 in all.
amounts = [800, 650, 500, 480, 420, 400, 360, 350, 300, 250, 200, 150]
borrowers = port[:8] + tour[:2] + life[:2]
lines = []
for i, (code, amount) in enumerate(zip(borrowers, amounts)):
    lines.append({"enterprise_uscc": code, "stage": "credit", "amount_wan": amount, "on": "2026-05-20"})
for i, (code, amount) in enumerate(zip(borrowers, amounts)):
    if i % 3 == 0:
        half = amount // 2
        lines.append({"enterprise_uscc": code, "stage": "disbursed", "amount_wan": half,
                      "on": (d("2026-06-01") + timedelta(days=i)).isoformat()})
        lines.append({"enterprise_uscc": code, "stage": "disbursed", "amount_wan": amount - half,
                      "on": (d("2026-07-01") + timedelta(days=i)).isoformat()})
    else:
        lines.append({"enterprise_uscc": code, "stage": "disbursed", "amount_wan": amount,
                      "on": (d("2026-06-05") + timedelta(days=i)).isoformat()})
activities.append(activity(
    "a-2026-0520", "relending_signing", "交通物流专项再贷款签约仪式", d("2026-05-20"), 1.5,
    chains=["port_logistics", "coastal_tourism", "life_health"], organizers=("finance_office",),
    venue={"address": "深圳市盐田区海山街道示例银行支行会议室"}, present=borrowers,
    financing={"programme": "交通物流专项再贷款", "banks": ["示例银行盐田支行", "示例农商行盐田支行"],
               "lines": lines}))

# Two bank–enterprise matchmakings with 23 enterprises between them.
activities.append(activity(
    "a-2026-0415", "bank_enterprise_matchmaking", "“金融助企”银企对接会（港口物流专场）", d("2026-04-15"), 2,
    chains=["port_logistics"], organizers=("finance_office",), present=port[6:20],
    financing={"programme": "普惠小微贷款", "banks": ["示例银行盐田支行"],
               "lines": [{"enterprise_uscc": port[12], "stage": "need", "on": "2026-04-15"},
                         {"enterprise_uscc": port[12], "stage": "intention", "on": "2026-04-15"}]}))
activities.append(activity(
    "a-2026-0826", "bank_enterprise_matchmaking", "银企对接会（黄金珠宝专场）", d("2026-08-26"), 2,
    chains=["gold_jewelry", "life_health"], organizers=("finance_office",), present=gold[:6] + life[:3]))

plain = [
    ("service_day", "惠企服务日：政策“一站式”咨询", "2026-01-22", port[:5] + gold[:3]),
    ("policy_briefing", "稳外贸稳外资政策解读会", "2026-02-26", port[5:12]),
    ("industry_lecture", "行业党建大讲堂：港航数字化转型", "2026-03-25", port[:8]),
    ("skills_training", "跨境电商实务技能培训", "2026-04-08", port[10:16]),
    ("safety_training", "危险货物运输安全生产培训", "2026-04-22", port[2:9]),
    ("joint_theme_party_day", "产业链党委联合主题党日", "2026-05-12", port[:3] + gold[:3] + life[:3]),
    ("party_lecture", "产业链党课：弘扬特区精神", "2026-06-04", gold[2:8]),
    ("summer_camp", "职工子女暑期托管夏令营", "2026-07-15", tour[:4] + port[:2]),
    ("talent_study_tour", "人才研学行：走进大湾区先进制造", "2026-07-29", life[:6]),
    ("cross_chain_exchange", "跨链交流：港口物流与滨海旅游联动", "2026-08-12", port[:4] + tour[:4]),
    ("site_meeting", "港区交通疏导现场会", "2026-09-09", port[3:10]),
    ("event_support", "国际海洋周活动保障", "2026-09-23", tour[2:8]),
    ("service_day", "惠企服务日：社保与用工", "2026-10-14", life[3:9] + tour[:2]),
    ("policy_briefing", "生物医药产业扶持政策宣讲会", "2026-10-28", life[:8]),
    ("industry_lecture", "行业党建大讲堂：珠宝品牌建设", "2026-11-11", gold[:9]),
    ("skills_training", "冷链物流质量管理培训", "2026-11-25", port[9:15]),
    ("safety_training", "滨海景区消防安全培训", "2026-12-09", tour[:6]),
    ("other", "产业链企业座谈交流", "2026-12-16", gold[5:10]),
]
for i, (kind, title, day, present) in enumerate(plain):
    series = "hangye_dajiangtang" if kind == "industry_lecture" else "dangqun_zhuqi"
    status = "held" if i % 4 == 3 else "recorded"
    lecturers = [{"role": "expert", "unit": "示例高校"}] if kind in ("industry_lecture", "party_lecture") else []
    more = {"lecturers": lecturers} if lecturers else {}
    activities.append(activity(f"a-2026-{d(day).month:02d}{d(day).day:02d}", kind, title, d(day),
                               2 if kind != "summer_camp" else 6, status=status, series=series,
                               chains=sorted({chain_of[c] for c in present}), present=present, **more))

activities.append(activity(
    "a-2026-0606", "initiative_signing", "“诚信经营 品质服务”倡议书签署", d("2026-06-06"), 1,
    chains=["coastal_tourism", "gold_jewelry"], present=tour[:6] + gold[:4],
    initiative={"title": "诚信经营 品质服务倡议书", "areas": ["合法规范经营", "保障服务品质"],
                "signatories": [{"uscc": c, "signed_on": "2026-06-06"} for c in tour[:6] + gold[:4]]}))
activities.append(activity(
    "a-2026-0930", "alliance_event", "生命健康产学研联盟成立会", d("2026-09-30"), 2,
    series=None, chains=["life_health"], organizers=("science_innovation_bureau",), present=life[:7],
    pairing="alliance-life-health-2026"))
# Planned and cancelled: not sessions.
activities.append(activity("a-2027-0113", "policy_briefing", "2027年惠企政策宣讲会（筹备中）",
                           d("2027-01-13"), 2, status="planned", chains=["port_logistics"]))
activities.append(activity("a-2026-0722", "service_day", "惠企服务日（因台风取消）", d("2026-07-22"), 2,
                           status="cancelled", chains=["coastal_tourism"]))
# Broken: more Party members present than people present.
broken_activity = activity("a-2026-1202", "party_lecture", "产业链党课（登记有误）", d("2026-12-02"), 2,
                           chains=["gold_jewelry"], present=gold[:3])
broken_activity["attended_party_members"] = {"full": broken_activity["attended"] + 5, "probationary": 0}
activities.append(broken_activity)
activities.sort(key=lambda a: a["starts_at"])


# --- centres, pairings, usage -----------------------------------------------

ALL_DAYS = "MO,TU,WE,TH,FR,SA,SU"
centres = [
    {
        "id": "ytzb-centre", "name": "盐田区产业链党群服务中心", "kind": "district",
        "chains": list(CHAINS), "operator": "盐田区两新组织党工委",
        "address": "深圳市盐田区海山街道示例路1号", "area_m2": 1200,
        "partners": ["区总工会", "区妇联", "团区委"],
        "services": [{"id": i} for i in ["organization_life", "mass_activities", "legal_consultation",
                                         "training", "enterprise_services"]],
        "schedule": [{"byday": ALL_DAYS, "opens_at": "08:30", "closes_at": "22:00"}],
        "rooms": [{"id": "room-1", "name": "党员活动室", "capacity": 80},
                  {"id": "room-2", "name": "培训室", "capacity": 80},
                  {"id": "room-3", "name": "会议室", "capacity": 80}],
        "opened_on": "2024-07-01",
    },
    {
        "id": "bonded-zone-drivers-home", "name": "盐田综合保税区党群服务中心（司机之家）",
        "kind": "driver_home", "chains": ["port_logistics"], "operator": "盐田区两新组织党工委",
        "address": "深圳市盐田区盐田综合保税区停车缓冲区", "area_m2": 600,
        "partners": ["区总工会"],
        "services": [{"id": i} for i in ["organization_life", "legal_consultation", "shower_rest",
                                         "discounted_meals", "parking_rest", "hot_water",
                                         "meal_heating", "shower", "laundry", "emergency_medicine"]],
        "schedule": [{"byday": ALL_DAYS, "opens_at": "00:00", "closes_at": "23:59"}],
        "rooms": [{"id": "party-room", "name": "党员活动室", "capacity": 30}],
        "opened_on": "2025-05-20",
    },
]
usage = []
for k in range(14):
    on = (d("2026-12-01") + timedelta(days=k)).isoformat()
    usage.append({"centre": "bonded-zone-drivers-home", "on": on, "service": "shower", "visits": 60 + (k * 7) % 40})
    usage.append({"centre": "bonded-zone-drivers-home", "on": on, "service": "hot_water", "visits": 120 + (k * 11) % 50})
    if k % 3 == 0:
        usage.append({"centre": "ytzb-centre", "on": on, "service": "legal_consultation", "visits": 2 + k % 4})

liaisons = iter(range(13600136100, 13600136900))


def party(role, org, party_org):
    return {"role": role, "org": org, "party_org": party_org,
            "liaison": {"name": "联络员", "phone": str(next(liaisons))}}


def enterprise(code):
    return {"kind": "enterprise", "uscc": code}


def department(id_):
    return {"kind": "department", "id": id_}


def org_name(code):
    return name_of[code].replace("深圳市", "").replace("有限公司", "") + "党支部"


traffic_demand = next(x["id"] for x in demands if x["record"]["topic"] == "traffic")
pairings = [{
    # The seed's case: 盐田街道 with the port group, joined by the traffic
    # police, the transport bureau and the terminal operator.
    "id": "pairing-yantian-street-port-2026", "theme": "党建领航 共促发展",
    "kind": "government_enterprise", "chain": "port_logistics",
    "parties": [party("member", {"kind": "street", "id": "yantian_street"}, "盐田街道党工委"),
                party("chain_leader", enterprise(port[0]), org_name(port[0])),
                party("member", department("traffic_police"), "盐田交警大队党支部"),
                party("member", department("transport_bureau"), "区交通运输局机关党委"),
                party("member", enterprise(port[1]), org_name(port[1]))],
    "contents": ["organization", "business_exchange", "joint_activities", "resource_sharing"],
    "signed_on": "2026-03-01", "valid_until": "2028-02-29", "status": "active",
    "plan": [{"id": "plan-peak-coordination", "title": "制定高峰期盐田港进港交通协调联动工作方案",
              "content": "business_exchange", "due_on": "2026-06-30", "topics": ["traffic"]}],
    "outcomes": [{"id": "outcome-peak-working-plan", "kind": "mechanism", "plan_item": "plan-peak-coordination",
                  "title": "高峰期盐田港进港交通协调联动工作方案（工作预判、信息通报、应急处置、志愿服务）",
                  "adopted_on": "2026-06-18",
                  "participants": ["yantian_street", port[0], "traffic_police", "transport_bureau", port[1]],
                  "demands": [traffic_demand]}],
    "reports": [{"filed_on": "2026-06-30", "summary": "签订结对共建协议，形成高峰期进港交通协调联动工作方案。"},
                {"filed_on": "2026-09-30", "summary": "工作方案实施，高峰期信息通报12次。"},
                {"filed_on": "2026-12-28", "summary": "第四季度：志愿服务队参与疏导，港区高峰拥堵明显缓解。"}],
}]
for chain, members, leader_unit, signed in [
    ("life_health", life, "science_innovation_bureau", "2026-09-30"),
    ("gold_jewelry", gold, "market_regulation_bureau", "2026-05-26"),
    ("port_logistics", port, "transport_bureau", "2026-07-08"),
    ("coastal_tourism", tour, "culture_tourism_bureau", "2026-10-16"),
]:
    word = {"life_health": "生命健康", "gold_jewelry": "黄金珠宝", "port_logistics": "港口物流",
            "coastal_tourism": "滨海旅游"}[chain]
    pairings.append({
        "id": f"alliance-{chain.replace('_', '-')}-2026", "theme": f"{word}产学研联盟",
        "kind": "alliance", "chain": chain,
        "parties": [party("chain_leader", enterprise(members[2]), org_name(members[2])),
                    party("member", enterprise(members[3]), org_name(members[3])),
                    party("member", department(leader_unit), "区直机关党支部")],
        "contents": ["business_exchange", "resource_sharing", "complementary_strengths"],
        "signed_on": signed, "valid_until": "2029-12-31", "status": "active",
        "reports": [{"filed_on": "2026-12-20", "summary": "联盟运行情况：开展研修与成果对接。"}],
    })
# An alliance that ended: never counted.
pairings.append({
    "id": "alliance-gold-design-2024", "theme": "珠宝设计产学研联盟（已终止）", "kind": "alliance",
    "chain": "gold_jewelry",
    "parties": [party("chain_leader", enterprise(gold[0]), org_name(gold[0])),
                party("member", enterprise(gold[5]), org_name(gold[5]))],
    "contents": ["business_exchange"], "signed_on": "2024-03-01", "valid_until": "2026-12-31",
    "status": "ended", "ended_on": "2026-02-28", "end_reason": "并入黄金珠宝产学研联盟",
    "reports": [{"filed_on": "2025-12-30", "summary": "年度总结。"}],
})


def write_lines(name, rows):
    with open(HERE / name, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False, separators=(", ", ": ")) + "\n")


write_lines("roster.jsonl", roster)
write_lines("demands.jsonl", demands)
write_lines("visits.jsonl", visits)
write_lines("activities.jsonl", activities)
write_lines("centres.jsonl", centres)
write_lines("pairings.jsonl", pairings)
write_lines("usage.jsonl", usage)
with open(HERE / "programme.json", "w", encoding="utf-8") as f:
    json.dump(programme, f, ensure_ascii=False, indent=2)
    f.write("\n")
print(f"{len(roster)} roster rows, {len(demands)} demands, {len(visits)} visits, "
      f"{len(activities)} activities, {len(pairings)} pairings, {len(centres)} centres, {len(usage)} counts")
