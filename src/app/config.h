// The one configuration of a Xinyong node. Loaded from <data>/xinyong.yaml, then the
// environment (XINYONG_<KEY>, e.g. XINYONG_PORT), then the command line; validated once.
// Unknown keys are refused. docs/operations.md lists every key.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/status.h"

namespace xinyong {

struct Config {
  std::string data_dir;          // where xinyong.yaml, the SQLite file and logs live
  std::string store = "sqlite";  // "sqlite" (embedded) or "postgres"
  std::string postgres_url;      // libpq connection string when store = postgres
  std::string secret_key;        // 64 hex chars: encrypts ID numbers at rest; keep safe
  std::string policy_dir;        // catalogue, calendar, divisions (default: built-in path)
  std::string web_dir;           // built web front ends (default: the source tree's web/dist)
  std::string listen_address = "127.0.0.1";     // address the HTTP server binds
  int port = 8080;                              // HTTP port; 0 picks a free one
  int io_threads = 1;                           // threads doing network I/O
  int worker_threads = 4;                       // threads running handlers and store work
  int64_t body_limit_bytes = 16 * 1024 * 1024;  // largest accepted request body
  int64_t header_limit_bytes = 16 * 1024;       // largest accepted request header block
  int64_t body_bytes_in_flight = 64 * 1024 * 1024;  // request bodies being received at once
  int connections_per_address = 64;                 // open connections from one address
  int read_timeout_seconds = 30;                // a request must arrive within this
  int keep_alive_seconds = 60;                  // idle keep-alive connections close after this
  int session_hours = 8;                        // console sessions last this long
  bool access_log = true;                       // one log line per request
  std::string log_level = "info";               // trace, debug, info, warn, error
  // Webhook deliveries of subscriptions (serve only).
  int webhook_poll_ms = 1000;           // how often new list changes are looked for
  int webhook_retry_base_ms = 1000;     // first retry after a failed delivery; doubles each time
  int webhook_retry_max_seconds = 900;  // the backoff never waits longer than this
  int webhook_timeout_ms = 10000;       // connect + send + answer, per delivery
  int scheduler_interval_seconds = 60;  // how often display windows and list validity are ended
  int sqlite_cache_mb = 2;              // SQLite's page cache per connection (MiB)
  // Public endpoints, per client address (0 = no limit): searches, public pages and tracking;
  // and filings (objections, repair applications). Behind a reverse proxy, name it in
  // trusted_proxy so that X-Forwarded-For gives the client.
  int public_rate_per_minute = 300;
  int public_burst = 100;
  int filing_rate_per_minute = 10;
  int filing_burst = 30;
  std::string trusted_proxy;
  // A bearer token a metrics scraper sends for GET /metrics ("" = only loopback clients and
  // admins or auditors may read it).
  std::string metrics_token;
  // The office's SMS / e-mail gateway that takes messages to filers (a lost 查询码 sent again):
  // a signed JSON POST per message (src/service/messages/message_dispatcher.h). "" = none:
  // messages wait in the queue until one is configured.
  std::string message_gateway_url;
  // The address the public reaches the site at (https://credit.example.gov.cn): what a credit
  // report's QR code opens. "" = http://<listen_address>:<port>.
  std::string public_url;
  std::string message_gateway_secret;

  // Where the public reaches the site: public_url, else http://<listen_address>:<port>.
  std::string PublicUrl() const {
    return public_url.empty() ? "http://" + listen_address + ":" + std::to_string(port)
                              : public_url;
  }
  // The SQLite database file.
  std::string SqlitePath() const { return data_dir + "/xinyong.db"; }
  std::string ConfigPath() const { return data_dir + "/xinyong.yaml"; }
};

// Applies `key = value` to `cfg`; invalid_argument for an unknown key or a bad value.
Status SetConfigValue(Config& cfg, const std::string& key, const std::string& value);

// File (if present) then environment. `data_dir` must be set.
Result<Config> LoadConfig(const std::string& data_dir,
                          const std::map<std::string, std::string>& overrides);

// Checks ranges and combinations once.
Status ValidateConfig(const Config& cfg);

// Writes the file that `xinyong init` creates (mode 0600: it holds the secret key).
Status WriteConfigFile(const Config& cfg);

}  // namespace xinyong
