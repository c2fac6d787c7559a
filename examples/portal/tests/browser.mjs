// Browser check of the demo portal in headless Chromium: the portal page
// loads both widgets under its Content-Security-Policy; a demand submitted
// through the widget is stored; staff sign in, replace the one-time password,
// collect the demand for the joint meeting, see it on the agenda, assign it
// in the minutes; and every main staff page renders.
// Screenshots of each page go to target/portal/screenshots/ for review.
//
//   cargo build -p lianjian-portal && node examples/portal/tests/browser.mjs
//
// LIANJIAN_PORTAL_BIN overrides the binary (default target/debug/lianjian-portal).

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const root = new URL("../../../", import.meta.url).pathname;
const bin = process.env.LIANJIAN_PORTAL_BIN || join(root, "target/debug/lianjian-portal");
const shots = join(root, "target/portal/screenshots");
mkdirSync(shots, { recursive: true });

function startServer(dataDir) {
  const child = spawn(bin, ["--port", "0", "--data", join(dataDir, "portal.db"),
    "--widgets", join(root, "wasm/pkg")], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let password = null;
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      const once = line.split("one-time password (shown only now): ")[1];
      if (once) password = once.trim();
      const at = line.split("listening on ")[1];
      if (at) resolve({ child, base: at.split(" ")[0], password });
    });
    child.on("exit", (code) => reject(new Error(`the portal exited (${code})`)));
  });
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function portal(page, base, lang) {
  const violations = [];
  page.on("console", (m) => { if (m.type() === "error") violations.push(m.text()); });
  // Each form has its own page.
  for (const [path, element] of [["/", "lianjian-demand-form"], ["/enroll", "lianjian-enrollment-form"]]) {
    await page.goto(`${base}${path}?lang=${lang}`);
    await page.waitForFunction((name) => customElements.get(name), element);
    await page.locator(`${element} form.lj-form`).waitFor();
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: join(shots, `portal${path.replace("/", "-")}${lang}.png`), fullPage: true });
  }
  check(violations.length === 0, `console errors on the portal pages: ${violations.join(" | ")}`);
}

/** Submits a demand through the widget on the portal page; answers the reference number. */
async function submitDemand(page, base, title) {
  await page.goto(`${base}/?lang=zh-CN`);
  const form = "lianjian-demand-form";
  await page.locator(`${form} form.lj-form`).waitFor();
  await page.fill(`${form} #lj-enterprise_name`, "深圳市示例物流有限公司");
  await page.fill(`${form} #lj-enterprise_uscc`, "91440300MA5G12343E");
  await page.check(`${form} #lj-kind-help`);
  await page.fill(`${form} #lj-title`, title);
  await page.fill(`${form} #lj-description`, "集卡在盐田港后方陆域排队严重，希望交警在高峰期加强疏导。");
  await page.fill(`${form} #lj-contact-name`, "李四");
  await page.fill(`${form} #lj-contact-phone`, "13900139000");
  await page.check(`${form} #lj-declarations-not_in_litigation`);
  await page.check(`${form} #lj-declarations-no_secrets`);
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/demands"));
  await page.click(`${form} #lj-submit`);
  const response = await answer;
  await page.locator(`${form} .lj-done`).waitFor();
  const { id, receipt } = await response.json();
  const status = await page.locator("#portal-status").innerText();
  check(status.includes(receipt.number), `no receipt number in "${status}"`);
  return id;
}

/** Collects the demand for the joint meeting, finds it on the agenda, and assigns it in the minutes. */
async function collectAndAssign(page, base, id, title) {
  await page.goto(`${base}/staff/demands/${id}?lang=en`);
  await page.click("form.action:has(input[name=action][value=collect]) button[type=submit]");
  await page.waitForLoadState("load");
  await page.goto(`${base}/staff/meeting?lang=en`);
  check((await page.locator("body").innerText()).includes(title), "the collected demand is not on the agenda");
  await page.screenshot({ path: join(shots, "staff-meeting-agenda.png"), fullPage: true });
  // Only this demand is picked; the department is the suggested one, the deadline computed.
  for (const box of await page.locator("input[type=checkbox][name^=pick_]").all()) {
    if ((await box.getAttribute("name")) !== `pick_${id}`) await box.uncheck();
  }
  await page.click("form:has(input[name^=pick_]) button[type=submit]");
  await page.waitForLoadState("load");
  await page.goto(`${base}/staff/demands/${id}?lang=en`);
  const text = await page.locator("body").innerText();
  check(text.includes("Assigned"), "the demand was not assigned");
  check(/\d{4}-\d{2}-\d{2}/.test(text), "no deadline shown");
}

async function signIn(page, base, password) {
  await page.goto(`${base}/staff/login?lang=en`);
  await page.fill("input[name=username]", "admin");
  await page.fill("input[name=password]", password);
  await page.click("form.login button[type=submit]");
  await page.waitForURL(/\/staff\/password/);
  await page.fill("input[name=current]", password);
  await page.fill("input[name=new]", "a much longer staff password");
  await page.click("form.login button[type=submit]");
  await page.waitForURL(/\/staff\/demands/);
}

const dataDir = mkdtempSync(join(tmpdir(), "lianjian-portal-browser-"));
const profile = mkdtempSync(join(tmpdir(), "lianjian-portal-profile-"));
const server = await startServer(dataDir);
let context = null;
try {
  // A fresh profile per run: a persistent context on a new temporary folder.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    viewport: { width: 1280, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await context.newPage();
  await portal(page, server.base, "zh-CN");
  await portal(page, server.base, "en");
  const title = "后方陆域高峰期集卡拥堵";
  const id = await submitDemand(page, server.base, title);
  await signIn(page, server.base, server.password);
  await collectAndAssign(page, server.base, id, title);
  for (const name of ["demands", "meeting", "overdue", "coverage", "demands/3"]) {
    const response = await page.goto(`${server.base}/staff/${name}`);
    check(response.status() === 200, `/staff/${name} answered ${response.status()}`);
    await page.screenshot({ path: join(shots, `staff-${name.replace("/", "-")}.png`), fullPage: true });
  }
  console.log(`portal journey passed (widget → stored → collected → on the agenda → assigned); screenshots in ${shots}`);
} finally {
  if (context) await context.close();
  server.child.kill("SIGTERM");
  rmSync(profile, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}
