// Browser benchmark of the widgets in headless Chromium: time to first
// render of both forms, the cost of one keystroke once live validation is on
// (state update + record + core check in wasm + findings redrawn), and the
// classifier in wasm: its speed with and without the model, and the model's
// size and share of what a page with the demand form downloads (from the
// size report `bash scripts/build-wasm` writes). Prints figures; asserts
// nothing.
//
//   node wasm/tests/browser/bench.mjs          (after bash scripts/build-wasm)

import fs from "node:fs";
import path from "node:path";
import { serve } from "./server.mjs";
import { launch } from "./browser.mjs";

const quick = process.env.LIANJIAN_BENCH_QUICK === "1";
const loads = quick ? 3 : 10;
const keystrokes = quick ? 100 : 400;

const server = await serve();
const chrome = await launch();
try {
  /** @type {number[]} */
  const firstRender = [];
  /** @type {number[]} */
  const wasmReady = [];
  for (let i = 0; i < loads; i++) {
    const context = await chrome.browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/plain.html`);
    const marks = await page.evaluate(async () => {
      const forms = [...document.querySelectorAll("lianjian-enrollment-form, lianjian-demand-form")];
      await Promise.all(forms.map((f) => /** @type {any} */ (f).rendered));
      const at = (/** @type {string} */ name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      const wasm = performance.getEntriesByType("resource").find((r) => r.name.endsWith(".wasm"));
      return { enrollment: at("lianjian-rendered:enrollment"), demand: at("lianjian-rendered:demand"), wasm: wasm ? wasm.responseEnd : NaN };
    });
    firstRender.push(Math.max(marks.enrollment, marks.demand));
    wasmReady.push(marks.wasm);
    await context.close();
  }

  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/plain.html`);
  const typing = await page.evaluate(async (count) => {
    const form = /** @type {any} */ (document.querySelector("#demand"));
    await form.rendered;
    form.submit(); // errors shown: from now on every keystroke re-validates
    const area = /** @type {HTMLTextAreaElement} */ (form.shadowRoot.querySelector("#lj-description"));
    const text = "我司申请增值税留抵退税已提交两个月，希望了解办理进度和还需补充的材料。";
    /** @type {number[]} */
    const times = [];
    for (let i = 0; i < count; i++) {
      area.value += text[i % text.length];
      const start = performance.now();
      area.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
      times.push(performance.now() - start);
    }
    const api = await import("/pkg/lianjian-forms.js");
    const record = form.record();
    const start = performance.now();
    for (let i = 0; i < count; i++) api.validateDemand(record, { lang: "zh-CN" });
    const validate = (performance.now() - start) / count;
    // The classifier on demands as enterprises write them, with the model the demand form fetched.
    const model = await api.loadClassifier(); // fetched by the form already: the same promise
    const fetched = performance.getEntriesByType("resource").find((r) => r.name.endsWith("/lianjian-classifier.json"));
    const modelReady = fetched ? fetched.responseEnd - fetched.startTime : NaN;
    const texts = ["冷库用电增容咋办", "IP recordal for our brand at customs?", "人才补贴被拒 说个税是总部交的", text];
    const rate = (/** @type {any} */ options) => {
      const begin = performance.now();
      for (let i = 0; i < count; i++) api.classify("", texts[i % texts.length], options);
      return (performance.now() - begin) / count;
    };
    const withModel = rate({ classifier: model });
    const termsOnly = rate(undefined);
    return { times, validate, modelReady, withModel, termsOnly };
  }, keystrokes);
  await context.close();

  const sorted = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b);
  const median = (/** @type {number[]} */ xs) => sorted(xs)[Math.floor(xs.length / 2)];
  const p95 = (/** @type {number[]} */ xs) => sorted(xs)[Math.floor(xs.length * 0.95)];
  const ms = (/** @type {number} */ x) => `${x.toFixed(2)} ms`;
  console.log(`widgets in headless Chromium (${loads} loads, ${keystrokes} keystrokes, 127.0.0.1, no cache):`);
  console.log(`  .wasm downloaded (responseEnd)          median ${ms(median(wasmReady))}`);
  console.log(`  both forms drawn (time to first render) median ${ms(median(firstRender))}  best ${ms(sorted(firstRender)[0])}`);
  console.log(`  one keystroke, live validation on       median ${ms(median(typing.times))}  p95 ${ms(p95(typing.times))}`);
  console.log(`  validateDemand alone (headless API)     mean   ${ms(typing.validate)}`);
  console.log(`  classifier model fetched (once, by the demand form)  ${ms(typing.modelReady)}`);
  console.log(`  classify with the model (headless API)  mean   ${ms(typing.withModel)}`);
  console.log(`  classify, dictionary terms alone        mean   ${ms(typing.termsOnly)}`);
  const sizes = path.join(path.dirname(new URL(import.meta.url).pathname), "../../../target/wasm-size.json");
  if (fs.existsSync(sizes)) {
    const report = JSON.parse(fs.readFileSync(sizes, "utf8"));
    const kib = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KiB`;
    const model = report.classifier_model;
    console.log(
      `  classifier model: ${kib(model.raw)} raw, ${kib(model.gzip)} gzip = ${((100 * model.gzip) / report.gzip).toFixed(1)}% ` +
        `of a page with the demand form (${kib(report.gzip)} gzip); the dictionary inside the .wasm ~${kib(report.dictionary_in_wasm_gzip)} gzip; ` +
        `a page with the enrollment form only: ${kib(report.enrollment_only_gzip)} gzip, no model`,
    );
  }
} finally {
  await chrome.close();
  await server.close();
}
