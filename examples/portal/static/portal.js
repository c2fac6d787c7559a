// The portal page's own script: hands what the widgets submit to this
// portal's server, which checks every record again with the same rules.
// Contract: the widget dispatches `lianjian-submit` with
// {kind, record, findings, waitUntil(promise)}; the promise resolves to
// {findings} when the server refused the record, to anything else when it
// accepted it.

const endpoints = { demand: "/api/demands", enrollment: "/api/enrollments" };
const lang = document.documentElement.lang || "zh-CN";
const texts = {
  "zh-CN": { accepted: "已提交，受理编号：", failed: "提交失败，请稍后再试。" },
  en: { accepted: "Submitted. Reference number: ", failed: "Could not submit; please try again later." },
};
const text = texts[lang] || texts["zh-CN"];

function announce(message) {
  const status = document.getElementById("portal-status");
  if (status) status.textContent = message;
}

async function send(url, record) {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json",
      "Accept-Language": lang,
    },
    body: JSON.stringify(record),
    credentials: "same-origin",
  });
  const answer = await response.json().catch(() => ({}));
  if (response.status === 201) {
    announce(text.accepted + answer.id);
    return { ok: true, id: answer.id };
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
  detail.waitUntil(send(url, detail.record));
});
