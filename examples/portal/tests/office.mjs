// The portal as an office runs it, in headless Chromium: a demand sent
// through the widget with its files, and staff opening them.
//
//   cargo build -p lianjian-portal && bash scripts/build-wasm && node examples/portal/tests/office.mjs
//
// LIANJIAN_PORTAL_BIN overrides the binary (default target/debug/lianjian-portal).
// Screenshots go to target/screenshots/portal/ at 360 and 1280 px.

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { axe, check, launch, root, signIn, signInFirst, signOut, startServer } from "./support.mjs";

const shots = join(root, "target/screenshots/portal");
mkdirSync(shots, { recursive: true });

/** A 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const NOTE = Buffer.from("盐田港后方陆域堆场周边，每天下午四点后货车违停。\n", "utf8");

/** Fills the demand widget with a valid demand. */
async function fillDemand(page, title) {
  const form = "lianjian-demand-form";
  await page.locator(`${form} form.lj-form`).waitFor();
  await page.fill(`${form} #lj-enterprise_name`, "深圳市示例物流有限公司");
  await page.fill(`${form} #lj-enterprise_uscc`, "91440300MA5G12343E");
  await page.check(`${form} #lj-kind-complaint`);
  await page.fill(`${form} #lj-title`, title);
  await page.fill(`${form} #lj-description`, "堆场周边道路货车长期违停占道，附现场照片和情况说明，请求加强管理。");
  await page.fill(`${form} #lj-contact-name`, "李四");
  await page.fill(`${form} #lj-contact-phone`, "13900139000");
  await page.check(`${form} #lj-declarations-not_in_litigation`);
  await page.check(`${form} #lj-declarations-no_secrets`);
}

/** A demand with a photo and a note, sent through the widget; answers its id. */
async function demandWithFiles(page, base) {
  const form = "lianjian-demand-form";
  await page.goto(`${base}/?lang=zh-CN`);
  await fillDemand(page, "堆场周边货车违停（附照片）");
  // A picture that is not one: the server refuses it beside the file, the form stays filled.
  await page.setInputFiles(`${form} #lj-attachments`, [
    { name: "现场照片.png", mimeType: "image/png", buffer: Buffer.from("MZ this is a program") },
  ]);
  await page.click(`${form} #lj-submit`);
  await page.locator(`${form} #lj-file-0-error:not([hidden])`).waitFor();
  const refusal = await page.locator(`${form} #lj-file-0-error`).innerText();
  check(refusal.length > 0, "the refusal of a fake picture is shown beside it");
  check((await page.inputValue(`${form} #lj-title`)) === "堆场周边货车违停（附照片）", "the form stays filled after a refused upload");
  // The real files.
  await page.locator(`${form} .lj-file button`).first().click();
  await page.setInputFiles(`${form} #lj-attachments`, [
    { name: "现场照片.png", mimeType: "image/png", buffer: PNG },
    { name: "情况说明.txt", mimeType: "text/plain", buffer: NOTE },
  ]);
  const answered = page.waitForResponse((r) => r.url().endsWith("/api/demands") && r.request().method() === "POST");
  await page.click(`${form} #lj-submit`);
  const response = await answered;
  check(response.status() === 201, `the demand with files answered ${response.status()}`);
  check((response.request().headers()["content-type"] || "").startsWith("multipart/form-data"), "sent as multipart");
  await page.locator(`${form} .lj-done`).waitFor();
  const answer = await response.json();
  // The widget's "sent" panel shows the receipt the portal returned.
  const done = await page.locator(`${form} .lj-done`).innerText();
  check(done.includes(answer.receipt.number) && done.includes(answer.receipt.code), `the receipt in the sent panel: ${done}`);
  // The receipt is at the top of the page, and stays after a reload (back and forward alike).
  const box = page.locator("#portal-receipt");
  check((await box.innerText()).includes(answer.receipt.code), "the receipt's code is shown at the top");
  check((await box.boundingBox()).y < 600, "the receipt is near the top of the page");
  await page.reload();
  check((await page.locator("#portal-receipt").innerText()).includes(answer.receipt.number), "the receipt survives a reload");
  await shoot(page, "portal-receipt");
  return answer;
}

