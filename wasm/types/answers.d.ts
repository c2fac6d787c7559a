/** One finding: a stable code, its severity, the field path and a rendered message. */
export interface Finding {
  code: Code;
  severity: "error" | "warning";
  /** The offending field (`segments[1]`, `party_org.full_members`); empty for the whole record. */
  path: string;
  /** Named parameters of the message (never personal data). */
  params?: Record<string, string | number | boolean>;
  /** The message in the requested language. */
  message: string;
}

/** The answer of a record check: `valid` is false exactly when a finding is an error. */
export interface Answer<T> {
  valid: boolean;
  findings: Finding[];
  /** The normalised record, present when valid. */
  record?: T | null;
}

/** The kinds of record `validate` checks. */
export type RecordKind = "enrollment" | "demand" | "programme" | "visit" | "activity" | "pairing" | "centre";

/** The normalised record of each kind. */
export interface RecordsByKind {
  enrollment: Enrollment;
  demand: Demand;
  programme: Programme;
  visit: Visit;
  activity: Activity;
  pairing: Pairing;
  centre: Centre;
}

/** One record of a JSON-lines text: its line (from 1), validity and findings. */
export interface LineAnswer {
  line: number;
  valid: boolean;
  findings: Finding[];
}

/** A name in each language of the catalogs. */
export interface Names {
  "zh-CN": string;
  en: string;
}

/** The chain catalog: chains and their segments, with the industry codes that suggest them. */
export interface Catalog {
  district?: { code: string; name: Names };
  chains: Array<{
    id: string;
    name: Names;
    segments: Array<{ id: string; name: Names; industry_codes: string[] }>;
  }>;
}

/** The topics demands are classified into and the departments they are routed to. */
export interface Topics {
  topics: Array<{ id: string; name: Names; departments: string[] }>;
  departments: Array<{ id: string; name: Names }>;
}

/** The classifier's suggestion for a demand. */
export interface Classification {
  /** The best topic (`other` when nothing matched). */
  topic: string;
  /** The department that handles it first. */
  department: string;
  departments: string[];
  confidence: number;
  candidates: Array<{ topic: string; score: number; matched: string[] }>;
}

/** The answer of a USCC check. */
export interface UsccAnswer {
  /** The code as given; one `*` per character when it is a resident ID number (`uscc_resident_id`). */
  input: string;
  valid: boolean;
  /** Upper-cased, separators dropped; masked like `input`. */
  normalized: string;
  findings: Finding[];
}

/** One field of a form, by its path in the record. */
export interface FieldSpec {
  path: string;
  required: boolean;
  min_length?: number;
  max_length?: number;
  min?: number;
  max?: number;
  integer?: boolean;
  min_items?: number;
  max_items?: number;
  /** The wire values a choice may take, in the order a form offers them. */
  options?: string[];
}

/** What the forms need of the rules. */
export interface FormSpec {
  enrollment: {
    fields: FieldSpec[];
    /** Per Party-organization status, the kinds that fit it. */
    party_org_kinds: { own: string[]; joint: string[]; none: string[] };
    /** The `party_org` fields required when the status is `own` or `joint`. */
    required_when_organized: string[];
  };
  demand: {
    fields: FieldSpec[];
    attachment_types: Array<{ mime: string; extensions: string[] }>;
    attachment_max_bytes: number;
    attachments_max_total_bytes: number;
  };
}

/** A year's published holiday schedule (国务院办公厅关于某年部分节假日安排的通知). */
export interface HolidaySchedule {
  year: number;
  /** The notice it comes from. */
  source: string;
  holidays: Array<{ name: string; from: string; to: string }>;
  /** Weekend days worked instead (调休上班). */
  workdays: Array<{ name: string; date: string }>;
}

/** The deadline of a demand in working days. */
export interface DeadlineAnswer {
  kind: string;
  from: string;
  /** The kind's limit (null for an unknown kind). */
  working_days: number | null;
  /** `YYYY-MM-DD`; null when the kind or the date cannot be read. */
  deadline: string | null;
  /** Reckoned across a year without a published holiday schedule. */
  provisional: boolean;
  findings: Finding[];
}

/** Whether a date is worked, and why. */
export interface WorkdayAnswer {
  date: string;
  working: boolean | null;
  reason: "weekday" | "weekend" | "holiday" | "make_up_day" | null;
  /** The festival of a holiday or make-up day (`national_day`). */
  holiday: string | null;
  holiday_name: string | null;
  /** The year has no published schedule: reckoned from the statutory holidays. */
  provisional: boolean;
  /** The notice the year's schedule comes from, when published. */
  source: string | null;
  findings: Finding[];
}

/** `event.detail` of `lianjian-submit`. */
export interface SubmitDetail {
  kind: "enrollment" | "demand";
  /** The normalised record (an `Enrollment` or a `Demand`). */
  record: Enrollment | Demand;
  /** Its warnings. */
  findings: Finding[];
  /** The chosen attachments, in the order of `record.attachments`. */
  files: File[];
  /** Answer asynchronously: resolve to `{findings}` to refuse, to anything else to accept; reject when sending failed. */
  waitUntil(promise: Promise<unknown>): void;
}

declare global {
  interface HTMLElementEventMap {
    "lianjian-submit": CustomEvent<SubmitDetail>;
  }
  interface HTMLElementTagNameMap {
    "lianjian-enrollment-form": import("./enrollment-form.js").EnrollmentForm;
    "lianjian-demand-form": import("./demand-form.js").DemandForm;
  }
}
