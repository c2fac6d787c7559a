// The Node side of the whole-process comparison (tests/benches/peers.rs runs
// it): what a service in Node would do instead of `lianjian validate
// enrollment FILE` — read the JSON lines, check each with ajv (allErrors,
// the committed JSON Schema compiled once) and write one JSON answer line
// per record, `{"line", "valid", "errors"}`, to stdout.
//
//   node tests/benches/peers/ajv-lines.cjs LINES.jsonl > answers.jsonl
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "../../..");
const Ajv2020 = require(path.join(root, "node_modules/ajv/dist/2020")).default;
const schema = JSON.parse(fs.readFileSync(path.join(root, "bindings/schema/enrollment.schema.json"), "utf8"));
const validate = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true }).compile(schema);

const text = fs.readFileSync(process.argv[2], "utf8");
const out = [];
let line = 0;
for (const record of text.split("\n")) {
  line += 1;
  if (record.trim() === "") continue;
  let valid = false;
  let errors = [];
  try {
    valid = validate(JSON.parse(record));
    errors = validate.errors || [];
  } catch (e) {
    errors = [{ message: String(e.message) }];
  }
  out.push(JSON.stringify({ line, valid, errors }));
  if (out.length >= 4096) {
    fs.writeSync(1, out.join("\n") + "\n");
    out.length = 0;
  }
}
if (out.length) fs.writeSync(1, out.join("\n") + "\n");