/** The same demand again: the server's repeat warning reaches the citizen's form. */
async function repeatShown(page, base) {
  const form = "lianjian-demand-form";
  await page.goto(`${base}/?lang=zh-CN`);
  await fillDemand(page, "堆场周边货车违停（附照片）");
  await page.click(`${form} #lj-submit`);
  await page.locator(`${form} .lj-done`).waitFor();
  const done = await page.locator(`${form} .lj-done`).innerText();
  check(done.includes("重复诉求"), `the likely repeat is shown to the enterprise: ${done}`);
  await shoot(page, "portal-repeat");
}

/** The public tracking page answers the receipt, and shows nothing personal. */
async function trackReceipt(page, base, receipt) {
  await page.goto(`${base}/track?lang=zh-CN`);
  await page.fill("input[name=number]", receipt.number.toLowerCase());
  await page.fill("input[name=code]", receipt.code);
  await page.click("form.track button[type=submit]");
  await page.locator("section.tracked").waitFor();
  const text = await page.locator("main").innerText();
  check(text.includes(receipt.number) && text.includes("已提交"), "the tracking page answers with the state");
  check(!text.includes("13900139000") && !text.includes("李四"), "the tracking page shows nothing personal");
  await shoot(page, "track");
}

/** Staff open both files from the demand's page. */
async function staffOpenFiles(page, base, id) {
  await page.goto(`${base}/staff/demands/${id}?lang=zh-CN`);
  const links = page.locator(`a[href^="/staff/demands/${id}/attachments/"]`);
  check((await links.count()) === 2, "both files are listed on the demand's page");
  check((await page.locator("body").innerText()).includes("13900139000"), "the contact's phone is on the page");
  const photo = await page.request.get(`${base}${await links.nth(0).getAttribute("href")}`);
  check(photo.status() === 200 && Buffer.compare(await photo.body(), PNG) === 0, "the photo comes back byte for byte");
  check(photo.headers()["content-type"] === "image/png", "the photo is served as image/png");
  const note = await page.request.get(`${base}${await links.nth(1).getAttribute("href")}`);
  check(Buffer.compare(await note.body(), NOTE) === 0, "the note comes back byte for byte");
  // Opening the picture in the browser shows it (inline, in a sandboxed document).
  await page.goto(`${base}${await links.nth(0).getAttribute("href")}`);
  const size = await page.evaluate(() => {
    const img = document.querySelector("img");
    return img ? [img.naturalWidth, img.naturalHeight] : null;
  });
  check(size && size[0] === 1 && size[1] === 1, `the photo opens as a picture (${size})`);
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${base}/staff/demands/${id}?lang=zh-CN`);
    await page.screenshot({ path: join(shots, `demand-with-files-${width}.png`), fullPage: true });
  }
}

/** Screenshots of the page at a phone's and a desktop's width. */
async function shoot(page, name) {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The admin creates an account on the accounts page; answers its one-time password. */
async function createAccount(page, base, name, role, department) {
  await page.goto(`${base}/staff/users?lang=zh-CN`);
  const form = page.locator("form.create");
  await form.locator("input[name=username]").fill(name);
  await form.locator("select[name=role]").selectOption(role);
  await form.locator("select[name=department]").selectOption(department);
  await form.locator("button[type=submit]").click();
  await page.waitForURL(/flash=/);
  const once = (await page.locator("code.secret").innerText()).trim();
  check(once.length === 20, `a one-time password is shown (${once})`);
  await shoot(page, "staff-users");
  // Shown once: a reload shows none.
  await page.reload();
  check((await page.locator("code.secret").count()) === 0, "the one-time password is shown only once");
  return once;
}

/** A handler of another department is refused the demand, its file and the office's pages. */
async function handlerRefused(page, base, id) {
  await page.goto(`${base}/staff/demands?lang=zh-CN`);
  check(!(await page.locator("body").innerText()).includes("堆场周边货车违停"), "another department's demand is not listed");
  for (const path of [`/staff/demands/${id}`, `/staff/demands/${id}/attachments/0`, "/staff/meeting", "/staff/coverage", "/staff/users", "/staff/audit"]) {
    const response = await page.goto(`${base}${path}?lang=zh-CN`);
    check(response.status() === 403, `${path} answered ${response.status()} to a handler of another department`);
    check((await page.locator("[role=alert]").innerText()).includes("无权"), `${path} says why`);
  }
  await page.goto(`${base}/staff/demands/${id}?lang=zh-CN`);
  await shoot(page, "staff-denied");
}

/** Open311: posting needs a registered client's key; a request is public once accepted. */
async function open311(page, base) {
  const form = (key) => new URLSearchParams({
    ...(key ? { api_key: key } : {}),
    service_code: "traffic", description: "每天下午进港拖车在明珠大道排队超过两公里，希望高峰期加强疏导。",
    first_name: "测试", last_name: "联系人", phone: "13900139000",
    "attribute[kind]": "help", "attribute[title]": "明珠大道高峰期拥堵（Open311）",
    "attribute[enterprise_uscc]": "91440300MA5G12343E", "attribute[enterprise_name]": "深圳市示例物流有限公司",
    "attribute[chain]": "port_logistics", "attribute[not_in_litigation]": "true", "attribute[no_secrets]": "true",
  }).toString();
  const post = (key) => page.request.post(`${base}/open311/v2/requests.json`, {
    headers: { "Content-Type": "application/x-www-form-urlencoded" }, data: form(key),
  });
  check((await post(null)).status() === 403, "posting without a key is refused");
  // The admin registers a client on the accounts page and gets its key once.
  await page.goto(`${base}/staff/users?lang=zh-CN`);
  await page.locator("form.create-client input[name=name]").fill("12345 热线");
  await page.locator("form.create-client button[type=submit]").click();
  await page.waitForURL(/flash=/);
  const key = (await page.locator("code.secret").innerText()).trim();
  check(key.startsWith("lj_"), `a key is shown (${key})`);
  const posted = await post(key);
  check(posted.status() === 201, `posting with the key answered ${posted.status()}`);
  const id = (await posted.json())[0].service_request_id;
  const hidden = await page.request.get(`${base}/open311/v2/requests/${id}.json`);
  check(hidden.status() === 404, "a request is not public before it is accepted");
  await page.goto(`${base}/staff/demands/${id}?lang=zh-CN`);
  await page.locator("form[action$='/publication'] button[type=submit]").click();
  await page.waitForURL(/done=1/);
  const shown = await page.request.get(`${base}/open311/v2/requests/${id}.json`);
  check(shown.status() === 200 && (await shown.json())[0].service_request_id === id, "public once accepted");
}

/** axe-core (WCAG 2.1 A/AA) on every staff page, in both languages; answers the pages checked. */
async function axeEveryStaffPage(page, base, id) {
  const paths = [
    "/staff/demands", "/staff/demands?status=assigned",
    `/staff/demands/${id}`, // a submitted demand with its files: collect, assign, close
    "/staff/demands/3", // accepted, overdue: start, reply, extend, urge
    "/staff/demands/5", // closed after a revisit
    "/staff/demands/6", // returned: assign again
    "/staff/meeting", "/staff/overdue", "/staff/enrollments", "/staff/coverage", "/staff/calendar",
    "/staff/users", "/staff/audit", "/staff/password",
  ];
  const problems = [];
  let checked = 0;
  for (const lang of ["zh-CN", "en"]) {
    for (const path of paths) {
      const sep = path.includes("?") ? "&" : "?";
      const response = await page.goto(`${base}${path}${sep}lang=${lang}`);
      check(response.status() === 200, `${path} answered ${response.status()}`);
      for (const v of await axe(page)) problems.push(`${lang} ${path}: ${v}`);
      checked += 1;
      const named = { "/staff/demands": "staff-inbox", "/staff/demands/3": "staff-demand-overdue", "/staff/overdue": "staff-overdue",
        "/staff/enrollments": "staff-enrollments", "/staff/audit": "staff-audit", "/staff/meeting": "staff-meeting" }[path];
      if (named && lang === "zh-CN") await shoot(page, named);
    }
    // A refused action's findings, shown after the redirect.
    await page.goto(`${base}/staff/demands/${id}?lang=${lang}`);
    await page.locator("form.action:has(input[value=assign]) input[name=deadline]").fill("2026-11-28");
    await page.click("form.action:has(input[value=assign]) button[type=submit]");
    await page.waitForURL(/flash=/);
    check((await page.locator("section.findings").count()) === 1, "the refusal is shown after the redirect");
    for (const v of await axe(page)) problems.push(`${lang} refused action: ${v}`);
    checked += 1;
  }
  await page.goto(`${base}/staff/demands/${id}/events?lang=zh-CN`);
  check(page.url().endsWith(`/staff/demands/${id}`), `a GET on the form's address leads to its page (${page.url()})`);
  check(problems.length === 0, `axe-core on the staff pages:\n${problems.join("\n")}`);
  return checked;
}

