// Hostile text in every text field of both widgets, in headless Chromium:
// markup, template syntax, controls, bidi, NUL, lone surrogates set through
// JS (a string no keyboard can type), oversize text, personal data typed
// into the wrong fields. Each round fills every field and submits; then no
// exception was thrown, no element was made from the text, every field still
// holds its text as typed (after the browser's own value sanitizing), the
// findings are shown, and no phone number or name typed appears in them.
//
//   node --test wasm/tests/browser/     (after bash scripts/build-wasm)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve } from "./server.mjs";
import { launch } from "./browser.mjs";
import { open, ready, cspViolations } from "./support.mjs";

/** @type {Awaited<ReturnType<typeof serve>>} */
let server;
/** @type {Awaited<ReturnType<typeof launch>>} */
let chrome;

before(async () => {
  server = await serve();
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
  await server?.close();
});

const PHONE = "13800138000";
const NAME = "欧阳晓岚";

/** Hostile strings; `js` ones are set through the DOM (lone surrogates cannot be typed). */
const HOSTILE = [
  { text: `<script>window.__xss=1</script>` },
  { text: `<img src=x onerror="window.__xss=2">` },
  { text: `"><svg onload="window.__xss=3"><b>bold</b>` },
  { text: `<iframe src="javascript:window.__xss=4"></iframe>` },
  { text: `<math><mi xlink:href="javascript:alert(1)">x</mi></math><object data=x></object>` },
  { text: `' onmouseover='window.__xss=5' x='` },
  { text: `&lt;b&gt;&amp;&#x3C;script&#x3E;` },
  { text: "{count} {{7*7}} ${7*7} %s {label} {message}" },
  { text: "'; DROP TABLE demands; --" },
  { text: "\u202eevil\u202c \u2066x\u2069 \u200f\u061c" },
  { text: "\u200b\u200c\u200d\u2060\ufeff" },
  { text: Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join("") + "\u007f" },
  { text: "a\u0000b\u0000" },
  { text: "a\u2028b\u2029c\u0085d" },
  { text: "𠀀😀🧪𝕏 e\u0301\u0301\u0301" },
  { text: "\ufffe\uffff" },
  { text: "A".repeat(5000) },
  { text: "长".repeat(20000) },
  { text: "   \t\u3000\u00a0 " },
  { text: PHONE },
  { text: NAME },
  { text: `${NAME} ${PHONE} <b>${NAME}</b>` },
  { text: "\ud800", js: true },
  { text: "a\udfffb", js: true },
  { text: "\udc00\ud800", js: true },
  { text: "深圳\ud83d", js: true },
  { text: `<img src=x onerror="window.__xss=6">\ud800`, js: true },
];

const TEXT_FIELDS = [
  "input:not([type])",
  "input[type=text]",
  "input[type=tel]",
  "input[type=email]",
  "input[type=search]",
  "input[type=url]",
  "textarea",
].join(", ");

/** Tags that text must never turn into. */
const MARKUP = "img, script, svg, iframe, object, embed, math, video, audio, b, style, link[rel=import], base, meta";

/**
 * The value a control holds after the browser's own handling: the value setter
 * strips line breaks from a one-line input (HTML's value sanitization), typing
 * turns each into a space; a textarea keeps them as LF.
 */
function sanitized(type, tag, text, viaDom) {
  if (tag === "TEXTAREA") return text.replace(/\r\n?/g, "\n");
  const oneLine = text.replace(/[\r\n]/g, viaDom ? "" : " ");
  if (type === "email") return oneLine.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, "");
  return oneLine;
}

/** Counts elements by tag in the document and both shadow roots. */
function countMarkup(page) {
  return page.evaluate((selector) => {
    const roots = [document, ...[...document.querySelectorAll("lianjian-enrollment-form, lianjian-demand-form")].map((el) => el.shadowRoot)];
    const counts = {};
    for (const root of roots) for (const node of root.querySelectorAll(selector)) counts[node.tagName] = (counts[node.tagName] || 0) + 1;
    return counts;
  }, MARKUP);
}

for (const [widget, label] of [["#enrollment", "enrollment"], ["#demand", "demand"]]) {
  test(`${label} widget: hostile text in every text field stays text, findings are shown`, async () => {
    const { page, errors, context } = await open(chrome.browser, `${server.url}/plain.html`);
    await ready(page, "#enrollment");
    await ready(page, "#demand");
    const baseline = await countMarkup(page);
    const fields = await page.locator(`${widget} ${TEXT_FIELDS}`).all();
    assert.ok(fields.length >= 8, `only ${fields.length} text fields in ${label}`);
    let rounds = 0;
    for (const [round, { text, js }] of HOSTILE.entries()) {
      // Each field gets the string, shifted by the round so fields also meet one another's texts.
      const typed = [];
      for (const [i, field] of fields.entries()) {
        const value = i % 3 === 0 ? text : HOSTILE[(round + i) % HOSTILE.length].text;
        const viaDom = js || (HOSTILE[(round + i) % HOSTILE.length].js && i % 3 !== 0);
        if (viaDom) {
          await field.evaluate((el, v) => {
            const input = /** @type {HTMLInputElement} */ (el);
            input.value = v;
            input.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
            input.dispatchEvent(new Event("change", { bubbles: true, composed: true }));
          }, value);
        } else {
          await field.fill(value);
        }
        typed.push({ value, viaDom });
      }
      await page.click(`${widget} #lj-submit`);
      const seen = await page.evaluate((w) => {
        const root = /** @type {ShadowRoot} */ (document.querySelector(w).shadowRoot);
        const summary = /** @type {HTMLElement} */ (root.querySelector(".lj-summary"));
        return {
          xss: /** @type {any} */ (window).__xss,
          summaryShown: !summary.hidden,
          summaryItems: summary.querySelectorAll("li").length,
          shownText: [...root.querySelectorAll(".lj-summary, .lj-error")].map((n) => n.textContent).join("\n"),
        };
      }, widget);
      const values = [];
      for (const field of fields) {
        values.push(await field.evaluate((el) => ({ value: /** @type {HTMLInputElement} */ (el).value, type: el.getAttribute("type") || "text", tag: el.tagName })));
      }
      const where = `${label}, round ${round} (${JSON.stringify(text.slice(0, 40))})`;
      assert.equal(seen.xss, undefined, `script ran: ${where}`);
      assert.deepEqual(await countMarkup(page), baseline, `markup made from text: ${where}`);
      for (const [i, { value, type, tag }] of values.entries()) {
        assert.equal(value, sanitized(type, tag, typed[i].value, typed[i].viaDom), `field ${i} (${type}) changed what was typed: ${where}`);
      }
      assert.ok(seen.summaryShown && seen.summaryItems > 0, `no findings shown: ${where}`);
      for (const personal of [PHONE, NAME]) {
        assert.ok(!seen.shownText.includes(personal), `a finding shows ${personal}: ${where}`);
      }
      assert.deepEqual(errors, [], `page errors: ${where}`);
      rounds++;
    }
    assert.deepEqual(await cspViolations(page), []);
    assert.equal(rounds, HOSTILE.length);
    await context.close();
  });
}
