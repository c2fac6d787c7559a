// <lianjian-enrollment-form>: an enterprise enrolls into a chain's functional
// Party committee. The Party-organization section follows the status (own /
// joint / none → liaison); industry codes suggest segments; the form says
// plainly that enrolling changes no affiliation.

import { LianjianForm } from "./form.js";
import { h, replace } from "./dom.js";

/** Splits typed industry codes on commas, spaces and Chinese separators. @param {string} text */
export function splitCodes(text) {
  return text.split(/[\s,，、;；]+/).filter(Boolean);
}

export class EnrollmentForm extends LianjianForm {
  get kind() {
    return "enrollment";
  }

  /** @type {HTMLElement | null} */
  #suggestion = null;

  initialState() {
    return {
      "enterprise.name": "",
      "enterprise.uscc": "",
      "enterprise.kind": "enterprise",
      "enterprise.industry_codes": "",
      "enterprise.annual_output_wan": "",
      "enterprise.employees": "",
      chain: this.getAttribute("chain") || "",
      segments: [],
      "party_org.status": "",
      "party_org.kind": "",
      "party_org.name": "",
      "party_org.full_members": "",
      "party_org.probationary_members": "",
      "party_org.home_affiliation": "",
      "party_org.units": "",
      "party_org.branch_committee": false,
      "liaison.name": "",
      "liaison.phone": "",
      "contact.name": "",
      "contact.phone": "",
      "contact.email": "",
      joined_on: "",
    };
  }

