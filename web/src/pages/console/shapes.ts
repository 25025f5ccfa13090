// JSON shapes of the console's endpoints (docs/api.md).

import type { PublicCommitment } from '../../public-types';
export type Role = 'admin' | 'operator' | 'officer' | 'auditor' | 'institution' | 'subject';

export interface Me {
  actor: string;
  role: Role;
  user_id: number;
  department_id: number | null;
}

export interface Department {
  id: number;
  code: string;
  name: string;
  created_at: string;
}

// A page of a list that is read newest first: `next_before` asks for the next page.
export interface Page<T> {
  items: T[];
  next_before: number | null;
}

// --- Intake ---

export interface CatalogueField {
  code: string;
  name: string;
  required: boolean;
}

export interface CatalogueItem {
  code: string;
  name: string;
  category: string;
  disclosure?: string;
  fields: CatalogueField[];
}

export interface RowError {
  row: number;
  field: string;
  code: string;
  message: string;
}

export interface IntakeSummary {
  batch_id: number;
  encoding: string;
  accepted: number;
  unchanged: number;
  rejected: number;
  errors: RowError[];
  // What was read differently from the file as stored (spreadsheet numbers read as codes).
  notes?: string[];
}

export interface Batch {
  id: number;
  item: string;
  file_name: string;
  encoding: string;
  accepted: number;
  unchanged: number;
  rejected: number;
  received_at: string;
  department: { code: string; name: string };
}

export interface Display {
  published: boolean;
  from: string | null;
  until: string | null;
  earliest_early_stop?: string | null;
  reason?: string;
}

export interface RecordListItem {
  id: number;
  item: string;
  item_name: string;
  department: { code: string; name: string };
  subject: { name: string; code: string };
  source_key: string;
  decision_date: string;
  status: string;
  version: number;
  received_at: string;
  display: Display;
}

export interface RecordVersion {
  version: number;
  batch_id: number | null;
  row: number;
  fields: Record<string, unknown>;
  legal_basis: string;
  decision_date: string;
  received_at: string;
  working_days: number | null;
  late: boolean;
}

export interface RecordDetail {
  id: number;
  subject_id: number;
  item: string;
  department_id: number;
  source_key: string;
  version: number;
  status: string;
  decision_date: string;
  nature: string;
  disclosure: string;
  display: Display;
  received_at: string;
  updated_at: string;
  revoked_at: string | null;
  revoke_reason: string | null;
  versions: RecordVersion[];
}

// --- Lists ---

export interface ListEntry {
  id: number;
  subject_id: number;
  list_kind: string;
  list_name: string;
  domain: string;
  status: string;
  department_id: number;
  basis: string;
  facts: string;
  notice_document: string | null;
  defence_until: string | null;
  provisional_dates?: string[];
  decision_document: string | null;
  valid_from: string | null;
  valid_until: string | null;
  exit_reason: string | null;
  exited_at: string | null;
  disputed: boolean;
  created_at: string;
  updated_at: string;
  subject?: { name: string; code: string };
}

// --- Measures and the check ---

export interface Basis {
  document: string;
  article: string;
  // False while nobody has checked the citation against the official text (依据待核实).
  confirmed: boolean;
  confirmation?: { source: string; note: string; confirmed_by: string; confirmed_at: string } | null;
}

export interface Measure {
  code: string;
  name: string;
  kind: string;
  group: number;
  mandatory: boolean;
  basis: Basis;
  implementing_departments: string[];
  scenarios: string[];
  binds_responsible_persons: boolean;
}

export interface Memorandum {
  number: string;
  name: string;
  date?: string | null;
  kind: string;
  initiators: string[];
  cosigners: string[];
  measures: string[];
}

export interface Scenario {
  code: string;
  name: string;
}

export interface MeasureList {
  items: Measure[];
  scenarios: Scenario[];
  memoranda?: Memorandum[];
}

export interface CheckListEntry {
  id: number;
  list_kind: string;
  list_name: string;
  domain: string;
  basis: string;
  decision_document: string | null;
  valid_from: string | null;
  valid_until: string | null;
  disputed: boolean;
}

export interface Trigger {
  kind: string;
  id: number;
  description: string;
  disputed: boolean;
}

export interface CheckMeasure {
  code: string;
  name: string;
  kind: string;
  group: number;
  mandatory: boolean;
  basis: Basis;
  implementing_departments: string[];
  memoranda: string[];
  triggers: Trigger[];
  suspended: boolean;
  objection_ids: number[];
  // Why this measure stands beside others that seem to contradict it ("" when nothing to say).
  note: string;
  // Withheld incentives: the subject's dishonesty that excludes them.
  withheld_by?: Trigger[];
}

export interface CheckAnswer {
  check_id: number;
  answer_sha256: string;
  checked_at: string;
  scenario: Scenario;
  subject: { id: number; kind: string; name: string; identifiers: Array<{ kind: string; value: string }>; on_record: boolean };
  evaluation: {
    grade: string;
    label: string;
    score: number;
    supervision: { inspection_ratio: number; green_channel: boolean; tolerance: boolean; note: string } | null;
  } | null;
  lists: CheckListEntry[];
  measures: CheckMeasure[];
  withheld: CheckMeasure[];
  as_responsible_person: Array<{
    organisation: { name: string; identifiers: string[] };
    role: string;
    list_entry: CheckListEntry;
    measures: CheckMeasure[];
  }>;
}

