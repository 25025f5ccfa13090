// JSON Lines (one object per line) and a JSON array of objects, read with nlohmann's SAX
// parser so that numbers keep the text they were written with (no rounding through double).
#include <algorithm>
#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "ingest/readers.h"

namespace xinyong::ingest::internal {
namespace {

using Json = nlohmann::json;
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// The useful part of a nlohmann parse error: "syntax error while parsing value - ...".
std::string ParserDetail(const std::string& what) {
  std::string_view s(what);
  if (const size_t p = s.find("parse error"); p != std::string_view::npos) {
    s.remove_prefix(p);
    if (const size_t colon = s.find(": "); colon != std::string_view::npos) {
      s.remove_prefix(colon + 2);
    }
  }
  return PrintableUtf8(s);  // "last read: '...'" quotes the input, which may not be UTF-8
}

// Collects rows from SAX events. Elements are the values at depth `element_depth`: 0 for a
// line of JSON Lines, 1 for the items of a JSON array. Each element should be a flat object.
class RowCollector final : public nlohmann::json_sax<Json> {
 public:
  // `where(n)` names element n in a message: "第3行" or "第3项".
  RowCollector(int element_depth, std::string (*where)(int64_t), std::deque<SourceRow>* out)
      : element_depth_(element_depth), where_(where), out_(out) {}

  // Element numbering: JSON Lines sets the line number before each line.
  void set_next_number(int64_t n) { next_number_ = first_number_ = n; }
  void set_max_rows(int64_t n) { max_rows_ = n; }

  // Set when the document as a whole is unusable (syntax error, top level not an array, too
  // many rows); parsing stopped there.
  const std::optional<Status>& fatal() const { return fatal_; }
  // For JSON Lines: the syntax error of the line, phrased for a person.
  const std::string& syntax_error() const { return syntax_error_; }
  std::string_view content_for_positions;  // the document, to turn byte positions into lines

  bool null() override { return Scalar("", "null"); }
  bool boolean(bool v) override { return Scalar(v ? "true" : "false", "true/false"); }
  bool number_integer(number_integer_t v) override { return Scalar(std::to_string(v), "数字"); }
  bool number_unsigned(number_unsigned_t v) override { return Scalar(std::to_string(v), "数字"); }
  bool number_float(number_float_t, const string_t& text) override { return Scalar(text, "数字"); }
  bool string(string_t& v) override { return Scalar(std::move(v), "文本"); }
  bool binary(binary_t&) override { return Scalar("", "binary"); }

  bool start_object(std::size_t) override { return Open(/*is_array=*/false); }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override { return Open(/*is_array=*/true); }
  bool end_array() override { return Close(); }

  bool key(string_t& k) override {
    if (depth_ == element_depth_ + 1) key_ = std::move(k);
    return true;
  }

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    if (element_depth_ == 0) {
      syntax_error_ = where_(first_number_) + "不是有效的 JSON（该行第" + std::to_string(position) +
                      "个字节附近）：" + ParserDetail(ex.what());
    } else {
      fatal_ = InvalidArgument("JSON 格式错误（" + LineColumn(position) +
                               "附近），整个文件无法读取：" + ParserDetail(ex.what()));
    }
    return false;
  }

 private:
  bool BeginElement() {
    if (element_depth_ > 0 && static_cast<int64_t>(out_->size()) >= max_rows_) {
      fatal_ = TooManyRows(max_rows_);
      return false;
    }
    current_ = SourceRow{};
    current_.number = next_number_++;
    keys_.clear();
    return true;
  }
  void EndElement() { out_->push_back(std::move(current_)); }
  void Problem(std::string message) {
    if (current_.error.empty()) current_.error = std::move(message);
  }

  bool Open(bool is_array) {
    if (depth_ < element_depth_) {  // the top level of a JSON array document
      if (!is_array) return TopLevelNotArray();
    } else if (depth_ == element_depth_) {
      if (!BeginElement()) return false;
      if (is_array) {
        Problem(where_(current_.number) + "是数组，应为对象（{\"列名\": 值, ...}）");
      }
    } else if (depth_ == element_depth_ + 1) {
      Problem(where_(current_.number) + "字段“" + key_ + "”的值是嵌套的" +
              (is_array ? "数组" : "对象") + "；只接受文本、数字、true/false 或 null");
    }
    ++depth_;
    return true;
  }

  bool Close() {
    --depth_;
    if (depth_ == element_depth_) EndElement();
    return true;
  }

  bool Scalar(std::string text, const char* kind) {
    if (depth_ < element_depth_) return TopLevelNotArray();
    if (depth_ == element_depth_) {
      if (!BeginElement()) return false;
      Problem(where_(current_.number) + "是" + kind + "，应为对象（{\"列名\": 值, ...}）");
      EndElement();
      return true;
    }
    if (depth_ > element_depth_ + 1 || !current_.error.empty()) return true;
    if (!keys_.insert(key_).second) {
      Problem(where_(current_.number) + "字段“" + key_ + "”出现了不止一次");
      current_.cells.clear();
      return true;
    }
    current_.cells.emplace_back(key_, std::move(text));
    return true;
  }

  bool TopLevelNotArray() {
    fatal_ = InvalidArgument(
        "JSON 文件的顶层应是对象数组（[{\"列名\": 值, ...}, ...]）；如果每行一个对象，请使用 "
        ".jsonl 扩展名");
    return false;
  }

