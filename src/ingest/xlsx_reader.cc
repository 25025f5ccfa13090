// Excel .xlsx: the first visible worksheet, streamed row by row.
//
// The archive is read from memory with libzip; every member is read through one byte budget
// (OpenOptions::max_uncompressed_bytes) so a zip bomb is refused, both by the sizes it declares
// and by what it actually inflates to. The XML parts are parsed with expat (no DTDs, no
// external entities); the worksheet is fed to the parser in chunks as rows are asked for, so a
// large sheet never sits in memory as XML or as rows.
#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/readers.h"
#include "ingest/xlsx_cells.h"

namespace xinyong::ingest::internal {
namespace {

constexpr char kNsSeparator = '\x01';
constexpr size_t kChunk = 64 * 1024;

std::string Corrupt(const std::string& detail) {
  return "XLSX 文件已损坏或不是 Excel 工作簿（" + detail + "）；请在 Excel 中打开并重新保存后上传";
}

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || (s.front() >= '\t' && s.front() <= '\r'))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || (s.back() >= '\t' && s.back() <= '\r'))) {
    s.remove_suffix(1);
  }
  return s;
}

template <typename T>
bool ParseInt(std::string_view s, T* out) {
  s = TrimAscii(s);
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return !s.empty() && ec == std::errc() && end == s.data() + s.size();
}

// ---------------------------------------------------------------------------------------------
// The archive.

class Archive;

// One member being inflated. Not thread-safe.
class MemberStream {
 public:
  // A stream that is `charged` spends the archive's budget; one that is not (a second pass
  // over a member) is held to the same limit on its own.
  MemberStream(Archive* archive, zip_file_t* file, std::string name, bool charged)
      : archive_(archive), file_(file), name_(std::move(name)), charged_(charged) {}
  ~MemberStream() { zip_fclose(file_); }
  MemberStream(const MemberStream&) = delete;
  MemberStream& operator=(const MemberStream&) = delete;

  const std::string& name() const { return name_; }
  // Up to `n` bytes into `buf`; 0 at the end of the member.
  Result<size_t> Read(char* buf, size_t n);

 private:
  Archive* archive_;
  zip_file_t* file_;
  std::string name_;
  bool charged_;
  uint64_t read_ = 0;
};

class Archive {
 public:
  // `data` must outlive the archive.
  static Result<std::unique_ptr<Archive>> Open(std::string_view data, uint64_t max_bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(data.data(), data.size(), 0, &error);
    if (source == nullptr) {
      const std::string message = zip_error_strerror(&error);
      zip_error_fini(&error);
      return Internal("libzip: " + message);
    }
    zip_t* zip = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (zip == nullptr) {
      const std::string message = zip_error_strerror(&error);
      zip_source_free(source);
      zip_error_fini(&error);
      return InvalidArgument(Corrupt("无法作为压缩包打开：" + message));
    }
    zip_error_fini(&error);
    auto archive = std::unique_ptr<Archive>(new Archive(zip, max_bytes));
    XY_RETURN_IF_ERROR(archive->CheckDeclaredSizes());
    return archive;
  }

  ~Archive() { zip_discard(zip_); }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  bool Has(const std::string& name) const { return Locate(name) >= 0; }

  Result<std::unique_ptr<MemberStream>> OpenMember(const std::string& name, bool charged = true) {
    const zip_int64_t index = Locate(name);
    if (index < 0) return InvalidArgument(Corrupt("缺少 " + name));
    zip_file_t* file = zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
    if (file == nullptr) {
      return InvalidArgument(Corrupt("无法读取 " + name + "：" + zip_strerror(zip_)));
    }
    return std::make_unique<MemberStream>(this, file, name, charged);
  }

  // Takes `n` bytes from the budget; false when the budget is spent.
  bool Spend(size_t n) {
    if (n > remaining_) return false;
    remaining_ -= n;
    return true;
  }

  uint64_t max_bytes() const { return max_bytes_; }