// One of a department's checks (我的核查), with the feedback given so far.
export interface CheckSummary {
  id: number;
  department_id: number | null;
  actor: string;
  subject_id: number | null;
  subject_name: string;
  on_record: boolean;
  checked_code: string;
  scenario: string;
  at: string;
  answer_sha256: string;
  measures: string[];
  feedback: Array<{ measure: string; applied: boolean; reason: string; actor: string; at: string }>;
}

// --- Statistics ---

export interface IntakeStat {
  department: Department;
  received: number;
  accepted: number;
  unchanged: number;
  rejected: number;
  rejected_by_reason: Record<string, number>;
  late: number;
}

export interface CheckStat {
  department_id: number | null;
  scenario: string;
  checks: number;
  measures: number;
  feedback: number;
  applied: number;
  feedback_rate: number;
}

export type ListCounts = Partial<Record<'red' | 'serious' | 'key_attention', number>>;

export interface ListMonth {
  month: string;
  decided: ListCounts;
  exited: ListCounts;
  active: ListCounts;
}

// --- The event log ---

export interface EventItem {
  seq: number;
  at: string;
  actor: string;
  type: string;
  entity: string;
  payload: unknown;
  prev_hash: string;
  hash: string;
}

export interface VerifyReport {
  ok: boolean;
  count: number;
  fault_seq?: number | null;
  reason?: string;
}

// 举报 (GET /api/v1/tips, GET /api/v1/tips/{id}).
export interface Tip {
  id: number;
  status: string;
  subject: { as_filed: string; id: number | null; code: string | null; name: string | null };
  facts: string;
  attachments: Array<{ n: number; name: string; size: number; withheld?: boolean }>;
  department: { id: number; name: string } | null;
  transfers: number;
  extension: { requested_at: string | null; reason: string | null; approved: boolean };
  answer: string | null;
  reason: string | null;
  answer_note: string | null;
  case_number: string | null;
  refuse_reason: string | null;
  submitted_at: string;
  route_due: string | null;
  answer_due: string | null;
  total_due: string | null;
  provisional_dates?: string[];
  overdue: string | null;
  steps?: Array<{ seq: number; at: string; step: string; note: string; actor?: string }>;
  tipster?: { anonymous: boolean; name: string | null; phone: string | null; email: string | null };
}
export interface TipList {
  items: Tip[];
  next_before: number | null;
  decline_reasons: Array<{ code: string; text: string }>;
}

// 典型案例 (GET /api/v1/cases).
export interface TypicalCase {
  id: number;
  kind: string;
  kind_label: string;
  title: string;
  body: string;
  status: string;
  author: string;
  reviewer: string | null;
  review_note: string | null;
  supersedes: number | null;
  links: { subjects: number[]; records: number[]; list_entries: number[] };
  created_at: string;
  published_at: string | null;
  display_until: string | null;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
  shown: boolean;
}

// 跟踪问效 (GET /api/v1/monitoring).
export interface MonitoringRow {
  department?: { id: number; code: string | null; name: string };
  region?: { code: string; name: string };
  rank: number | null;
  score: number | null;
  intake: {
    rows_received: number;
    rows_accepted: number;
    rows_unchanged: number;
    rows_rejected: number;
    rejected_by_code: Record<string, number>;
    late: number;
    on_time_share: number | null;
    accepted_share: number | null;
    shuanggongshi: number;
    shuanggongshi_with_uscc: number;
    uscc_share: number | null;
  };
  checks: { total: number; by_scenario: Record<string, number>; with_measures: number; with_feedback: number; feedback_overdue: number; feedback_on_time_share: number | null; measures_applied: number };
  objections: { closed: number; closed_late: number };
  tips: { answered: number; answered_late: number };
  commitments: { signed: number; fulfilled: number; breached: number };
  cases_on_time_share: number | null;
}
export interface MonitoringMonth {
  month: string;
  feedback_working_days: number;
  objections_filed: number;
  tips_filed: number;
  departments: MonitoringRow[];
  regions: MonitoringRow[];
}
export interface RiskWarning {
  rule: string;
  rule_label: string;
  subject: { id: number; name: string; code: string };
  record: { kind: string; id: number; what: string; date: string | null };
  cause: { kind: string; id: number; what: string; date: string | null };
}

// 信用承诺 (GET /api/v1/commitment-kinds, GET /api/v1/commitments…).
export interface CommitmentKinds {
  kinds: Array<{ code: string; name: string; matter: string; text: string; liability: string; publicity: string; verify: string; material_working_days: number | null; repair: boolean }>;
  publicity: Array<{ code: string; name: string }>;
}

export interface Commitment extends PublicCommitment {
  id: number;
  subject: { id: number; code: string; name: string; kind: string };
  source_id: string | null;
  channel: string;
  signed_by: string;
  decided_by: string | null;
  note: string | null;
  record_id: number | null;
  due_flagged_at: string | null;
  created_at: string;
  scan: { name: string; size: number; sha256: string } | null;
}
