// Private to src/ingest: how an XLSX cell's stored value becomes the text a person saw.
// Pure functions, exposed for tests.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace xinyong::ingest::internal {

enum class NumberFormatKind { kNumber, kDate, kDateTime, kTime };

// The kind of a built-in number format id (ECMA-376 18.8.30, including the zh-CN ids 27-36
// and 50-58), or nullopt when the id is not a date or time format.
std::optional<NumberFormatKind> BuiltinNumberFormatKind(int id);

// The kind of a custom format code such as `yyyy"年"m"月"d"日"`, `m/d/yy h:mm`, `[h]:mm:ss`
// or `0.00_ `. Only the first section (before ';') counts; quoted text, escapes and [..]
// colour/locale tags are ignored; 'm' is a month unless the section also has h or s.
NumberFormatKind ClassifyNumberFormat(std::string_view code);

// A stored number as a person reads it: "45352" stays, "12.0" -> "12", "1.5" stays,
// "1E-3" -> "0.001", "0.30000000000000004" -> "0.3" (Excel's 15 significant digits),
// "1.10101199003071E+17" -> "110101199003071000". Text that is not a number is returned as is.
std::string FormatStoredNumber(std::string_view stored);

// A serial date-time (days since 1899-12-30, or since 1904-01-01 when `date1904`) as
// "YYYY-MM-DD" (kDate, kDateTime: the time of day is dropped) or "HH:MM:SS" (kTime).
// nullopt when the serial is outside 1900-01-01..9999-12-31 (or negative for kTime).
// Excel's fictitious 1900-02-29 (serial 60) is kept as "1900-02-29".
std::optional<std::string> SerialToText(double serial, NumberFormatKind kind, bool date1904);

// "A" -> 1, "XFD" -> 16384; 0 when `letters` is not a column name.
int ColumnNumber(std::string_view letters);
// 1 -> "A", 28 -> "AB".
std::string ColumnName(int number);

}  // namespace xinyong::ingest::internal