/** axe-core on the public pages, and on the sign-in page, in both languages. */
async function axePublicPages(page, base) {
  const problems = [];
  for (const lang of ["zh-CN", "en"]) {
    for (const path of ["/", "/enroll", "/track", "/staff/login"]) {
      await page.goto(`${base}${path}?lang=${lang}`);
      if (path === "/" || path === "/enroll") await page.locator("form.lj-form").first().waitFor();
      for (const v of await axe(page)) problems.push(`${lang} ${path}: ${v}`);
    }
  }
  check(problems.length === 0, `axe-core on the public pages:\n${problems.join("\n")}`);
}

/** The page's files arrive brotli-compressed under hashed names, immutable; answers the bytes on the wire. */
async function delivery(page, base) {
  const seen = [];
  const listener = (response) => { if (response.url().includes("/static/")) seen.push(response); };
  page.on("response", listener);
  await page.goto(`${base}/?lang=zh-CN`);
  await page.locator("lianjian-demand-form form.lj-form").waitFor();
  await page.waitForLoadState("networkidle");
  page.off("response", listener);
  let wire = 0;
  const names = [];
  for (const response of seen) {
    const url = new URL(response.url()).pathname;
    const headers = await response.allHeaders();
    check(url.startsWith("/static/h/"), `${url} is not a hashed file`);
    check(headers["cache-control"] === "public, max-age=31536000, immutable", `${url}: ${headers["cache-control"]}`);
    check(headers["content-encoding"] === "br", `${url} not brotli: ${headers["content-encoding"]}`);
    const sizes = await response.request().sizes();
    wire += sizes.responseBodySize;
    names.push(url.split("/").pop());
  }
  check(names.some((n) => n.endsWith(".wasm")) && names.some((n) => /^lianjian-forms\.[0-9a-f]{10}\.js$/.test(n)), `hashed module and wasm loaded: ${names}`);
  return { wire, names };
}

