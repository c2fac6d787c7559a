// The headless API for Node (CommonJS): the same functions and answers as
// the browser package. The wasm answers JSON text; JSON.parse makes objects.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const wasm = require("./lianjian_wasm.js");

/** @param {string} text */
const parse = (text) => JSON.parse(text);
let catalog;
let topics;
let formSpec;
let model;
/** The package's classifier model (the .wasm carries none), read once. */
const builtinModel = () => (model ??= parse(fs.readFileSync(path.join(__dirname, "lianjian-classifier.json"), "utf8")));

module.exports = {
  /** A classifier model for `classify`, as the browser package's `loadClassifier`: the
   * package's own without an argument; else a district's, from a file path, a `file:` URL
   * or an http(s) URL. */
  loadClassifier: async (source) => {
    if (source === undefined) return builtinModel();
    const text = String(source);
    if (/^https?:/i.test(text)) {
      const response = await fetch(text);
      if (!response.ok) throw new Error(`${text}: HTTP ${response.status}`);
      return response.json();
    }
    const file = text.startsWith("file:") ? require("node:url").fileURLToPath(text) : text;
    return parse(await fs.promises.readFile(file, "utf8"));
  },
  /** Validates an enrollment record (object or JSON text): `{valid, findings, record}`. */
  validateEnrollment: (record, options) => parse(wasm.validateEnrollmentJson(record, options)),
  /** Validates a demand record (object or JSON text): `{valid, findings, record}`. */
  validateDemand: (record, options) => parse(wasm.validateDemandJson(record, options)),
  /** Validates a record of the named kind (enrollment, demand, programme, visit, activity, pairing, centre): `{valid, findings, record}`. */
  validate: (kind, record, options) => parse(wasm.validateJson(kind, record, options)),
  /** Validates JSON-lines text, each record also against earlier lines: `[{line, valid, findings}]`. */
  validateLines: (kind, lines, options) => parse(wasm.validateLinesJson(kind, lines, options)),
  /** Suggests topic and department: `{topic, department, departments, confidence, candidates}`,
   * with the package's classifier model unless `options.classifier` gives a district's. */
  classify: (title, description, options) =>
    parse(wasm.classifyJson(title, description, { ...(options || {}), classifier: (options && options.classifier) || builtinModel() })),
  /** Checks one unified social credit code: `{input, valid, normalized, findings}`. */
  checkUscc: (code, options) => parse(wasm.checkUsccJson(code, options)),
  /** The deadline of a demand in working days: `{kind, from, working_days, deadline, provisional, findings}`. */
  deadline: (kind, from, options) => parse(wasm.deadlineJson(kind, from, options)),
  /** Whether a date is a working day, and why: `{date, working, reason, holiday, ..., provisional, findings}`. */
  workday: (date, options) => parse(wasm.workdayJson(date, options)),
  /** The headline report of a district folder (file texts by name) for a period: `{period, as_of, figures, lists, …, findings}`. */
  headline: (folder, from, to, asOf, options) => parse(wasm.headlineJson(folder, from, to, asOf, options)),
  /** A ledger of a district folder (file texts by name): activities, pairings or centres: `{ledger, title, columns, rows, files, findings}`. */
  ledger: (name, folder, options) => parse(wasm.ledgerJson(name, folder, options)),
  /** The centres of a district folder (file texts by name) as Open Referral HSDS 3.0: `{export, files, findings}`. */
  exportHsds: (folder, options) => parse(wasm.exportHsdsJson(folder, options)),
  /** What the forms need of the rules: fields, limits, choices (read once, frozen). */
  formSpec: () => (formSpec ??= deepFreeze(parse(wasm.formSpecJson()))),
  /** A coverage partial of JSON lines whose first line is `firstLine` of the roster (opaque text). */
  coveragePartial: (lines, firstLine = 1, options) => wasm.coveragePartialJson(lines, firstLine, options),
  /** Two coverage partials merged (any order gives the same answer). */
  coverageMerge: (a, b) => wasm.coverageMergeJson(a, b),
  /** The coverage answer of a partial: `{totals, chains, gaps, rejected, warnings}`. */
  coverageFinish: (partial, options) => parse(wasm.coverageFinishJson(partial, options)),
  /** The built-in chain catalog (read once, frozen). */
  catalog: () => (catalog ??= deepFreeze(parse(wasm.catalogJson()))),
  /** Topics and departments with their names (read once, frozen). */
  topics: () => (topics ??= deepFreeze(parse(wasm.topicsJson()))),
  /** The segments of a chain that industry codes suggest (in options.catalog, if given). */
  suggestSegments: (chain, industryCodes, options) => wasm.suggestSegments(chain, industryCodes, options),
  /** The message templates of a language, keyed by finding code. */
  messages: (lang) => parse(wasm.messagesJson(lang)),
  /** Resolved already: the module is compiled when required (the browser package waits for it). */
  ready: Promise.resolve(undefined),
};

function deepFreeze(value) {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
