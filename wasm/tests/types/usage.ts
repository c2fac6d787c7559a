// How a TypeScript portal uses the package; `tsc --noEmit` checks it against
// the generated declarations in wasm/pkg (bash scripts/build-wasm first).

import {
  ready,
  validateEnrollment,
  validateDemand,
  validate,
  validateLines,
  classify,
  checkUscc,
  deadline,
  workday,
  formSpec,
  catalog,
  topics,
  suggestSegments,
  messages,
  EnrollmentForm,
  DemandForm,
} from "../../pkg/lianjian-forms.js";
import type {
  Activity,
  Answer,
  Centre,
  Code,
  Demand,
  Enrollment,
  Finding,
  LineAnswer,
  Pairing,
  Programme,
  SubmitDetail,
  Visit,
} from "../../pkg/types.js";

export async function headless(): Promise<void> {
  await ready;
  const answer: Answer<Enrollment> = validateEnrollment({ chain: "gold_jewelry" }, { lang: "en", today: "2026-11-25" });
  const codes: Code[] = answer.findings.map((f: Finding) => f.code);
  if (answer.valid && answer.record) {
    const uscc: string = answer.record.enterprise.uscc;
    const segments: string[] = answer.record.segments;
    console.log(uscc, segments, codes);
  }
  const demand: Answer<Demand> = validateDemand('{"title": "…"}');
  const urgent: boolean = demand.record?.urgency === "urgent";
  const suggestion = classify("保税区通道开放时间", "希望24小时通关");
  const topic: string = suggestion.topic;
  const confidence: number = suggestion.confidence;
  const valid: boolean = checkUscc("91440300MA5FUTN418").valid;
  const chains: string[] = catalog().chains.map((c) => c.name["zh-CN"]);
  const departments = topics().departments.map((d) => d.name.en);
  const segments: string[] = suggestSegments("port_logistics", ["543"]);
  const templates: Record<string, string> = messages("en");
  const due: string | null = deadline("consultation", "2026-12-30", { lang: "en" }).deadline;
  const worked: boolean | null = workday("2026-10-10").working;
  const kinds: string[] = formSpec().enrollment.party_org_kinds.joint;
  console.log(due, worked, kinds);
  console.log(urgent, topic, confidence, valid, chains, departments, segments, templates);
}

export function outreach(programme: Programme): void {
  const options = { today: "2026-11-25", programme };
  const visit: Answer<Visit> = validate("visit", { id: "v1" }, options);
  const demands: number = visit.record?.demands?.length ?? 0;
  const activity: Answer<Activity> = validate("activity", "{}");
  const held: boolean = activity.record?.status === "held";
  const roomOf: string | null | undefined = activity.record?.venue.room;
  const again: Answer<Programme> = validate("programme", programme);
  const contacts: string[] = again.record?.contacts.map((c) => c.id) ?? [];
  const lines: LineAnswer[] = validateLines("activity", '{"id": "a1"}\n{"id": "a1"}\n', options);
  const first: number = lines[0].line;
  console.log(demands, held, roomOf, contacts, first);
}

export function pairingsAndCentres(): void {
  const options = { today: "2026-11-25" };
  const pairing: Answer<Pairing> = validate("pairing", "{}", options);
  const parties: number = pairing.record?.parties.length ?? 0;
  const centre: Answer<Centre> = validate("centre", "{}", options);
  const services: string[] = centre.record?.services.map((s) => s.id) ?? [];
  const lines: LineAnswer[] = validateLines("centre", '{"id": "c1"}\n{"id": "c1"}\n', options);
  console.log(parties, services, lines.length);
}

export function widgets(): void {
  const form: DemandForm | null = document.querySelector("lianjian-demand-form");
  if (!form) return;
  form.texts = { "zh-CN": { "demand.title": "我要反映问题" } };
  form.messages = { required: "请填写此项" };
  form.hostCheck = async (record, { kind }) => {
    const findings: Finding[] = [];
    if (kind === "enrollment" && record.chain === "gold_jewelry") {
      findings.push({ code: "already_enrolled", severity: "error", path: "enterprise.uscc", message: "已登记" });
    }
    return findings;
  };
  form.addEventListener("lianjian-submit", (event) => {
    const detail: SubmitDetail = event.detail;
    detail.waitUntil(fetch(`/api/${detail.kind}s`, { method: "POST", body: JSON.stringify(detail.record) }));
  });
  const enrollment = new EnrollmentForm();
  enrollment.setAttribute("lang", "en");
  void enrollment.rendered.then(() => enrollment.submit());
}
