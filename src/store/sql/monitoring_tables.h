// The SQL store's part for the monthly monitoring (MonitoringTables), written against the
// transaction's own query function (sql_rows.h). Used by sql_store.cc only.
#pragma once

#include <memory>

#include "store/monitoring_tables.h"
#include "store/sql/sql_rows.h"

namespace xinyong::sql {

std::unique_ptr<MonitoringTables> NewSqlMonitoringTables(QueryFn query);

}  // namespace xinyong::sql
