// The widgets as typed on a phone, in headless Chromium: pinyin composed
// through an input method (CDP Input.imeSetComposition) is neither checked
// nor saved before `compositionend`; full-width digits in a number field are
// read as digits; the error summary is announced after a submit only, not
// again on every keystroke.
//
//   node --test wasm/tests/browser/     (after bash scripts/build-wasm)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve } from "./server.mjs";
import { launch } from "./browser.mjs";
import { open, ready, DEMAND } from "./support.mjs";

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

const E = "#enrollment";
const D = "#demand";

/** Whether the error slot of `id` in widget `selector` is shown, and its text. */
function errorOf(page, selector, id) {
  return page.evaluate(
    ([s, i]) => {
      const slot = document.querySelector(s)?.shadowRoot?.getElementById(`${i}-error`);
      return slot && !slot.hidden ? slot.textContent : null;
    },
    [selector, id],
  );
}

/** The demand widget's saved draft, as stored. */
function draft(page) {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith("lianjian-draft:") && k.includes("demand"));
    return key ? localStorage.getItem(key) : "";
  });
}

test("pinyin being composed is neither checked nor saved until compositionend", async () => {
  const { page, errors, context } = await open(chrome.browser, `${server.url}/plain.html`);
  await ready(page, D);
  // A first submit turns on live checking, as after a person's first try.
  await page.click(`${D} #lj-submit`);
  await page.fill(`${D} #lj-title`, "");
  await page.focus(`${D} #lj-title`);
  const cdp = await context.newCDPSession(page);
  // 61 characters of pinyin: past the title's 60, were it checked while composed.
  const pinyin = "yantiangangzhoubianhuochetingchequeshishifenyanzhongqingbangmang";
  for (let end = 4; end <= pinyin.length; end += 12) {
    const text = pinyin.slice(0, end);
    await cdp.send("Input.imeSetComposition", { text, selectionStart: text.length, selectionEnd: text.length });
  }
  await cdp.send("Input.imeSetComposition", { text: pinyin, selectionStart: pinyin.length, selectionEnd: pinyin.length });
  await page.waitForTimeout(400);
  const composing = await page.evaluate(() => {
    const input = /** @type {HTMLInputElement} */ (document.querySelector("#demand").shadowRoot.getElementById("lj-title"));
    return input.value;
  });
  assert.equal(composing, pinyin, "the input method's text is in the field");
  const during = await errorOf(page, D, "lj-title");
  assert.ok(!during || !/60/.test(during), `no "too long" while composing: ${during}`);
  assert.ok(!(await draft(page)).includes("yantiangang"), "the pinyin is not saved in the draft");
  // The composition ends with the characters meant.
  await cdp.send("Input.insertText", { text: "堆场周边货车违停" });
  await page.waitForTimeout(400);
  assert.equal(await errorOf(page, D, "lj-title"), null, "checked at compositionend: five characters or more, fine");
  assert.ok((await draft(page)).includes("堆场周边货车违停"), "saved after compositionend");
  assert.ok(!(await draft(page)).includes("yantiangang"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("full-width digits in a number field are read as digits", async () => {
  const { page, errors, context } = await open(chrome.browser, `${server.url}/plain.html`);
  await ready(page, E);
  await page.check(`${E} #lj-party_org-status`); // own: the first choice
  await page.fill(`${E} #lj-party_org-full_members`, "８６");
  await page.fill(`${E} #lj-enterprise-employees`, "１２０");
  await page.click(`${E} #lj-submit`);
  assert.equal(await page.inputValue(`${E} #lj-party_org-full_members`), "86");
  assert.equal(await page.inputValue(`${E} #lj-enterprise-employees`), "120");
  for (const id of ["lj-party_org-full_members", "lj-enterprise-employees"]) {
    const error = await errorOf(page, E, id);
    assert.ok(!error || !/integer|整数|类型/.test(error), `${id}: ${error}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("the error summary is announced after a submit, not again on every keystroke", async () => {
  const { page, errors, context } = await open(chrome.browser, `${server.url}/plain.html`);
  await ready(page, D);
  await page.click(`${D} #lj-submit`);
  const role = () => page.evaluate(() => document.querySelector("#demand").shadowRoot.getElementById("lj-summary").getAttribute("role"));
  assert.equal(await role(), "alert", "a submit announces the summary");
  // Count changes to the summary while typing.
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__mutations = 0;
    const summary = document.querySelector("#demand").shadowRoot.getElementById("lj-summary");
    new MutationObserver((records) => { w.__mutations += records.length; }).observe(summary, { childList: true, subtree: true, characterData: true });
  });
  const mutations = () => page.evaluate(() => /** @type {any} */ (window).__mutations);
  // Typing inside a field whose finding stays the same changes nothing in the
  // summary (the first character turns "required" into "too short").
  await page.click(`${D} #lj-description`);
  await page.keyboard.type("短");
  await page.waitForTimeout(100);
  await page.evaluate(() => { /** @type {any} */ (window).__mutations = 0; });
  await page.keyboard.type("句子");
  await page.waitForTimeout(100);
  assert.equal(await mutations(), 0, "the same findings: the summary is left alone");
  // Fixing a field updates the summary quietly: it is no alert any more.
  await page.fill(`${D} #lj-title`, DEMAND.title);
  await page.waitForTimeout(100);
  assert.ok((await mutations()) > 0, "the summary follows the findings");
  assert.equal(await role(), null, "a live update is not announced again");
  // The next submit announces it again.
  await page.click(`${D} #lj-submit`);
  assert.equal(await role(), "alert");
  assert.deepEqual(errors, []);
  await context.close();
});
