// A city's store for the benchmarks of reports and the evaluation: a SQLite file of the current
// schema with SUBJECTS organisations (valid 统一社会信用代码, ids 1…SUBJECTS) and RECORDS public
// 行政处罚 records of one department, one version each, spread over the subjects (not part of the
// product).
#pragma once

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "bench_util.h"
#include "core/ids.h"

namespace xinyong::bench {

// Subject i's 统一社会信用代码: 9132010 0 + an organisation code from i, both check characters.
inline std::string Uscc(int64_t i) {
  char body[9];
  std::snprintf(body, sizeof body, "%08lld", static_cast<long long>(i));
  std::string org = std::string(body) + OrganizationCodeCheckChar(body);
  std::string s17 = "91320100" + org;
  return s17 + UsccCheckChar(s17);
}

inline void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::cerr << "fill: " << (err ? err : "?") << "\n";
    std::exit(1);
  }
}

inline void FillCity(const std::string& path, int64_t subjects, int64_t records) {
  sqlite3* db = nullptr;
  Must(db, sqlite3_open(path.c_str(), &db), "open");
  Exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; BEGIN");
  Exec(db, "INSERT INTO departments (id, code, name, created_at) VALUES (1, '11320100MB1886843H', "
           "'南京市市场监督管理局', '2026-01-01T00:00:00.000Z')");
  Exec(db, "INSERT INTO batches (id, department_id, item_code, channel, file_name, file_sha256, "
           "encoding, actor, received_at, status, accepted, unchanged, rejected) VALUES (1, 1, "
           "'CF', 'api', '', '', 'utf-8', 'bench', '2026-06-01T02:00:00.000Z', 'done', 0, 0, 0)");
  sqlite3_stmt* s = nullptr;
  sqlite3_stmt* id = nullptr;
  Must(db, sqlite3_prepare_v2(db, "INSERT INTO subjects (id, kind, name, region, created_at, "
                                  "updated_at) VALUES (?1, 'legal_person', '南京企业' || ?1, '320100', "
                                  "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
                              -1, &s, nullptr), "prepare subjects");
  Must(db, sqlite3_prepare_v2(db, "INSERT INTO subject_identifiers (subject_id, kind, lookup, "
                                  "sealed, display) VALUES (?1, 'uscc', ?2, '', ?2)",
                              -1, &id, nullptr), "prepare identifiers");
  for (int64_t i = 1; i <= subjects; ++i) {
    sqlite3_bind_int64(s, 1, i);
    Must(db, sqlite3_step(s), "subject");
    sqlite3_reset(s);
    const std::string code = Uscc(i);
    sqlite3_bind_int64(id, 1, i);
    sqlite3_bind_text(id, 2, code.c_str(), -1, SQLITE_TRANSIENT);
    Must(db, sqlite3_step(id), "identifier");
    sqlite3_reset(id);
  }
  sqlite3_finalize(s);
  sqlite3_finalize(id);
  const std::string counter = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                              "WHERE i < " + std::to_string(records) + ") ";
  const std::string subject = "1 + (i * 7919) % " + std::to_string(subjects);
  Exec(db, "INSERT INTO records (id, subject_id, item_code, department_id, source_key, "
           "current_version, status, decision_date, nature, disclosure, display_published, "
           "display_from, display_until, display_min_until, display_reason, received_at, "
           "updated_at, revoked_at, revoke_reason) " + counter + "SELECT i, " + subject +
           ", 'CF', 1, '宁市监罚〔2026〕' || i || '号', 1, 'active', '2026-05-20', 'minor', 'public', "
           "1, '2026-05-20', '2027-05-20', '2026-08-20', '一般失信行政处罚', "
           "'2026-06-01T02:00:00.000Z', '2026-06-01T02:00:00.000Z', '', '' FROM n");
  Exec(db, "INSERT INTO record_versions (record_id, version, batch_id, row_number, content_hash, "
           "fields, sealed, legal_basis, decision_date, received_at, working_days, late) " +
           counter + "SELECT i, 1, 1, i, 'h', json_object('CF_WSH', '宁市监罚〔2026〕' || i || '号', "
           "'CF_WFXW', '虚假宣传', 'CF_CFLB', '罚款', 'CF_NR_FK', 2.5, 'CF_CFJG', "
           "'南京市市场监督管理局'), '', '《中华人民共和国广告法》第五十五条', '2026-05-20', "
           "'2026-06-01T02:00:00.000Z', 3, 0 FROM n");
  Exec(db, "COMMIT; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close(db);
}

}  // namespace xinyong::bench
