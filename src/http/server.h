// The HTTP/1.1 server: listens on one address, reads requests, routes them through a Router
// and writes the responses. No Boost type appears here (see server.cc).
//
// Threads: `io_threads` threads run all socket I/O and never block; each connection is
// served on its own strand, one request at a time (keep-alive; pipelined requests are
// answered in order). Handlers run on a pool of `worker_threads` threads and may block
// (database, disk); the response is posted back to the connection's strand.
//
// Every request is recorded in Metrics and, with `access_log`, logged in one spdlog info line:
//   <remote> <method> <target> <status> <body bytes> <latency ms> <route>
// Errors the server detects itself get the JSON body of error_mapping.h: malformed request
// 400 (connection closed), body over body_limit 413 (closed), header over header_limit 431
// (closed), unknown path 404, known path with another method 405 (with Allow), handler
// exception 500 "internal" (logged with the exception's message, which the client never sees).
//
// Life cycle: construct, Start() once, optionally HandleSignals(), Run() once (blocks),
// Stop() from any thread. The Router and Metrics must outlive the Server; the Router must not
// change once Start() was called.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/status.h"

namespace xinyong::http {

class Router;
class Metrics;

struct ServerOptions {
  std::string address = "127.0.0.1";     // IP address to listen on ("0.0.0.0" for all IPv4)
  uint16_t port = 8080;                  // TCP port; 0 = pick a free one, see Server::port()
  int io_threads = 1;                    // threads running socket I/O, >= 1
  int worker_threads = 4;                // threads running handlers, >= 1
  size_t header_limit = 16 * 1024;       // max bytes of request line + header fields; more: 431
  size_t body_limit = 16 * 1024 * 1024;  // max bytes of a request body; more: 413
  // Bytes of request bodies being received at once, over all connections (a body's declared
  // length is reserved before it is read); past it: 503 with Retry-After, body unread.
  size_t body_bytes_in_flight = 64 * 1024 * 1024;
  int connections_per_address = 64;  // open connections from one client address; more: closed
  int read_timeout_seconds = 30;     // a begun request must arrive in full within this;
                                     // also the limit for writing one response
  int keep_alive_seconds = 60;       // an idle keep-alive connection is closed after this
  bool access_log = true;            // one spdlog info line per request
  int shutdown_grace_seconds = 10;   // Stop() waits this long for in-flight requests
};

// Thread-safety: Stop() may be called from any thread (also a signal-driven one) at any time
// after construction, any number of times. The other methods are for the thread that owns
// the Server, in the life-cycle order above.
class Server {
 public:
  Server(ServerOptions options, const Router& router, Metrics& metrics);
  // Stops (as Stop()) and waits for handlers still running on the worker pool.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens, and starts the worker pool. Returns invalid_argument for options that
  // make no sense (an address that is not an IP literal, fewer than one thread), unavailable
  // naming address and port when the socket cannot be bound or listened on (port in use,
  // no permission), and failed_precondition when called twice.
  Status Start();

  // The port listened on: options.port, or the port picked when it was 0. 0 before Start().
  uint16_t port() const;

  // Serves connections until Stop() (or SIGTERM/SIGINT after HandleSignals()) has finished
  // draining. Uses the calling thread as one of the io_threads. Call after Start(), once.
  void Run();

  // Makes SIGTERM and SIGINT call Stop(). Call after Start() and before Run().
  void HandleSignals();

  // Graceful stop: stops accepting, closes idle connections, lets requests whose handler has
  // begun finish and be answered (with "Connection: close"), then closes everything. Requests
  // still running after shutdown_grace_seconds are abandoned (their connections closed).
  // Returns once Run() has returned (at once when Run() is not running); when called on an
  // I/O or worker thread of this server it only starts the stop and returns at once. A request
  // still being received when the stop begins is dropped without an answer.
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xinyong::http
