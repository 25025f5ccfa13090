#include "service/json_text.h"

#include <nlohmann/json.hpp>

namespace xinyong {

void AppendJsonString(std::string& out, std::string_view s) {
  // nlohmann's own serialiser, so that the escaping (and the refusal of invalid UTF-8) is the
  // one the JSON trees were always dumped with.
  out += nlohmann::json(s).dump();
}

}  // namespace xinyong
