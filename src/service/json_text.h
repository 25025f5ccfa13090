// JSON text written by hand on hot paths (the check's answer, intake's record events), in the
// form nlohmann::json's dump() gives: objects with their members in key order, no spaces.
// Written that way, a payload reads back and dumps to the same bytes, which the tests check.
#pragma once

#include <string>
#include <string_view>

namespace xinyong {

// `s` as a JSON string (quoted and escaped as nlohmann::json's dump() does), appended to `out`.
// Throws nlohmann's type_error on invalid UTF-8, as dump() does.
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace xinyong
