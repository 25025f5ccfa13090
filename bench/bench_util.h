// Small helpers shared by the C++ benchmarks under bench/ (not part of the product).
#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace xinyong::bench {

// The median of `v` (the mean of the two middle values for an even count).
inline double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// A new directory under the system's temporary directory, unique to this process and moment.
inline std::string TempDir(const std::string& prefix) {
  auto p = std::filesystem::temp_directory_path() /
           (prefix + "-" + std::to_string(getpid()) + "-" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  std::filesystem::create_directories(p);
  return p.string();
}

// Stops the benchmark, naming `what` and SQLite's message, unless `rc` is a success code.
inline void Must(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::cerr << what << ": " << (db ? sqlite3_errmsg(db) : "cannot open") << "\n";
    std::abort();
  }
}

}  // namespace xinyong::bench
