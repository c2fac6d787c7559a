// The headless API for Node (CommonJS): the browser package's functions and
// the headline report of a district folder (docs/wire/headline.md).

import type { Options } from "./api.js";
import type { Finding } from "./types.js";

// Every function of the browser package's headless API (its api.d.ts,
// copied beside), with the same answers.
export * from "./api.js";
export type * from "./types.js";

/** The files of a district folder, each as its text; only `roster.jsonl` is required. */
export interface DistrictFolder {
  "roster.jsonl"?: string;
  "programme.json"?: string;
  "demands.jsonl"?: string;
  "visits.jsonl"?: string;
  "activities.jsonl"?: string;
  "centres.jsonl"?: string;
  "pairings.jsonl"?: string;
  "usage.jsonl"?: string;
}

/** The ids of the figures, in the order of the report. */
export type FigureId =
  | "chain_enterprises"
  | "chain_output"
  | "series_sessions"
  | "key_enterprises_helped"
  | "demands_resolved"
  | "relending"
  | "matchmaking_enterprises"
  | "chains_with_alliance";

/** A count and its report wording (`150余家`). */
export interface CountFigure {
  value: number;
  approx: string;
}

/** Every figure: the exact value, its report wording (`approx`) and what it is made of. */
export interface HeadlineFigures {
  chain_enterprises: CountFigure & { party_orgs: number };
  chain_output: { value_wan: number; value_yi: number; approx: string; missing: number; conflicts: number };
  series_sessions: CountFigure & { by_kind: Record<string, number> };
  key_enterprises_helped: CountFigure & { key_enterprises: number; served: number };
  demands_resolved: CountFigure & { completed: number; by_channel: Record<string, number> };
  relending: { enterprises: number; amount_wan: number; approx: string; enterprises_approx: string };
  matchmaking_enterprises: CountFigure;
  chains_with_alliance: CountFigure;
}

/** The list behind each figure, sorted (USCCs, activity ids, demand ids, chain ids). */
export interface HeadlineLists {
  chain_enterprises: string[];
  /** After Unicode NFKC; `home_affiliation` is empty when not given. */
  party_orgs: Array<{ name: string; home_affiliation: string }>;
  chain_output_missing: string[];
  chain_output_conflicts: string[];
  series_sessions: string[];
  key_enterprises_helped: string[];
  key_enterprises_served: string[];
  demands_resolved: string[];
  demands_completed: string[];
  relending: string[];
  matchmaking_enterprises: string[];
  chains_with_alliance: string[];
}

/** A finding with the file and line it is about (neither for the period). */
export interface LocatedFinding extends Finding {
  file?: keyof DistrictFolder;
  line?: number;
}

/**
 * The headline report: `period`, `as_of`, `figures` and `lists` are null
 * when the period cannot be read (the findings say why).
 */
export interface HeadlineAnswer {
  period: { from: string; to: string } | null;
  as_of: string | null;
  programme: string | null;
  figures: HeadlineFigures | null;
  lists: HeadlineLists | null;
  definitions: Record<FigureId, string>;
  names: Record<FigureId, string>;
  files: Partial<Record<keyof DistrictFolder, { rows: number; left_out: number }>>;
  findings: LocatedFinding[];
}

/**
 * The headline report of a district folder (its files' texts by name, or
 * that object as JSON text) for the period `from`–`to` (`YYYY-MM-DD`, both
 * included), taken as of `asOf` (default: `to`): the command line's
 * `lianjian headline --format json`, object for object.
 */
export function headline(
  folder: DistrictFolder | string,
  from: string,
  to: string,
  asOf?: string | null,
  options?: Options,
): HeadlineAnswer;

/** A ledger's column: its id (the key in each row) and its heading (`活动名称`). */
export interface LedgerColumn {
  id: string;
  heading: string;
}

/**
 * A ledger (台账) of a district folder: `activities`, `pairings` or
 * `centres`; `rows` keyed by the columns' ids, null for a name that is no
 * ledger (the findings say so). The command line's `lianjian ledger NAME DIR
 * --format json`, object for object.
 */
export interface LedgerAnswer {
  ledger: string;
  title: string | null;
  columns: LedgerColumn[] | null;
  rows: Array<Record<string, string | number | null>> | null;
  files: Partial<Record<keyof DistrictFolder, { rows: number; left_out: number }>>;
  findings: LocatedFinding[];
}

export function ledger(name: string, folder: DistrictFolder | string, options?: Options): LedgerAnswer;

/**
 * The centres of a district folder as Open Referral HSDS 3.0 objects
 * (docs/wire/pairings.md, "Exports"); `export` null when nothing could be
 * exported.
 */
export function exportHsds(
  folder: DistrictFolder | string,
  options?: Options,
): {
  export: Record<string, unknown> | null;
  files: Partial<Record<keyof DistrictFolder, { rows: number; left_out: number }>>;
  findings: LocatedFinding[];
};

/**
 * A coverage partial of JSON-lines roster text whose first line is
 * `firstLine` of the whole roster: opaque text for `coverageMerge` and
 * `coverageFinish` (docs/wire/coverage.md, "Counting in parts").
 */
export function coveragePartial(lines: string, firstLine?: number, options?: Options): string;
/** Two partials merged; any order and grouping gives the same answer. Throws for text that is no partial. */
export function coverageMerge(a: string, b: string): string;
/**
 * What coverage of all the partial's rows answers, `{totals, chains, gaps,
 * rejected, warnings}` (docs/wire/coverage.md); `options` must be those the
 * partials were counted with.
 */
export function coverageFinish(partial: string, options?: Options): Record<string, unknown>;
