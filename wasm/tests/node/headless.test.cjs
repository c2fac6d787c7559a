// The headless JS API built for Node gives exactly the findings the native
// command line gives, for every enrollment and demand fixture, and the same
// classifications.
//
//   bash scripts/build-wasm && cargo build --release -p lianjian-cli
//   node --test wasm/tests/node/
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const root = path.resolve(__dirname, "../../..");
const api = require(path.join(root, "wasm/pkg-node"));
const cli = process.env.LIANJIAN_BIN || path.join(root, "target/release/lianjian");
const today = "2026-11-25";
const legacy = fs
  .readFileSync(path.join(root, "tests/fixtures/enrollment/legacy_uscc.txt"), "utf8")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"));

function fixtures(dir) {
  const full = path.join(root, "tests/fixtures", dir);
  return fs
    .readdirSync(full)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ name: f, text: fs.readFileSync(path.join(full, f), "utf8") }));
}

// The same text on one line, for the CLI's JSON lines: pretty-printed JSON
// has no raw line breaks inside strings, so this changes nothing it means.
function oneLine(text) {
  return text.replace(/\r?\n/g, " ").trim();
}

function cliLines(args, input, lang) {
  let out;
  try {
    out = execFileSync(cli, [...args, "--today", today, "--lang", lang], { input });
  } catch (e) {
    out = e.stdout; // exit 1 means some record is invalid
  }
  return out.toString("utf8").trim().split("\n").map((l) => JSON.parse(l));
}

for (const lang of ["zh-CN", "en"]) {
  test(`enrollment findings equal the CLI's (${lang})`, () => {
    const cases = fixtures("enrollment").map((f) => ({ ...f, line: oneLine(f.text) }));
    const args = ["validate", "enrollment", "-", ...legacy.flatMap((c) => ["--allow-legacy-uscc", c])];
    const native = cliLines(args, cases.map((c) => c.line).join("\n") + "\n", lang);
    assert.equal(native.length, cases.length);
    cases.forEach((c, i) => {
      const wasm = api.validateEnrollment(c.line, { today, lang, legacyUscc: legacy });
      assert.equal(wasm.valid, native[i].valid, c.name);
      assert.deepEqual(wasm.findings, native[i].findings, c.name);
      assert.equal(wasm.record !== null && wasm.record !== undefined, wasm.valid, c.name);
    });
  });

  test(`demand findings equal the CLI's (${lang})`, () => {
    for (const c of fixtures("demand")) {
      const line = oneLine(c.text);
      const [native] = cliLines(["validate", "demand", "-"], line + "\n", lang);
      const wasm = api.validateDemand(line, { today, lang });
      // Repeats need the earlier demands, which only a server has.
      const withoutRepeats = native.findings.filter((f) => f.code !== "demand_repeat");
      assert.deepEqual(wasm.findings, withoutRepeats, c.name);
    }
  });
}

for (const lang of ["zh-CN", "en"]) {
  test(`programme, visit, activity, pairing and centre findings equal the CLI's (${lang})`, () => {
    const programmeFile = path.join(root, "tests/fixtures/programme/valid_wanming.json");
    const programme = JSON.parse(fs.readFileSync(programmeFile, "utf8"));
    for (const kind of ["programme", "visit", "activity", "pairing", "centre"]) {
      const cases = fixtures(kind).map((f) => ({ ...f, line: oneLine(f.text) }));
      const withProgramme = kind === "visit" ? ["--programme", programmeFile] : [];
      const args = ["validate", kind, "-", ...withProgramme, ...legacy.flatMap((c) => ["--allow-legacy-uscc", c])];
      const options = { today, lang, legacyUscc: legacy, ...(kind === "visit" ? { programme } : {}) };
      // One record a call: the command line also compares a line with the earlier ones.
      for (const c of cases) {
        const [native] = cliLines(args, c.line + "\n", lang);
        const wasm = api.validate(kind, c.line, options);
        assert.equal(wasm.valid, native.valid, c.name);
        assert.deepEqual(wasm.findings, native.findings, c.name);
        assert.equal(wasm.record !== null && wasm.record !== undefined, wasm.valid, c.name);
      }
    }
  });
}

test("the lines of a file are checked against each other, as on the command line", () => {
  for (const file of fs.readdirSync(path.join(root, "tests/fixtures/batch"))) {
    const kind = file.split("_")[0];
    const text = fs.readFileSync(path.join(root, "tests/fixtures/batch", file), "utf8");
    const native = cliLines(["validate", kind, "-"], text, "en");
    assert.deepEqual(api.validateLines(kind, text, { today, lang: "en" }), native, file);
  }
  assert.throws(() => api.validate("booking", "{}", { today }), /kind: `booking` is not one of/);
  assert.throws(() => api.validateLines("visit", 42, { today }), /JSON-lines text/);
  assert.throws(() => api.validate("visit", "{}", { today, programme: { id: "p" } }), /options: programme: /);
});