const dataDir = mkdtempSync(join(tmpdir(), "lianjian-portal-office-"));
const server = await startServer(dataDir);
const browser = await launch();
try {
  const page = await browser.context.newPage();
  const served = await delivery(page, server.base);
  console.log(`ok: the demand page's files arrived brotli-compressed under hashed names, immutable: ${(served.wire / 1024).toFixed(1)} KiB on the wire (${served.names.join(", ")})`);
  const { id, receipt } = await demandWithFiles(page, server.base);
  console.log(`ok: a demand with a photo and a note was sent through the widget (${id}, receipt ${receipt.number})`);
  await trackReceipt(page, server.base, receipt);
  console.log("ok: the tracking page answered the receipt");
  await repeatShown(page, server.base);
  console.log("ok: the same demand again: the likely repeat was shown in the form");
  await signInFirst(page, server.base, "admin", server.password);
  await staffOpenFiles(page, server.base, id);
  console.log("ok: staff opened both files");
  const once = await createAccount(page, server.base, "hr.handler", "handler", "hr_bureau");
  await signOut(page);
  await signInFirst(page, server.base, "hr.handler", once);
  await handlerRefused(page, server.base, id);
  await signOut(page);
  await signIn(page, server.base, "admin");
  console.log("ok: a handler of another department was refused the demand, its file and the office's pages");
  await open311(page, server.base);
  console.log("ok: Open311 posting refused without a key; a request hidden until accepted");
  const pages = await axeEveryStaffPage(page, server.base, id);
  console.log(`ok: axe-core found nothing on ${pages} staff pages (zh-CN and en)`);
  await signOut(page);
  await axePublicPages(page, server.base);
  console.log("ok: axe-core found nothing on the public pages and the sign-in page (zh-CN and en)");
  console.log(`office journey passed; screenshots in ${shots}`);
} finally {
  await browser.close();
  server.child.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
}
