// The SQL store's part for credit reports (ReportTables). Used by sql_store.cc only.
#pragma once

#include <memory>

#include "store/report_tables.h"
#include "store/sql/sql_rows.h"

namespace xinyong::sql {

std::unique_ptr<ReportTables> NewSqlReportTables(QueryFn query, WritableFn writable);

}  // namespace xinyong::sql
