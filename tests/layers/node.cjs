// The Node layer of the cross-layer comparison: the wasm package built for
// Node reads record files and prints one answer line per file.
//
//   node tests/layers/node.cjs KIND LANG TODAY LEGACY_CSV FILE...
//
// KIND: enrollment, demand, programme, visit, activity. With
// LIANJIAN_PROGRAMME=FILE, that programme is in the options (visits are
// checked against it). With LIANJIAN_RAW_SURROGATES=1, surrogate escapes
// (\ud83d) are turned into the code units themselves before the check: a JS
// string holding a lone surrogate, as text cut inside an emoji is, must be
// answered like its escape.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "../..");
const api = require(path.join(root, "wasm/pkg-node"));
const [kind, lang, today, legacy, ...files] = process.argv.slice(2);
const options = { lang, today, legacyUscc: legacy ? legacy.split(",") : [] };
if (process.env.LIANJIAN_PROGRAMME) {
  options.programme = JSON.parse(fs.readFileSync(process.env.LIANJIAN_PROGRAMME, "utf8"));
}
const checks = {
  enrollment: api.validateEnrollment,
  demand: api.validateDemand,
};
const check = checks[kind] ?? ((record, options) => api.validate(kind, record, options));
const raw = process.env.LIANJIAN_RAW_SURROGATES === "1";
const unescape = (text) =>
  text.replace(/\\u(d[89a-f][0-9a-f]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
for (const file of files) {
  const text = fs.readFileSync(file, "utf8");
  const answer = check(raw ? unescape(text) : text, options);
  process.stdout.write(JSON.stringify({ valid: answer.valid, findings: answer.findings }) + "\n");
}
