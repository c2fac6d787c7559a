// The classifier model in the browser: downloaded only where a demand form is
// on the page, and a district's model (rebuilt from the corrections its
// portal exported) loaded through the `classifier` attribute routes a demand
// of the corrected kind the corrected way.
//
//   node --test wasm/tests/browser/     (after bash scripts/build-wasm)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, CSP } from "./server.mjs";
import { launch } from "./browser.mjs";
import { open, ready, root } from "./support.mjs";

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

const MODEL = "lianjian-classifier.json";
/** What `lianjian classify --train` built from the portal's exported corrections. */
const DISTRICT_MODEL = fs.readFileSync(path.join(root, "tests/fixtures/corrections/district-model.json"), "utf8");
/** A demand of the corrected kind: staff there send a cold store's power supply to the industry bureau. */
const CORRECTED_KIND = "冷库用电容量不够咋整";

/**
 * A page of the portal's own with `body` (the widget package beside it),
 * served under the strict CSP, and the district model at /district-model.json.
 */
async function page(body) {
  const url = `${server.url}/test-page.html`;
  const { page, errors, context } = await open(chrome.browser, "about:blank");
  /** @type {string[]} */
  const requested = [];
  page.on("request", (request) => requested.push(new URL(request.url()).pathname));
  await page.route(`${server.url}/test-page.html`, (route) =>
    route.fulfill({
      status: 200,
      headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": CSP },
      body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>test</title>
        <script type="module" src="/pkg/lianjian-forms.js"></script></head><body><main>${body}</main></body></html>`,
    }),
  );
  await page.route(`${server.url}/district-model.json`, (route) =>
    route.fulfill({ status: 200, headers: { "content-type": "application/json" }, body: DISTRICT_MODEL }),
  );
  await page.goto(url);
  return { page, errors, context, requested };
}

test("a page without a demand form never downloads the classifier model; one with it does, once", async () => {
  const enrollment = await page(`<lianjian-enrollment-form id="enrollment" chain="port_logistics"></lianjian-enrollment-form>`);
  await ready(enrollment.page, "#enrollment");
  await enrollment.page.waitForLoadState("networkidle");
  assert.ok(enrollment.requested.some((p) => p.endsWith(".wasm")), "the widget ran");
  assert.deepEqual(enrollment.requested.filter((p) => p.endsWith(".json")), []);
  assert.deepEqual(enrollment.errors, []);
  await enrollment.context.close();

  const demand = await page(`<lianjian-demand-form id="demand"></lianjian-demand-form>`);
  await ready(demand.page, "#demand");
  await demand.page.fill("#demand #lj-title", "出口退税迟迟未到账");
  await demand.page.locator("#demand #lj-topic-suggestion button").waitFor();
  await demand.page.waitForLoadState("networkidle");
  assert.deepEqual(demand.requested.filter((p) => p.endsWith(".json")), [`/pkg/${MODEL}`]);
  assert.deepEqual(demand.errors, []);
  await demand.context.close();
});

test("a district model rebuilt from corrections routes a demand of the corrected kind the corrected way", async () => {
  // The package's own model: a cold store's power supply is the general desk's (`other`: nothing to suggest).
  const plain = await page(`<lianjian-demand-form id="demand"></lianjian-demand-form>`);
  await ready(plain.page, "#demand");
  await plain.page.fill("#demand #lj-title", CORRECTED_KIND);
  await plain.page.waitForLoadState("networkidle");
  await plain.page.waitForTimeout(400); // past the suggestion's debounce
  const own = await plain.page.evaluate(async (text) => {
    const api = await import("/pkg/lianjian-forms.js");
    await api.ready;
    return api.classify("", text, { classifier: await api.loadClassifier() });
  }, CORRECTED_KIND);
  assert.equal(own.department, "enterprise_service_centre");
  assert.equal(await plain.page.locator("#demand #lj-topic-suggestion").innerText(), "");
  await plain.context.close();

  // The district's model, named by the host page.
  const district = await page(`<lianjian-demand-form id="demand" classifier="/district-model.json"></lianjian-demand-form>`);
  await ready(district.page, "#demand");
  await district.page.fill("#demand #lj-title", CORRECTED_KIND);
  const suggestion = district.page.locator("#demand #lj-topic-suggestion");
  await suggestion.locator("button").waitFor();
  assert.match(await suggestion.innerText(), /区工业和信息化局/);
  assert.ok(district.requested.includes("/district-model.json"));
  assert.ok(!district.requested.includes(`/pkg/${MODEL}`), "the district's model instead of the package's");
  await suggestion.locator("button").click();
  assert.equal(await district.page.inputValue("#demand #lj-topic"), "financing");
  assert.deepEqual(district.errors, []);
  await district.context.close();
});
