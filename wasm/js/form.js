// What both form widgets share: rendering fields into a shadow root, the
// error summary and inline errors, live re-validation after the first submit,
// the draft in localStorage, the double-submit guard and the submit event.
// The rules are the core's: every check goes through the wasm API.

import { TEXTS, fill } from "./texts.js";
import { h, append, replace, idOf, debounce } from "./dom.js";
import { drawField } from "./fields.js";
import { fieldOf, showInline, drawSummary } from "./findings.js";
import { draftKey, saveDraft, loadDraft, forgetDraft } from "./drafts.js";

/**
 * @typedef {{ code: string, severity: "error" | "warning", path: string,
 *             params?: Record<string, unknown>, message: string }} Finding
 * @typedef {{ valid: boolean, findings: Finding[], record?: Record<string, unknown> | null }} Answer
 * @typedef {{ value: string, label: string }} Choice
 * @typedef {{
 *   name: string,
 *   type: "text" | "tel" | "email" | "number" | "integer" | "date" | "textarea" |
 *         "select" | "radios" | "checkboxes" | "checkbox" | "files",
 *   optional?: boolean,
 *   paths?: string[],
 *   choices?: Choice[],
 *   max?: number,
 *   autocomplete?: string,
 *   accept?: string,
 *   label?: string,
 *   hint?: string | null,
 *   after?: Node | null,
 * }} Field
 * @typedef {{ title: string, intro?: Node | null, fields: Field[] }} Section
 * @typedef {Record<string, string | string[] | boolean>} State
 */

const STYLESHEET = new URL("./lianjian-forms.css", import.meta.url).href;

/**
 * The base of `<lianjian-enrollment-form>` and `<lianjian-demand-form>`.
 * Subclasses provide the layout, the record built from the state, and the
 * core check to run on it.
 */
export class LianjianForm extends HTMLElement {
  static observedAttributes = ["lang", "chain", "today"];

  /** Host hook, awaited after the record passes the core's checks and before
   * the submit event: `async (record, {kind}) => Finding[]` (e.g. "this USCC
   * is already enrolled"). Findings with severity `error` stop the submission
   * and are shown like the core's.
   * @type {((record: Record<string, unknown>, context: { kind: string }) => Promise<Finding[] | undefined> | Finding[] | undefined) | null} */
  hostCheck = null;

  /** @type {ShadowRoot} */
  #root;
  /** @type {State} */
  state = {};
  /** Attachments as chosen: metadata for the record, the File for the host.
   * @type {Array<{ name: string, size_bytes: number, mime: string, file?: File }>} */
  files = [];
  /** @type {Record<string, unknown>} */
  #texts = {};
  /** @type {Record<string, string>} */
  #messages = {};
  /** @type {unknown} */
  #catalog = null;
  /** Findings of the last check (core and host). @type {Finding[]} */
  #findings = [];
  /** Findings the host answered with, kept until their field is edited. @type {Finding[]} */
  #hostFindings = [];
  #attempted = false;
  #busy = false;
  #done = false;
  #rendered = false;
  #marked = false;
  /** Whether the form (or the done panel) has been drawn once. */
  #drawn = false;
  #draftRestored = false;
  /** @type {string | null} */
  #failure = null;
  /** @type {Field[]} */
  #fields = [];
  /** @type {HTMLElement | null} */
  #form = null;
  /** @type {HTMLElement | null} */
  #summary = null;
  /** @type {HTMLElement | null} */
  #srCounter = null;
  /** @type {(() => void) | null} */
  #onReady = null;

  /** The kind of record: `enrollment` or `demand`. */
  get kind() {
    return "";
  }

  /** The core's form spec of this form's record: each field's limits and
   * choices (`formSpec()` of the API), so that no rule is copied here. */
  get spec() {
    const all = /** @type {any} */ (this.api.formSpec());
    return all[this.kind];
  }

  /** The spec of one field, by its path in the record. @param {string} path */
  fieldSpec(path) {
    return /** @type {any[]} */ (this.spec.fields).find((f) => f.path === path) || null;
  }

