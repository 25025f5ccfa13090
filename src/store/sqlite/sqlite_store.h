// The embedded store: SQLite in WAL mode, one file in the data directory.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace xinyong {

// Opens (creating if needed) the database at `path` and applies migrations.
// `cache_mb`: SQLite's page cache per connection, in MiB (SQLite's own default is 2).
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, std::string now,
                                               int cache_mb = 2);

}  // namespace xinyong