  std::string LineColumn(size_t position) const {
    // `position` counts the bytes read, the offending one included.
    const size_t end = std::min(position > 0 ? position - 1 : 0, content_for_positions.size());
    int64_t line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < end; ++i) {
      if (content_for_positions[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    return "第" + std::to_string(line) + "行第" + std::to_string(end - line_start + 1) + "列";
  }

  const int element_depth_;
  std::string (*where_)(int64_t);
  std::deque<SourceRow>* out_;
  int64_t next_number_ = 1;
  int64_t first_number_ = 1;
  int64_t max_rows_ = 0;
  int depth_ = 0;
  std::string key_;
  std::set<std::string> keys_;
  SourceRow current_;
  std::optional<Status> fatal_;
  std::string syntax_error_;
};

std::string LineLabel(int64_t n) { return "第" + std::to_string(n) + "行"; }
std::string ItemLabel(int64_t n) { return "第" + std::to_string(n) + "项"; }

bool IsBlankLine(std::string_view s) { return IsBlank(s); }

class JsonLinesReader final : public TableReader {
 public:
  JsonLinesReader(std::string content, const OpenOptions& options)
      : content_(std::move(content)), max_rows_(options.max_rows) {}

  Status Open() {
    if (std::string_view(content_).substr(0, kUtf8Bom.size()) == kUtf8Bom) {
      pos_ = kUtf8Bom.size();
    }
    int64_t rows = 0;
    for (size_t p = pos_; p < content_.size();) {
      size_t e = content_.find('\n', p);
      if (e == std::string::npos) e = content_.size();
      if (!IsBlankLine(std::string_view(content_).substr(p, e - p)) && ++rows > max_rows_) {
        return TooManyRows(max_rows_);
      }
      p = e + 1;
    }
    if (rows == 0) return InvalidArgument("文件是空的：没有任何记录（JSON Lines 应每行一个对象）");
    return Status::Ok();
  }

  Result<std::optional<SourceRow>> Next() override {
    std::string_view line;
    do {
      if (pos_ >= content_.size()) return std::optional<SourceRow>();
      size_t e = content_.find('\n', pos_);
      if (e == std::string::npos) e = content_.size();
      line = std::string_view(content_).substr(pos_, e - pos_);
      pos_ = e + 1;
      ++line_;
    } while (IsBlankLine(line));
    if (++data_rows_ > max_rows_) return TooManyRows(max_rows_);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    std::deque<SourceRow> rows;
    RowCollector collector(0, &LineLabel, &rows);
    collector.set_next_number(line_);
    Json::sax_parse(line.data(), line.data() + line.size(), &collector);
    SourceRow row;
    row.number = line_;
    if (!collector.syntax_error().empty()) {
      row.error = collector.syntax_error();
    } else if (rows.size() == 1) {
      row = std::move(rows.front());
      if (!row.error.empty()) row.cells.clear();
    } else {
      row.error = LineLabel(line_) + "不是有效的 JSON";
    }
    return std::optional<SourceRow>(std::move(row));
  }

  std::string encoding() const override { return "json"; }

 private:
  std::string content_;
  int64_t max_rows_;
  size_t pos_ = 0;
  int64_t line_ = 0;
  int64_t data_rows_ = 0;
};

class JsonArrayReader final : public TableReader {
 public:
  JsonArrayReader(std::string content, const OpenOptions& options)
      : content_(std::move(content)), max_rows_(options.max_rows) {}

  Status Open() {
    std::string_view doc(content_);
    if (doc.substr(0, kUtf8Bom.size()) == kUtf8Bom) doc.remove_prefix(kUtf8Bom.size());
    if (IsBlank(doc)) return InvalidArgument("文件是空的：没有任何记录");
    RowCollector collector(1, &ItemLabel, &rows_);
    collector.set_max_rows(max_rows_);
    collector.content_for_positions = doc;
    const bool ok = Json::sax_parse(doc.data(), doc.data() + doc.size(), &collector);
    if (collector.fatal()) return *collector.fatal();
    if (!ok) return InvalidArgument("JSON 格式错误，整个文件无法读取");
    for (SourceRow& row : rows_) {
      if (!row.error.empty()) row.cells.clear();
    }
    content_.clear();
    content_.shrink_to_fit();
    return Status::Ok();
  }

  Result<std::optional<SourceRow>> Next() override {
    if (rows_.empty()) return std::optional<SourceRow>();
    SourceRow row = std::move(rows_.front());
    rows_.pop_front();
    return std::optional<SourceRow>(std::move(row));
  }

  std::string encoding() const override { return "json"; }

 private:
  std::string content_;
  int64_t max_rows_;
  std::deque<SourceRow> rows_;
};

}  // namespace

Result<std::unique_ptr<TableReader>> OpenJsonLines(std::string content,
                                                   const OpenOptions& options) {
  auto reader = std::make_unique<JsonLinesReader>(std::move(content), options);
  XY_RETURN_IF_ERROR(reader->Open());
  return std::unique_ptr<TableReader>(std::move(reader));
}

Result<std::unique_ptr<TableReader>> OpenJsonArray(std::string content,
                                                   const OpenOptions& options) {
  auto reader = std::make_unique<JsonArrayReader>(std::move(content), options);
  XY_RETURN_IF_ERROR(reader->Open());
  return std::unique_ptr<TableReader>(std::move(reader));
}

}  // namespace xinyong::ingest::internal
