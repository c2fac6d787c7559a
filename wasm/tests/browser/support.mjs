// Helpers the browser tests share: pages with CSP-violation and error
// capture, axe-core runs, and submitted-event capture.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../..");

/** Valid enrollment answers, typed as a person would. */
export const ENROLLMENT = {
  name: "深圳市金盐珠宝首饰有限公司",
  uscc: "91440300MA5H2B7C5Y",
  codes: "5245",
  contactName: "王五",
  phone: "13800138000",
  joined: "2026-11-01",
};

/** Valid demand answers. */
export const DEMAND = {
  name: "深圳市盐设珠宝设计有限公司",
  uscc: "91440300MA5G12343E",
  title: "增值税留抵退税办理进度咨询",
  description: "我司申请增值税留抵退税已提交两个月，希望了解办理进度和还需补充的材料。",
  contactName: "李四",
  phone: "13900139000",
};

/**
 * Opens `pathname` in a new page that records CSP violations, page errors
 * and every `lianjian-submit` event.
 * @param {import("playwright-core").Browser} browser
 * @param {string} url
 * @param {{ width?: number, height?: number }} [size]
 */
export async function open(browser, url, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: "zh-CN" });
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().includes("favicon")) errors.push(message.text());
  });
  // Injected by the browser driver, not by the page: CSP does not apply to it.
  await page.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.__csp = [];
    w.__events = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    // Capturing at the window: seen first, whatever the page's own handlers do.
    window.addEventListener("lianjian-submit", (e) => {
      const detail = /** @type {CustomEvent} */ (e).detail;
      w.__events.push(JSON.parse(JSON.stringify({ kind: detail.kind, record: detail.record, findings: detail.findings })));
    }, true);
  });
  const response = await page.goto(url);
  return { context, page, errors, response };
}

/** Waits until the widget `selector` has drawn its form. */
export async function ready(page, selector) {
  await page.locator(`${selector} form.lj-form`).waitFor();
}

/** CSP violations seen so far on the page. */
export function cspViolations(page) {
  return page.evaluate(() => /** @type {any} */ (window).__csp);
}

/** Submit events seen so far. */
export function events(page) {
  return page.evaluate(() => /** @type {any} */ (window).__events);
}

/** Runs axe-core (WCAG 2.1 A and AA rules) over the page, shadow roots included. */
export async function axe(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    /** @type {any} */ (window).axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
  }));
}

/** The id of the focused element inside the widget's shadow root. */
export function focusedId(page, selector) {
  return page.evaluate((s) => document.querySelector(s)?.shadowRoot?.activeElement?.id ?? null, selector);
}

/** Presses Tab until the control `id` of the widget has focus (at most `limit` presses). */
export async function tabTo(page, selector, id, limit = 120) {
  for (let i = 0; i < limit; i++) {
    if ((await focusedId(page, selector)) === id) return i;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached #${id} in ${selector}`);
}

/** Saves a screenshot for review under target/screenshots/. */
export async function screenshot(page, name) {
  const dir = path.join(root, "target/screenshots");
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