  /** @returns {any[]} */
  #chains() {
    const catalog = /** @type {any} */ (this.catalog);
    return catalog && Array.isArray(catalog.chains) ? catalog.chains : [];
  }

  #chain() {
    return this.#chains().find((c) => c && c.id === this.state.chain) || null;
  }

  /** @returns {import("./form.js").Section[]} */
  layout() {
    const s = this.state;
    const status = s["party_org.status"];
    const chain = this.#chain();
    this.#suggestion = h("div", { class: "lj-suggestion", "aria-live": "polite", id: "lj-segment-suggestion" });
    const spec = /** @type {any} */ (this.spec);
    // Which kinds go with the status, and which fields an organization must
    // give, are the core's (the form spec): nothing is decided here.
    const organized = status === "own" || status === "joint";
    const kinds = organized ? /** @type {string[]} */ (spec.party_org_kinds[status] || []) : [];
    const needed = (/** @type {string} */ path) =>
      !this.isOptional(path) || (organized && spec.required_when_organized.includes(path.replace("party_org.", "")));
    /** @param {string} path */
    const optional = (path) => !needed(path);
    /** @type {import("./form.js").Field[]} */
    const party = [
      {
        name: "party_org.status",
        type: "radios",
        paths: ["party_org.status", "party_org"],
        choices: this.choicesOf("party_org.status", "party_org.status"),
      },
    ];
    if (organized) {
      party.push(
        {
          name: "party_org.kind",
          type: "select",
          optional: optional("party_org.kind"),
          choices: this.choicesOf("party_org.kind", "party_org.kind", kinds),
        },
        { name: "party_org.name", type: "text", optional: optional("party_org.name") },
      );
    }
    if (status) {
      party.push(
        { name: "party_org.full_members", type: "integer", optional: optional("party_org.full_members") },
        { name: "party_org.probationary_members", type: "integer", optional: optional("party_org.probationary_members") },
      );
    }
    if (status === "joint") party.push({ name: "party_org.units", type: "integer", optional: optional("party_org.units") });
    if (status === "own") party.push({ name: "party_org.branch_committee", type: "checkbox", optional: true });
    if (organized) party.push({ name: "party_org.home_affiliation", type: "text", optional: optional("party_org.home_affiliation") });
    if (status === "none") {
      party.push(
        { name: "liaison.name", type: "text", paths: ["liaison.name", "liaison"], autocomplete: "off" },
        { name: "liaison.phone", type: "tel", autocomplete: "off" },
      );
    }
    return [
      {
        title: "section.enterprise",
        fields: [
          { name: "enterprise.name", type: "text", autocomplete: "organization", optional: optional("enterprise.name") },
          { name: "enterprise.uscc", type: "text", optional: optional("enterprise.uscc") },
          { name: "enterprise.kind", type: "radios", choices: this.choicesOf("enterprise.kind", "enterprise.kind") },
          { name: "enterprise.industry_codes", type: "text", optional: optional("enterprise.industry_codes") },
          { name: "enterprise.annual_output_wan", type: "number", optional: optional("enterprise.annual_output_wan") },
          { name: "enterprise.employees", type: "integer", optional: optional("enterprise.employees") },
        ],
      },
      {
        title: "section.chain",
        fields: [
          {
            name: "chain",
            type: "select",
            choices: this.#chains().map((c) => ({ value: String(c.id), label: this.nameIn(c.name, String(c.id)) })),
          },
          {
            name: "segments",
            type: "checkboxes",
            choices: (chain && Array.isArray(chain.segments) ? chain.segments : []).map((/** @type {any} */ seg) => ({
              value: String(seg.id),
              label: this.nameIn(seg.name, String(seg.id)),
            })),
            after: this.#suggestion,
          },
        ],
      },
      {
        title: "section.party_org",
        intro: h("p", { class: "lj-statement", id: "lj-affiliation-statement" }, this.t("affiliation_statement")),
        fields: party,
      },
      {
        title: "section.contact",
        fields: [
          { name: "contact.name", type: "text", autocomplete: "name", optional: optional("contact.name") },
          { name: "contact.phone", type: "tel", autocomplete: "tel", optional: optional("contact.phone") },
          { name: "contact.email", type: "email", autocomplete: "email", optional: optional("contact.email") },
          { name: "joined_on", type: "date", optional: optional("joined_on") },
        ],
      },
    ];
  }

  /** The record as the wire contract names it; numbers stay as typed (the core reads numeric strings). */
  record() {
    const s = /** @type {Record<string, any>} */ (this.state);
    const status = s["party_org.status"];
    /** @type {Record<string, unknown> | null} */
    let party = null;
    if (status) {
      party = { status, full_members: s["party_org.full_members"], probationary_members: s["party_org.probationary_members"] };
      if (status === "own" || status === "joint") {
        Object.assign(party, { kind: s["party_org.kind"], name: s["party_org.name"], home_affiliation: s["party_org.home_affiliation"] });
      }
      if (status === "joint") party.units = s["party_org.units"];
      if (status === "own" && s["party_org.branch_committee"]) party.branch_committee = true;
    }
    return {
      enterprise: {
        name: s["enterprise.name"],
        uscc: s["enterprise.uscc"],
        kind: s["enterprise.kind"],
        industry_codes: splitCodes(String(s["enterprise.industry_codes"] || "")),
        annual_output_wan: s["enterprise.annual_output_wan"],
        employees: s["enterprise.employees"],
      },
      chain: s.chain,
      segments: Array.isArray(s.segments) ? s.segments : [],
      party_org: party,
      liaison: status === "none" ? { name: s["liaison.name"], phone: s["liaison.phone"] } : null,
      contact: { name: s["contact.name"], phone: s["contact.phone"], email: s["contact.email"] },
      joined_on: s.joined_on,
    };
  }

  /** @param {Record<string, unknown>} record @param {Record<string, unknown>} options */
  validate(record, options) {
    return this.api.validateEnrollment(record, options);
  }

  /** Suggests segments from the industry codes once a chain is chosen. @param {string} name */
  changed(name) {
    if (name !== "enterprise.industry_codes" && name !== "chain" && name !== "segments") return;
    const box = this.#suggestion;
    const chain = this.#chain();
    if (!box) return;
    const codes = splitCodes(String(this.state["enterprise.industry_codes"] || ""));
    const suggested = chain && codes.length ? /** @type {string[]} */ (this.api.suggestSegments(String(chain.id), codes, this.options())) : [];
    const chosen = /** @type {string[]} */ (this.state.segments || []);
    const missing = suggested.filter((id) => !chosen.includes(id));
    // Redraw only when the suggestion changes: a button being pressed must stay.
    const key = `${this.language}:${missing.join(",")}`;
    if (box.dataset.shown === key) return;
    box.dataset.shown = key;
    if (missing.length === 0) {
      replace(box);
      return;
    }
    const names = missing.map((id) => {
      const segment = chain.segments.find((/** @type {any} */ seg) => seg.id === id);
      return this.nameIn(segment && segment.name, id);
    });
    const apply = h("button", { type: "button", class: "lj-secondary lj-small" }, this.t("segments.apply"));
    apply.addEventListener("click", () => this.setValue("segments", [...chosen, ...missing], "lj-segments"));
    replace(box, h("p", null, this.t("segments.suggested", { names: names.join(this.language === "en" ? ", " : "、") })), apply);
  }
}
