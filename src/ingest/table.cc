#include "ingest/table.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/text.h"
#include "ingest/readers.h"

namespace xinyong::ingest {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool StartsWith(const std::string& s, std::string_view prefix) {
  return s.size() >= prefix.size() && std::string_view(s).substr(0, prefix.size()) == prefix;
}

constexpr std::string_view kZipSignature("PK\x03\x04", 4);
constexpr std::string_view kEmptyZipSignature("PK\x05\x06", 4);
// OLE2 compound document: a legacy .xls workbook, or an encrypted .xlsx.
constexpr std::string_view kOleSignature("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);

// The first character that is not white space (after a UTF-8 BOM), or '\0'.
char FirstSignificant(const std::string& content) {
  size_t i = StartsWith(content, "\xEF\xBB\xBF") ? 3 : 0;
  for (; i < content.size(); ++i) {
    const char c = content[i];
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return c;
  }
  return '\0';
}

}  // namespace

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kCsv:
      return "csv";
    case Format::kJsonLines:
      return "jsonl";
    case Format::kJsonArray:
      return "json";
    case Format::kXlsx:
      return "xlsx";
  }
  return "csv";
}

Result<Format> DetectFormat(const std::string& name, const std::string& content) {
  // A binary signature decides over the name: no CSV or JSON starts with these bytes, and a
  // workbook renamed to .csv is common.
  if (StartsWith(content, kZipSignature) || StartsWith(content, kEmptyZipSignature)) {
    return Format::kXlsx;
  }
  if (StartsWith(content, kOleSignature)) {
    return InvalidArgument(
        "文件“" + name +
        "”是旧版 Excel（.xls）或加密的 Excel 文件，无法读取；请在 Excel 中另存为不加密的 .xlsx "
        "或 CSV 后再上传");
  }
  const size_t dot = name.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : Lower(name.substr(dot + 1));
  const char first = FirstSignificant(content);
  if (ext == "csv" || ext == "txt") return Format::kCsv;
  if (ext == "jsonl" || ext == "ndjson") return Format::kJsonLines;
  if (ext == "json") return first == '{' ? Format::kJsonLines : Format::kJsonArray;
  if (ext == "xlsx") return Format::kXlsx;  // not a zip: OpenTable says the archive is corrupt
  if (ext == "xls" || ext == "et" || ext == "ods" || ext == "numbers") {
    return InvalidArgument("不支持“." + ext + "”格式的文件“" + name +
                           "”；请另存为 .xlsx、CSV（UTF-8 或 GBK）、JSON 或 JSON Lines 后再上传");
  }
  if (first == '[') return Format::kJsonArray;
  if (first == '{') return Format::kJsonLines;
  return Format::kCsv;
}

Result<std::unique_ptr<TableReader>> OpenTable(Format format, std::string content) {
  return OpenTable(format, std::move(content), OpenOptions{});
}

Result<std::unique_ptr<TableReader>> OpenTable(Format format, std::string content,
                                               const OpenOptions& options) {
  switch (format) {
    case Format::kCsv:
      return internal::OpenCsv(std::move(content), options);
    case Format::kJsonLines:
      return internal::OpenJsonLines(std::move(content), options);
    case Format::kJsonArray:
      return internal::OpenJsonArray(std::move(content), options);
    case Format::kXlsx:
      return internal::OpenXlsx(std::move(content), options);
  }
  return Internal("unknown table format");
}

namespace internal {

Status TooManyRows(int64_t max_rows) {
  return InvalidArgument("文件的数据超过 " + std::to_string(max_rows) +
                         " 行，超出单个文件的上限；请拆分为多个文件分别上传");
}

std::string TrimHeaderName(std::string_view name) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  if (name.substr(0, kBom.size()) == kBom) name.remove_prefix(kBom.size());
  for (;;) {
    if (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) {
      name.remove_prefix(1);
    } else if (name.substr(0, 3) == kIdeographicSpace) {
      name.remove_prefix(3);
    } else {
      break;
    }
  }
  for (;;) {
    if (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) {
      name.remove_suffix(1);
    } else if (name.size() >= 3 && name.substr(name.size() - 3) == kIdeographicSpace) {
      name.remove_suffix(3);
    } else {
      break;
    }
  }
  return std::string(name);
}

std::string PrintableUtf8(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  for (std::string_view ch : Utf8Chars(s)) {
    const auto b = static_cast<unsigned char>(ch[0]);
    if (ch.size() == 1 && b >= 0x80) {
      constexpr char kHex[] = "0123456789ABCDEF";
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    } else {
      out += ch;
    }
  }
  return out;
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); });
}

Status CheckHeaderNames(const std::vector<std::string>& names,
                        const std::vector<std::string>& labels) {
  std::map<std::string_view, size_t> seen;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) continue;
    auto [it, inserted] = seen.emplace(names[i], i);
    if (!inserted) {
      return InvalidArgument("表头" + labels[it->second] + "和" + labels[i] + "的列名都是“" +
                             names[i] + "”，列名不能重复；请改名或删去多余的列");
    }
  }
  if (seen.empty()) return InvalidArgument("表头行没有任何列名");
  return Status::Ok();
}

}  // namespace internal
}  // namespace xinyong::ingest
