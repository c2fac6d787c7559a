// What the portal's browser tests share: the server started on port 0 over
// a temporary data folder, Chromium launched with a fresh profile, sign-in.

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

export const root = new URL("../../../", import.meta.url).pathname;
export const bin = process.env.LIANJIAN_PORTAL_BIN || join(root, "target/debug/lianjian-portal");
/** The staff password the tests set in place of a one-time password. */
export const PASSWORD = "a much longer staff password";

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Starts the portal (extra flags after the data folder); answers {child, base, password, lines}. */
export function startServer(dataDir, flags = []) {
  const child = spawn(bin, ["--port", "0", "--data", join(dataDir, "portal.db"),
    "--widgets", join(root, "wasm/pkg"), ...flags], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let password = null;
    const lines = [];
    createInterface({ input: child.stdout }).on("line", (line) => {
      lines.push(line);
      const once = line.split("one-time password (shown only now): ")[1];
      if (once) password = once.trim();
      const at = line.split("listening on ")[1];
      if (at) resolve({ child, base: at.split(" ")[0], password, lines });
    });
    child.on("exit", (code) => reject(new Error(`the portal exited (${code})`)));
  });
}

/** Chromium with a fresh profile; `close()` removes the profile too. */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "lianjian-portal-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    viewport: { width: 1280, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in with a one-time password and replaces it with {@link PASSWORD}. */
export async function signInFirst(page, base, username, once) {
  await page.goto(`${base}/staff/login?lang=en`);
  await page.fill("input[name=username]", username);
  await page.fill("input[name=password]", once);
  await page.click("form.login button[type=submit]");
  await page.waitForURL(/\/staff\/password/);
  await page.fill("input[name=current]", once);
  await page.fill("input[name=new]", PASSWORD);
  await page.click("form.login button[type=submit]");
  await page.waitForURL(/\/staff\/demands/);
}

/** Signs in with {@link PASSWORD}. */
export async function signIn(page, base, username) {
  await page.goto(`${base}/staff/login?lang=en`);
  await page.fill("input[name=username]", username);
  await page.fill("input[name=password]", PASSWORD);
  await page.click("form.login button[type=submit]");
  await page.waitForURL(/\/staff\//);
}

/** Signs out (the form in the staff header). */
export async function signOut(page) {
  await page.click("form.logout button[type=submit]");
  await page.waitForURL(/\/staff\/login/);
}

/** axe-core's WCAG 2.1 A/AA violations on the page (injected under the strict CSP). */
export async function axe(page) {
  const source = readFileSync(join(root, "node_modules/axe-core/axe.min.js"), "utf8");
  await page.evaluate(source);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}