  Status TooLarge() const {
    return InvalidArgument(
        "XLSX 文件解压后超过 " + std::to_string(max_bytes_ >> 20) +
        " MiB（可能是“压缩炸弹”），拒绝读取；请删去无关的工作表或拆分文件后上传");
  }

 private:
  Archive(zip_t* zip, uint64_t max_bytes)
      : zip_(zip), max_bytes_(max_bytes), remaining_(max_bytes) {}

  Status CheckDeclaredSizes() const {
    const zip_int64_t n = zip_get_num_entries(zip_, 0);
    uint64_t total = 0;
    for (zip_int64_t i = 0; i < n; ++i) {
      zip_stat_t st;
      zip_stat_init(&st);
      if (zip_stat_index(zip_, static_cast<zip_uint64_t>(i), 0, &st) != 0) continue;
      if ((st.valid & ZIP_STAT_SIZE) == 0) continue;
      if (st.size > max_bytes_ - total) return TooLarge();
      total += st.size;
    }
    return Status::Ok();
  }

  zip_int64_t Locate(const std::string& name) const {
    const zip_int64_t exact = zip_name_locate(zip_, name.c_str(), 0);
    return exact >= 0 ? exact : zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
  }

  zip_t* zip_;
  uint64_t max_bytes_;
  uint64_t remaining_;
};

Result<size_t> MemberStream::Read(char* buf, size_t n) {
  const zip_int64_t got = zip_fread(file_, buf, n);
  if (got < 0) {
    return InvalidArgument(Corrupt("读取 " + name_ + " 出错：" + zip_file_strerror(file_)));
  }
  read_ += static_cast<uint64_t>(got);
  if (charged_ ? !archive_->Spend(static_cast<size_t>(got)) : read_ > archive_->max_bytes()) {
    return archive_->TooLarge();
  }
  return static_cast<size_t>(got);
}

// ---------------------------------------------------------------------------------------------
// XML.

using Attrs = const XML_Char**;

// Element names without their namespace: "row", "c", "v".
std::string_view LocalName(const XML_Char* name) {
  std::string_view s(name);
  const size_t sep = s.rfind(kNsSeparator);
  return sep == std::string_view::npos ? s : s.substr(sep + 1);
}

// The value of the attribute with this local name, or nullptr.
const char* Attr(Attrs attrs, std::string_view local) {
  for (size_t i = 0; attrs[i] != nullptr; i += 2) {
    if (LocalName(attrs[i]) == local) return attrs[i + 1];
  }
  return nullptr;
}

class XmlSink {
 public:
  virtual ~XmlSink() = default;
  virtual void Start(std::string_view name, Attrs attrs) = 0;
  virtual void End(std::string_view name) = 0;
  virtual void Text(std::string_view) {}
};

// An expat parser that reports local names to a sink. DTDs are refused outright (no entity
// tricks); expat itself never loads external entities.
class XmlParser {
 public:
  XmlParser(XmlSink* sink, std::string part) : sink_(sink), part_(std::move(part)) {
    parser_ = XML_ParserCreateNS(nullptr, kNsSeparator);
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &OnStart, &OnEnd);
    XML_SetCharacterDataHandler(parser_, &OnText);
    XML_SetStartDoctypeDeclHandler(parser_, &OnDoctype);
  }
  ~XmlParser() { XML_ParserFree(parser_); }
  XmlParser(const XmlParser&) = delete;
  XmlParser& operator=(const XmlParser&) = delete;

  bool ok() const { return parser_ != nullptr; }

  Status Feed(const char* data, size_t n, bool final) {
    if (XML_Parse(parser_, data, static_cast<int>(n), final ? 1 : 0) != XML_STATUS_OK) {
      if (doctype_) return InvalidArgument(Corrupt(part_ + " 含有 DTD 声明，不予读取"));
      return InvalidArgument(
          Corrupt(part_ + " 第" + std::to_string(XML_GetCurrentLineNumber(parser_)) + "行第" +
                  std::to_string(XML_GetCurrentColumnNumber(parser_) + 1) + "列 XML 格式错误：" +
                  XML_ErrorString(XML_GetErrorCode(parser_))));
    }
    return Status::Ok();
  }

 private:
  static void OnStart(void* self, const XML_Char* name, Attrs attrs) {
    static_cast<XmlParser*>(self)->sink_->Start(LocalName(name), attrs);
  }
  static void OnEnd(void* self, const XML_Char* name) {
    static_cast<XmlParser*>(self)->sink_->End(LocalName(name));
  }
  static void OnText(void* self, const XML_Char* s, int len) {
    static_cast<XmlParser*>(self)->sink_->Text(std::string_view(s, static_cast<size_t>(len)));
  }
  static void OnDoctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto* p = static_cast<XmlParser*>(self);
    p->doctype_ = true;
    XML_StopParser(p->parser_, XML_FALSE);
  }

  XML_Parser parser_;
  XmlSink* sink_;
  std::string part_;
  bool doctype_ = false;
};

