// Debian's Chromium driven by playwright-core (no browser download). Each
// launch gets a fresh temporary profile from Playwright.

import { chromium } from "playwright-core";

/** Launches headless Chromium. */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return { browser, close: () => browser.close() };
}