test("classifications equal the CLI's", () => {
  const set = fs
    .readFileSync(path.join(root, "tests/fixtures/demands/devset.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .slice(0, 60)
    .map((l) => JSON.parse(l));
  const texts = set.map((d) => `${d.title} ${d.description}`.replace(/\s+/g, " "));
  const native = cliLines(["classify"], texts.join("\n") + "\n", "zh-CN");
  texts.forEach((text, i) => assert.deepEqual(api.classify("", text), native[i], text));
});

test("a record may be an object; unknown and undefined keys are handled like a server", () => {
  const record = JSON.parse(fs.readFileSync(path.join(root, "tests/fixtures/enrollment/valid_own_branch.json"), "utf8"));
  assert.equal(api.validateEnrollment(record, { today }).valid, true);
  const extra = api.validateEnrollment({ ...record, website: "x" }, { today, lang: "en" });
  assert.equal(extra.findings[0].code, "unknown_field");
  const undef = api.validateEnrollment({ ...record, liaison: undefined }, { today });
  assert.equal(undef.valid, true, "an undefined key is an absent key");
});

test("catalog, messages, USCC and overrides", () => {
  const catalog = api.catalog();
  assert.deepEqual(catalog.chains.map((c) => c.id), ["port_logistics", "gold_jewelry", "life_health", "coastal_tourism"]);
  assert.deepEqual(api.suggestSegments("gold_jewelry", ["2438"]), ["manufacturing"]);
  const en = api.messages("en");
  assert.equal(typeof en.uscc_checksum, "string");
  assert.throws(() => api.messages("fr"));
  const code = api.checkUscc("9144 0300 ma5f utn4 18", {});
  assert.equal(code.valid, true);
  assert.equal(code.normalized, "91440300MA5FUTN418");
  const custom = api.checkUscc("91440300MA5FUTN419", { lang: "en", messages: { uscc_checksum: "Check digit: {expected}" } });
  assert.equal(custom.findings[0].message, "Check digit: 8");
  const noDate = api.validateEnrollment("{}", { today: "not a date" });
  assert.equal(noDate.findings[0].path, "today");
});

test("deadlines and working days, provisional past the published schedules", () => {
  const due = api.deadline("consultation", "2026-12-30T10:00:00+08:00", { lang: "en" });
  assert.equal(due.deadline, "2027-01-04");
  assert.equal(due.provisional, true);
  assert.equal(due.findings[0].code, "calendar_provisional");
  const schedule = JSON.parse(
    require("node:fs").readFileSync(
      require("node:path").join(__dirname, "../../../tests/fixtures/holidays/not-a-real-notice-2027.json"),
      "utf8",
    ),
  );
  const loaded = api.deadline("consultation", "2026-12-30", { holidays: [schedule] });
  assert.deepEqual([loaded.deadline, loaded.provisional, loaded.findings], ["2027-01-05", false, []]);
  assert.throws(() => api.deadline("help", "2026-12-30", { holidays: [{ year: 2027 }] }), /holidays\[0\]/);
  const day = api.workday("2026-10-10", { lang: "en" });
  assert.deepEqual([day.working, day.reason, day.holiday, day.holiday_name], [true, "make_up_day", "national_day", "National Day"]);
  assert.equal(api.workday(42).findings[0].code, "date_invalid", "not a string: a finding, not a throw");
});

test("a lone surrogate in a JS string is answered like its escape", () => {
  const record = JSON.parse(
    require("node:fs").readFileSync(
      require("node:path").join(__dirname, "../../../tests/fixtures/demand/valid_help_traffic.json"),
      "utf8",
    ),
  );
  record.title += "\ud83d";
  const asObject = api.validateDemand(record, { today });
  const asText = api.validateDemand(JSON.stringify(record).replace("\\ud83d", "\ud83d"), { today });
  for (const answer of [asObject, asText]) {
    assert.equal(answer.valid, false);
    assert.ok(answer.findings.some((f) => f.code === "invalid_characters" && f.path === "title"), JSON.stringify(answer.findings));
  }
  assert.deepEqual(asText.findings, asObject.findings);
});

test("deep, cyclic and odd objects get findings or a clear error, and the module keeps working", () => {
  // Deeper than JSON allows: a finding (moderately deep) or a clear error (too deep to write).
  let deep = {};
  for (let i = 0; i < 1000; i++) deep = { a: deep };
  const answer = api.validateEnrollment({ enterprise: deep }, { today });
  assert.equal(answer.valid, false);
  assert.equal(answer.findings[0].code, "invalid_json", "the nesting limit holds");
  for (let i = 0; i < 100000; i++) deep = { a: deep };
  assert.throws(() => api.validateEnrollment({ enterprise: deep }, { today }), /JSON/);
  const cyclic = {};
  cyclic.self = cyclic;
  assert.throws(() => api.validateEnrollment(cyclic, { today }), /JSON/);
  // The instance is still sound after both.
  assert.equal(api.validateEnrollment("{}", { today }).valid, false);
  assert.equal(api.checkUscc("91440300MA5FUTN418", {}).valid, true);
});

test("options are read like in C and Python: unknown keys and languages are refused", () => {
  assert.throws(() => api.validateEnrollment("{}", { today, colour: "red" }), /unknown field/);
  assert.throws(() => api.validateEnrollment("{}", { today, lang: "fr" }), /lang/);
  assert.throws(() => api.validateEnrollment("{}", [today]), /object/);
});

test("the headline of the demo district is the command line's, figure for figure", () => {
  const dir = path.join(root, "examples/district");
  const names = ["roster.jsonl", "programme.json", "demands.jsonl", "visits.jsonl",
    "activities.jsonl", "centres.jsonl", "pairings.jsonl", "usage.jsonl"];
  const folder = {};
  for (const name of names) folder[name] = fs.readFileSync(path.join(dir, name), "utf8");
  for (const lang of ["zh-CN", "en"]) {
    const answer = api.headline(folder, "2026-01-01", "2026-12-31", null, { lang, today: "2026-12-31" });
    const native = JSON.parse(
      execFileSync(cli, ["headline", dir, "--from", "2026-01-01", "--to", "2026-12-31",
        "--today", "2026-12-31", "--lang", lang]),
    );
    assert.deepEqual(answer, native);
  }
  const answer = api.headline(JSON.stringify(folder), "2026-01-01", "2026-12-31", "2026-06-30", { today: "2026-12-31" });
  // As of 30 June, the July disbursements are not yet made.
  assert.equal(answer.as_of, "2026-06-30");
  assert.equal(answer.figures.relending.amount_wan, 3915);
  assert.equal(answer.figures.relending.approx, "近4000万元");
  // A period that cannot be read: findings at its fields, no figures.
  const bad = api.headline({}, "2026-12-31", "2026-01-01", undefined, { lang: "en", today: "2026-12-31" });
  assert.equal(bad.figures, null);
  assert.deepEqual(bad.findings.map((f) => [f.code, f.path, f.file]),
    [["ends_before_start", "to", undefined], ["required", "", "roster.jsonl"]]);
});

test("the pairing and centre ledgers of the demo district are the command line's", () => {
  const dir = path.join(root, "examples/district");
  const folder = {};
  for (const name of ["roster.jsonl", "activities.jsonl", "centres.jsonl", "pairings.jsonl", "usage.jsonl"]) {
    folder[name] = fs.readFileSync(path.join(dir, name), "utf8");
  }
  for (const name of ["pairings", "centres"]) {
    for (const lang of ["zh-CN", "en"]) {
      const answer = api.ledger(name, folder, { lang, today: "2026-12-31" });
      const native = JSON.parse(
        execFileSync(cli, ["ledger", name, dir, "--format", "json", "--today", "2026-12-31", "--lang", lang]),
      );
      assert.deepEqual(answer, native, `${name} ${lang}`);
      assert.ok(answer.rows.length > 0, name);
    }
  }
  const unknown = api.ledger("accounts", JSON.stringify(folder), { today: "2026-12-31" });
  assert.equal(unknown.rows, null);
  assert.equal(unknown.findings[0].code, "invalid_option");
});

test("the HSDS export of the demo district is the command line's", () => {
  const dir = path.join(root, "examples/district");
  const folder = { "centres.jsonl": fs.readFileSync(path.join(dir, "centres.jsonl"), "utf8") };
  const answer = api.exportHsds(folder, { today: "2026-12-31", lang: "en" });
  const native = JSON.parse(execFileSync(cli, ["export", "hsds", dir, "--today", "2026-12-31", "--lang", "en"]));
  assert.deepEqual(answer.export, native);
  assert.equal(answer.export.hsds_version, "3.0");
  assert.deepEqual(answer.findings, []);
});
