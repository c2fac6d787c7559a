// The browser layer of the cross-layer comparison: Debian's Chromium, driven
// by playwright-core, loads the wasm package (ES module) from a server on
// 127.0.0.1 and checks the record files inside the page; one answer line per
// file is printed. The server and the browser stop by themselves.
//
//   node tests/layers/browser.mjs KIND LANG TODAY LEGACY_CSV FILE...
//
// KIND: enrollment, demand, programme, visit, activity. With
// LIANJIAN_PROGRAMME=FILE, that programme is in the options; with
// LIANJIAN_RAW_SURROGATES=1, surrogate escapes are turned into the code
// units themselves inside the page (see node.cjs).
import { createServer } from "node:http";
import { readFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const [kind, lang, today, legacy, ...files] = process.argv.slice(2);
const guard = setTimeout(() => {
  console.error("browser layer: gave up after 120 s");
  process.exit(2);
}, 120_000);

const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
const server = createServer((req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  const file = path.join(root, "wasm/pkg", path.normalize(url.pathname).replace(/^[/\\]+/, ""));
  if (url.pathname === "/") {
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!doctype html><title>lianjian</title>");
  } else if (file.startsWith(path.join(root, "wasm/pkg")) && existsSync(file)) {
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  } else {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address();
const profile = mkdtempSync(path.join(tmpdir(), "lianjian-chromium-"));
// A fresh profile each run (Playwright takes it as the persistent context's folder).
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  const texts = files.map((f) => readFileSync(f, "utf8"));
  const answers = await page.evaluate(
    async ({ texts, kind, options, raw }) => {
      const lianjian = await import("/lianjian-forms.js");
      await lianjian.ready;
      const checks = { enrollment: lianjian.validateEnrollment, demand: lianjian.validateDemand };
      const check = checks[kind] ?? ((record, options) => lianjian.validate(kind, record, options));
      const unescape = (text) =>
        text.replace(/\\u(d[89a-f][0-9a-f]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
      return texts.map((t) => {
        const a = check(raw ? unescape(t) : t, options);
        return JSON.stringify({ valid: a.valid, findings: a.findings });
      });
    },
    {
      texts,
      kind,
      options: {
        lang,
        today,
        legacyUscc: legacy ? legacy.split(",") : [],
        ...(process.env.LIANJIAN_PROGRAMME
          ? { programme: JSON.parse(readFileSync(process.env.LIANJIAN_PROGRAMME, "utf8")) }
          : {}),
      },
      raw: process.env.LIANJIAN_RAW_SURROGATES === "1",
    },
  );
  for (const line of answers) process.stdout.write(line + "\n");
} finally {
  await browser.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
  clearTimeout(guard);
}
