// The JSON Schemas, checked with ajv against every record fixture
// (enrollment, demand, programme, visit, activity): a record the schema rejects is rejected by the core too, and a
// record the core accepts passes the schema.
//
//   npm ci && bash scripts/build-wasm && node --test bindings/schema/test/
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const Ajv2020 = require("ajv/dist/2020").default;

const root = path.resolve(__dirname, "../../..");
const api = require(path.join(root, "wasm/pkg-node"));
const legacy = ["91440300MA5FUTN410"];
const options = { today: "2026-11-25", legacyUscc: legacy };
const programme = JSON.parse(fs.readFileSync(path.join(root, "tests/fixtures/programme/valid_wanming.json"), "utf8"));

function load(name) {
  return JSON.parse(fs.readFileSync(path.join(root, "bindings/schema", name), "utf8"));
}

function records(dir) {
  const full = path.join(root, "tests/fixtures", dir);
  return fs
    .readdirSync(full)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .flatMap((f) => {
      try {
        return [{ name: f, record: JSON.parse(fs.readFileSync(path.join(full, f), "utf8")) }];
      } catch {
        return []; // not JSON at all: nothing for a schema to say
      }
    });
}

for (const [kind, file, dir, check] of [
  ["enrollment", "enrollment.schema.json", "enrollment", api.validateEnrollment],
  ["demand", "demand.schema.json", "demand", api.validateDemand],
  ["programme", "programme.schema.json", "programme", (r, o) => api.validate("programme", r, o)],
  ["visit", "visit.schema.json", "visit", (r, o) => api.validate("visit", r, { ...o, programme })],
  ["activity", "activity.schema.json", "activity", (r, o) => api.validate("activity", r, o)],
]) {
  test(`${kind}: schema-invalid implies core-invalid, core-valid implies schema-valid`, () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    const validate = ajv.compile(load(file));
    let rejected = 0;
    let accepted = 0;
    for (const { name, record } of records(dir)) {
      const schemaOk = validate(record);
      const core = check(JSON.stringify(record), options);
      if (!schemaOk) {
        rejected += 1;
        assert.equal(core.valid, false, `${name}: the schema rejects it (${ajv.errorsText(validate.errors)}) but the core accepts it`);
      }
      if (core.valid) {
        accepted += 1;
        assert.ok(schemaOk, `${name}: the core accepts it but the schema rejects it: ${ajv.errorsText(validate.errors)}`);
      }
    }
    // The fixtures exercise both sides.
    assert.ok(rejected >= 3, `${kind}: only ${rejected} fixtures rejected by the schema`);
    assert.ok(accepted >= 5, `${kind}: only ${accepted} fixtures accepted by the core`);
  });
}

test("unknown fields are structural errors", () => {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
  const validate = ajv.compile(load("enrollment.schema.json"));
  const record = JSON.parse(fs.readFileSync(path.join(root, "tests/fixtures/enrollment/valid_own_branch.json"), "utf8"));
  assert.equal(validate(record), true);
  assert.equal(validate({ ...record, website: "x" }), false);
  assert.equal(validate({ ...record, enterprise: { ...record.enterprise, employees: "180" } }), true, "numbers may come as text");
  assert.equal(validate({ ...record, segments: [] }), false);
});
