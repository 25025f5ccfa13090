// The production store: PostgreSQL through libpq. Several server nodes may share one
// database; writers serialise on the event log head row.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace xinyong {

// `conninfo`: a libpq connection string or URI ("postgresql://user@host:5432/db").
// Applies migrations under an advisory lock, so nodes starting together are safe.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& conninfo, std::string now);

}  // namespace xinyong
