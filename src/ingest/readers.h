// Private to src/ingest: one factory per format, and what the readers share.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/table.h"

namespace xinyong::ingest::internal {

Result<std::unique_ptr<TableReader>> OpenCsv(std::string content, const OpenOptions& options);
Result<std::unique_ptr<TableReader>> OpenJsonLines(std::string content, const OpenOptions& options);
Result<std::unique_ptr<TableReader>> OpenJsonArray(std::string content, const OpenOptions& options);
Result<std::unique_ptr<TableReader>> OpenXlsx(std::string content, const OpenOptions& options);

// The refusal of a file with more than `max_rows` data rows.
Status TooManyRows(int64_t max_rows);

// A column name as typed in a header cell: a leading BOM (U+FEFF) dropped, then leading and
// trailing white space (ASCII and the ideographic space U+3000) removed.
std::string TrimHeaderName(std::string_view name);

// `s` made safe to show in a message: bytes that are not well-formed UTF-8 become "\xBC".
std::string PrintableUtf8(std::string_view s);

// True when `s` holds nothing but ASCII white space.
bool IsBlank(std::string_view s);

// Checks that the non-empty names of a header are unique. `labels` says how each column is
// called in a message ("第2列", "C列"). invalid_argument naming both columns otherwise.
Status CheckHeaderNames(const std::vector<std::string>& names,
                        const std::vector<std::string>& labels);

}  // namespace xinyong::ingest::internal
