#include "rules/spreadsheet_cells.h"

#include <algorithm>
#include <charconv>

#include "core/date.h"

namespace xinyong {
namespace {

bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Serial numbers of 2000-01-01 .. 2099-12-31 in the 1900 date system (days since 1899-12-30).
constexpr int64_t kFirstSerial = 36526;
constexpr int64_t kLastSerial = 73050;

}  // namespace

NumericCell ReadNumericCell(const FieldSpec& field, const std::string& column,
                            const std::string& text) {
  NumericCell out;
  out.text = text;
  switch (field.type) {
    case FieldType::kIdentifier:
      out.error = FieldError{
          field.code, "number_in_identifier",
          column + "：该号码在电子表格中被存成了数字（显示为" + text +
              "）。Excel、WPS 和 LibreOffice "
              "的数字最多只保留15位有效数字，18位号码的末几位会变成0，"
              "号码已不可信，平台不予接收。请把该列设置为“文本”格式后重新录入号码（或在号码前加英文"
              "单引号 '），保存后再上传"};
      return out;
    case FieldType::kCode: {
      if (!field.code_list || !AllDigits(text)) return out;
      if (field.code_list->Match(text) != nullptr) return out;
      // The one code of the list that is this number with leading zeros.
      const CodeEntry* found = nullptr;
      for (const auto& e : field.code_list->entries()) {
        if (e.code.size() > text.size() && AllDigits(e.code) &&
            e.code.find_first_not_of('0') == e.code.size() - text.size() &&
            e.code.compare(e.code.size() - text.size(), text.size(), text) == 0) {
          found = &e;
        }
      }
      if (found) {
        out.text = found->code;
        out.padded = true;
      }
      return out;
    }
    case FieldType::kDate: {
      int64_t serial = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), serial);
      if (ec == std::errc() && end == text.data() + text.size() && serial >= kFirstSerial &&
          serial <= kLastSerial) {
        out.text = Date::FromYmd(1899, 12, 30)->AddDays(serial).ToString();
        out.date_from_serial = true;
      }
      return out;
    }
    default:
      return out;
  }
}

}  // namespace xinyong
