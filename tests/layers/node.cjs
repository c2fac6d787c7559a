// The Node layer of the cross-layer comparison: the wasm package built for
// Node reads record files and prints one answer line per file.
//
//   node tests/layers/node.cjs enrollment|demand LANG TODAY LEGACY_CSV FILE...
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "../..");
const api = require(path.join(root, "wasm/pkg-node"));
const [kind, lang, today, legacy, ...files] = process.argv.slice(2);
const options = { lang, today, legacyUscc: legacy ? legacy.split(",") : [] };
const check = kind === "demand" ? api.validateDemand : api.validateEnrollment;
for (const file of files) {
  const answer = check(fs.readFileSync(file, "utf8"), options);
  process.stdout.write(JSON.stringify({ valid: answer.valid, findings: answer.findings }) + "\n");
}
