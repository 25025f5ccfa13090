// Reading result rows (every column comes back as text or NULL, the same on both databases),
// and the query function the store's parts are written against (tip_tables, typical cases):
// the transaction's own, so that they run inside it. Used inside src/store/sql only.
#pragma once

#include <charconv>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/sql/sql_connection.h"

namespace xinyong::sql {

inline std::string Text(const Row& row, size_t i) { return row.at(i).value_or(""); }

inline int64_t Int(const Row& row, size_t i) {
  const auto& v = row.at(i);
  int64_t out = 0;
  if (v) std::from_chars(v->data(), v->data() + v->size(), out);
  return out;
}

using QueryFn = std::function<Result<std::vector<Row>>(const std::string&,
                                                       const std::vector<Param>&)>;
// ok when the transaction may write (a write transaction not yet finished).
using WritableFn = std::function<Status()>;

}  // namespace xinyong::sql