// Parses a whole member into `sink`.
Status ParseMember(Archive& archive, const std::string& name, XmlSink* sink) {
  XY_ASSIGN_OR_RETURN(std::unique_ptr<MemberStream> stream, archive.OpenMember(name));
  XmlParser parser(sink, name);
  std::string buf(kChunk, '\0');
  for (;;) {
    XY_ASSIGN_OR_RETURN(const size_t n, stream->Read(buf.data(), buf.size()));
    XY_RETURN_IF_ERROR(parser.Feed(buf.data(), n, n == 0));
    if (n == 0) return Status::Ok();
  }
}

// ---------------------------------------------------------------------------------------------
// Package structure: relationships, workbook, styles, shared strings.

struct Relationship {
  std::string type;
  std::string target;  // resolved to a member name
};

// "xl/workbook.xml" -> "xl/".
std::string DirOf(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? "" : std::string(path.substr(0, slash + 1));
}

// A relationship target resolved against the directory of its source part.
std::string ResolvePath(std::string_view base_dir, std::string_view target) {
  std::string joined;
  if (!target.empty() && target.front() == '/') {
    joined = std::string(target.substr(1));
  } else {
    joined = std::string(base_dir) + std::string(target);
  }
  std::vector<std::string_view> parts;
  std::string_view rest(joined);
  while (!rest.empty()) {
    const size_t slash = rest.find('/');
    const std::string_view seg = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(seg);
  }
  std::string out;
  for (std::string_view p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

// "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels".
std::string RelsPathOf(std::string_view part) {
  const size_t slash = part.rfind('/');
  const std::string_view file = slash == std::string_view::npos ? part : part.substr(slash + 1);
  return DirOf(part) + "_rels/" + std::string(file) + ".rels";
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

class RelsSink final : public XmlSink {
 public:
  explicit RelsSink(std::string base_dir) : base_dir_(std::move(base_dir)) {}
  void Start(std::string_view name, Attrs attrs) override {
    if (name != "Relationship") return;
    const char* id = Attr(attrs, "Id");
    const char* type = Attr(attrs, "Type");
    const char* target = Attr(attrs, "Target");
    const char* mode = Attr(attrs, "TargetMode");
    if (id == nullptr || type == nullptr || target == nullptr) return;
    if (mode != nullptr && std::string_view(mode) == "External") return;
    rels[id] = Relationship{type, ResolvePath(base_dir_, target)};
  }
  void End(std::string_view) override {}

  // The target of the first relationship whose type ends with `/suffix`, or "".
  std::string FindByType(std::string_view suffix) const {
    for (const auto& [id, rel] : rels) {
      if (EndsWith(rel.type, "/" + std::string(suffix))) return rel.target;
    }
    return "";
  }

  std::map<std::string, Relationship> rels;

 private:
  std::string base_dir_;
};

struct SheetEntry {
  std::string name;
  std::string rel_id;
  bool hidden = false;
};

class WorkbookSink final : public XmlSink {
 public:
  void Start(std::string_view name, Attrs attrs) override {
    if (name == "sheets") {
      in_sheets_ = true;
    } else if (name == "sheet" && in_sheets_) {
      SheetEntry e;
      if (const char* n = Attr(attrs, "name")) e.name = n;
      if (const char* id = Attr(attrs, "id")) e.rel_id = id;
      if (const char* state = Attr(attrs, "state")) e.hidden = std::string_view(state) != "visible";
      sheets.push_back(std::move(e));
    } else if (name == "workbookPr") {
      if (const char* v = Attr(attrs, "date1904")) {
        const std::string_view s(v);
        date1904 = s == "1" || s == "true";
      }
    }
  }
  void End(std::string_view name) override {
    if (name == "sheets") in_sheets_ = false;
  }

  std::vector<SheetEntry> sheets;
  bool date1904 = false;

 private:
  bool in_sheets_ = false;
};

class StylesSink final : public XmlSink {
 public:
  void Start(std::string_view name, Attrs attrs) override {
    if (name == "numFmt") {
      const char* id = Attr(attrs, "numFmtId");
      const char* code = Attr(attrs, "formatCode");
      int n = 0;
      if (id != nullptr && code != nullptr && ParseInt(id, &n)) custom_[n] = code;
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_ && depth_in_xfs_ == 0) {
      int id = 0;
      if (const char* v = Attr(attrs, "numFmtId")) {
        if (!ParseInt(v, &id)) id = 0;
      }
      xf_formats_.push_back(id);
    }
    if (in_cell_xfs_ && name != "cellXfs") ++depth_in_xfs_;
  }
  void End(std::string_view name) override {
    if (name == "cellXfs") {
      in_cell_xfs_ = false;
      depth_in_xfs_ = 0;
    } else if (in_cell_xfs_ && depth_in_xfs_ > 0) {
      --depth_in_xfs_;
    }
  }

  // The kind of number format of each cell style (the cell's s="N").
  std::vector<NumberFormatKind> Kinds() const {
    std::vector<NumberFormatKind> kinds;
    kinds.reserve(xf_formats_.size());
    for (int id : xf_formats_) {
      if (auto it = custom_.find(id); it != custom_.end()) {
        kinds.push_back(ClassifyNumberFormat(it->second));
      } else {
        kinds.push_back(BuiltinNumberFormatKind(id).value_or(NumberFormatKind::kNumber));
      }
    }
    return kinds;
  }

 private:
  std::map<int, std::string> custom_;
  std::vector<int> xf_formats_;
  bool in_cell_xfs_ = false;
  int depth_in_xfs_ = 0;
};

// The shared string table, stored as one buffer and offsets: a table of many tiny strings
// must not cost more memory than its XML.
class SharedStrings {
 public:
  void Add(std::string_view s) {
    pool_.append(s);
    ends_.push_back(pool_.size());
  }
  size_t size() const { return ends_.size(); }
  std::string_view at(size_t i) const {
    const size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(pool_).substr(begin, ends_[i] - begin);
  }

 private:
  std::string pool_;
  std::vector<size_t> ends_;
};

// Text of a string item (<si> or <is>): every <t>, except the phonetic runs (<rPh>).
class StringItemText {
 public:
  void Start(std::string_view name) {
    if (name == "rPh") ++phonetic_;
    if (name == "t" && phonetic_ == 0) in_t_ = true;
  }
  void End(std::string_view name) {
    if (name == "rPh" && phonetic_ > 0) --phonetic_;
    if (name == "t") in_t_ = false;
  }
  void Text(std::string_view s) {
    if (in_t_) text_.append(s);
  }
  std::string& text() { return text_; }
  void Clear() {
    text_.clear();
    phonetic_ = 0;
    in_t_ = false;
  }

 private:
  std::string text_;
  int phonetic_ = 0;
  bool in_t_ = false;
};

class SharedStringsSink final : public XmlSink {
 public:
  explicit SharedStringsSink(SharedStrings* out) : out_(out) {}
  void Start(std::string_view name, Attrs) override {
    if (name == "si") {
      in_si_ = true;
      item_.Clear();
    } else if (in_si_) {
      item_.Start(name);
    }
  }
  void End(std::string_view name) override {
    if (name == "si") {
      in_si_ = false;
      out_->Add(item_.text());
    } else if (in_si_) {
      item_.End(name);
    }
  }
  void Text(std::string_view s) override {
    if (in_si_) item_.Text(s);
  }

 private:
  SharedStrings* out_;
  StringItemText item_;
  bool in_si_ = false;
};

// ---------------------------------------------------------------------------------------------
// The worksheet.

struct RawRow {
  int64_t number = 0;
  std::vector<std::pair<int, std::string>> cells;  // column number (1 = A) -> text, non-empty
  std::vector<int> numeric;                        // columns stored as numbers (not dates)
  std::string error;
};

std::string CellLabel(int64_t row, int column) {
  return "第" + std::to_string(row) + "行" + ColumnName(column) + "列";
}

class SheetSink final : public XmlSink {
 public:
  SheetSink(const SharedStrings* strings, std::vector<NumberFormatKind> kinds, bool date1904,
            std::deque<RawRow>* out)
      : strings_(strings), kinds_(std::move(kinds)), date1904_(date1904), out_(out) {}

  // The last row of the sheet's <dimension ref="A1:F100">, or 0 when it has none. Written by
  // the producer: a hint, not a promise.
  int64_t declared_last_row() const { return declared_last_row_; }

  void Start(std::string_view name, Attrs attrs) override {
    if (name == "dimension") {
      if (const char* ref = Attr(attrs, "ref")) {
        std::string_view s(ref);
        if (const size_t colon = s.find(':'); colon != std::string_view::npos) {
          s.remove_prefix(colon + 1);
        }
        const size_t digits = s.find_first_of("0123456789");
        int64_t last = 0;
        if (digits != std::string_view::npos && ParseInt(s.substr(digits), &last)) {
          declared_last_row_ = last;
        }
      }
    } else if (name == "row") {
      int64_t r = 0;
      const char* attr = Attr(attrs, "r");
      row_ = RawRow{};
      const bool numbered = attr != nullptr && ParseInt(attr, &r) && r > 0;
      row_.number = numbered && r > last_row_ ? r : last_row_ + 1;
      if (numbered && r <= last_row_) {
        // Rows must come in ascending order; a damaged sheet may repeat or reorder them. The
        // row keeps a number after the previous one and is reported, not silently merged.
        Fail("工作表第" + std::to_string(r) + "行出现在第" + std::to_string(last_row_) +
             "行之后（行号重复或倒序，文件可能已损坏），请在 Excel 中另存后重新上传");
      }
      last_row_ = row_.number;
      next_column_ = 1;
      in_row_ = true;
    } else if (name == "c" && in_row_) {
      in_cell_ = true;
      column_ = next_column_;
      if (const char* ref = Attr(attrs, "r")) {
        std::string_view s(ref);
        const size_t digits = s.find_first_of("0123456789");
        const int c = ColumnNumber(s.substr(0, digits));
        if (c > 0) column_ = c;
      }
      const char* t = Attr(attrs, "t");
      type_ = t != nullptr ? t : "n";
      style_ = 0;
      if (const char* s = Attr(attrs, "s")) {
        if (!ParseInt(s, &style_)) style_ = 0;
      }
      value_.clear();
      inline_.Clear();
    } else if (in_cell_) {
      if (name == "v") in_value_ = true;
      if (name == "is") in_inline_ = true;
      if (in_inline_) inline_.Start(name);
    }
  }

  void End(std::string_view name) override {
    if (name == "row" && in_row_) {
      in_row_ = false;
      out_->push_back(std::move(row_));
    } else if (name == "c" && in_cell_) {
      in_cell_ = false;
      in_value_ = false;
      in_inline_ = false;
      EndCell();
      next_column_ = column_ + 1;
    } else if (in_cell_) {
      if (name == "v") in_value_ = false;
      if (in_inline_) inline_.End(name);
      if (name == "is") in_inline_ = false;
    }
  }

  void Text(std::string_view s) override {
    if (in_value_) value_.append(s);
    if (in_inline_) inline_.Text(s);
  }

 private:
  NumberFormatKind Kind() const {
    return style_ >= 0 && static_cast<size_t>(style_) < kinds_.size()
               ? kinds_[static_cast<size_t>(style_)]
               : NumberFormatKind::kNumber;
  }

  void Fail(std::string message) {
    if (row_.error.empty()) row_.error = std::move(message);
  }

  void EndCell() {
    std::string text;
    const std::string_view v = TrimAscii(value_);
    if (type_ == "s") {
      size_t index = 0;
      if (v.empty()) return;
      if (!ParseInt(v, &index) || index >= strings_->size()) {
        Fail(CellLabel(row_.number, column_) +
             "引用的共享字符串不存在，文件可能已损坏；请在 Excel 中重新保存后上传");
        return;
      }
      text = strings_->at(index);
    } else if (type_ == "inlineStr") {
      text = std::move(inline_.text());
    } else if (type_ == "str") {
      text = value_;
    } else if (type_ == "b") {
      if (v == "1" || v == "true") text = "TRUE";
      if (v == "0" || v == "false") text = "FALSE";
    } else if (type_ == "e") {
      Fail(CellLabel(row_.number, column_) + "是 Excel 错误值 " + std::string(v) +
           "（公式出错）；请修正后重新上传");
      return;
    } else if (type_ == "d") {
      // ISO 8601 text; a date-formatted cell keeps its date.
      const NumberFormatKind kind = Kind();
      const bool date = kind == NumberFormatKind::kDate || kind == NumberFormatKind::kDateTime;
      text = std::string(date && v.size() > 10 && v[10] == 'T' ? v.substr(0, 10) : v);
    } else if (!v.empty()) {
      const NumberFormatKind kind = Kind();
      std::optional<std::string> shown;
      if (kind != NumberFormatKind::kNumber) {
        double serial = 0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), serial);
        if (ec == std::errc() && end == v.data() + v.size()) {
          shown = SerialToText(serial, kind, date1904_);
        }
      }
      text = shown ? std::move(*shown) : FormatStoredNumber(v);
      if (!shown) row_.numeric.push_back(column_);
    }
    if (!text.empty()) row_.cells.emplace_back(column_, std::move(text));
  }

  const SharedStrings* strings_;
  std::vector<NumberFormatKind> kinds_;
  bool date1904_;
  std::deque<RawRow>* out_;

  RawRow row_;
  int64_t declared_last_row_ = 0;
  int64_t last_row_ = 0;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool in_value_ = false;
  bool in_inline_ = false;
  int column_ = 1;
  int next_column_ = 1;
  std::string type_;
  int style_ = 0;
  std::string value_;
  StringItemText inline_;
};

bool IsBlankRow(const RawRow& row) {
  if (!row.error.empty()) return false;
  for (const auto& [column, text] : row.cells) {
    if (!IsBlank(text)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------

class XlsxReader final : public TableReader {
 public:
  XlsxReader(std::string content, const OpenOptions& options)
      : content_(std::move(content)), options_(options) {}

  Status Open();
  Result<std::optional<SourceRow>> Next() override;
  std::string encoding() const override { return "xlsx"; }

 private:
  // The next row of the sheet as stored, or nullopt at its end.
  Result<std::optional<RawRow>> NextRaw();
  // Reads the whole sheet once more, counting the data rows, and refuses it when they exceed
  // the limit: the rows must not be handed out one by one only to fail at the millionth.
  Status CountRows(const std::string& sheet_path, bool date1904);

  std::string content_;
  OpenOptions options_;
  std::unique_ptr<Archive> archive_;
  SharedStrings strings_;
  std::vector<NumberFormatKind> kinds_;
  std::deque<RawRow> pending_;
  std::unique_ptr<SheetSink> sink_;
  std::unique_ptr<MemberStream> sheet_;  // closed before archive_ is discarded
  std::unique_ptr<XmlParser> parser_;
  std::string buf_;
  bool sheet_done_ = false;
  std::string sheet_name_;
  std::vector<std::pair<int, std::string>> header_;  // column number -> name, ascending
  int64_t data_rows_ = 0;
};

Status XlsxReader::Open() {
  if (content_.empty()) return InvalidArgument("XLSX 文件是空的（0 字节）；请重新上传");
  XY_ASSIGN_OR_RETURN(archive_, Archive::Open(content_, options_.max_uncompressed_bytes));

  std::string workbook_path;
  if (archive_->Has("_rels/.rels")) {
    RelsSink root("");
    XY_RETURN_IF_ERROR(ParseMember(*archive_, "_rels/.rels", &root));
    workbook_path = root.FindByType("officeDocument");
  }
  if (workbook_path.empty() || !archive_->Has(workbook_path)) workbook_path = "xl/workbook.xml";
  if (!archive_->Has(workbook_path)) return InvalidArgument(Corrupt("缺少 xl/workbook.xml"));

  WorkbookSink workbook;
  XY_RETURN_IF_ERROR(ParseMember(*archive_, workbook_path, &workbook));
  RelsSink rels(DirOf(workbook_path));
  if (const std::string p = RelsPathOf(workbook_path); archive_->Has(p)) {
    XY_RETURN_IF_ERROR(ParseMember(*archive_, p, &rels));
  }

  // The first visible worksheet in workbook order (chart sheets and dialogs are skipped);
  // the first worksheet when all are hidden.
  std::string sheet_path;
  for (int pass = 0; pass < 2 && sheet_path.empty(); ++pass) {
    for (const SheetEntry& e : workbook.sheets) {
      auto it = rels.rels.find(e.rel_id);
      if (it == rels.rels.end() || !EndsWith(it->second.type, "/worksheet")) continue;
      if (pass == 0 && e.hidden) continue;
      sheet_path = it->second.target;
      sheet_name_ = e.name;
      break;
    }
  }
  if (sheet_path.empty() && workbook.sheets.empty() && archive_->Has("xl/worksheets/sheet1.xml")) {
    sheet_path = "xl/worksheets/sheet1.xml";
  }
  if (sheet_path.empty()) return InvalidArgument("XLSX 文件中没有工作表");

  std::string styles_path = rels.FindByType("styles");
  if (styles_path.empty()) styles_path = "xl/styles.xml";
  if (archive_->Has(styles_path)) {
    StylesSink styles;
    XY_RETURN_IF_ERROR(ParseMember(*archive_, styles_path, &styles));
    kinds_ = styles.Kinds();
  }
  std::string strings_path = rels.FindByType("sharedStrings");
  if (strings_path.empty()) strings_path = "xl/sharedStrings.xml";
  if (archive_->Has(strings_path)) {
    SharedStringsSink sink(&strings_);
    XY_RETURN_IF_ERROR(ParseMember(*archive_, strings_path, &sink));
  }

  XY_ASSIGN_OR_RETURN(sheet_, archive_->OpenMember(sheet_path));
  sink_ = std::make_unique<SheetSink>(&strings_, kinds_, workbook.date1904, &pending_);
  parser_ = std::make_unique<XmlParser>(sink_.get(), sheet_path);

  // The header: the first row that is not blank.
  std::optional<RawRow> header;
  for (;;) {
    XY_ASSIGN_OR_RETURN(header, NextRaw());
    if (!header) {
      return InvalidArgument("工作表“" + sheet_name_ + "”是空的：没有表头行（第一行应为列名）");
    }
    if (!IsBlankRow(*header)) break;
  }
  if (!header->error.empty()) return InvalidArgument("表头行有误：" + header->error);
  std::vector<std::string> names;
  std::vector<std::string> labels;
  for (auto& [column, text] : header->cells) {
    std::string name = TrimHeaderName(text);
    if (name.empty()) continue;
    names.push_back(name);
    labels.push_back(ColumnName(column) + "列");
    header_.emplace_back(column, std::move(name));
  }
  std::sort(header_.begin(), header_.end());
  XY_RETURN_IF_ERROR(CheckHeaderNames(names, labels));

  // A sheet whose declared size keeps it within the limit is not counted in advance (Next()
  // still enforces the limit); Excel declares it in every sheet it writes.
  const int64_t last = sink_->declared_last_row();
  if (last == 0 || last - header->number > options_.max_rows) {
    XY_RETURN_IF_ERROR(CountRows(sheet_path, workbook.date1904));
  }
  return Status::Ok();
}

Status XlsxReader::CountRows(const std::string& sheet_path, bool date1904) {
  XY_ASSIGN_OR_RETURN(auto stream, archive_->OpenMember(sheet_path, /*charged=*/false));
  std::deque<RawRow> rows;
  SheetSink sink(&strings_, kinds_, date1904, &rows);
  XmlParser parser(&sink, sheet_path);
  std::string buf(kChunk, '\0');
  bool header_seen = false;
  int64_t count = 0;
  for (;;) {
    XY_ASSIGN_OR_RETURN(const size_t n, stream->Read(buf.data(), buf.size()));
    XY_RETURN_IF_ERROR(parser.Feed(buf.data(), n, n == 0));
    for (; !rows.empty(); rows.pop_front()) {
      if (IsBlankRow(rows.front())) continue;
      if (!header_seen) {
        header_seen = true;
      } else if (++count > options_.max_rows) {
        return TooManyRows(options_.max_rows);
      }
    }
    if (n == 0) return Status::Ok();
  }
}

Result<std::optional<RawRow>> XlsxReader::NextRaw() {
  while (pending_.empty() && !sheet_done_) {
    if (buf_.empty()) buf_.resize(kChunk);
    XY_ASSIGN_OR_RETURN(const size_t n, sheet_->Read(buf_.data(), buf_.size()));
    XY_RETURN_IF_ERROR(parser_->Feed(buf_.data(), n, n == 0));
    if (n == 0) sheet_done_ = true;
  }
  if (pending_.empty()) return std::optional<RawRow>();
  RawRow row = std::move(pending_.front());
  pending_.pop_front();
  return std::optional<RawRow>(std::move(row));
}

Result<std::optional<SourceRow>> XlsxReader::Next() {
  std::optional<RawRow> raw;
  do {
    XY_ASSIGN_OR_RETURN(raw, NextRaw());
    if (!raw) return std::optional<SourceRow>();
  } while (IsBlankRow(*raw));
  if (++data_rows_ > options_.max_rows) return TooManyRows(options_.max_rows);

  SourceRow row;
  row.number = raw->number;
  if (!raw->error.empty()) {
    row.error = std::move(raw->error);
    return std::optional<SourceRow>(std::move(row));
  }
  // Both lists are in column order (cells as the sheet stores them, which Excel keeps sorted).
  std::sort(raw->cells.begin(), raw->cells.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  row.cells.reserve(header_.size());
  size_t k = 0;
  for (const auto& [column, name] : header_) {
    for (; k < raw->cells.size() && raw->cells[k].first < column; ++k) {
      if (!IsBlank(raw->cells[k].second)) {
        row.cells.clear();
        row.error = CellLabel(raw->number, raw->cells[k].first) +
                    "有内容，但表头该列没有列名；请补上列名或删去该列的内容";
        return std::optional<SourceRow>(std::move(row));
      }
    }
    std::string text;
    for (; k < raw->cells.size() && raw->cells[k].first == column; ++k) {
      text = std::move(raw->cells[k].second);
    }
    if (std::find(raw->numeric.begin(), raw->numeric.end(), column) != raw->numeric.end()) {
      row.numeric.push_back(name);
    }
    row.cells.emplace_back(name, std::move(text));
  }
  for (; k < raw->cells.size(); ++k) {
    if (!IsBlank(raw->cells[k].second)) {
      row.cells.clear();
      row.error = CellLabel(raw->number, raw->cells[k].first) +
                  "有内容，但表头该列没有列名；请补上列名或删去该列的内容";
      break;
    }
  }
  return std::optional<SourceRow>(std::move(row));
}

}  // namespace

Result<std::unique_ptr<TableReader>> OpenXlsx(std::string content, const OpenOptions& options) {
  auto reader = std::make_unique<XlsxReader>(std::move(content), options);
  XY_RETURN_IF_ERROR(reader->Open());
  return std::unique_ptr<TableReader>(std::move(reader));
}

}  // namespace xinyong::ingest::internal
