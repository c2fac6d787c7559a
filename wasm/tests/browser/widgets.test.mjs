// The form widgets in headless Chromium, on the example pages, under the
// strict CSP: errors shown and fixed, keyboard-only completion, axe-core,
// hostile text, drafts, host hooks, the double-submit guard, screenshots.
//
//   node --test wasm/tests/browser/     (after bash scripts/build-wasm)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, CSP } from "./server.mjs";
import { launch } from "./browser.mjs";
import { open, ready, axe, cspViolations, events, focusedId, tabTo, screenshot, ENROLLMENT, DEMAND } from "./support.mjs";

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

/** Fills the enrollment form with valid answers (status none → liaison). */
async function fillEnrollment(page) {
  await page.fill(`${E} #lj-enterprise-name`, ENROLLMENT.name);
  await page.fill(`${E} #lj-enterprise-uscc`, ENROLLMENT.uscc);
  await page.fill(`${E} #lj-enterprise-industry_codes`, ENROLLMENT.codes);
  await page.selectOption(`${E} #lj-chain`, "gold_jewelry");
  await page.check(`${E} #lj-segments-retail_wholesale`);
  await page.check(`${E} #lj-party_org-status-none`);
  await page.fill(`${E} #lj-party_org-full_members`, "1");
  await page.fill(`${E} #lj-liaison-name`, "陈联络");
  await page.fill(`${E} #lj-liaison-phone`, "0755-25551234");
  await page.fill(`${E} #lj-contact-name`, ENROLLMENT.contactName);
  await page.fill(`${E} #lj-contact-phone`, ENROLLMENT.phone);
  await page.fill(`${E} #lj-joined_on`, ENROLLMENT.joined);
}

/** Fills the demand form with valid answers. */
async function fillDemand(page) {
  await page.fill(`${D} #lj-enterprise_name`, DEMAND.name);
  await page.fill(`${D} #lj-enterprise_uscc`, DEMAND.uscc);
  await page.check(`${D} #lj-kind-help`);
  await page.fill(`${D} #lj-title`, DEMAND.title);
  await page.fill(`${D} #lj-description`, DEMAND.description);
  await page.fill(`${D} #lj-contact-name`, DEMAND.contactName);
  await page.fill(`${D} #lj-contact-phone`, DEMAND.phone);
  await page.check(`${D} #lj-declarations-not_in_litigation`);
  await page.check(`${D} #lj-declarations-no_secrets`);
}

