// The SQL store's part for commitments (CommitmentTables), written against the transaction's
// own query function so that it runs inside that transaction. Used by sql_store.cc only.
#pragma once

#include <memory>

#include "store/commitment_tables.h"
#include "store/sql/sql_rows.h"

namespace xinyong::sql {

std::unique_ptr<CommitmentTables> NewSqlCommitmentTables(QueryFn query, WritableFn writable);

}  // namespace xinyong::sql
