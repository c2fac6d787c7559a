// How a TypeScript service uses the Node package; `tsc --noEmit` checks it
// against wasm/pkg-node's declarations (bash scripts/build-wasm first).

import { checkUscc, headline, ready, validateDemand } from "../../pkg-node/index.cjs";
import type { Answer, Demand, DistrictFolder, HeadlineAnswer, LocatedFinding } from "../../pkg-node/index.cjs";

export async function report(roster: string, demands: string): Promise<string[]> {
  await ready;
  const folder: DistrictFolder = { "roster.jsonl": roster, "demands.jsonl": demands };
  const answer: HeadlineAnswer = headline(folder, "2026-01-01", "2026-12-31", null, { lang: "en", today: "2026-12-31" });
  const lines: string[] = [];
  if (answer.figures && answer.lists) {
    const approx: string = answer.figures.chain_enterprises.approx;
    const resolved: number = answer.figures.demands_resolved.value;
    const byChannel: Record<string, number> = answer.figures.demands_resolved.by_channel;
    const amount: number = answer.figures.relending.amount_wan;
    const borrowers: string[] = answer.lists.relending;
    lines.push(`${approx} ${resolved} ${Object.keys(byChannel).length} ${amount} ${borrowers.length}`);
  }
  const definition: string = answer.definitions.demands_resolved;
  const left: number = answer.files["roster.jsonl"]?.left_out ?? 0;
  const where = answer.findings.map((f: LocatedFinding) => `${f.file ?? ""}:${f.line ?? ""} ${f.code} ${f.message}`);
  const demand: Answer<Demand> = validateDemand({ title: "…" }, { lang: "zh-CN" });
  const code: string = checkUscc("91440300MA5FUTN418", { lang: "en" }).normalized;
  lines.push(definition, String(left), ...where, String(demand.valid), code);
  return lines;
}

// Ledgers and coverage in parts, as a data service uses them.
import { coverageFinish, coverageMerge, coveragePartial, ledger } from "../../pkg-node/index.cjs";
import type { LedgerAnswer } from "../../pkg-node/index.cjs";

export function ledgerHeadings(folder: DistrictFolder): string[] {
  const answer: LedgerAnswer = ledger("activities", folder, { today: "2026-12-31" });
  return (answer.columns ?? []).map((column) => `${column.id}=${column.heading}`);
}

export function coverageInTwo(head: string, tail: string, tailFirstLine: number): Record<string, unknown> {
  const options = { today: "2026-12-31" };
  const merged: string = coverageMerge(coveragePartial(head, 1, options), coveragePartial(tail, tailFirstLine, options));
  return coverageFinish(merged, options);
}
