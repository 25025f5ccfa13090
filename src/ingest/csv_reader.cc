// CSV (RFC 4180) in UTF-8, UTF-8 with BOM, or GB18030/GBK, one record at a time.
//
// The file is split into records and cells on its raw bytes, before any decoding: in GB18030
// the bytes of a multi-byte character are never ',', '"', CR or LF (trail bytes are 0x30-0x39
// or >= 0x40), so a bad character spoils its own cell only, and the row can be reported.
#include <errno.h>
#include <iconv.h>

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "ingest/readers.h"

namespace xinyong::ingest::internal {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string ColumnLabel(size_t index) { return "第" + std::to_string(index + 1) + "列"; }

std::string HexByte(unsigned char b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", b);
  return buf;
}

// GB18030 -> UTF-8 through glibc iconv. Not thread-safe (one per reader).
class Gb18030Decoder {
 public:
  Gb18030Decoder() : cd_(iconv_open("UTF-8", "GB18030")) {}
  ~Gb18030Decoder() {
    if (ok()) iconv_close(cd_);
  }
  Gb18030Decoder(const Gb18030Decoder&) = delete;
  Gb18030Decoder& operator=(const Gb18030Decoder&) = delete;

  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }

  // Converts `in`; on a byte sequence that is not GB18030 returns false and sets `*bad_at` to
  // its offset in `in`.
  bool Decode(std::string_view in, std::string* out, size_t* bad_at) {
    out->clear();
    iconv(cd_, nullptr, nullptr, nullptr, nullptr);
    char* src = const_cast<char*>(in.data());  // iconv does not write through it
    size_t src_left = in.size();
    std::string buf(in.size() * 2 + 16, '\0');
    while (src_left > 0) {
      char* dst = buf.data();
      size_t dst_left = buf.size();
      const size_t rc = iconv(cd_, &src, &src_left, &dst, &dst_left);
      out->append(buf.data(), buf.size() - dst_left);
      if (rc == static_cast<size_t>(-1) && errno != E2BIG) {
        *bad_at = in.size() - src_left;
        return false;
      }
    }
    return true;
  }

 private:
  iconv_t cd_;
};

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

class CsvReader final : public TableReader {
 public:
  CsvReader(std::string content, const OpenOptions& options)
      : content_(std::move(content)), max_rows_(options.max_rows) {}

  Status Open();
  Result<std::optional<SourceRow>> Next() override;
  std::string encoding() const override { return encoding_; }

 private:
  struct Record {
    int64_t number = 0;
    std::vector<std::string> cells;
    size_t size = 0;      // cells in use; the vector keeps spare strings for reuse
    std::string problem;  // a syntax problem, already phrased for a person
  };

  // Reads the record at pos_ into `r`; false at the end of the file.
  bool ReadRecord(Record* r);
  std::string& NewCell(Record* r);
  static bool IsBlankRecord(const Record& r);
  // Decodes the cells of `r` to UTF-8 in place; the row error when a cell cannot be decoded.
  std::optional<std::string> DecodeCells(Record* r);

  std::string content_;
  int64_t max_rows_;
  size_t pos_ = 0;
  int64_t records_ = 0;
  std::string encoding_;
  std::optional<Gb18030Decoder> gb_;
  std::vector<std::string> header_;
  int64_t data_rows_ = 0;
  Record record_;
  std::string scratch_;
};

std::string& CsvReader::NewCell(Record* r) {
  if (r->size == r->cells.size()) r->cells.emplace_back();
  std::string& cell = r->cells[r->size++];
  cell.clear();
  return cell;
}

bool CsvReader::ReadRecord(Record* r) {
  const size_t n = content_.size();
  if (pos_ >= n) return false;
  r->number = ++records_;
  r->size = 0;
  r->problem.clear();
  for (;;) {
    std::string& cell = NewCell(r);
    const size_t column = r->size;
    if (pos_ < n && content_[pos_] == '"') {
      ++pos_;
      bool closed = false;
      while (!closed) {
        const size_t q = content_.find('"', pos_);
        if (q == std::string::npos) {
          cell.append(content_, pos_, n - pos_);
          pos_ = n;
          r->problem = "第" + std::to_string(r->number) + "行第" + std::to_string(column) +
                       "列的引号没有闭合，从该处到文件末尾的内容都被读成了这一个单元格；"
                       "请检查该单元格的引号";
          return true;
        }
        cell.append(content_, pos_, q - pos_);
        pos_ = q + 1;
        if (pos_ < n && content_[pos_] == '"') {
          cell.push_back('"');
          ++pos_;
        } else {
          closed = true;
        }
      }
      // After the closing quote comes a delimiter; anything else is malformed.
      const bool at_end = pos_ >= n || content_[pos_] == ',' || content_[pos_] == '\n' ||
                          (content_[pos_] == '\r' && (pos_ + 1 >= n || content_[pos_ + 1] == '\n'));
      if (!at_end && r->problem.empty()) {
        r->problem = "第" + std::to_string(r->number) + "行第" + std::to_string(column) +
                     "列：引号闭合后还有其他字符；单元格内的引号要写成两个（\"\"）";
      }
    }
    // Unquoted text, or what follows a malformed quoted cell, up to the delimiter.
    const size_t d = content_.find_first_of(",\n", pos_);
    const size_t end = d == std::string::npos ? n : d;
    size_t text_end = end;
    if (text_end > pos_ && content_[text_end - 1] == '\r' &&
        (d == std::string::npos || content_[d] == '\n')) {
      --text_end;  // CRLF
    }
    cell.append(content_, pos_, text_end - pos_);
    if (d == std::string::npos) {
      pos_ = n;
      return true;
    }
    pos_ = d + 1;
    if (content_[d] == '\n') return true;
  }
}

