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
  "zh-CN": { accepted: "已提交，受理编号：", failed: "提交失败，请稍后再试。" },
  en: { accepted: "Submitted. Reference number: ", failed: "Could not submit; please try again later." },
};
const text = texts[lang] || texts["zh-CN"];

function announce(message) {
  const status = document.getElementById("portal-status");
  if (status) status.textContent = message;
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
  detail.waitUntil(send(url, detail.record, detail.files));
});
