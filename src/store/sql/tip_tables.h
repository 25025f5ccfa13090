// The SQL store's part for tips (TipTables), written against the transaction's own query
// function so that it runs inside that transaction. Used by sql_store.cc only.
#pragma once

#include <memory>

#include "store/sql/sql_rows.h"
#include "store/tip_tables.h"

namespace xinyong::sql {

std::unique_ptr<TipTables> NewSqlTipTables(QueryFn query, WritableFn writable);

}  // namespace xinyong::sql