bool CsvReader::IsBlankRecord(const Record& r) {
  if (!r.problem.empty()) return false;
  for (size_t i = 0; i < r.size; ++i) {
    if (!IsBlank(r.cells[i])) return false;
  }
  return true;
}

std::optional<std::string> CsvReader::DecodeCells(Record* r) {
  if (encoding_ == "utf-8") return std::nullopt;  // the whole file is valid UTF-8
  for (size_t i = 0; i < r->size; ++i) {
    std::string& cell = r->cells[i];
    if (IsAscii(cell)) continue;
    size_t bad_at = 0;
    bool ok = true;
    if (gb_) {
      ok = gb_->Decode(cell, &scratch_, &bad_at);
      if (ok) cell.swap(scratch_);
    } else if (!IsValidUtf8(cell)) {
      ok = false;
      for (std::string_view ch : Utf8Chars(cell)) {
        if (ch.size() == 1 && static_cast<unsigned char>(ch[0]) >= 0x80) break;
        bad_at += ch.size();
      }
    }
    if (!ok) {
      const unsigned char b = static_cast<unsigned char>(cell[bad_at]);
      return "第" + std::to_string(r->number) + "行第" + std::to_string(i + 1) +
             "列含有无法识别的字节（该单元格第" + std::to_string(bad_at + 1) + "个字节 " +
             HexByte(b) + "），不是有效的 " + (gb_ ? "GB18030/GBK" : "UTF-8") +
             " 编码；请检查文件编码后重新导出";
    }
  }
  return std::nullopt;
}

Status CsvReader::Open() {
  const std::string_view all(content_);
  if (all.substr(0, 2) == "\xFF\xFE" || all.substr(0, 2) == "\xFE\xFF") {
    return InvalidArgument(
        "文件是 UTF-16 编码（Excel 的“Unicode 文本”），无法按 CSV 读取；请在 Excel 中另存为"
        "“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”");
  }
  if (all.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    encoding_ = "utf-8-bom";
    pos_ = kUtf8Bom.size();
  } else if (IsValidUtf8(all)) {
    encoding_ = "utf-8";
  } else {
    encoding_ = "gb18030";
    gb_.emplace();
    if (!gb_->ok()) return Internal("iconv cannot convert from GB18030 on this system");
  }

  // The header: the first record that is not blank.
  Record& r = record_;
  for (;;) {
    if (!ReadRecord(&r)) return InvalidArgument("文件是空的：没有表头行（第一行应为列名）");
    if (!IsBlankRecord(r)) break;
  }
  if (!r.problem.empty()) return InvalidArgument("表头行有误：" + r.problem);
  if (std::optional<std::string> bad = DecodeCells(&r)) {
    return InvalidArgument("表头行有误：" + *bad);
  }
  std::vector<std::string> labels;
  for (size_t i = 0; i < r.size; ++i) {
    header_.push_back(TrimHeaderName(r.cells[i]));
    labels.push_back(ColumnLabel(i));
  }
  XY_RETURN_IF_ERROR(CheckHeaderNames(header_, labels));

  // Count the data rows before any is handed out, so an oversized file is refused whole.
  const size_t data_start = pos_;
  const int64_t records_at_data = records_;
  int64_t rows = 0;
  Record scan;
  while (ReadRecord(&scan)) {
    if (!IsBlankRecord(scan) && ++rows > max_rows_) return TooManyRows(max_rows_);
  }
  pos_ = data_start;
  records_ = records_at_data;
  return Status::Ok();
}

Result<std::optional<SourceRow>> CsvReader::Next() {
  Record& r = record_;
  do {
    if (!ReadRecord(&r)) return std::optional<SourceRow>();
  } while (IsBlankRecord(r));
  if (++data_rows_ > max_rows_) return TooManyRows(max_rows_);

  SourceRow row;
  row.number = r.number;
  if (!r.problem.empty()) {
    row.error = r.problem;
    return std::optional<SourceRow>(std::move(row));
  }
  if (r.size != header_.size()) {
    row.error = "第" + std::to_string(r.number) + "行有 " + std::to_string(r.size) +
                " 个单元格，而表头有 " + std::to_string(header_.size()) +
                " 列；请检查该行是否多了或少了逗号，含逗号或换行的内容要用英文双引号括起来";
    return std::optional<SourceRow>(std::move(row));
  }
  if (std::optional<std::string> bad = DecodeCells(&r)) {
    row.error = std::move(*bad);
    return std::optional<SourceRow>(std::move(row));
  }
  row.cells.reserve(header_.size());
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i].empty()) {
      if (IsBlank(r.cells[i])) continue;
      row.cells.clear();
      row.error = "第" + std::to_string(r.number) + "行第" + std::to_string(i + 1) +
                  "列有内容，但表头该列没有列名；请补上列名或删去该列的内容";
      break;
    }
    row.cells.emplace_back(header_[i], std::move(r.cells[i]));
  }
  return std::optional<SourceRow>(std::move(row));
}

}  // namespace

Result<std::unique_ptr<TableReader>> OpenCsv(std::string content, const OpenOptions& options) {
  auto reader = std::make_unique<CsvReader>(std::move(content), options);
  XY_RETURN_IF_ERROR(reader->Open());
  return std::unique_ptr<TableReader>(std::move(reader));
}

}  // namespace xinyong::ingest::internal
