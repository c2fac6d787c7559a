// Showing findings: which field a finding belongs to, the inline messages
// with their ARIA wiring, and the error summary that links to each field.

import { h, replace, idOf } from "./dom.js";

/**
 * @typedef {import("./form.js").Field} Field
 * @typedef {import("./form.js").Finding} Finding
 * @typedef {{ t: (id: string, params?: Record<string, string | number>) => string, language: string }} Words
 */

/** The field a finding path belongs to: the longest field path it starts with.
 * @param {Field[]} fields @param {string} path @returns {Field | null} */
export function fieldOf(fields, path) {
  /** @type {Field | null} */
  let best = null;
  let bestLength = -1;
  for (const field of fields) {
    for (const own of field.paths || [field.name]) {
      const fits = path === own || path.startsWith(own + ".") || path.startsWith(own + "[");
      if (fits && own.length > bestLength) {
        best = field;
        bestLength = own.length;
      }
    }
  }
  return best;
}

/** A finding's message (its code when a host gave none). @param {Finding} finding */
export function messageOf(finding) {
  return typeof finding.message === "string" && finding.message ? finding.message : finding.code;
}

/** The inline messages of one field, and its `aria-describedby` / `aria-invalid`.
 * @param {ShadowRoot} root @param {Words} words @param {Field} field @param {Finding[]} findings */
export function showInline(root, words, field, findings) {
  const id = idOf(field.name);
  const slot = root.getElementById(`${id}-error`);
  if (!slot) return;
  const errors = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity !== "error");
  replace(slot);
  // A list's items may show their own findings (attachments do): the field keeps the rest.
  const own = field.type === "files" ? findings.filter((f) => !f.path.startsWith(`${field.name}[`)) : findings;
  for (const finding of [...errors, ...warnings].filter((f) => own.includes(f))) {
    const prefix = finding.severity === "error" ? words.t("error_prefix") : words.t("warning_prefix");
    slot.appendChild(
      h("span", { class: finding.severity === "error" ? "lj-message" : "lj-message lj-warning" }, h("span", { class: "lj-vh" }, prefix), messageOf(finding)),
    );
  }
  slot.hidden = own.length === 0;
  slot.classList.toggle("lj-only-warnings", errors.length === 0);
  const hintId = `${id}-hint`;
  const describedBy = [root.getElementById(hintId) ? hintId : null, own.length ? slot.id : null, field.max ? `${id}-count` : null]
    .filter(Boolean)
    .join(" ");
  const group = root.getElementById(`${id}-group`);
  const controls = /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll(`[name="${CSS.escape(field.name)}"]`));
  for (const target of group ? [group] : Array.from(controls)) {
    if (describedBy) target.setAttribute("aria-describedby", describedBy);
    else target.removeAttribute("aria-describedby");
  }
  for (const control of Array.from(controls)) {
    if (errors.length) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  }
  root.querySelector(`[data-field="${CSS.escape(field.name)}"]`)?.classList.toggle("lj-invalid", errors.length > 0);
}

/**
 * The error summary: a title, then each error in form order as a link to
 * its field (focus moves there).
 * @param {ShadowRoot} root
 * @param {HTMLElement} summary
 * @param {Words} words
 * @param {Array<{ finding: Finding, field: Field | null }>} errors
 * @param {{ failure: string | null, fromHost: boolean, files: Array<{ name: string }>, focus: boolean }} context
 */
export function drawSummary(root, summary, words, errors, { failure, fromHost, files, focus }) {
  // An alert is announced when it is filled: only after a submit. While the
  // person types, the summary follows quietly, and only when what it says changes.
  const key = JSON.stringify([failure, words.language, errors.map(({ finding }) => [finding.path, finding.code, finding.message])]);
  if (!focus && summary.dataset.key === key) return;
  summary.dataset.key = key;
  if (focus) summary.setAttribute("role", "alert");
  else summary.removeAttribute("role");
  replace(summary);
  if (errors.length === 0 && !failure) {
    summary.hidden = true;
    return;
  }
  const title = failure ? failure : fromHost ? words.t("summary_host_title") : words.t("summary_title", { count: errors.length });
  summary.appendChild(h("h3", { class: "lj-summary-title", id: "lj-summary-title" }, title));
  const list = h("ul", { class: "lj-summary-list" });
  for (const { finding, field } of errors) {
    const message = messageOf(finding);
    const item = field && field.type === "files" ? /^\w+\[(\d+)\]/.exec(finding.path) : null;
    const file = item ? files[Number(item[1])] : null;
    const label = file ? `${words.t("section.attachments")} ${file.name}` : field ? words.t(field.label || field.name) : "";
    const shownText = field ? words.t("summary_item", { label, message }) : message;
    if (field) {
      const target = idOf(field.name);
      const link = h("a", { href: `#${target}` }, shownText);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        const control = root.getElementById(target);
        if (control) {
          control.scrollIntoView({ block: "center" });
          control.focus();
        }
      });
      list.appendChild(h("li", null, link));
    } else {
      list.appendChild(h("li", null, shownText));
    }
  }
  if (errors.length) summary.appendChild(list);
  summary.hidden = false;
  if (focus) summary.focus();
}