  /** Whether the core accepts the record without this field. @param {string} path */
  isOptional(path) {
    const field = this.fieldSpec(path);
    return !field || !field.required;
  }

  /** The choices the core allows for a field, labelled with `prefix.value` texts.
   * @param {string} path @param {string} prefix @param {string[]} [only] */
  choicesOf(path, prefix, only) {
    const field = this.fieldSpec(path);
    const values = only || (field && Array.isArray(field.options) ? field.options : []);
    return values.map((/** @type {string} */ value) => ({ value, label: this.t(`${prefix}.${value}`) }));
  }

  /** The most characters the core accepts in a field (for its counter). @param {string} path */
  maxLength(path) {
    const field = this.fieldSpec(path);
    return field && typeof field.max_length === "number" ? field.max_length : undefined;
  }

  /** Saves the draft once typing pauses. */
  #saveDraft = debounce(() => this.#saveDraftNow(), 250);
  /** Tells screen readers a character count once typing pauses. */
  #announceCount = debounce((/** @type {Field} */ field) => this.#announceCountNow(field), 900);

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
  }

  /** Host text overrides: `{id: text}` or `{"zh-CN": {…}, "en": {…}}`. */
  get texts() {
    return this.#texts;
  }
  set texts(value) {
    this.#texts = value && typeof value === "object" ? value : {};
    this.#rerender();
  }

  /** Host overrides of finding messages, `{code: template}` (passed to the core). */
  get messages() {
    return this.#messages;
  }
  set messages(value) {
    this.#messages = value && typeof value === "object" ? { ...value } : {};
    if (this.#attempted) this.#check();
  }

  /** The chain catalog offered and checked against (the built-in Yantian one by
   * default): a district's own, in the shape of `catalog()`. */
  get catalog() {
    return this.#catalog || this.api.catalog();
  }
  set catalog(value) {
    this.#catalog = value || null;
    this.#rerender();
  }

  /** `zh-CN` (default) or `en`. */
  get language() {
    return this.getAttribute("lang") === "en" ? "en" : "zh-CN";
  }

  /** The text of `id` in the current language, host overrides first.
   * @param {string} id
   * @param {Record<string, string | number>} [params] */
  t(id, params) {
    const lang = this.language;
    const own = /** @type {Record<string, unknown>} */ (this.#texts[lang] || {});
    const text = [own[id], this.#texts[id], TEXTS[lang][id], TEXTS["zh-CN"][id]].find((v) => typeof v === "string");
    return fill(/** @type {string} */ (text ?? id), params);
  }

  /** Whether a text exists for `id`. @param {string} id */
  hasText(id) {
    return id in TEXTS["zh-CN"] || id in this.#texts;
  }

  /** A `{zh-CN, en}` name in the current language. @param {unknown} name @param {string} fallback */
  nameIn(name, fallback) {
    const names = /** @type {Record<string, unknown> | null} */ (name && typeof name === "object" ? name : null);
    const text = names && (names[this.language] ?? names["zh-CN"]);
    return typeof text === "string" ? text : fallback;
  }

  // --- to be provided by the subclasses ---------------------------------

  /** @returns {State} */
  initialState() {
    return {};
  }
  /** @returns {Section[]} */
  layout() {
    return [];
  }
  /** @returns {Record<string, unknown>} */
  record() {
    return {};
  }
  /** @param {Record<string, unknown>} _record @param {Record<string, unknown>} _options @returns {Answer} */
  validate(_record, _options) {
    return { valid: true, findings: [] };
  }
  /** Called after a field changed (suggestions, counters). @param {string} _name */
  changed(_name) {}
  /** The wasm API (set by the module that defines the elements). */
  get api() {
    return /** @type {any} */ (this.constructor).api;
  }

  // --- lifecycle -----------------------------------------------------------

  connectedCallback() {
    if (this.#rendered) return;
    this.#rendered = true;
    const loading = h("p", { class: "lj-loading", role: "status" }, this.t("loading"));
    replace(this.#root, h("link", { rel: "stylesheet", href: STYLESHEET }), loading);
    /** @type {any} */ (this.constructor).ready.then(
      () => {
        this.state = { ...this.initialState(), ...this.#restoreDraft() };
        this.#render();
      },
      () => replace(this.#root, h("p", { class: "lj-loading", role: "alert" }, this.t("load_failed"))),
    );
  }

  /** @param {string} name @param {string | null} old @param {string | null} value */
  attributeChangedCallback(name, old, value) {
    if (old === value || !this.#drawn) return;
    if (name === "chain" && value) this.state.chain = value;
    this.#rerender();
  }

  /** Options for the core: language, host message overrides, `today` if set. */
  options() {
    /** @type {Record<string, unknown>} */
    const options = { lang: this.language };
    if (Object.keys(this.#messages).length) options.messages = this.#messages;
    const today = this.getAttribute("today");
    if (today) options.today = today;
    if (this.#catalog) options.catalog = this.#catalog;
    return options;
  }

  /** Resolves once the form is drawn (for hosts and tests). */
  get rendered() {
    if (this.#form) return Promise.resolve();
    return new Promise((resolve) => {
      this.#onReady = () => resolve(undefined);
    });
  }

  // --- rendering -------------------------------------------------------------

  #rerender() {
    if (this.#drawn) this.#render();
  }

  #render() {
    const active = this.#root.activeElement;
    const activeId = active && active.id;
    this.#drawn = true;
    this.#fields = [];
    const wrapper = h("div", { class: "lj", lang: this.language });
    if (this.#done) {
      append(wrapper, [this.#donePanel()]);
      replace(this.#root, h("link", { rel: "stylesheet", href: STYLESHEET }), wrapper);
      return;
    }
    const title = h("h2", { class: "lj-title", id: "lj-heading" }, this.t(`${this.kind}.title`));
    this.#summary = h("div", {
      class: "lj-summary",
      id: "lj-summary",
      tabindex: "-1",
      role: "alert",
      "aria-labelledby": "lj-summary-title",
      hidden: true,
    });
    const form = h("form", { class: "lj-form", novalidate: true, "aria-labelledby": "lj-heading" });
    if (this.#draftRestored) form.appendChild(this.#draftNotice());
    for (const section of this.layout()) {
      const fieldset = h("fieldset", { class: "lj-section" }, h("legend", { class: "lj-section-title" }, this.t(section.title)));
      if (section.intro) fieldset.appendChild(section.intro);
      for (const field of section.fields) {
        this.#fields.push(field);
        fieldset.appendChild(drawField(this, field, this.state[field.name]));
      }
      form.appendChild(fieldset);
    }
    const submit = h("button", { type: "submit", class: "lj-submit", id: "lj-submit" }, this.t(`${this.kind}.submit`));
    const status = h("p", { class: "lj-vh", id: "lj-status", role: "status" });
    this.#srCounter = h("p", { class: "lj-vh", "aria-live": "polite", id: "lj-count-live" });
    append(form, [submit, status, this.#srCounter]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    form.addEventListener("input", (event) => this.#onInput(event));
    form.addEventListener("change", (event) => this.#onInput(event));
    // An input method (pinyin) commits its text at `compositionend`.
    form.addEventListener("compositionend", (event) => this.#onInput(event));
    append(wrapper, [title, this.#summary, form]);
    this.#form = form;
    replace(this.#root, h("link", { rel: "stylesheet", href: STYLESHEET }), wrapper);
    // Findings are rendered in a language and for the fields shown: check again.
    if (this.#attempted) this.#check();
    else this.#showFindings(false);
    for (const field of this.#fields) this.changed(field.name);
    if (activeId) {
      const again = this.#root.getElementById(activeId);
      if (again) again.focus();
    }
    if (!this.#marked) {
      this.#marked = true;
      // For hosts measuring their pages (and the browser benchmark).
      performance.mark(`lianjian-rendered:${this.kind}`);
    }
    if (this.#onReady) {
      this.#onReady();
      this.#onReady = null;
    }
  }

  // --- input -------------------------------------------------------------------

  /** @param {Event} event */
  #onInput(event) {
    // While an input method composes, the text is pinyin, not what the person
    // means: no check and no draft until `compositionend`.
    if (/** @type {InputEvent} */ (event).isComposing) return;
    const target = /** @type {HTMLInputElement} */ (event.target);
    const name = target.name;
    if (!name) return;
    const field = this.#fields.find((f) => f.name === name);
    if (!field) return;
    if (field.type === "files") {
      // Read on `change` only, then cleared so that the same file can be chosen again.
      if (event.type !== "change") return;
      this.addFiles(Array.from(target.files || []));
      target.value = "";
      return;
    }
    if (field.type === "checkboxes") {
      const boxes = /** @type {NodeListOf<HTMLInputElement>} */ (this.#root.querySelectorAll(`input[name="${CSS.escape(name)}"]`));
      this.state[name] = Array.from(boxes).filter((b) => b.checked).map((b) => b.value);
    } else if (field.type === "checkbox") {
      this.state[name] = target.checked;
    } else if (field.type === "radios") {
      if (!target.checked) return;
      this.state[name] = target.value;
    } else {
      // A number typed on a phone in Chinese mode comes in full-width forms
      // (８６, ．, －): read as their ASCII twins, as the USCC field reads them.
      if ((field.type === "number" || field.type === "integer") && /[\uFF0D\uFF0E\uFF10-\uFF19]/.test(target.value)) {
        target.value = target.value.replace(/[\uFF0D\uFF0E\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
      }
      // A text field fires `change` when it loses focus: nothing new to do then.
      if (event.type === "change" && field.type !== "select" && this.state[name] === target.value) return;
      this.state[name] = target.value;
    }
    this.#hostFindings = this.#hostFindings.filter((f) => this.#fieldOf(f.path)?.name !== name);
    this.#saveDraft();
    const structural = event.type === "change" && (field.type === "select" || field.type === "radios");
    if (structural) this.#render();
    else this.changed(name);
    if (field.max) this.#announceCount(field);
    if (this.#attempted) this.#check();
  }

  /** Sets a field from code (a suggestion accepted), as if it had been typed,
   * then moves focus to `focusId`.
   * @param {string} name @param {string | string[] | boolean} value @param {string} focusId */
  setValue(name, value, focusId) {
    this.state[name] = value;
    this.#hostFindings = this.#hostFindings.filter((f) => this.#fieldOf(f.path)?.name !== name);
    this.#saveDraft();
    this.#render();
    if (this.#attempted) this.#check();
    this.#root.getElementById(focusId)?.focus();
  }

  /** Adds chosen files to the attachment list (checked by the core on the next check).
   * @param {File[]} chosen */
  addFiles(chosen) {
    for (const file of chosen) {
      this.files.push({ name: file.name, size_bytes: file.size, mime: file.type || "application/octet-stream", file });
    }
    this.#saveDraft();
    this.#render();
    if (this.#attempted) this.#check();
    this.#root.getElementById(idOf("attachments"))?.focus();
  }

  /** Removes attachment `index`. @param {number} index */
  removeFile(index) {
    this.files.splice(index, 1);
    this.#render();
    if (this.#attempted) this.#check();
    this.#root.getElementById(idOf("attachments"))?.focus();
  }

  /** Characters as the core counts them (Unicode scalar values, trimmed). @param {string} text */
  static length(text) {
    return Array.from(text.trim()).length;
  }

  /** Updates a field's visible counter. @param {Field} field */
  updateCount(field) {
    const counter = this.#root.getElementById(`${idOf(field.name)}-count`);
    if (!counter || !field.max) return;
    const left = field.max - LianjianForm.length(String(this.state[field.name] || ""));
    counter.textContent = left >= 0 ? this.t("chars_left", { count: left }) : this.t("chars_over", { count: -left });
    counter.classList.toggle("lj-over", left < 0);
  }

  /** @param {Field} field */
  #announceCountNow(field) {
    const counter = this.#root.getElementById(`${idOf(field.name)}-count`);
    if (counter && this.#srCounter) this.#srCounter.textContent = counter.textContent;
  }

  /** An element of the shadow root by id (for subclasses). @param {string} id */
  byId(id) {
    return this.#root.getElementById(id);
  }

  // --- checking and findings -----------------------------------------------------

  /** Runs the core's check on the current state and shows its findings. */
  #check() {
    /** @type {Answer} */
    let answer;
    try {
      answer = this.validate(this.record(), this.options());
    } catch (error) {
      // Only bad options can throw (a host message override, say); the record never does.
      answer = { valid: false, findings: [{ code: "options", severity: "error", path: "", message: String(error) }] };
    }
    this.#findings = answer.findings;
    this.#showFindings(false);
    return answer;
  }

  /** The field a finding path belongs to. @param {string} path */
  #fieldOf(path) {
    return fieldOf(this.#fields, path);
  }

  /** Draws the error summary and inline messages. @param {boolean} focus */
  #showFindings(focus) {
    if (!this.#form || !this.#summary) return;
    const shown = this.#attempted ? [...this.#findings, ...this.#hostFindings] : [];
    /** @type {Map<string, Finding[]>} */
    const byField = new Map();
    /** @type {Array<{ finding: Finding, field: Field | null }>} */
    const errors = [];
    for (const finding of shown) {
      const field = this.#fieldOf(finding.path);
      if (field) byField.set(field.name, [...(byField.get(field.name) || []), finding]);
      if (finding.severity === "error") errors.push({ finding, field });
    }
    for (const field of this.#fields) this.#showInline(field, byField.get(field.name) || []);
    // In the order of the form, as a person reads it; the record as a whole last.
    const position = (/** @type {Field | null} */ field) => (field ? this.#fields.indexOf(field) : this.#fields.length);
    errors.sort((a, b) => position(a.field) - position(b.field));
    this.#drawSummary(errors, focus);
  }

  /** @param {Field} field @param {Finding[]} findings */
  #showInline(field, findings) {
    showInline(this.#root, this, field, findings);
    if (field.type === "files") this.markFiles(findings);
  }

  /** Marks attachment list items with their own findings (subclass hook). @param {Finding[]} _findings */
  markFiles(_findings) {}

  /** @param {Array<{ finding: Finding, field: Field | null }>} errors @param {boolean} focus */
  #drawSummary(errors, focus) {
    drawSummary(this.#root, /** @type {HTMLElement} */ (this.#summary), this, errors, {
      failure: this.#failure,
      fromHost: this.#hostFindings.some((f) => f.severity === "error"),
      files: this.files,
      focus,
    });
  }

  // --- submitting -----------------------------------------------------------------

  /** Checks the form and, when valid, hands the record to the host in a
   * cancelable `lianjian-submit` event. Ignored while a submission is under way. */
  async submit() {
    if (this.#busy || this.#done || !this.#form) return;
    this.#attempted = true;
    this.#failure = null;
    this.#hostFindings = [];
    const answer = this.#check();
    if (!answer.valid || !answer.record) {
      this.#showFindings(true);
      return;
    }
    this.#setBusy(true);
    try {
      if (this.hostCheck) {
        const extra = (await this.hostCheck(answer.record, { kind: this.kind })) || [];
        if (extra.some((f) => f && f.severity === "error")) {
          this.#hostFindings = extra;
          this.#showFindings(true);
          return;
        }
      }
      /** @type {Promise<unknown> | null} */
      let waiting = null;
      const detail = {
        kind: this.kind,
        record: answer.record,
        findings: answer.findings,
        files: this.files.map((f) => f.file).filter(Boolean),
        /** Lets the host answer asynchronously: resolve to `{findings}` to refuse.
         * @param {Promise<unknown>} promise */
        waitUntil(promise) {
          waiting = Promise.resolve(promise);
        },
      };
      const event = new CustomEvent("lianjian-submit", { detail, bubbles: true, composed: true, cancelable: true });
      if (!this.dispatchEvent(event)) return;
      const result = /** @type {{ findings?: Finding[], receipt?: { number?: unknown, code?: unknown } } | undefined} */ (
        waiting ? await waiting : undefined
      );
      const refused = result && Array.isArray(result.findings) ? result.findings.filter((f) => f && typeof f === "object") : [];
      if (refused.some((f) => f.severity === "error")) {
        this.#hostFindings = refused;
        this.#showFindings(true);
        return;
      }
      // The host's own warnings (a likely repeat) join the form's; a receipt is shown.
      const seen = new Set(answer.findings.map((f) => `${f.code}@${f.path}`));
      const notes = [...answer.findings, ...refused.filter((f) => !seen.has(`${f.code}@${f.path}`))];
      const receipt = result && result.receipt && typeof result.receipt === "object" ? result.receipt : null;
      this.#receipt = receipt && receipt.number ? { number: String(receipt.number), code: receipt.code ? String(receipt.code) : "" } : null;
      this.#finish(notes.filter((f) => f.severity !== "error"));
    } catch {
      this.#failure = this.t("send_failed");
      this.#showFindings(true);
    } finally {
      this.#setBusy(false);
    }
  }

  /** @param {boolean} busy */
  #setBusy(busy) {
    this.#busy = busy;
    const button = this.#root.getElementById("lj-submit");
    const status = this.#root.getElementById("lj-status");
    if (button) {
      if (busy) button.setAttribute("aria-disabled", "true");
      else button.removeAttribute("aria-disabled");
    }
    if (status) status.textContent = busy ? this.t("sending") : "";
  }

  /** @type {Finding[]} */
  #notes = [];
  /** The receipt the host returned: number and query code. @type {{ number: string, code: string } | null} */
  #receipt = null;

  /** @param {Finding[]} notes */
  #finish(notes) {
    this.#done = true;
    this.#notes = notes;
    this.#forgetDraft();
    this.#form = null;
    this.#render();
    this.#root.getElementById("lj-done")?.focus();
  }

  #donePanel() {
    const panel = h("div", { class: "lj-done", id: "lj-done", tabindex: "-1", role: "status" }, h("h2", { class: "lj-title" }, this.t("done_title")), h("p", null, this.t("done_text")));
    if (this.#receipt) {
      const list = h("dl", { class: "lj-receipt" }, h("dt", null, this.t("receipt_number")), h("dd", null, h("strong", null, this.#receipt.number)));
      if (this.#receipt.code) append(list, [h("dt", null, this.t("query_code")), h("dd", null, h("strong", null, this.#receipt.code))]);
      append(panel, [list, h("p", null, this.t("receipt_keep"))]);
    }
    if (this.#notes.length) {
      panel.appendChild(h("p", null, this.t("done_notes")));
      panel.appendChild(h("ul", null, ...this.#notes.map((f) => h("li", null, f.message))));
    }
    const again = h("button", { type: "button", class: "lj-secondary" }, this.t("again"));
    again.addEventListener("click", () => this.reset());
    panel.appendChild(again);
    return panel;
  }

  /** Starts a new, empty form (after a submission, or from the draft notice). */
  reset() {
    this.#done = false;
    this.#attempted = false;
    this.#findings = [];
    this.#hostFindings = [];
    this.#failure = null;
    this.#draftRestored = false;
    this.#receipt = null;
    this.files = [];
    this.state = this.initialState();
    this.#forgetDraft();
    this.#render();
    this.#root.getElementById("lj-heading")?.setAttribute("tabindex", "-1");
    this.#root.getElementById("lj-heading")?.focus();
  }

  // --- draft ------------------------------------------------------------------------

  #saveDraftNow() {
    if (!this.hasAttribute("autosave") || this.#done) return;
    saveDraft(draftKey(this, this.kind), this.state);
  }

  /** @returns {State} */
  #restoreDraft() {
    if (!this.hasAttribute("autosave")) return {};
    const saved = loadDraft(draftKey(this, this.kind));
    if (!saved) return {};
    this.#draftRestored = true;
    return saved;
  }

  #forgetDraft() {
    forgetDraft(draftKey(this, this.kind));
  }

  #draftNotice() {
    const discard = h("button", { type: "button", class: "lj-link-button" }, this.t("draft_discard"));
    discard.addEventListener("click", () => this.reset());
    return h("div", { class: "lj-notice", role: "status" }, h("p", null, this.t("draft_restored")), discard);
  }
}
