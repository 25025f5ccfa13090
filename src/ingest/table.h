// Readers that turn an uploaded file into rows of (column name, raw text) cells: CSV in UTF-8
// (with or without BOM) or GB18030/GBK, JSON Lines or a JSON array of objects, Excel .xlsx.
// They know nothing of the catalogue; the intake service maps columns and validates.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace xinyong::ingest {

enum class Format { kCsv, kJsonLines, kJsonArray, kXlsx };

struct SourceRow {
  // The row number a person sees: for CSV and XLSX the spreadsheet row (header = row 1, first
  // data row = 2); for JSON Lines the line number; for a JSON array the 1-based element index.
  int64_t number = 0;
  std::vector<std::pair<std::string, std::string>> cells;  // column name -> text (UTF-8)
  // XLSX: the columns whose cell the spreadsheet stored as a number (not a date): its text is
  // the number as shown, which may have lost leading zeros or digits past the 15th.
  std::vector<std::string> numeric;
  // Set when this row could not be read (bad encoding, malformed JSON line, wrong cell count);
  // the reader goes on with the next row. Chinese, says what and where.
  std::string error;
};

// Not thread-safe; one reader per file.
class TableReader {
 public:
  virtual ~TableReader() = default;
  // The next row, or nullopt at the end. A non-OK status means the file as a whole cannot be
  // read further (e.g. a corrupt XLSX archive); rows already returned stay valid.
  virtual Result<std::optional<SourceRow>> Next() = 0;
  // "utf-8", "utf-8-bom", "gb18030", "xlsx", "json".
  virtual std::string encoding() const = 0;
};

// Limits that protect the server from files too large to take in one batch. Defaults are the
// platform's policy; tests lower them.
struct OpenOptions {
  // Data rows (header and skipped empty rows not counted) a file may hold. A file with more is
  // refused by OpenTable, before any row is handed out. (Next() also fails on the first row
  // past the limit, for an XLSX sheet that declares a smaller size than it has.)
  int64_t max_rows = 1'000'000;
  // XLSX only: the archive's members may not unpack to more than this many bytes in total (a
  // zip bomb is refused before anything is unpacked, and reading stops at the limit).
  uint64_t max_uncompressed_bytes = uint64_t{512} << 20;
};

// Detects the format from `name` (extension .csv/.jsonl/.json/.xlsx, case-insensitive) and,
// failing that, from the content (XLSX zip signature, leading '[' or '{').
Result<Format> DetectFormat(const std::string& name, const std::string& content);

// `content` is the whole file. invalid_argument when it cannot be opened as that format
// (e.g. an empty CSV without a header), naming the reason.
// The returned reader owns `content`. The default limits are OpenOptions{}.
Result<std::unique_ptr<TableReader>> OpenTable(Format format, std::string content);
Result<std::unique_ptr<TableReader>> OpenTable(Format format, std::string content,
                                               const OpenOptions& options);

// "csv", "jsonl", "json", "xlsx".
std::string_view FormatName(Format format);

}  // namespace xinyong::ingest
