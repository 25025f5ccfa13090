// A file of commitments from a department's approval system (CSV in UTF-8 or GB18030, XLSX,
// JSON): the columns are named in Chinese (or by the API's keys), every row is signed as
// CommitmentService::Sign would with channel "upload", and a bad row is refused with its
// reasons while the good ones are kept. One transaction for the file: a failure of the
// database leaves nothing of it.
#include <algorithm>
#include <map>

#include "core/clock.h"
#include "core/text.h"
#include "ingest/table.h"
#include "rules/spreadsheet_cells.h"
#include "service/commitments/commitment_service.h"
#include "store/store.h"

namespace xinyong {

namespace {

constexpr int64_t kMaxRows = 10'000;

// A column of the file: the request field it fills, its names, and how a spreadsheet's
// number in it is read.
struct Column {
  std::string CommitmentRequest::*field;
  const char* key;
  std::vector<std::string> names;
  FieldType numeric_as;  // kIdentifier: refused as a number; kDate: a serial read as a date
};

const std::vector<Column>& Columns() {
  static const std::vector<Column> columns = {
      {&CommitmentRequest::subject_name, "subject_name", {"承诺人名称", "承诺主体名称", "承诺人"}, FieldType::kText},
      {&CommitmentRequest::subject_code, "subject_code",
       {"统一社会信用代码", "承诺人代码", "身份证号码", "证件号码"}, FieldType::kIdentifier},
      {&CommitmentRequest::kind, "kind", {"承诺类型"}, FieldType::kText},
      {&CommitmentRequest::matter, "matter", {"承诺事由", "办理事项"}, FieldType::kText},
      {&CommitmentRequest::extra, "extra", {"补充承诺内容", "承诺内容"}, FieldType::kText},
      {&CommitmentRequest::made_on, "made_on", {"作出日期", "承诺日期"}, FieldType::kDate},
      {&CommitmentRequest::valid_until, "valid_until", {"有效期至", "有效期"}, FieldType::kDate},
      {&CommitmentRequest::publicity, "publicity", {"公开类型"}, FieldType::kText},
      {&CommitmentRequest::source_id, "source_id", {"原系统编号", "部门承诺编号"}, FieldType::kText},
      {&CommitmentRequest::code, "code", {"承诺编码"}, FieldType::kIdentifier},
      {&CommitmentRequest::department, "department", {"受理单位代码", "受理单位统一社会信用代码"},
       FieldType::kIdentifier},
  };
  return columns;
}

const Column* ColumnNamed(const std::string& name) {
  const std::string folded = NormaliseName(name);
  for (const auto& c : Columns()) {
    if (folded == c.key) return &c;
    for (const auto& n : c.names) {
      if (folded == n) return &c;
    }
  }
  return nullptr;
}

// "subject.code: …" → "subject_code" (the column key), for a row error's field.
std::string FieldOf(std::string_view message) {
  const size_t colon = message.find(':');
  if (colon == std::string_view::npos) return "";
  std::string f(message.substr(0, colon));
  std::replace(f.begin(), f.end(), '.', '_');
  return f;
}

}  // namespace

class CommitmentImporter {
 public:
  static Result<CommitmentImportSummary> Run(CommitmentService& s, const Principal& p,
                                             const std::string& file_name, std::string content) {
    XY_RETURN_IF_ERROR(RequireStaff(p));
    XY_ASSIGN_OR_RETURN(ingest::Format format, ingest::DetectFormat(file_name, content));
    ingest::OpenOptions options;
    options.max_rows = kMaxRows;
    XY_ASSIGN_OR_RETURN(auto reader, ingest::OpenTable(format, std::move(content), options));
    CommitmentImportSummary out;
    const std::string now = s.ctx_.clock.NowTimestamp();
    XY_ASSIGN_OR_RETURN(auto tx, s.ctx_.store.Begin(TxMode::kWrite));
    while (true) {
      XY_ASSIGN_OR_RETURN(auto row, reader->Next());
      if (!row) break;
      if (!row->error.empty()) {
        Refuse(out, row->number, "", "unreadable", row->error);
        continue;
      }
      CommitmentRequest req;
      req.channel = "upload";
      bool bad = false;
      for (const auto& [name, text] : row->cells) {
        const Column* col = ColumnNamed(name);
        if (!col) {
          return InvalidArgument("header: 第" + std::to_string(row->number) + "行的列“" + name +
                                 "”不是信用承诺文件的列（应为：承诺人名称、统一社会信用代码、"
                                 "承诺类型、承诺事由、作出日期、有效期至、公开类型、原系统编号或"
                                 "承诺编码等）");
        }
        std::string value = text;
        if (std::find(row->numeric.begin(), row->numeric.end(), name) != row->numeric.end()) {
          FieldSpec spec;
          spec.code = col->key;
          spec.type = col->numeric_as;
          NumericCell cell = ReadNumericCell(spec, name, text);
          if (cell.error) {
            Refuse(out, row->number, col->key, cell.error->code, cell.error->message);
            bad = true;
            continue;
          }
          value = cell.text;
        }
        req.*(col->field) = value;
      }
      if (bad) continue;
      auto signed_one = s.SignIn(*tx, p, req, now);
      if (!signed_one.ok()) {
        const Status& st = signed_one.status();
        if (st.code() != Code::kInvalidArgument && st.code() != Code::kConflict &&
            st.code() != Code::kPermissionDenied) {
          return st;  // the database, not the row
        }
        Refuse(out, row->number, FieldOf(st.message()), std::string(CodeName(st.code())),
               std::string(st.message()));
        continue;
      }
      ++(signed_one->unchanged ? out.unchanged : out.accepted);
      out.codes.push_back(signed_one->commitment.code);
    }
    XY_RETURN_IF_ERROR(tx->Commit());
    return out;
  }

 private:
  static Status RequireStaff(const Principal& p) {
    if (p.role == Role::kAdmin || p.role == Role::kOperator || p.role == Role::kOfficer) {
      return Status::Ok();
    }
    return PermissionDenied("role: 只有受理部门和信用办可以上传信用承诺文件");
  }

  static void Refuse(CommitmentImportSummary& out, int64_t row, const std::string& field,
                     const std::string& code, const std::string& message) {
    if (out.errors.empty() || out.errors.back().row != row) ++out.rejected;
    out.errors.push_back({row, field, code, message, ""});
  }
};

Result<CommitmentImportSummary> CommitmentService::Import(const Principal& p,
                                                          const std::string& file_name,
                                                          std::string content) {
  return CommitmentImporter::Run(*this, p, file_name, std::move(content));
}

}  // namespace xinyong
