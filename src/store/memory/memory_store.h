// An in-memory Store for tests: the same contract as the SQL stores, nothing on disk.
// Write transactions are serialised and work on a private copy that Commit publishes, so a
// transaction dropped without Commit leaves no trace.
#pragma once

#include <memory>

#include "store/store.h"

namespace xinyong {

std::unique_ptr<Store> NewMemoryStore();

}  // namespace xinyong
