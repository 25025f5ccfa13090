#include "app/config.h"

#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

namespace xinyong {
namespace {

Result<int64_t> ParseInt(const std::string& key, const std::string& v, int64_t lo, int64_t hi) {
  try {
    size_t used = 0;
    long long n = std::stoll(v, &used);
    if (used != v.size()) throw std::invalid_argument(v);
    if (n < lo || n > hi) {
      return InvalidArgument(key + ": " + v + " is out of range " + std::to_string(lo) + ".." +
                             std::to_string(hi));
    }
    return static_cast<int64_t>(n);
  } catch (const std::exception&) {
    return InvalidArgument(key + ": \"" + v + "\" is not a whole number");
  }
}

Result<bool> ParseBool(const std::string& key, const std::string& v) {
  if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
  if (v == "false" || v == "0" || v == "no" || v == "off") return false;
  return InvalidArgument(key + ": \"" + v + "\" is not true or false");
}

using Setter = std::function<Status(Config&, const std::string&)>;

template <typename T>
Setter IntField(T Config::*field, int64_t lo, int64_t hi, const char* key) {
  return [=](Config& c, const std::string& v) -> Status {
    XY_ASSIGN_OR_RETURN(int64_t n, ParseInt(key, v, lo, hi));
    c.*field = static_cast<T>(n);
    return Status::Ok();
  };
}

Setter StringField(std::string Config::*field) {
  return [=](Config& c, const std::string& v) -> Status {
    c.*field = v;
    return Status::Ok();
  };
}

const std::map<std::string, Setter>& Setters() {
  static const std::map<std::string, Setter> kSetters = {
      {"data_dir", StringField(&Config::data_dir)},
      {"store", StringField(&Config::store)},
      {"postgres_url", StringField(&Config::postgres_url)},
      {"secret_key", StringField(&Config::secret_key)},
      {"policy_dir", StringField(&Config::policy_dir)},
      {"web_dir", StringField(&Config::web_dir)},
      {"listen_address", StringField(&Config::listen_address)},
      {"port", IntField(&Config::port, 0, 65535, "port")},
      {"io_threads", IntField(&Config::io_threads, 1, 64, "io_threads")},
      {"worker_threads", IntField(&Config::worker_threads, 1, 256, "worker_threads")},
      {"body_limit_bytes",
       IntField(&Config::body_limit_bytes, 1024, int64_t{1} << 31, "body_limit_bytes")},
      {"body_bytes_in_flight", IntField(&Config::body_bytes_in_flight, 1024 * 1024,
                                        int64_t{1} << 34, "body_bytes_in_flight")},
      {"connections_per_address",
       IntField(&Config::connections_per_address, 1, 100000, "connections_per_address")},
      {"header_limit_bytes",
       IntField(&Config::header_limit_bytes, 1024, 1024 * 1024, "header_limit_bytes")},
      {"read_timeout_seconds",
       IntField(&Config::read_timeout_seconds, 1, 3600, "read_timeout_seconds")},
      {"keep_alive_seconds", IntField(&Config::keep_alive_seconds, 1, 3600, "keep_alive_seconds")},
      {"session_hours", IntField(&Config::session_hours, 1, 24 * 30, "session_hours")},
      {"access_log",
       [](Config& c, const std::string& v) -> Status {
         XY_ASSIGN_OR_RETURN(c.access_log, ParseBool("access_log", v));
         return Status::Ok();
       }},
      {"log_level", StringField(&Config::log_level)},
      {"webhook_poll_ms", IntField(&Config::webhook_poll_ms, 10, 3600 * 1000, "webhook_poll_ms")},
      {"webhook_retry_base_ms",
       IntField(&Config::webhook_retry_base_ms, 0, 3600 * 1000, "webhook_retry_base_ms")},
      {"webhook_retry_max_seconds",
       IntField(&Config::webhook_retry_max_seconds, 1, 24 * 3600, "webhook_retry_max_seconds")},
      {"scheduler_interval_seconds",
       IntField(&Config::scheduler_interval_seconds, 1, 3600, "scheduler_interval_seconds")},
      {"sqlite_cache_mb", IntField(&Config::sqlite_cache_mb, 1, 65536, "sqlite_cache_mb")},
      {"public_rate_per_minute",
       IntField(&Config::public_rate_per_minute, 0, 1000000, "public_rate_per_minute")},
      {"public_burst", IntField(&Config::public_burst, 1, 1000000, "public_burst")},
      {"filing_rate_per_minute",
       IntField(&Config::filing_rate_per_minute, 0, 1000000, "filing_rate_per_minute")},
      {"filing_burst", IntField(&Config::filing_burst, 1, 1000000, "filing_burst")},
      {"trusted_proxy", StringField(&Config::trusted_proxy)},
      {"metrics_token", StringField(&Config::metrics_token)},
      {"message_gateway_url", StringField(&Config::message_gateway_url)},
      {"public_url", StringField(&Config::public_url)},
      {"message_gateway_secret", StringField(&Config::message_gateway_secret)},
      {"webhook_timeout_ms",
       IntField(&Config::webhook_timeout_ms, 100, 600 * 1000, "webhook_timeout_ms")},
  };
  return kSetters;
}

}  // namespace

Status SetConfigValue(Config& cfg, const std::string& key, const std::string& value) {
  auto it = Setters().find(key);
  if (it == Setters().end()) {
    return InvalidArgument("unknown configuration key \"" + key +
                           "\" (see docs/operations.md for the keys)");
  }
  return it->second(cfg, value);
}

Result<Config> LoadConfig(const std::string& data_dir,
                          const std::map<std::string, std::string>& overrides) {
  Config cfg;
  cfg.data_dir = data_dir;
  cfg.policy_dir = XY_DEFAULT_POLICY_DIR;
  cfg.web_dir = XY_DEFAULT_WEB_DIR;
  const std::string path = cfg.ConfigPath();
  if (std::filesystem::exists(path)) {
    try {
      YAML::Node root = YAML::LoadFile(path);
      if (!root.IsMap() && !root.IsNull()) {
        return InvalidArgument(path + ": the configuration must be a map of key: value");
      }
      for (const auto& kv : root) {
        const auto key = kv.first.as<std::string>();
        if (!kv.second.IsScalar()) {
          return InvalidArgument(path + ": " + key + " must be a single value");
        }
        Status s = SetConfigValue(cfg, key, kv.second.as<std::string>());
        if (!s.ok()) return InvalidArgument(path + ": " + s.message());
      }
    } catch (const YAML::Exception& e) {
      return InvalidArgument(path + ": " + e.what());
    }
  }
  for (const auto& [key, setter] : Setters()) {
    std::string env = "XINYONG_";
    for (char c : key)
      env.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (const char* v = std::getenv(env.c_str())) {
      Status s = setter(cfg, v);
      if (!s.ok()) return InvalidArgument("environment " + env + ": " + s.message());
    }
  }
  for (const auto& [key, value] : overrides) XY_RETURN_IF_ERROR(SetConfigValue(cfg, key, value));
  cfg.data_dir = data_dir;
  XY_RETURN_IF_ERROR(ValidateConfig(cfg));
  return cfg;
}

Status ValidateConfig(const Config& cfg) {
  if (cfg.data_dir.empty())
    return InvalidArgument("data_dir: a data directory is required (--data DIR)");
  if (cfg.store != "sqlite" && cfg.store != "postgres") {
    return InvalidArgument("store: \"" + cfg.store + "\" is neither sqlite nor postgres");
  }
  if (cfg.store == "postgres" && cfg.postgres_url.empty()) {
    return InvalidArgument("postgres_url: required when store is postgres");
  }
  static const std::vector<std::string> kLevels = {"trace", "debug", "info", "warn", "error"};
  if (std::find(kLevels.begin(), kLevels.end(), cfg.log_level) == kLevels.end()) {
    return InvalidArgument("log_level: \"" + cfg.log_level +
                           "\" is not one of trace, debug, info, warn, error");
  }
  return Status::Ok();
}

Status WriteConfigFile(const Config& cfg) {
  std::error_code ec;
  std::filesystem::create_directories(cfg.data_dir, ec);
  if (ec) return Unavailable("cannot create " + cfg.data_dir + ": " + ec.message());
  const std::string tmp = cfg.ConfigPath() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return StorageFailure("cannot write " + tmp);
    ::chmod(tmp.c_str(), 0600);
    out << "# Xinyong node configuration, written by `xinyong init`. Keys: docs/operations.md\n"
        << "# secret_key encrypts ID numbers at rest: back it up apart from the data; if it is\n"
        << "# lost, encrypted ID numbers cannot be read or looked up again.\n";
    out << "store: " << cfg.store << "\n";
    if (!cfg.postgres_url.empty()) out << "postgres_url: \"" << cfg.postgres_url << "\"\n";
    out << "secret_key: " << cfg.secret_key << "\n";
    out << "listen_address: " << cfg.listen_address << "\n";
    out << "port: " << cfg.port << "\n";
    if (!out.flush()) return StorageFailure("cannot write " + tmp);
  }
  std::filesystem::rename(tmp, cfg.ConfigPath(), ec);
  if (ec) return StorageFailure("cannot write " + cfg.ConfigPath() + ": " + ec.message());
  return Status::Ok();
}

}  // namespace xinyong
