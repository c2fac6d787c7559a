// <lianjian-demand-form>: an enterprise submits a demand (诉求). The topic is
// suggested live by the core's classifier as the description is typed; title
// and description show character counts; attachments are chosen with a file
// input and checked by name, size and type (the upload is the portal's).

import { LianjianForm } from "./form.js";
import { h, replace, debounce } from "./dom.js";


/** The current time in China as RFC 3339 (`2026-11-25T10:00:00+08:00`). */
export function chinaNow() {
  const china = new Date(Date.now() + 8 * 3600 * 1000);
  const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return (
    `${china.getUTCFullYear()}-${pad(china.getUTCMonth() + 1)}-${pad(china.getUTCDate())}` +
    `T${pad(china.getUTCHours())}:${pad(china.getUTCMinutes())}:${pad(china.getUTCSeconds())}+08:00`
  );
}

/** A file size people read: `200 KB`, `1.5 MB`. @param {number} bytes */
export function formatSize(bytes) {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export class DemandForm extends LianjianForm {
  get kind() {
    return "demand";
  }

  /** @type {HTMLElement | null} */
  #suggestion = null;
  /** @type {HTMLElement | null} */
  #fileList = null;
  #classifySoon = debounce(() => this.#classify(), 200);
  /** The classifier model once loaded; until then (or if it fails) the terms suggest. */
  #model = null;
  /** @type {Promise<void> | null} */
  #modelLoading = null;

  /** Loads the model once: the `classifier` attribute's URL, else the package's own. */
  #loadModel() {
    const api = /** @type {any} */ (this.api);
    if (this.#modelLoading || typeof api.loadClassifier !== "function") return;
    const url = this.getAttribute("classifier");
    this.#modelLoading = api
      .loadClassifier(url ? new URL(url, document.baseURI) : undefined)
      .then((/** @type {any} */ model) => {
        this.#model = model;
        this.#classify();
      })
      .catch(() => {});
  }

  initialState() {
    return {
      enterprise_name: "",
      enterprise_uscc: "",
      chain: this.getAttribute("chain") || "",
      kind: "",
      title: "",
      description: "",
      topic: "",
      urgency: "normal",
      "contact.name": "",
      "contact.phone": "",
      "contact.email": "",
      "declarations.not_in_litigation": false,
      "declarations.no_secrets": false,
    };
  }

  /** Topics and departments with their names (from the core's dictionary). */
  #topics() {
    const api = this.api;
    const data = typeof api.topics === "function" ? api.topics() : null;
    return {
      topics: /** @type {any[]} */ (data && Array.isArray(data.topics) ? data.topics : []),
      departments: /** @type {any[]} */ (data && Array.isArray(data.departments) ? data.departments : []),
    };
  }

  /** @returns {import("./form.js").Section[]} */
  layout() {
    this.#loadModel();
    const catalog = /** @type {any} */ (this.catalog);
    const chains = catalog && Array.isArray(catalog.chains) ? catalog.chains : [];
    this.#suggestion = h("div", { class: "lj-suggestion", "aria-live": "polite", id: "lj-topic-suggestion" });
    this.#fileList = h("ul", { class: "lj-files", id: "lj-files" });
    this.#drawFiles();
    const spec = /** @type {any} */ (this.spec);
    // What the file input offers: the extensions of the types the core allows.
    const accept = spec.attachment_types.flatMap((/** @type {any} */ t) => t.extensions.map((/** @type {string} */ e) => `.${e}`)).join(",");
    const optional = (/** @type {string} */ path) => this.isOptional(path);
    return [
      {
        title: "section.enterprise",
        fields: [
          { name: "enterprise_name", type: "text", autocomplete: "organization", optional: optional("enterprise_name") },
          { name: "enterprise_uscc", type: "text", optional: optional("enterprise_uscc") },
          {
            name: "chain",
            label: "demand.chain",
            type: "select",
            optional: optional("chain"),
            choices: chains.map((/** @type {any} */ c) => ({ value: String(c.id), label: this.nameIn(c.name, String(c.id)) })),
          },
        ],
      },
      {
        title: "section.demand",
        fields: [
          { name: "kind", type: "radios", choices: this.choicesOf("kind", "kind") },
          { name: "title", type: "text", max: this.maxLength("title") },
          { name: "description", type: "textarea", max: this.maxLength("description") },
          {
            name: "topic",
            type: "select",
            optional: optional("topic"),
            choices: this.#topics().topics.map((t) => ({ value: String(t.id), label: this.nameIn(t.name, String(t.id)) })),
            after: this.#suggestion,
          },
          { name: "urgency", type: "radios", choices: this.choicesOf("urgency", "urgency") },
        ],
      },
      {
        title: "section.attachments",
        fields: [{ name: "attachments", type: "files", optional: optional("attachments"), accept, after: this.#fileList }],
      },
      {
        title: "section.contact",
        fields: [
          { name: "contact.name", type: "text", autocomplete: "name", optional: optional("contact.name") },
          { name: "contact.phone", type: "tel", autocomplete: "tel", optional: optional("contact.phone") },
          { name: "contact.email", type: "email", autocomplete: "email", optional: optional("contact.email") },
        ],
      },
      {
        title: "section.declarations",
        fields: [
          { name: "declarations.not_in_litigation", type: "checkbox", paths: ["declarations.not_in_litigation", "declarations"] },
          { name: "declarations.no_secrets", type: "checkbox" },
        ],
      },
    ];
  }

  record() {
    const s = /** @type {Record<string, any>} */ (this.state);
    return {
      enterprise_uscc: s.enterprise_uscc,
      enterprise_name: s.enterprise_name,
      chain: s.chain || null,
      kind: s.kind,
      topic: s.topic || null,
      title: s.title,
      description: s.description,
      urgency: s.urgency,
      contact: { name: s["contact.name"], phone: s["contact.phone"], email: s["contact.email"] },
      attachments: this.files.map(({ name, size_bytes, mime }) => ({ name, size_bytes, mime })),
      declarations: { not_in_litigation: s["declarations.not_in_litigation"] === true, no_secrets: s["declarations.no_secrets"] === true },
      submitted_at: chinaNow(),
    };
  }

  /** @param {Record<string, unknown>} record @param {Record<string, unknown>} options */
  validate(record, options) {
    return this.api.validateDemand(record, options);
  }

  /** @param {string} name */
  changed(name) {
    if (name === "title" || name === "description") {
      const field = { name, type: /** @type {const} */ ("text"), max: this.maxLength(name) };
      this.updateCount(field);
      this.#classifySoon();
    } else if (name === "topic") {
      this.#classify();
    }
  }

  /** Shows the classifier's suggestion when it differs from the chosen topic. */
  #classify() {
    const box = this.#suggestion;
    if (!box) return;
    const title = String(this.state.title || "");
    const description = String(this.state.description || "");
    const options = this.#model ? { classifier: this.#model } : undefined;
    const answer = title.trim() || description.trim() ? this.api.classify(title, description, options) : null;
    const topic = answer && answer.topic;
    const shown = !topic || topic === "other" || topic === this.state.topic ? "" : topic;
    // Redraw only when the suggestion changes: a button being pressed must stay.
    const key = `${this.language}:${shown}`;
    if (box.dataset.shown === key) return;
    box.dataset.shown = key;
    if (!shown) {
      replace(box);
      return;
    }
    const { topics, departments } = this.#topics();
    const topicName = this.nameIn(topics.find((t) => t.id === topic)?.name, topic);
    const department = answer.department;
    const departmentName = this.nameIn(departments.find((d) => d.id === department)?.name, department || "");
    const apply = h("button", { type: "button", class: "lj-secondary lj-small" }, this.t("apply"));
    apply.setAttribute("aria-describedby", "lj-topic-suggestion-text");
    apply.addEventListener("click", () => this.setValue("topic", topic, "lj-topic"));
    replace(box, h("p", { id: "lj-topic-suggestion-text" }, this.t("topic.suggestion", { topic: topicName, department: departmentName })), apply);
  }

  #drawFiles() {
    const list = this.#fileList;
    if (!list) return;
    replace(list);
    this.files.forEach((file, index) => {
      const remove = h("button", { type: "button", class: "lj-link-button" }, this.t("attachments.remove", { name: file.name }));
      remove.addEventListener("click", () => this.removeFile(index));
      list.appendChild(
        h(
          "li",
          { class: "lj-file", id: `lj-file-${index}` },
          h("span", { class: "lj-file-name" }, file.name),
          h("span", { class: "lj-file-size" }, formatSize(file.size_bytes)),
          remove,
          h("p", { class: "lj-error", id: `lj-file-${index}-error`, hidden: true }),
        ),
      );
    });
    list.hidden = this.files.length === 0;
  }

  /** Puts each attachment's findings next to it. @param {import("./form.js").Finding[]} findings */
  markFiles(findings) {
    this.files.forEach((_, index) => {
      const slot = this.byId(`lj-file-${index}-error`);
      if (!slot) return;
      const own = findings.filter((f) => f.path.startsWith(`attachments[${index}]`));
      replace(slot, ...own.map((f) => h("span", { class: "lj-message" }, f.message)));
      slot.hidden = own.length === 0;
      this.byId(`lj-file-${index}`)?.classList.toggle("lj-invalid", own.some((f) => f.severity === "error"));
    });
  }
}