test("enrollment: wrong answers get a focused summary and inline errors; fixed, the record reaches the host", async () => {
  const { page, errors, context } = await open(chrome.browser, `${server.url}/plain.html`);
  await ready(page, E);
  await page.click(`${E} #lj-submit`);
  assert.equal(await focusedId(page, E), "lj-summary", "the summary takes focus");
  const links = page.locator(`${E} .lj-summary a`);
  assert.ok((await links.count()) >= 5, "each missing answer is listed");
  const uscc = page.locator(`${E} #lj-enterprise-uscc`);
  assert.equal(await uscc.getAttribute("aria-invalid"), "true");
  assert.match(await uscc.getAttribute("aria-describedby"), /lj-enterprise-uscc-error/);
  assert.match(await page.locator(`${E} #lj-enterprise-uscc-error`).innerText(), /必填/);

  // A summary link moves focus to its field.
  await page.locator(`${E} .lj-summary a[href="#lj-enterprise-uscc"]`).click();
  assert.equal(await focusedId(page, E), "lj-enterprise-uscc");

  // Live: a wrong check character is reported while typing, the text is kept.
  await page.fill(`${E} #lj-enterprise-uscc`, "91440300MA5H2B7C5X");
  const checksum = await page.locator(`${E} #lj-enterprise-uscc-error`).innerText();
  assert.match(checksum, /营业执照/, "asks to compare the code with the business licence");
  assert.doesNotMatch(checksum, /应为/, "never suggests a check character");
  assert.equal(await uscc.inputValue(), "91440300MA5H2B7C5X", "nothing typed is cleared");

  await fillEnrollment(page);
  assert.equal(await uscc.getAttribute("aria-invalid"), null, "fixed fields lose aria-invalid");
  await page.click(`${E} #lj-submit`);
  await page.locator(`${E} .lj-done`).waitFor();
  const [event] = await events(page);
  assert.equal(event.kind, "enrollment");
  assert.equal(event.record.enterprise.uscc, ENROLLMENT.uscc);
  assert.equal(event.record.chain, "gold_jewelry");
  assert.deepEqual(event.record.segments, ["retail_wholesale"]);
  assert.equal(event.record.party_org.status, "none");
  assert.deepEqual(event.record.liaison, { name: "陈联络", phone: "0755-25551234" });
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("enrollment: the Party-organization section follows the status; industry codes suggest segments", async () => {
  const { page, context } = await open(chrome.browser, `${server.url}/plain.html`);
  await ready(page, E);
  await page.check(`${E} #lj-party_org-status`);
  assert.equal(await page.locator(`${E} #lj-party_org-home_affiliation`).count(), 1, "own: its superior is asked");
  assert.equal(await page.locator(`${E} #lj-liaison-name`).count(), 0);
  await page.fill(`${E} #lj-party_org-name`, "某某物流有限公司党支部");
  await page.check(`${E} #lj-party_org-status-none`);
  assert.equal(await page.locator(`${E} #lj-liaison-name`).count(), 1, "none: a liaison is asked");
  assert.equal(await page.locator(`${E} #lj-party_org-home_affiliation`).count(), 0);
  await page.check(`${E} #lj-party_org-status`);
  assert.equal(await page.inputValue(`${E} #lj-party_org-name`), "某某物流有限公司党支部", "switching back keeps what was typed");
  assert.match(await page.locator(`${E} .lj-statement`).innerText(), /不因登记而改变/);

  await page.fill(`${E} #lj-enterprise-industry_codes`, "543, 5532");
  const suggestion = page.locator(`${E} #lj-segment-suggestion`);
  assert.match(await suggestion.innerText(), /拖车运输/);
  await suggestion.locator("button").click();
  assert.equal(await page.isChecked(`${E} #lj-segments-trucking`), true);
  assert.equal(await page.isChecked(`${E} #lj-segments`), true, "terminal operations too");
  assert.equal(await suggestion.innerText(), "", "nothing left to suggest");
  await context.close();
});

test("the widgets offer what the core's form spec allows, and copy nothing", async () => {
  const { page, context } = await open(chrome.browser, `${server.url}/plain.html`);
  await ready(page, E);
  await ready(page, D);
  const spec = await page.evaluate(async () => {
    const lianjian = await import("/pkg/lianjian-forms.js");
    return lianjian.formSpec();
  });
  const values = (/** @type {string} */ selector) =>
    page.$$eval(selector, (nodes) => nodes.map((n) => /** @type {HTMLInputElement} */ (n).value).filter(Boolean));
  const field = (/** @type {any[]} */ fields, /** @type {string} */ path) => fields.find((f) => f.path === path);
  // Statuses, and the kinds each status takes (a joint organization is never a unit's branch).
  assert.deepEqual(await values(`${E} input[name="party_org.status"]`), field(spec.enrollment.fields, "party_org.status").options);
  for (const status of ["own", "joint"]) {
    await page.check(`${E} #lj-party_org-status${status === "own" ? "" : "-" + status}`);
    assert.deepEqual(await values(`${E} select[name="party_org.kind"] option`), spec.enrollment.party_org_kinds[status], status);
  }
  assert.ok(!spec.enrollment.party_org_kinds.joint.includes("branch"));
  assert.deepEqual(await values(`${E} input[name="enterprise.kind"]`), field(spec.enrollment.fields, "enterprise.kind").options);
  // Demand kinds and urgencies, the title's counter, the file types offered.
  assert.deepEqual(await values(`${D} input[name="kind"]`), field(spec.demand.fields, "kind").options);
  assert.deepEqual(await values(`${D} input[name="urgency"]`), field(spec.demand.fields, "urgency").options);
  await page.fill(`${D} #lj-title`, "x");
  const max = field(spec.demand.fields, "title").max_length;
  assert.match(await page.locator(`${D} #lj-title-count`).innerText(), new RegExp(String(max - 1)));
  const accept = await page.getAttribute(`${D} #lj-attachments`, "accept");
  assert.deepEqual(
    (accept || "").split(","),
    spec.demand.attachment_types.flatMap((/** @type {any} */ t) => t.extensions.map((/** @type {string} */ e) => `.${e}`)),
  );
  await context.close();
});

test("demand: live topic suggestion accepted with one click, character counts, attachments checked", async () => {
  const { page, errors, context } = await open(chrome.browser, `${server.url}/plain.html`);
  await ready(page, D);
  await page.fill(`${D} #lj-title`, DEMAND.title);
  await page.fill(`${D} #lj-description`, DEMAND.description);
  const suggestion = page.locator(`${D} #lj-topic-suggestion`);
  await suggestion.locator("button").waitFor();
  assert.match(await suggestion.innerText(), /税务.*区税务局/s);
  await suggestion.locator("button").click();
  assert.equal(await page.inputValue(`${D} #lj-topic`), "tax");
  assert.equal(await focusedId(page, D), "lj-topic", "focus lands on the topic it filled");
  assert.match(await page.locator(`${D} #lj-title-count`).innerText(), new RegExp(`还可输入 ${60 - [...DEMAND.title].length} 字`));

  await page.setInputFiles(`${D} #lj-attachments`, [
    { name: "现场照片.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(2048, 1) },
    { name: "setup.exe", mimeType: "application/x-msdownload", buffer: Buffer.alloc(100, 1) },
  ]);
  assert.equal(await page.locator(`${D} .lj-file`).count(), 2);
  await fillDemand(page);
  await page.click(`${D} #lj-submit`);
  assert.equal(await focusedId(page, D), "lj-summary");
  assert.match(await page.locator(`${D} .lj-summary`).innerText(), /setup\.exe/);
  assert.equal(await page.locator(`${D} #lj-file-1-error`).isVisible(), true, "the bad file shows its own error");
  assert.equal(await page.locator(`${D} #lj-file-0-error`).isVisible(), false);
  await page.locator(`${D} #lj-file-1 button`).click();
  await page.click(`${D} #lj-submit`);
  await page.locator(`${D} .lj-done`).waitFor();
  const [event] = await events(page);
  assert.equal(event.kind, "demand");
  assert.equal(event.record.topic, "tax");
  assert.deepEqual(event.record.attachments, [{ name: "现场照片.jpg", size_bytes: 2048, mime: "image/jpeg" }]);
  assert.match(event.record.submitted_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("demand: a resident ID number in the code field is named as such; a Hong Kong contact is sent in E.164", async () => {
  const { page, errors, context } = await open(chrome.browser, `${server.url}/plain.html`);
  await ready(page, D);
  await fillDemand(page);
  await page.fill(`${D} #lj-enterprise_uscc`, "320102199409116943");
  await page.fill(`${D} #lj-contact-phone`, "+852 9123 4567");
  await page.click(`${D} #lj-submit`);
  assert.equal(await focusedId(page, D), "lj-summary");
  const summary = await page.locator(`${D} .lj-summary`).innerText();
  assert.match(summary, /统一社会信用代码：这是居民身份证号码的格式，不是统一社会信用代码，请填写/);
  assert.doesNotMatch(summary, /320102|6943|9123/, "no number is repeated");
  assert.match(await page.locator(`${D} #lj-enterprise_uscc-error`).innerText(), /居民身份证号码/);
  assert.equal(await page.locator(`${D} #lj-contact-phone`).getAttribute("aria-invalid"), null);
  await page.fill(`${D} #lj-enterprise_uscc`, DEMAND.uscc);
  await page.click(`${D} #lj-submit`);
  await page.locator(`${D} .lj-done`).waitFor();
  const [event] = await events(page);
  assert.equal(event.record.contact.phone, "+85291234567");
  assert.deepEqual(errors, []);
  await context.close();
});

test("keyboard only: the demand form is completed and sent without a pointer", async () => {
  const { page, context } = await open(chrome.browser, `${server.url}/plain.html`);
  await ready(page, D);
  await page.locator(`${D} #lj-enterprise_name`).focus();
  assert.equal(await focusedId(page, D), "lj-enterprise_name");
  await page.keyboard.type(DEMAND.name);
  await tabTo(page, D, "lj-enterprise_uscc");
  await page.keyboard.type(DEMAND.uscc);
  await tabTo(page, D, "lj-kind");
  await page.keyboard.press("ArrowDown"); // consultation → help
  await tabTo(page, D, "lj-title");
  await page.keyboard.type(DEMAND.title);
  await tabTo(page, D, "lj-description");
  await page.keyboard.type(DEMAND.description);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  // The suggestion's button comes right after the topic list: accept it with Enter.
  const button = await focusedId(page, D);
  await tabTo(page, D, "lj-contact-name");
  await page.keyboard.type(DEMAND.contactName);
  await tabTo(page, D, "lj-contact-phone");
  await page.keyboard.type(DEMAND.phone);
  await tabTo(page, D, "lj-declarations-not_in_litigation");
  await page.keyboard.press("Space");
  await tabTo(page, D, "lj-declarations-no_secrets");
  await page.keyboard.press("Space");
  await tabTo(page, D, "lj-submit");
  await page.keyboard.press("Enter");
  await page.locator(`${D} .lj-done`).waitFor();
  const [event] = await events(page);
  assert.equal(event.record.kind, "help");
  assert.equal(event.record.enterprise_uscc, DEMAND.uscc);
  assert.equal(typeof button, "string");
  await context.close();
});

test("axe-core finds no WCAG 2.1 A/AA violations, in zh-CN and en, before and after errors", async () => {
  for (const lang of ["zh-CN", "en"]) {
    for (const width of [1280, 360]) {
      const { page, context } = await open(chrome.browser, `${server.url}/plain.html?lang=${lang}`, { width });
      await ready(page, E);
      await ready(page, D);
      assert.deepEqual(await cspViolations(page), []);
      // axe itself adds an inline style, which the CSP reports: checked before it runs.
      assert.deepEqual(await axe(page), [], `${lang} ${width}px before errors`);
      await page.click(`${E} #lj-submit`);
      await page.click(`${D} #lj-submit`);
      await page.check(`${E} #lj-party_org-status-joint`);
      assert.deepEqual(await axe(page), [], `${lang} ${width}px with errors`);
      await context.close();
    }
  }
});

test("the pages are sent with the strict CSP, and the widgets work under it", async () => {
  const { page, response, errors, context } = await open(chrome.browser, `${server.url}/plain.html`);
  assert.equal(response.headers()["content-security-policy"], CSP);
  await ready(page, E);
  await ready(page, D);
  // No inline style attribute anywhere in the widgets (style-src 'self' would block it).
  const styled = await page.evaluate(() =>
    [...document.querySelectorAll("lianjian-enrollment-form, lianjian-demand-form")].flatMap((el) =>
      [...el.shadowRoot.querySelectorAll("[style], style, script")].map((n) => n.outerHTML),
    ),
  );
  assert.deepEqual(styled, []);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(errors, []);
  // Nothing leaks into the page: no global names beyond the two elements.
  const leaked = await page.evaluate(() => Object.keys(window).filter((k) => /lianjian|wasm|wbg/i.test(k)));
  assert.deepEqual(leaked, []);
  await context.close();
});

test("hostile text in every field and in catalog names renders as text", async () => {
  const { page, context } = await open(chrome.browser, `${server.url}/plain.html`);
  await ready(page, E);
  await ready(page, D);
  const hostile = [
    `<img src=x onerror="window.__xss=1">`,
    `"><script>window.__xss=2</script>`,
    `<svg onload="window.__xss=3">`,
    "‮evil‬ \u0000 {count}",
  ];
  let i = 0;
  for (const [widget, selector] of [[E, "input[type=text], input[type=tel], input[type=email], textarea"], [D, "input[type=text], input[type=tel], input[type=email], textarea"]]) {
    for (const input of await page.locator(`${widget} ${selector}`).all()) await input.fill(hostile[i++ % hostile.length]);
  }
  await page.click(`${E} #lj-submit`);
  await page.click(`${D} #lj-submit`);
  await page.evaluate(() => {
    const name = (/** @type {string} */ text) => ({ "zh-CN": text, en: text });
    const evil = `<img src=x onerror="window.__xss=4">`;
    /** @type {any} */ (document.querySelector("#enrollment")).catalog = {
      district: { code: "440308", name: name(evil) },
      chains: [{ id: "evil", name: name(evil), segments: [{ id: "s1", name: name(evil + "<b>bold</b>"), industry_codes: [] }] }],
    };
  });
  await page.selectOption(`${E} #lj-chain`, "evil");
  await page.check(`${E} #lj-segments`);
  // The district's catalog is the one checked against: its chain and segment are known.
  assert.equal(await page.locator(`${E} #lj-chain-error`).isVisible(), false);
  assert.equal(await page.locator(`${E} #lj-segments-error`).isVisible(), false);
  const found = await page.evaluate(() => ({
    xss: /** @type {any} */ (window).__xss,
    markup: [...document.querySelectorAll("lianjian-enrollment-form, lianjian-demand-form")].flatMap((el) =>
      [...el.shadowRoot.querySelectorAll("img, svg, script, b")].map((n) => n.tagName),
    ),
    label: document.querySelector("#enrollment").shadowRoot.querySelector("label[for=lj-segments]").textContent,
  }));
  assert.equal(found.xss, undefined);
  assert.deepEqual(found.markup, []);
  assert.equal(found.label, `<img src=x onerror="window.__xss=4"><b>bold</b>`);
  assert.match(await page.locator(`${E} #lj-enterprise-name`).inputValue(), /<img src=x/, "hostile text is kept as typed");
  await context.close();
});

test("autosave: a reload restores the draft", async () => {
  const { page, context } = await open(chrome.browser, `${server.url}/plain.html`);
  await ready(page, D);
  await page.fill(`${D} #lj-title`, DEMAND.title);
  await page.fill(`${D} #lj-description`, DEMAND.description);
  await page.check(`${D} #lj-kind-complaint`);
  await page.waitForTimeout(400);
  await page.reload();
  await ready(page, D);
  assert.equal(await page.inputValue(`${D} #lj-title`), DEMAND.title);
  assert.equal(await page.inputValue(`${D} #lj-description`), DEMAND.description);
  assert.equal(await page.isChecked(`${D} #lj-kind-complaint`), true);
  assert.equal(await page.locator(`${D} .lj-notice`).isVisible(), true, "the person is told");
  // Sent, the draft is gone.
  await fillDemand(page);
  await page.click(`${D} #lj-submit`);
  await page.locator(`${D} .lj-done`).waitFor();
  await page.reload();
  await ready(page, D);
  assert.equal(await page.inputValue(`${D} #lj-title`), "");
  await context.close();
});

test("host hooks: async check, server findings, a failed send, and no double submission", async () => {
  const { page, context } = await open(chrome.browser, `${server.url}/plain.html`);
  await ready(page, E);
  await ready(page, D);
  // The example page's hostCheck knows this code is already enrolled.
  await fillEnrollment(page);
  await page.fill(`${E} #lj-enterprise-uscc`, "91440300MA5FUTN418");
  await page.click(`${E} #lj-submit`);
  assert.match(await page.locator(`${E} #lj-enterprise-uscc-error`).innerText(), /已经登记/);
  assert.deepEqual(await events(page), []);

  // The server refuses with its own findings; then the network fails; then it is accepted once.
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__answers = [
      { findings: [{ code: "uscc_checksum", severity: "error", path: "enterprise_uscc", message: "服务器：代码有误" }] },
      "fail",
      { ok: true },
    ];
    document.querySelector("#demand").addEventListener("lianjian-submit", (e) => {
      const answer = w.__answers.shift();
      /** @type {any} */ (e).detail.waitUntil(
        new Promise((resolve, reject) => setTimeout(() => (answer === "fail" ? reject(new Error("offline")) : resolve(answer)), 300)),
      );
      e.stopPropagation(); // the page's own handler is not asked
    });
  });
  await fillDemand(page);
  // A double tap: the second click comes while the first is being sent, and is ignored.
  await page.locator(`${D} #lj-submit`).evaluate((button) => {
    /** @type {HTMLButtonElement} */ (button).click();
    /** @type {HTMLButtonElement} */ (button).click();
  });
  await page.locator(`${D} .lj-summary`).getByText("服务器：代码有误").waitFor();
  assert.equal((await events(page)).length, 1);
  assert.equal(await page.locator(`${D} #lj-enterprise_uscc`).getAttribute("aria-invalid"), "true");
  await page.click(`${D} #lj-submit`);
  await page.locator(`${D} .lj-summary`).getByText(/提交失败/).waitFor();
  assert.equal(await page.inputValue(`${D} #lj-title`), DEMAND.title, "a failed send keeps everything");
  await page.click(`${D} #lj-submit`);
  await page.locator(`${D} .lj-done`).waitFor();
  assert.equal((await events(page)).length, 3);
  await context.close();
});

test("a cancelled event leaves the form as it was", async () => {
  const { page, context } = await open(chrome.browser, `${server.url}/plain.html`);
  await ready(page, D);
  await page.evaluate(() =>
    document.querySelector("#demand").addEventListener("lianjian-submit", (e) => {
      e.preventDefault();
      e.stopPropagation();
    }),
  );
  await fillDemand(page);
  await page.click(`${D} #lj-submit`);
  await page.waitForTimeout(100);
  assert.equal(await page.locator(`${D} .lj-done`).count(), 0);
  assert.equal(await page.inputValue(`${D} #lj-title`), DEMAND.title);
  await context.close();
});

test("switching language keeps the answers and the errors, in the new language", async () => {
  const { page, context } = await open(chrome.browser, `${server.url}/plain.html`);
  await ready(page, E);
  await page.fill(`${E} #lj-enterprise-name`, ENROLLMENT.name);
  await page.click(`${E} #lj-submit`);
  await page.evaluate(() => document.querySelector("#enrollment").setAttribute("lang", "en"));
  assert.equal(await page.inputValue(`${E} #lj-enterprise-name`), ENROLLMENT.name);
  assert.match(await page.locator(`${E} #lj-enterprise-uscc-error`).innerText(), /required/i);
  assert.match(await page.locator(`${E} label[for=lj-enterprise-uscc]`).innerText(), /Unified social credit code/);
  await context.close();
});

test("host texts and messages override the built-in ones", async () => {
  const { page, context } = await open(chrome.browser, `${server.url}/plain.html`);
  await ready(page, E);
  await page.evaluate(() => {
    const form = /** @type {any} */ (document.querySelector("#enrollment"));
    form.texts = { "zh-CN": { "enterprise.name": "企业全称" } };
    form.messages = { required: "请填写此项" };
  });
  assert.equal(await page.locator(`${E} label[for=lj-enterprise-name]`).innerText(), "企业全称");
  await page.click(`${E} #lj-submit`);
  assert.match(await page.locator(`${E} #lj-enterprise-name-error`).innerText(), /请填写此项/);
  await context.close();
});

test("Vue 3 and React pages: the same widgets hand their records to the framework", async () => {
  for (const name of ["vue", "react"]) {
    const { page, errors, context } = await open(chrome.browser, `${server.url}/${name}.html`);
    await ready(page, D);
    await fillDemand(page);
    await page.click(`${D} #lj-submit`);
    await page.locator("#received").getByText(DEMAND.uscc).waitFor();
    assert.deepEqual(await cspViolations(page), [], name);
    assert.deepEqual(errors, [], name);
    await context.close();
  }
});

test("screenshots at 360 px and 1280 px for review", async () => {
  for (const lang of ["zh-CN", "en"]) {
    for (const width of [360, 1280]) {
      const { page, context } = await open(chrome.browser, `${server.url}/plain.html?lang=${lang}`, { width });
      await ready(page, E);
      await ready(page, D);
      await screenshot(page, `widgets-${lang}-${width}`);
      await page.fill(`${E} #lj-enterprise-uscc`, "91440300MA5H2B7C5X");
      await page.click(`${E} #lj-submit`);
      await page.fill(`${D} #lj-description`, DEMAND.description);
      await page.click(`${D} #lj-submit`);
      await screenshot(page, `widgets-${lang}-${width}-errors`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert.equal(overflow, false, `no sideways scrolling at ${width}px`);
      await context.close();
    }
  }
});
