// The headless JS API: the core's checks for portals that draw their own
// forms. Every function answers plain JSON-like objects; call them after
// `ready` has resolved. The wasm functions answer JSON text (far less code in
// the bundle than building objects from Rust); one JSON.parse makes objects.

import init, * as wasm from "./lianjian_wasm.js";

/**
 * What every check accepts: the language of messages, the date taken as
 * today (default: the date in China), host message templates by code,
 * recorded legacy codes, a district's own chain catalog, and published holiday
 * schedules of later years (one object a year, as core/catalog/holidays/2026.json).
 * The contact programme, when given, is the one visits are checked against.
 * @typedef {{ lang?: "zh-CN" | "en", today?: string, messages?: Record<string, string>,
 *             legacyUscc?: string[], catalog?: import("./types").Catalog,
 *             holidays?: import("./types").HolidaySchedule[],
 *             programme?: import("./types").Programme }} Options
 */

/** Resolves once the WebAssembly module is compiled and instantiated. */
export const ready = init({ module_or_path: new URL("./lianjian_wasm_bg.wasm", import.meta.url) }).then(() => undefined);

/**
 * Validates an enrollment record (an object or JSON text): `{valid, findings, record}`;
 * `record` is the normalised record when valid.
 * @param {object | string} record
 * @param {Options} [options]
 * @returns {import("./types").Answer<import("./types").Enrollment>}
 */
export function validateEnrollment(record, options) {
  return JSON.parse(wasm.validateEnrollmentJson(record, options));
}

/**
 * Validates a demand record (an object or JSON text): `{valid, findings, record}`.
 * @param {object | string} record
 * @param {Options} [options]
 * @returns {import("./types").Answer<import("./types").Demand>}
 */
export function validateDemand(record, options) {
  return JSON.parse(wasm.validateDemandJson(record, options));
}

/**
 * Validates a record of the named kind (an object or JSON text): `enrollment`,
 * `demand`, `programme`, `visit`, `activity`, `pairing` or `centre`. Answers
 * `{valid, findings, record}`; visits are checked against `options.programme` when
 * it is given. Throws for a kind with no such name.
 * @template {import("./types").RecordKind} K
 * @param {K} kind
 * @param {object | string} record
 * @param {Options} [options]
 * @returns {import("./types").Answer<import("./types").RecordsByKind[K]>}
 */
export function validate(kind, record, options) {
  return JSON.parse(wasm.validateJson(kind, record, options));
}

/**
 * Validates JSON-lines text, one record of the named kind a line, each also against
 * the valid records on earlier lines (a visit made twice, a room taken twice, an id
 * used again, a demand repeating one): one `{line, valid, findings}` per non-blank line.
 * @param {import("./types").RecordKind} kind
 * @param {string} lines
 * @param {Options} [options]
 * @returns {import("./types").LineAnswer[]}
 */
export function validateLines(kind, lines, options) {
  return JSON.parse(wasm.validateLinesJson(kind, lines, options));
}

/**
 * Suggests the topic and department of a demand from its title and description.
 * @param {string} title
 * @param {string} description
 * @returns {import("./types").Classification}
 */
export function classify(title, description) {
  return JSON.parse(wasm.classifyJson(title, description));
}

/**
 * Checks one unified social credit code.
 * @param {string} code
 * @param {{ lang?: "zh-CN" | "en", legacyUscc?: string[] }} [options]
 * @returns {import("./types").UsccAnswer}
 */
export function checkUscc(code, options) {
  return JSON.parse(wasm.checkUsccJson(code, options));
}

/**
 * The deadline of a demand of `kind` received `from` (`YYYY-MM-DD` or an RFC 3339
 * time), in working days. `provisional` is true, with a `calendar_provisional`
 * warning, when it was reckoned across a year without a published schedule.
 * @param {"consultation" | "help" | "complaint" | "report" | "suggestion"} kind
 * @param {string} from
 * @param {Options} [options]
 * @returns {import("./types").DeadlineAnswer}
 */
export function deadline(kind, from, options) {
  return JSON.parse(wasm.deadlineJson(kind, from, options));
}

/**
 * Whether a date (`YYYY-MM-DD`) is a working day in mainland China, and why.
 * @param {string} date
 * @param {Options} [options]
 * @returns {import("./types").WorkdayAnswer}
 */
export function workday(date, options) {
  return JSON.parse(wasm.workdayJson(date, options));
}

/**
 * What the forms need of the rules (frozen): per field its path, whether it
 * is required, lengths, ranges, list sizes and choices; which
 * Party-organization kinds go with which status; the attachment types and sizes.
 * @returns {import("./types").FormSpec}
 */
export function formSpec() {
  return (formSpecOnce ??= freeze(JSON.parse(wasm.formSpecJson())));
}
/** @type {import("./types").FormSpec | undefined} */
let formSpecOnce;

/**
 * The built-in chain catalog: chains, their segments, names and industry codes (frozen).
 * @returns {import("./types").Catalog}
 */
export function catalog() {
  return (catalogOnce ??= freeze(JSON.parse(wasm.catalogJson())));
}
/** @type {import("./types").Catalog | undefined} */
let catalogOnce;

/**
 * The segments of `chain` that the industry codes suggest (segment ids), in
 * the built-in catalog or the one given as `options.catalog`.
 * @param {string} chain
 * @param {string[]} industryCodes
 * @param {Options} [options]
 * @returns {string[]}
 */
export function suggestSegments(chain, industryCodes, options) {
  return wasm.suggestSegments(chain, industryCodes, options);
}

/**
 * The topics and departments demands are routed to, with their names (frozen).
 * @returns {import("./types").Topics}
 */
export function topics() {
  return (topicsOnce ??= freeze(JSON.parse(wasm.topicsJson())));
}
/** @type {import("./types").Topics | undefined} */
let topicsOnce;

/** Data read once and shared: frozen, so no caller can change it for the others.
 * @template T @param {T} value @returns {T} */
function freeze(value) {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) freeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * The finding message templates of a language, keyed by finding code.
 * @param {"zh-CN" | "en"} lang
 * @returns {Record<string, string>}
 */
export function messages(lang) {
  return JSON.parse(wasm.messagesJson(lang));
}
