// The SQL store's part for tips (TipTables), written against the transaction's own query
// function so that it runs inside that transaction. Used by sql_store.cc only.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store/sql/sql_connection.h"
#include "store/tip_tables.h"

namespace xinyong::sql {

using QueryFn = std::function<Result<std::vector<Row>>(const std::string&,
                                                       const std::vector<Param>&)>;
using WritableFn = std::function<Status()>;

std::unique_ptr<TipTables> NewSqlTipTables(QueryFn query, WritableFn writable);

}  // namespace xinyong::sql
