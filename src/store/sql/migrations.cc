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
  };
  return kMigrations;
}

}  // namespace xinyong::sql
