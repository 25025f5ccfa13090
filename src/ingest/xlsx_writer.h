// A minimal Excel .xlsx writer: one sheet of text cells (inline strings), for sample files
// and error reports that clerks open in Excel or WPS.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace xinyong::ingest {

// The bytes of a workbook with one sheet named `sheet_name`, `header` as row 1 and `rows`
// below it. Every cell is text. Cells must be valid UTF-8.
Result<std::string> WriteXlsx(const std::string& sheet_name,
                              const std::vector<std::string>& header,
                              const std::vector<std::vector<std::string>>& rows);

}  // namespace xinyong::ingest
