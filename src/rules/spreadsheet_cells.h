// What a number stored by a spreadsheet program means in a field. Excel, WPS and LibreOffice
// store a column of digits as numbers unless it is formatted as text: a code loses its leading
// zero (证件类型 01 becomes 1) and an 18-digit number keeps only 15 significant digits (an
// identity number ending ...0447 arrives as ...0000, and may even pass its check digit).
#pragma once

#include <optional>
#include <string>

#include "domain/catalogue.h"
#include "rules/record_rules.h"

namespace xinyong {

struct NumericCell {
  std::string text;                 // what the field takes (the code with its zeros back)
  std::optional<FieldError> error;  // the cell cannot be trusted: the row is refused
  bool padded = false;              // a code read with its leading zeros restored
  bool date_from_serial = false;    // a date serial number read as its date
};

// `text` is the cell as the reader showed the stored number (e.g. "1", "110105194912310000");
// `column` the column's name as in the file, for the message.
NumericCell ReadNumericCell(const FieldSpec& field, const std::string& column,
                            const std::string& text);

}  // namespace xinyong
