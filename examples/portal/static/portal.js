// The portal page's own script: hands what the widgets submit to this
// portal's server, which checks every record again with the same rules.
// Contract: the widget dispatches `lianjian-submit` with
// {kind, record, findings, files, waitUntil(promise)}; the promise resolves
// to {findings} when the server refused the record, to anything else when it
// accepted it. A demand with files goes as multipart/form-data: the record
// as the `record` part, each File as a `files` part, in the record's order.

const endpoints = { demand: "/api/demands", enrollment: "/api/enrollments" };
const lang = document.documentElement.lang || "zh-CN";
const texts = {
  "zh-CN": {
    accepted: "已提交，受理编号：", failed: "提交失败，请稍后再试。",
    receipt: "您最近一次提交的回执", number: "受理编号", code: "查询码",
    keep: "请保存受理编号和查询码，用于查询办理进度。", track: "查询办理进度",
  },
  en: {
    accepted: "Submitted. Receipt number: ", failed: "Could not submit; please try again later.",
    receipt: "Your last submission's receipt", number: "Receipt number", code: "Query code",
    keep: "Keep the number and the code to follow it up.", track: "Track it",
  },
};
const text = texts[lang] || texts["zh-CN"];

function announce(message) {
  const status = document.getElementById("portal-status");
  if (status) status.textContent = message;
}

/** A paragraph: a label, then the value in <code>. */
function line(label, value) {
  const p = document.createElement("p");
  const code = document.createElement("code");
  code.textContent = value;
  p.append(`${label}: `, code);
  return p;
}

// The receipt is kept for this tab (sessionStorage): back, forward and a
// reload show it again at the top of the page, where a phone shows it.
const receiptKey = `lianjian-receipt:${location.pathname}`;

function showReceipt(receipt) {
  const box = document.getElementById("portal-receipt");
  if (!box || !receipt || !receipt.number) return;
  const heading = document.createElement("p");
  const strong = document.createElement("strong");
  strong.textContent = text.receipt;
  heading.append(strong);
  const link = document.createElement("a");
  link.href = "/track";
  link.textContent = text.track;
  const hint = document.createElement("p");
  hint.append(`${text.keep} `, link);
  box.replaceChildren(heading, line(text.number, receipt.number), line(text.code, receipt.code), hint);
  box.hidden = false;
}

function rememberReceipt(receipt) {
  try {
    sessionStorage.setItem(receiptKey, JSON.stringify(receipt));
  } catch {
    // Storage switched off: the receipt is still on screen.
  }
  showReceipt(receipt);
}

try {
  showReceipt(JSON.parse(sessionStorage.getItem(receiptKey) || "null"));
} catch {
  // Nothing kept.
}

/** The request body: JSON alone, or multipart with the files. */
function body(record, files) {
  if (!Array.isArray(files) || files.length === 0) {
    return { headers: { "Content-Type": "application/json" }, body: JSON.stringify(record) };
  }
  const form = new FormData();
  form.append("record", JSON.stringify(record));
  for (const file of files) form.append("files", file, file.name);
  // The browser writes the multipart Content-Type with its boundary.
  return { headers: {}, body: form };
}

async function send(url, record, files) {
  const request = body(record, files);
  const response = await fetch(url, {
    method: "POST",
    headers: { ...request.headers, Accept: "application/json", "Accept-Language": lang },
    body: request.body,
    credentials: "same-origin",
  });
  const answer = await response.json().catch(() => ({}));
  if (response.status === 201) {
    const number = answer.receipt ? answer.receipt.number : answer.id;
    announce(text.accepted + number);
    if (answer.receipt) rememberReceipt(answer.receipt);
    // The receipt and the server's warnings (a likely repeat) go to the form too.
    return { ok: true, id: answer.id, receipt: answer.receipt, findings: answer.findings || [] };
  }
  if (Array.isArray(answer.findings) && answer.findings.length > 0) {
    return { findings: answer.findings };
  }
  announce(text.failed);
  throw new Error(`the portal answered HTTP ${response.status}`);
}

document.addEventListener("lianjian-submit", (event) => {
  const detail = event.detail || {};
  const url = endpoints[detail.kind];
  if (!url || typeof detail.waitUntil !== "function") return;
  detail.waitUntil(send(url, detail.record, detail.files));
});
