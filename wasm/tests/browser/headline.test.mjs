// The command line's HTML headline page of the demo district in headless
// Chromium: self-contained (the page asks the network for nothing), axe-core
// clean in zh-CN and en at 360 px and 1280 px with its lists closed and open,
// no sideways scrolling of the page, screenshots for review.
//
//   node --test wasm/tests/browser/headline.test.mjs
//   (LIANJIAN_BIN names the `lianjian` binary; default target/release/lianjian)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { launch } from "./browser.mjs";
import { axe, root, screenshot } from "./support.mjs";

const cli = process.env.LIANJIAN_BIN || path.join(root, "target/release/lianjian");

/** @type {Awaited<ReturnType<typeof launch>>} */
let chrome;

before(async () => {
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
});

/** The headline page of the demo district for 2026 in `lang`. */
function page(lang) {
  const args = ["headline", path.join(root, "examples/district"), "--from", "2026-01-01", "--to", "2026-12-31",
    "--today", "2026-12-31", "--lang", lang, "--format", "html"];
  // Exit 0: the period was read (rows left out are listed on the page).
  return execFileSync(cli, args, { encoding: "utf8" });
}

test("the headline page is self-contained, readable at 360 px and 1280 px, and axe-core clean", async () => {
  for (const lang of ["zh-CN", "en"]) {
    const html = page(lang);
    for (const width of [360, 1280]) {
      const context = await chrome.browser.newContext({ viewport: { width, height: 900 }, locale: lang });
      const tab = await context.newPage();
      /** @type {string[]} */
      const requests = [];
      await tab.route("**/*", (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      /** @type {string[]} */
      const errors = [];
      tab.on("pageerror", (error) => errors.push(error.message));
      await tab.setContent(html, { waitUntil: "load" });
      assert.deepEqual(requests, [], `${lang} ${width}px: nothing fetched`);
      assert.equal(await tab.getAttribute("html", "lang"), lang);
      const figures = await tab.locator("h2").count();
      assert.ok(figures > 0, `${lang}: headings`);
      const overflow = await tab.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert.equal(overflow, false, `${lang} ${width}px: no sideways scrolling of the page`);
      assert.deepEqual(await axe(tab), [], `${lang} ${width}px`);
      // Every definition and list opened: still clean, and still no sideways scrolling.
      await tab.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
      assert.deepEqual(await axe(tab), [], `${lang} ${width}px, lists open`);
      const wide = await tab.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert.equal(wide, false, `${lang} ${width}px, lists open: no sideways scrolling of the page`);
      assert.deepEqual(errors, [], `${lang} ${width}px`);
      await screenshot(tab, `headline-${lang}-${width}`);
      await context.close();
    }
  }
});
