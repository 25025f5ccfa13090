// An admin's confirmation of a measure's legal basis against the official text (措施依据核实):
// the article now cited, and where it was read. The latest per measure is in force.
#pragma once

#include <cstdint>
#include <string>

namespace xinyong {

struct BasisConfirmation {
  int64_t id = 0;
  std::string measure_code;  // e.g. "P1-04"
  std::string document;      // the document as confirmed (the policy's, unless corrected)
  std::string article;       // "" when the document as a whole is the basis
  std::string source;        // where the text was read (publication, URL)
  std::string note;
  std::string confirmed_by;  // actor, e.g. "user:admin"
  std::string confirmed_at;  // timestamp
};

}  // namespace xinyong
