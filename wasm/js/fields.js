// Drawing one field of a form: its label, hint, error slot and control. The
// form passes what the drawing needs (its texts and the current value); the
// field's limits and choices come from the core's form spec through the
// layout.

import { h, append, idOf } from "./dom.js";

/**
 * @typedef {import("./form.js").Field} Field
 * @typedef {{ t: (id: string, params?: Record<string, string | number>) => string,
 *             hasText: (id: string) => boolean }} Words
 */

/** One field: label, hint, error slot, control, and any extra node.
 * @param {Words} words @param {Field} field @param {unknown} value */
export function drawField(words, field, value) {
  const id = idOf(field.name);
  const label = words.t(field.label || field.name) + (field.optional ? words.t("optional") : "");
  const hintId = field.hint === null ? null : field.hint || `${field.name}.hint`;
  const hint = hintId && words.hasText(hintId) ? h("p", { class: "lj-hint", id: `${id}-hint` }, words.t(hintId)) : null;
  const error = h("p", { class: "lj-error", id: `${id}-error`, hidden: true });
  /** @type {HTMLElement} */
  let box;
  if (field.type === "radios" || field.type === "checkboxes") {
    const multiple = field.type === "checkboxes";
    const chosen = multiple ? /** @type {string[]} */ (value || []) : [value];
    box = h("fieldset", { class: "lj-field lj-group", id: `${id}-group`, "data-field": field.name });
    append(box, [h("legend", { class: "lj-label" }, label), hint, error]);
    const list = h("div", { class: multiple ? "lj-checks" : "lj-radios" });
    (field.choices || []).forEach((choice, index) => {
      const optionId = index === 0 ? id : `${id}-${choice.value}`;
      const input = h("input", {
        type: multiple ? "checkbox" : "radio",
        id: optionId,
        name: field.name,
        value: choice.value,
        checked: chosen.includes(choice.value),
      });
      list.appendChild(h("div", { class: "lj-choice" }, input, h("label", { for: optionId }, choice.label)));
    });
    if (!field.choices || field.choices.length === 0) list.appendChild(h("p", { class: "lj-hint" }, words.t("segments.choose_chain")));
    box.appendChild(list);
  } else if (field.type === "checkbox") {
    box = h("div", { class: "lj-field lj-choice lj-single", "data-field": field.name });
    const input = h("input", { type: "checkbox", id, name: field.name, checked: value === true });
    append(box, [input, h("label", { for: id }, label), hint, error]);
  } else {
    box = h("div", { class: "lj-field", "data-field": field.name });
    append(box, [h("label", { class: "lj-label", for: id }, label), hint, error]);
    box.appendChild(drawControl(words, field, id, value));
    if (field.max) box.appendChild(h("p", { class: "lj-count", id: `${id}-count` }));
  }
  if (field.after) box.appendChild(field.after);
  return box;
}

/** @param {Words} words @param {Field} field @param {string} id @param {unknown} value */
function drawControl(words, field, id, value) {
  const text = typeof value === "string" ? value : "";
  if (field.type === "select") {
    const select = h("select", { id, name: field.name, autocomplete: field.autocomplete || "off" }, h("option", { value: "" }, words.t("choose")));
    for (const choice of field.choices || []) {
      select.appendChild(h("option", { value: choice.value, selected: choice.value === text }, choice.label));
    }
    return select;
  }
  if (field.type === "textarea") {
    const area = h("textarea", { id, name: field.name, rows: "6", spellcheck: "true" });
    /** @type {HTMLTextAreaElement} */ (area).value = text;
    return area;
  }
  if (field.type === "files") {
    return h("input", { type: "file", id, name: field.name, multiple: true, accept: field.accept || null });
  }
  const numeric = field.type === "number" || field.type === "integer";
  const input = h("input", {
    id,
    name: field.name,
    type: numeric ? "text" : field.type,
    inputmode: field.type === "number" ? "decimal" : field.type === "integer" ? "numeric" : field.type === "tel" ? "tel" : null,
    autocomplete: field.autocomplete || "off",
    spellcheck: field.type === "text" ? "false" : null,
    autocapitalize: field.name.endsWith("uscc") ? "characters" : null,
  });
  /** @type {HTMLInputElement} */ (input).value = text;
  return input;
}
