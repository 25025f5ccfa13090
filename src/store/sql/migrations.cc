#include "store/sql/sql_store.h"

namespace xinyong::sql {

// Never edit a migration that has shipped: add a new one.
const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "subjects, accounts, event log", R"SQL(
CREATE TABLE subjects (
  id {{id}},
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  region TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE subject_identifiers (
  subject_id BIGINT NOT NULL REFERENCES subjects(id),
  kind TEXT NOT NULL,
  lookup TEXT NOT NULL,
  sealed TEXT NOT NULL,
  display TEXT NOT NULL,
  PRIMARY KEY (kind, lookup)
);
CREATE INDEX subject_identifiers_by_subject ON subject_identifiers(subject_id);
CREATE TABLE subject_names (
  id {{id}},
  subject_id BIGINT NOT NULL REFERENCES subjects(id),
  name TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT
);
CREATE INDEX subject_names_by_subject ON subject_names(subject_id);
CREATE TABLE departments (
  id {{id}},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE users (
  id {{id}},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  department_id BIGINT REFERENCES departments(id),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE api_keys (
  id {{id}},
  key_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  department_id BIGINT NOT NULL REFERENCES departments(id),
  role TEXT NOT NULL,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE TABLE events (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  type TEXT NOT NULL,
  entity TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE event_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO event_head (id, seq, hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
)SQL"},
      {2, "intake: batches, records, versions, rejections", R"SQL(
CREATE TABLE batches (
  id {{id}},
  department_id BIGINT NOT NULL REFERENCES departments(id),
  item_code TEXT NOT NULL,
  channel TEXT NOT NULL,
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  encoding TEXT NOT NULL,
  actor TEXT NOT NULL,
  received_at TEXT NOT NULL,
  status TEXT NOT NULL,
  accepted BIGINT NOT NULL,
  unchanged BIGINT NOT NULL,
  rejected BIGINT NOT NULL
);
CREATE TABLE records (
  id {{id}},
  subject_id BIGINT NOT NULL REFERENCES subjects(id),
  item_code TEXT NOT NULL,
  department_id BIGINT NOT NULL REFERENCES departments(id),
  source_key TEXT NOT NULL,
  current_version INTEGER NOT NULL,
  status TEXT NOT NULL,
  decision_date TEXT NOT NULL,
  nature TEXT NOT NULL,
  disclosure TEXT NOT NULL,
  display_published INTEGER NOT NULL,
  display_from TEXT NOT NULL,
  display_until TEXT NOT NULL,
  display_min_until TEXT NOT NULL,
  display_reason TEXT NOT NULL,
  received_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revoked_at TEXT NOT NULL,
  revoke_reason TEXT NOT NULL,
  UNIQUE (department_id, item_code, source_key)
);
CREATE INDEX records_by_subject ON records(subject_id);
CREATE TABLE record_versions (
  record_id BIGINT NOT NULL REFERENCES records(id),
  version INTEGER NOT NULL,
  batch_id BIGINT REFERENCES batches(id),
  row_number BIGINT NOT NULL,
  content_hash TEXT NOT NULL,
  fields TEXT NOT NULL,
  sealed TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  decision_date TEXT NOT NULL,
  received_at TEXT NOT NULL,
  working_days INTEGER,
  late INTEGER NOT NULL,
  PRIMARY KEY (record_id, version)
);
CREATE TABLE rejections (
  id {{id}},
  batch_id BIGINT NOT NULL REFERENCES batches(id),
  row_number BIGINT NOT NULL,
  field TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX rejections_by_batch ON rejections(batch_id);
)SQL"},
      {3, "lists, responsible persons, checks, objection flags", R"SQL(
ALTER TABLE records ADD COLUMN disputed_since TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN objection_ref TEXT NOT NULL DEFAULT '';
CREATE TABLE list_entries (
  id {{id}},
  subject_id BIGINT NOT NULL REFERENCES subjects(id),
  list_kind TEXT NOT NULL,
  domain TEXT NOT NULL,
  status TEXT NOT NULL,
  department_id BIGINT NOT NULL REFERENCES departments(id),
  basis TEXT NOT NULL,
  facts TEXT NOT NULL,
  notice_document TEXT NOT NULL,
  defence_until TEXT NOT NULL,
  decision_document TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  exit_reason TEXT NOT NULL,
  exited_at TEXT NOT NULL,
  disputed_since TEXT NOT NULL,
  objection_ref TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX list_entries_by_subject ON list_entries(subject_id);
CREATE TABLE responsible_persons (
  entry_id BIGINT NOT NULL REFERENCES list_entries(id),
  person_subject_id BIGINT NOT NULL REFERENCES subjects(id),
  role TEXT NOT NULL,
  PRIMARY KEY (entry_id, person_subject_id, role)
);
CREATE INDEX responsible_persons_by_person ON responsible_persons(person_subject_id);
CREATE TABLE checks (
  id {{id}},
  department_id BIGINT,
  actor TEXT NOT NULL,
  subject_id BIGINT NOT NULL REFERENCES subjects(id),
  scenario TEXT NOT NULL,
  at TEXT NOT NULL,
  answer_sha256 TEXT NOT NULL,
  measures BIGINT NOT NULL
);
CREATE INDEX checks_by_subject ON checks(subject_id);
CREATE TABLE check_feedback (
  check_id BIGINT NOT NULL REFERENCES checks(id),
  measure_code TEXT NOT NULL,
  applied INTEGER NOT NULL,
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (check_id, measure_code)
);
)SQL"},
      {4, "subscriptions: pull feed filters and webhook delivery state", R"SQL(
CREATE TABLE subscriptions (
  id {{id}},
  department_id BIGINT NOT NULL REFERENCES departments(id),
  name TEXT NOT NULL,
  scope TEXT NOT NULL,
  region TEXT NOT NULL,
  webhook_url TEXT NOT NULL,
  secret_enc TEXT NOT NULL,
  active INTEGER NOT NULL,
  delivered_seq BIGINT NOT NULL,
  delivered BIGINT NOT NULL,
  attempts BIGINT NOT NULL,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE subscription_subjects (
  subscription_id BIGINT NOT NULL REFERENCES subscriptions(id),
  subject_id BIGINT NOT NULL REFERENCES subjects(id),
  PRIMARY KEY (subscription_id, subject_id)
);
)SQL"},
      {5, "subjects' rights: objections, repairs, authorisations, query log, display ends", R"SQL(
ALTER TABLE records ADD COLUMN display_ended_at TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN subject_id BIGINT NOT NULL DEFAULT 0;
CREATE INDEX records_display_pending ON records(display_until) WHERE display_ended_at = ''
  AND display_published = 1 AND display_until <> '';
CREATE INDEX list_entries_by_status ON list_entries(status, valid_until);
CREATE TABLE objections (
  id {{id}},
  target_kind TEXT NOT NULL,
  target_id BIGINT NOT NULL,
  subject_id BIGINT NOT NULL REFERENCES subjects(id),
  department_id BIGINT NOT NULL REFERENCES departments(id),
  filer_kind TEXT NOT NULL,
  filer_name TEXT NOT NULL,
  filer_contact TEXT NOT NULL,
  reasons TEXT NOT NULL,
  attachments TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  status TEXT NOT NULL,
  decision TEXT NOT NULL,
  decision_note TEXT NOT NULL,
  refuse_reason TEXT NOT NULL,
  target_version INTEGER NOT NULL,
  submitted_at TEXT NOT NULL,
  accept_due TEXT NOT NULL,
  accepted_at TEXT NOT NULL,
  verify_due TEXT NOT NULL,
  extension_requested_at TEXT NOT NULL,
  extension_reason TEXT NOT NULL,
  extended INTEGER NOT NULL,
  decided_at TEXT NOT NULL,
  close_due TEXT NOT NULL,
  closed_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX objections_by_status ON objections(status);
CREATE INDEX objections_by_target ON objections(target_kind, target_id);
CREATE TABLE case_steps (
  case_kind TEXT NOT NULL,
  case_id BIGINT NOT NULL,
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  step TEXT NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (case_kind, case_id, seq)
);
CREATE TABLE repairs (
  id {{id}},
  target_kind TEXT NOT NULL,
  target_id BIGINT NOT NULL,
  subject_id BIGINT NOT NULL REFERENCES subjects(id),
  applicant_name TEXT NOT NULL,
  applicant_contact TEXT NOT NULL,
  evidence TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  status TEXT NOT NULL,
  conditions TEXT NOT NULL,
  review_due TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  decision_note TEXT NOT NULL,
  restore_until TEXT NOT NULL,
  revoked_at TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX repairs_by_subject ON repairs(subject_id);
CREATE INDEX repairs_by_status ON repairs(status);
CREATE TABLE authorisations (
  id {{id}},
  subject_id BIGINT NOT NULL REFERENCES subjects(id),
  grantee_department_id BIGINT NOT NULL REFERENCES departments(id),
  purpose TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  withdrawn_at TEXT NOT NULL
);
CREATE INDEX authorisations_by_subject ON authorisations(subject_id);
CREATE TABLE query_log (
  id {{id}},
  subject_id BIGINT NOT NULL REFERENCES subjects(id),
  department_id BIGINT NOT NULL,
  actor TEXT NOT NULL,
  purpose TEXT NOT NULL,
  authorisation_id BIGINT NOT NULL,
  at TEXT NOT NULL,
  what TEXT NOT NULL
);
CREATE INDEX query_log_by_subject ON query_log(subject_id, id);
CREATE TABLE notices (
  id {{id}},
  department_id BIGINT NOT NULL REFERENCES departments(id),
  subject_id BIGINT NOT NULL REFERENCES subjects(id),
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT NOT NULL
);
CREATE INDEX notices_by_department ON notices(department_id, id);
)SQL"},
      {6, "browsing: records by item and decision date, by department; entries by kind", R"SQL(
CREATE INDEX records_by_item_decision ON records(item_code, decision_date);
CREATE INDEX records_by_department ON records(department_id, id);
CREATE INDEX list_entries_by_kind ON list_entries(list_kind, status, valid_from);
CREATE INDEX batches_by_department ON batches(department_id, id);
)SQL"},
      {7, "announcements (通知公告)", R"SQL(
CREATE TABLE announcements (
  id {{id}},
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  author TEXT NOT NULL,
  published_at TEXT NOT NULL,
  withdrawn_at TEXT NOT NULL,
  withdraw_reason TEXT NOT NULL
);
)SQL"},
      {8, "check facts: a covering index of records by subject", R"SQL(
CREATE INDEX records_facts ON records(subject_id, status, item_code, nature, decision_date,
  disputed_since, objection_ref);
DROP INDEX records_by_subject;
)SQL"},
      {9, "provisional deadlines: counted through a year without its holiday notice", R"SQL(
CREATE TABLE provisional_deadlines (
  target TEXT NOT NULL,
  field TEXT NOT NULL,
  from_date TEXT NOT NULL,
  working_days INTEGER NOT NULL,
  due TEXT NOT NULL,
  computed_at TEXT NOT NULL,
  PRIMARY KEY (target, field)
);
)SQL"},
      {10,
       "checks of codes not on the platform, the measures each answer named, and the check "
       "facts' document and department",
       R"SQL(
ALTER TABLE checks ALTER COLUMN subject_id DROP NOT NULL;
ALTER TABLE checks ADD COLUMN checked_code TEXT NOT NULL DEFAULT '';
ALTER TABLE checks ADD COLUMN measure_codes TEXT NOT NULL DEFAULT '';
UPDATE checks SET measure_codes = '*' WHERE measures > 0;
CREATE INDEX checks_by_department ON checks(department_id, id);
DROP INDEX records_facts;
CREATE INDEX records_facts ON records(subject_id, status, item_code, nature, decision_date,
  disputed_since, objection_ref, department_id, source_key);
)SQL",
       // SQLite cannot drop a NOT NULL: the table is rebuilt (foreign keys are not enforced
       // on SQLite connections, and check_feedback's reference follows the name).
       R"SQL(
CREATE TABLE checks_v10 (
  id {{id}},
  department_id BIGINT,
  actor TEXT NOT NULL,
  subject_id BIGINT REFERENCES subjects(id),
  scenario TEXT NOT NULL,
  at TEXT NOT NULL,
  answer_sha256 TEXT NOT NULL,
  measures BIGINT NOT NULL,
  checked_code TEXT NOT NULL DEFAULT '',
  measure_codes TEXT NOT NULL DEFAULT ''
);
INSERT INTO checks_v10 (id, department_id, actor, subject_id, scenario, at, answer_sha256,
  measures, measure_codes) SELECT id, department_id, actor, subject_id, scenario, at,
  answer_sha256, measures, CASE WHEN measures > 0 THEN '*' ELSE '' END FROM checks;
DROP TABLE checks;
ALTER TABLE checks_v10 RENAME TO checks;
CREATE INDEX checks_by_subject ON checks(subject_id);
CREATE INDEX checks_by_department ON checks(department_id, id);
DROP INDEX records_facts;
CREATE INDEX records_facts ON records(subject_id, status, item_code, nature, decision_date,
  disputed_since, objection_ref, department_id, source_key);
)SQL"},
      {11, "rejected rows kept as sent (sealed), for the file a clerk fixes and sends back",
       R"SQL(
ALTER TABLE rejections ADD COLUMN sealed_row TEXT NOT NULL DEFAULT '';
)SQL"},
      {12, "messages to filers (查询码 sent again), sent by the office's gateway", R"SQL(
CREATE TABLE outbound_messages (
  id {{id}},
  purpose TEXT NOT NULL,
  ref TEXT NOT NULL,
  channel TEXT NOT NULL,
  to_sealed TEXT NOT NULL,
  text_sealed TEXT NOT NULL,
  created_at TEXT NOT NULL,
  next_at TEXT NOT NULL,
  attempts BIGINT NOT NULL,
  sent_at TEXT NOT NULL,
  last_error TEXT NOT NULL
);
CREATE INDEX outbound_messages_due ON outbound_messages(sent_at, next_at);
)SQL"},
      {13, "admins' confirmations of measures' legal bases against the official texts", R"SQL(
CREATE TABLE basis_confirmations (
  id {{id}},
  measure_code TEXT NOT NULL,
  document TEXT NOT NULL,
  article TEXT NOT NULL,
  source TEXT NOT NULL,
  note TEXT NOT NULL,
  confirmed_by TEXT NOT NULL,
  confirmed_at TEXT NOT NULL
);
)SQL"},
      {14, "tips (举报): what was filed sealed, the workflow in clear, files apart", R"SQL(
CREATE TABLE tips (
  id {{id}},
  subject_sealed TEXT NOT NULL,
  subject_id BIGINT NOT NULL,
  facts_sealed TEXT NOT NULL,
  facts_sha256 TEXT NOT NULL,
  contact_sealed TEXT NOT NULL,
  attachments BIGINT NOT NULL,
  withheld TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  status TEXT NOT NULL,
  department_id BIGINT NOT NULL,
  transfers BIGINT NOT NULL,
  route_due TEXT NOT NULL,
  answer_due TEXT NOT NULL,
  total_due TEXT NOT NULL,
  extension_requested_at TEXT NOT NULL,
  extension_reason TEXT NOT NULL,
  extended BIGINT NOT NULL,
  answer TEXT NOT NULL,
  reason_code TEXT NOT NULL,
  answer_note TEXT NOT NULL,
  case_number TEXT NOT NULL,
  refuse_reason TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  routed_at TEXT NOT NULL,
  answered_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX tips_by_status ON tips(status, id);
CREATE INDEX tips_by_department ON tips(department_id, id);
CREATE INDEX tips_by_subject ON tips(subject_id);
CREATE TABLE tip_attachments (
  tip_id BIGINT NOT NULL REFERENCES tips(id),
  n BIGINT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  name_sealed TEXT NOT NULL,
  content_sealed TEXT NOT NULL,
  PRIMARY KEY (tip_id, n)
);
)SQL"},
      {15, "typical cases (典型案例) and what each links to", R"SQL(
CREATE TABLE typical_cases (
  id {{id}},
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  author TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  review_note TEXT NOT NULL,
  supersedes BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  published_at TEXT NOT NULL,
  display_until TEXT NOT NULL,
  withdrawn_at TEXT NOT NULL,
  withdrawn_by TEXT NOT NULL,
  withdraw_reason TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX typical_cases_by_status ON typical_cases(status, id);
CREATE TABLE typical_case_links (
  case_id BIGINT NOT NULL REFERENCES typical_cases(id),
  target_kind TEXT NOT NULL,
  target_id BIGINT NOT NULL,
  PRIMARY KEY (case_id, target_kind, target_id)
);
CREATE INDEX typical_case_links_by_target ON typical_case_links(target_kind, target_id);
)SQL"},
      {16, "indexes by time for the monthly monitoring (跟踪问效)", R"SQL(
CREATE INDEX batches_by_time ON batches(received_at);
CREATE INDEX record_versions_by_time ON record_versions(received_at);
CREATE INDEX checks_by_time ON checks(at);
CREATE INDEX objections_by_closed ON objections(closed_at);
)SQL"},
      {17, "commitments (信用承诺): what was signed, its outcome, the signed sheet apart", R"SQL(
CREATE TABLE commitments (
  id {{id}},
  code TEXT NOT NULL UNIQUE,
  subject_id BIGINT NOT NULL REFERENCES subjects(id),
  kind TEXT NOT NULL,
  matter TEXT NOT NULL,
  content TEXT NOT NULL,
  liability TEXT NOT NULL,
  made_on TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  publicity TEXT NOT NULL,
  department_id BIGINT NOT NULL,
  source_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  signed_by TEXT NOT NULL,
  material_due TEXT NOT NULL,
  created_at TEXT NOT NULL,
  due_flagged_at TEXT NOT NULL,
  status TEXT NOT NULL,
  performance TEXT NOT NULL,
  unperformed TEXT NOT NULL,
  liability_pursued TEXT NOT NULL,
  basis TEXT NOT NULL,
  outcome_note TEXT NOT NULL,
  decided_on TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX commitments_by_subject ON commitments(subject_id, id);
CREATE INDEX commitments_by_department ON commitments(department_id, id);
CREATE INDEX commitments_by_source ON commitments(department_id, source_id);
CREATE INDEX commitments_by_publicity ON commitments(publicity, id);
CREATE INDEX commitments_by_material_due ON commitments(status, material_due);
CREATE INDEX commitments_by_created ON commitments(created_at);
CREATE INDEX commitments_by_decided ON commitments(status, updated_at);
CREATE TABLE commitment_scans (
  commitment_id BIGINT PRIMARY KEY REFERENCES commitments(id),
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  name_sealed TEXT NOT NULL,
  content_sealed TEXT NOT NULL
);
)SQL"},
      {18, "credit reports (信用报告): what was issued and signed, never rewritten", R"SQL(
CREATE TABLE reports (
  id {{id}},
  number TEXT NOT NULL UNIQUE,
  subject_id BIGINT NOT NULL REFERENCES subjects(id),
  kind TEXT NOT NULL,
  purpose TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  channel TEXT NOT NULL,
  authorisation_id BIGINT NOT NULL,
  issued_at TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  content TEXT NOT NULL,
  digest TEXT NOT NULL,
  signature TEXT NOT NULL,
  key_id TEXT NOT NULL,
  record_ids TEXT NOT NULL
);
CREATE INDEX reports_by_subject ON reports(subject_id, id);
)SQL"},
      {19, "the evaluation (公共信用综合评价): current grades, their history, the follower's cursor",
       R"SQL(
CREATE TABLE evaluations (
  subject_id BIGINT PRIMARY KEY REFERENCES subjects(id),
  model TEXT NOT NULL,
  score BIGINT NOT NULL,
  grade TEXT NOT NULL,
  explanation TEXT NOT NULL,
  computed_at TEXT NOT NULL,
  recompute_on TEXT NOT NULL
);
CREATE INDEX evaluations_by_recompute ON evaluations(recompute_on);
CREATE TABLE evaluation_history (
  id {{id}},
  subject_id BIGINT NOT NULL REFERENCES subjects(id),
  model TEXT NOT NULL,
  score BIGINT NOT NULL,
  grade TEXT NOT NULL,
  previous_grade TEXT NOT NULL,
  computed_at TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX evaluation_history_by_subject ON evaluation_history(subject_id, id);
CREATE TABLE evaluation_cursor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,
  model TEXT NOT NULL
);
)SQL"},
  };
  return kMigrations;
}

}  // namespace xinyong::sql
