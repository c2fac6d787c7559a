// The host page's side of the widgets: choose the language, answer the
// "already enrolled?" question, and send the validated record to the portal.
// Here the "server" is simulated; the demo portal posts to its own endpoints.

const lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "zh-CN";
document.documentElement.lang = lang;
const forms = document.querySelectorAll("lianjian-enrollment-form, lianjian-demand-form");
for (const form of forms) form.setAttribute("lang", lang);
if (lang === "en") {
  document.title = "Yantian industry-chain Party building · example portal (plain HTML)";
  document.getElementById("portal-name").textContent = "Yantian industry-chain Party building (example)";
  document.getElementById("page-title").textContent = "Enrollment and demands";
  document.getElementById("page-intro").textContent =
    "This page belongs to the portal; the two form widgets are embedded in it, check in the browser, and hand their records to the portal.";
  document.getElementById("sent-title").textContent = "Records the portal received";
}

// Codes the portal already holds: its server would answer this question.
const enrolled = new Set(["91440300MA5FUTN418"]);
document.getElementById("enrollment").hostCheck = async (record) =>
  enrolled.has(record.enterprise.uscc)
    ? [{
        code: "already_enrolled",
        severity: "error",
        path: "enterprise.uscc",
        message: lang === "en" ? "This enterprise has already enrolled" : "该单位已经登记过，无需重复登记",
      }]
    : [];

const sent = document.getElementById("sent");
document.addEventListener("lianjian-submit", (event) => {
  const { kind, record } = event.detail;
  // A real portal posts the record and answers with the server's findings on 422.
  event.detail.waitUntil(
    new Promise((resolve) => setTimeout(resolve, 150)).then(() => {
      sent.textContent = `${kind}\n${JSON.stringify(record, null, 2)}`;
      return { ok: true };
    }),
  );
});
