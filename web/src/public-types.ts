// Shapes of the public site's endpoints (docs/api.md, "Public endpoints"): search, the public
// lists, 双公示 browsing, the public statistics, credit repair.

export interface SubjectRef {
  name: string;
  code: string;
}

// GET /api/v1/search?q=&page=&size=  and  GET /api/v1/search?name=&id_number=
export interface SearchItem {
  name: string;
  code: string;
  kind: string;
  kind_label: string;
  region_name: string;
  match: string; // exact, prefix, substring, code; person for the 自然人查询
}
export interface SearchAnswer {
  query: string;
  normalised: string;
  total: number;
  page: number;
  size: number;
  max_page?: number;
  capped?: boolean;
  items: SearchItem[];
}

// A page of a capped public listing: page ≤ max_page, size ≤ 50.
// A page beyond max_page answers no items.
export interface PageOf<T> {
  total: number;
  page: number;
  size: number;
  max_page: number;
  // true when total is more than the pages up to max_page can show
  capped?: boolean;
  items: T[];
}

// GET /api/v1/public/lists?kind=red|serious&domain=&page=&size=
export interface ListItem {
  id: number;
  list_kind: string;
  list_name: string;
  domain: string;
  domain_name: string;
  basis: string;
  decision_document: string | null;
  valid_from: string;
  valid_until: string | null;
  subject: SubjectRef;
}
export interface ListsAnswer extends PageOf<ListItem> {
  domains: Array<{ code: string; name: string }>;
}

// GET /api/v1/public/records?item=XK|CF&department=&from=&to=&page=&size=
export interface PublicityItem {
  id: number;
  item: string;
  item_name: string;
  document: string;
  title: string;
  subject: SubjectRef;
  department: { code: string; name: string };
  decision_date: string;
  summary: string;
  display_until: string | null;
  disputed_label: string | null;
}

// GET /api/v1/public/departments
export interface Department {
  code: string;
  name: string;
}

// GET /api/v1/public/stats
export interface PublicStats {
  subjects: number; // organisations with a public page
  records: number; // 双公示 records public now
  red: number;
  serious: number;
  latest: PublicityItem[]; // the latest 双公示 records
  red_list: ListItem[]; // red-list highlights
}

// Credit repair (信用修复)
export interface RepairCondition {
  code: string;
  met: boolean;
  message: string;
}
export interface Eligibility {
  eligible: boolean;
  conditions: RepairCondition[];
}
export interface Repair {
  id: number;
  target: { kind: string; id: number };
  applicant: string;
  status: string;
  review_due: string;
  provisional_dates?: string[];
  submitted_at: string;
  decided_at: string | null;
  decision_note: string | null;
  revoked_at: string | null;
  conditions: RepairCondition[];
  steps: Array<{ seq: number; at: string; step: string; note: string }>;
  token?: string;
}

// 举报 (tips): what the tipster gets on filing and with the 查询码.
export interface FiledTip {
  id: number;
  token: string;
  status: string;
  route_due: string;
  total_due: string;
  provisional_dates?: string[];
}
export interface TipTrack {
  id: number;
  status: string;
  submitted_at: string;
  route_due: string | null;
  answer_due: string | null;
  total_due: string | null;
  provisional_dates?: string[];
  department: string | null;
  answer: string | null;
  reason: string | null;
  answer_note: string | null;
  refuse_reason: string | null;
  overdue: string | null;
  steps: Array<{ seq: number; at: string; step: string; note: string }>;
}

// 典型案例 (typical cases) as the public sees them.
export interface PublicCase {
  id: number;
  kind: string;
  kind_label: string;
  title: string;
  published_at: string;
  display_until: string | null;
  subjects: Array<{ name: string; code: string | null; natural_person: boolean }>;
  body?: string;
  records?: Array<{ id: number; item: { code: string; name: string }; decision_date: string; nature: string; disputed_label: string | null; fields: Record<string, unknown> }>;
  lists?: Array<{ id: number; list_kind: string; list_name: string; domain: string; basis: string; valid_from: string | null; valid_until: string | null }>;
}

// 信用承诺 (commitments) as the public sees them (GET /api/v1/public/commitments…).
export interface PublicCommitment {
  code: string;
  kind: string;
  kind_name: string;
  subject: { code: string; name: string; kind: string };
  matter: string;
  content: string;
  liability: string;
  made_on: string;
  valid_until: string | null;
  publicity: string;
  publicity_name: string;
  department: { code: string; name: string };
  material_due: string | null;
  material_overdue: boolean;
  status: string;
  performance: string | null;
  unperformed: string | null;
  liability_pursued: string | null;
  basis: string | null;
  decided_on: string | null;
}
