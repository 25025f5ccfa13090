// The SQL store's part for the evaluation (EvaluationTables). Used by sql_store.cc only.
#pragma once

#include <memory>

#include "store/evaluation_tables.h"
#include "store/sql/sql_rows.h"

namespace xinyong::sql {

std::unique_ptr<EvaluationTables> NewSqlEvaluationTables(QueryFn query, WritableFn writable);

}  // namespace xinyong::sql
