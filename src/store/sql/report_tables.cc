#include "store/sql/report_tables.h"

namespace xinyong::sql {
namespace {

constexpr const char* kCols =
    "id, number, subject_id, kind, purpose, requested_by, channel, authorisation_id, issued_at, "
    "valid_until, content, digest, signature, key_id, record_ids";

CreditReport ReportFrom(const Row& r) {
  CreditReport c;
  c.id = Int(r, 0);
  c.number = Text(r, 1);
  c.subject_id = Int(r, 2);
  c.kind = Text(r, 3);
  c.purpose = Text(r, 4);
  c.requested_by = Text(r, 5);
  c.channel = Text(r, 6);
  c.authorisation_id = Int(r, 7);
  c.issued_at = Text(r, 8);
  c.valid_until = Text(r, 9);
  c.content = Text(r, 10);
  c.digest = Text(r, 11);
  c.signature = Text(r, 12);
  c.key_id = Text(r, 13);
  c.record_ids = Text(r, 14);
  return c;
}

class SqlReportTables final : public ReportTables {
 public:
  SqlReportTables(QueryFn query, WritableFn writable)
      : q_(std::move(query)), writable_(std::move(writable)) {}

  Result<int64_t> InsertReport(const CreditReport& c) override {
    XY_RETURN_IF_ERROR(writable_());
    XY_ASSIGN_OR_RETURN(auto taken, FindReport(c.number));
    if (taken) return Conflict("report number " + c.number + " is taken");
    XY_ASSIGN_OR_RETURN(
        auto rows,
        q_("INSERT INTO reports (number, subject_id, kind, purpose, requested_by, channel, "
           "authorisation_id, issued_at, valid_until, content, digest, signature, key_id, "
           "record_ids) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
           "RETURNING id",
           {c.number, c.subject_id, c.kind, c.purpose, c.requested_by, c.channel,
            c.authorisation_id, c.issued_at, c.valid_until, c.content, c.digest, c.signature,
            c.key_id, c.record_ids}));
    return Int(rows.at(0), 0);
  }

  Result<std::optional<CreditReport>> FindReport(const std::string& number) override {
    XY_ASSIGN_OR_RETURN(auto rows, q_(std::string("SELECT ") + kCols +
                                          " FROM reports WHERE number = $1",
                                      {number}));
    if (rows.empty()) return std::optional<CreditReport>();
    return std::optional<CreditReport>(ReportFrom(rows[0]));
  }

  Result<std::vector<CreditReport>> ReportsOfSubject(int64_t subject_id, int64_t before_id,
                                                     int limit) override {
    XY_ASSIGN_OR_RETURN(
        auto rows, q_(std::string("SELECT ") + kCols +
                          " FROM reports WHERE subject_id = $1 AND ($2 = 0 OR id < $2) ORDER BY "
                          "id DESC LIMIT $3",
                      {subject_id, before_id, int64_t{limit}}));
    std::vector<CreditReport> out;
    for (const auto& r : rows) out.push_back(ReportFrom(r));
    return out;
  }

  Result<std::string> LastReportNumber(const std::string& prefix) override {
    XY_ASSIGN_OR_RETURN(auto rows, q_("SELECT MAX(number) FROM reports WHERE number >= $1 AND "
                                      "number <= $2",
                                      {prefix + "000000", prefix + "999999"}));
    return rows.empty() ? std::string() : Text(rows[0], 0);
  }

 private:
  QueryFn q_;
  WritableFn writable_;
};

}  // namespace

std::unique_ptr<ReportTables> NewSqlReportTables(QueryFn query, WritableFn writable) {
  return std::make_unique<SqlReportTables>(std::move(query), std::move(writable));
}

}  // namespace xinyong::sql
