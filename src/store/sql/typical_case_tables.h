// The SQL store's part for typical cases (TypicalCaseTables), written against the transaction's
// own query function (sql_rows.h). Used by sql_store.cc only.
#pragma once

#include <memory>

#include "store/sql/sql_rows.h"
#include "store/typical_case_tables.h"

namespace xinyong::sql {

std::unique_ptr<TypicalCaseTables> NewSqlTypicalCaseTables(QueryFn query, WritableFn writable);

}  // namespace xinyong::sql
