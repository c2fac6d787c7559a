// The portal's outreach, pairing and centre pages in headless Chromium, over
// the demo district (examples/district) at the year's end:
//
//   cargo build -p lianjian-portal -p lianjian-cli && node examples/portal/tests/outreach.mjs
//
// - the port-traffic pairing from its agreement through its plan to the
//   outcome and the traffic demand it answers;
// - the headline page's figures read and compared with `lianjian headline
//   --format json` on the same records;
// - axe-core (WCAG 2.1 A/AA) on every new page in zh-CN and en;
// - screenshots of every new page at 360 and 1280 px in target/screenshots/portal.
//
// LIANJIAN_PORTAL_BIN overrides the portal binary (default
// target/debug/lianjian-portal), LIANJIAN_CLI_BIN the command line (default
// target/release/lianjian, else target/debug/lianjian).

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { axe, check, launch, root, signInFirst, startServer } from "./support.mjs";

const shots = join(root, "target/screenshots/portal");
mkdirSync(shots, { recursive: true });
const YEAR_END = "2026-12-31T10:00:00+08:00";

const cli = process.env.LIANJIAN_CLI_BIN ||
  [join(root, "target/release/lianjian"), join(root, "target/debug/lianjian")].find(existsSync);
check(cli, "the command line is not built (cargo build -p lianjian-cli)");

const PUBLIC = ["/centres", "/activities"];
const STAFF = ["/staff/centres", "/staff/centres/ytzb-centre", "/staff/pairings",
  "/staff/headline?from=2026-01-01&to=2026-12-31", "/staff/outreach", "/staff/activities"];

/** The name a page's screenshot is saved under. */
function shotName(path) {
  return path.replace(/\?.*/, "").replace(/^\//, "").replace(/\//g, "-");
}

/** The port-traffic pairing: agreement → plan → outcome → the answered demand. */
async function portTraffic(page, base) {
  await page.goto(`${base}/staff/pairings?lang=zh-CN`);
  const section = page.locator("#pairing-pairing-yantian-street-port-2026");
  await section.waitFor();
  const text = await section.innerText();
  for (const part of ["盐田街道党工委", "盐田交警大队党支部", "区交通运输局机关党委",
    "制定高峰期盐田港进港交通协调联动工作方案", "工作预判、信息通报、应急处置、志愿服务"]) {
    check(text.includes(part), `the port-traffic pairing shows ${part}`);
  }
  const demand = section.locator("li[data-demand='D-2026-0007']");
  check(await demand.count() === 1, "the outcome names the traffic demand it answers");
  const answered = await demand.innerText();
  check(answered.includes("港区后方道路高峰拥堵"), `the answered demand's title: ${answered}`);
  check(await demand.locator(".state-closed").count() === 1, "the answered demand is closed (resolved)");
  console.log("ok: the port-traffic pairing leads from agreement to outcome to the answered demand");
}

/** The figures on the headline page, compared with the command line's JSON. */
async function headline(page, base) {
  const expected = JSON.parse(execFileSync(cli, ["headline", join(root, "examples/district"),
    "--from", "2026-01-01", "--to", "2026-12-31", "--today", "2026-12-31", "--format", "json"],
  { encoding: "utf8" }));
  await page.goto(`${base}/staff/headline?from=2026-01-01&to=2026-12-31&lang=zh-CN`);
  const shown = await page.$$eval("section[data-figure]", (sections) => sections.map((s) => ({
    id: s.dataset.figure,
    approx: s.querySelector("p.approx")?.dataset.approx ?? null,
    fields: Object.fromEntries([...s.querySelectorAll("dd[data-field]")].map((dd) => {
      const items = [...dd.querySelectorAll("li")];
      return [dd.dataset.field, items.length
        ? Object.fromEntries(items.map((li) => li.textContent.split(/：|: /)))
        : dd.textContent.trim()];
    })),
  })));
  const figures = expected.figures;
  check(shown.length === Object.keys(figures).length,
    `${shown.length} figures shown, ${Object.keys(figures).length} in the command line's report`);
  let compared = 0;
  for (const figure of shown) {
    const want = figures[figure.id];
    check(want, `the command line has ${figure.id}`);
    check(figure.approx === (want.approx ?? null), `${figure.id}: wording ${figure.approx} vs ${want.approx}`);
    for (const [key, value] of Object.entries(want)) {
      if (key === "approx") continue;
      const got = figure.fields[key];
      if (value !== null && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
          check(Number(got?.[k]) === v, `${figure.id}.${key}.${k}: ${got?.[k]} vs ${v}`);
          compared += 1;
        }
      } else if (typeof value === "number") {
        check(Number(got) === value, `${figure.id}.${key}: ${got} vs ${value}`);
        compared += 1;
      } else {
        check(got === String(value), `${figure.id}.${key}: ${got} vs ${value}`);
        compared += 1;
      }
    }
  }
  check(figures.relending.approx === "近5000万元", "the relending reads 近5000万元");
  console.log(`ok: the headline page shows the command line's figures (${compared} values compared)`);
}

/** axe-core on every new page in both languages, and the screenshots. */
async function everyPage(page, base, paths, staff) {
  const problems = [];
  for (const lang of ["zh-CN", "en"]) {
    for (const path of paths) {
      const joiner = path.includes("?") ? "&" : "?";
      const answer = await page.goto(`${base}${path}${joiner}lang=${lang}`);
      check(answer.status() === 200, `${path}: ${answer.status()}`);
      for (const v of await axe(page)) problems.push(`${lang} ${path}: ${v}`);
    }
  }
  check(problems.length === 0, `axe-core on the ${staff ? "staff" : "public"} pages:\n${problems.join("\n")}`);
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of paths) {
      const joiner = path.includes("?") ? "&" : "?";
      await page.goto(`${base}${path}${joiner}lang=zh-CN`);
      await page.screenshot({ path: join(shots, `${shotName(path)}-${width}.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return paths.length * 2;
}

const data = mkdtempSync(join(tmpdir(), "lianjian-portal-outreach-"));
const server = await startServer(data, ["--now", YEAR_END]);
const browser = await launch();
try {
  const page = await browser.context.newPage();
  const published = await everyPage(page, server.base, PUBLIC, false);
  console.log(`ok: axe-core found nothing on ${published} public page views (zh-CN and en)`);
  await signInFirst(page, server.base, "admin", server.password);
  await portTraffic(page, server.base);
  await headline(page, server.base);
  const checked = await everyPage(page, server.base, STAFF, true);
  console.log(`ok: axe-core found nothing on ${checked} staff page views (zh-CN and en)`);
  console.log(`outreach pages passed; screenshots in ${shots}`);
} finally {
  await browser.close();
  server.child.kill("SIGTERM");
  rmSync(data, { recursive: true, force: true });
}
