// The Node side of the peer benchmark (tests/benches/peers.rs runs it):
// over the same enrollment JSON lines, one line at a time, on one thread,
//   - JSON.parse alone,
//   - ajv with the committed JSON Schema compiled once (JSON.parse + validate),
//     stopping at the first error (ajv's default) and with allErrors,
//   - lianjian's wasm build: validateEnrollment(line, options).
// Prints one JSON object on its last line: versions and, per measurement,
// the best and median of three samples in lines per second and how many
// lines it found valid ({"error": ...} when something is missing).
//
//   node tests/benches/peers/node.cjs LINES.jsonl MIN_SAMPLE_SECONDS '["LEGACY_USCC", ...]'
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "../../..");

function fail(message) {
  console.log(JSON.stringify({ error: message }));
  process.exit(3);
}

// Runs pass() once to warm up, then three samples of enough passes to last
// minSample seconds each; rates in items per second.
function measure(items, minSample, pass) {
  let started = process.hrtime.bigint();
  pass();
  const once = Math.max(Number(process.hrtime.bigint() - started) / 1e9, 1e-6);
  const reps = Math.max(1, Math.ceil(minSample / once));
  const rates = [];
  for (let sample = 0; sample < 3; sample += 1) {
    started = process.hrtime.bigint();
    for (let r = 0; r < reps; r += 1) pass();
    rates.push((items * reps) / (Number(process.hrtime.bigint() - started) / 1e9));
  }
  rates.sort((a, b) => a - b);
  return { best: rates[2], median: rates[1] };
}

function main() {
  const [file, minSampleText, legacyText] = process.argv.slice(2);
  if (!file) fail("usage: node.cjs LINES.jsonl MIN_SAMPLE_SECONDS LEGACY_JSON");
  const minSample = Number(minSampleText || "1");
  const legacyUscc = JSON.parse(legacyText || "[]");

  let Ajv2020;
  let ajvVersion;
  try {
    Ajv2020 = require(path.join(root, "node_modules/ajv/dist/2020")).default;
    ajvVersion = require(path.join(root, "node_modules/ajv/package.json")).version;
  } catch (e) {
    fail(`ajv is not installed (npm ci): ${e.message}`);
  }
  let api;
  try {
    api = require(path.join(root, "wasm/pkg-node"));
  } catch (e) {
    fail(`the wasm build for Node is missing (bash scripts/build-wasm): ${e.message}`);
  }

  const lines = fs.readFileSync(file, "utf8").split("\n").filter((l) => l.length > 0);
  const schema = JSON.parse(
    fs.readFileSync(path.join(root, "bindings/schema/enrollment.schema.json"), "utf8"),
  );
  // The options of bindings/schema/test: strict, union types allowed.
  const firstError = new Ajv2020({ strict: true, allowUnionTypes: true }).compile(schema);
  const allErrors = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true }).compile(
    schema,
  );
  const options = { lang: "zh-CN", today: "2026-11-25", legacyUscc };

  const parses = (line) => {
    try {
      JSON.parse(line);
      return true;
    } catch {
      return false;
    }
  };
  const schemaValid = (validate) => (line) => {
    let value;
    try {
      value = JSON.parse(line);
    } catch {
      return false;
    }
    return validate(value);
  };
  const checks = {
    json_parse: parses,
    ajv: schemaValid(firstError),
    ajv_all_errors: schemaValid(allErrors),
    wasm: (line) => api.validateEnrollment(line, options).valid,
  };
  const results = {};
  for (const [name, check] of Object.entries(checks)) {
    const valid = lines.filter((line) => check(line)).length;
    const rate = measure(lines.length, minSample, () => {
      let n = 0;
      for (const line of lines) if (check(line)) n += 1;
      return n;
    });
    results[name] = { ...rate, valid };
  }
  console.log(
    JSON.stringify({
      node: process.versions.node,
      v8: process.versions.v8,
      ajv: ajvVersion,
      lines: lines.length,
      results,
    }),
  );
}

main();
