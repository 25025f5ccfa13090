// Modelled on Boost.Beast example/http/server/async/http_server_async.cpp (boost-1.74.0):
// one session object per connection, its socket bound to a strand, read -> handle -> write.
// Differences: the handler runs on a thread pool and its answer is posted back to the strand;
// limits and errors answered in JSON; metrics, access log and a graceful stop.
#include "http/server.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "http/error_mapping.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/request_reading.h"
#include "http/router.h"

namespace xinyong::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

// After an error response that closes the connection, the rest of the request is read and
// discarded for this long, so that closing with unread data does not reset the connection
// before the client has read the answer.
constexpr std::chrono::seconds kLingerTime{2};
// Pause before accepting again after accept() failed (e.g. out of file descriptors).
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};
// How often a stop checks whether in-flight requests are done.
constexpr std::chrono::milliseconds kDrainPollInterval{10};
constexpr std::size_t kFirstReadSize = 4096;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

// Beast 1.74 uses boost::string_view.
beast::string_view ToBeast(std::string_view s) { return {s.data(), s.size()}; }

bool IsTokenChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// Whether a handler's extra header may be sent as it is. Framing headers belong to the
// server; a CR, LF or NUL would split the response.
bool IsAllowedExtraHeader(std::string_view name, std::string_view value) {
  if (name.empty() || !std::all_of(name.begin(), name.end(), IsTokenChar)) return false;
  if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) return false;
  for (std::string_view reserved : {"content-length", "transfer-encoding", "connection"}) {
    if (beast::iequals(ToBeast(name), ToBeast(reserved))) return false;
  }
  return true;
}

// Runs a handler; the one catch-all of the HTTP layer turns an exception into a logged 500.
HttpResponse InvokeHandler(const Handler& handler, HttpRequest& request) {
  try {
    return handler(request);
  } catch (const BadRequest& e) {
    return ErrorResponse(400, CodeName(Code::kInvalidArgument), e.what());
  } catch (const std::exception& e) {
    spdlog::error("handler for {} {} (route {}) threw: {}", request.method, request.path,
                  request.route, e.what());
  } catch (...) {
    spdlog::error("handler for {} {} (route {}) threw a non-standard exception", request.method,
                  request.target, request.route);
  }
  return ErrorResponse(500, CodeName(Code::kInternal),
                       "the server failed while handling this request; the failure is logged");
}

}  // namespace

class Server::Impl {
 public:
  class Session;

  Impl(ServerOptions options, const Router& router, Metrics& metrics)
      : options_(std::move(options)),
        router_(router),
        metrics_(metrics),
        ioc_(std::max(1, options_.io_threads)),
        acceptor_(net::make_strand(ioc_)),
        accept_retry_timer_(acceptor_.get_executor()),
        drain_timer_(ioc_) {}

  ~Impl() {
    Stop();
    if (workers_) {
      workers_->stop();
      workers_->join();
    }
  }

  Status Start();
  void Run();
  void HandleSignals();
  void Stop();

  uint16_t port() const { return port_.load(); }

 private:
  void DoAccept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  void BeginStop();
  void DrainTick();
  bool Register(const std::shared_ptr<Session>& session, const std::string& address);
  void Unregister(Session* session, const std::string& address);
  // Reserves `bytes` of the bodies-in-flight budget; false when it would go over.
  bool ReserveBody(size_t bytes);
  void ReleaseBody(size_t bytes) { body_bytes_.fetch_sub(bytes); }
  bool Stopping() const { return stopping_.load(); }

  const ServerOptions options_;
  const Router& router_;
  Metrics& metrics_;

  std::atomic<uint16_t> port_{0};
  std::atomic<bool> started_{false};
  // Requests read in full and not yet answered (handler running or response being written).
  std::atomic<int> in_flight_{0};

  std::mutex sessions_mu_;
  std::atomic<bool> stopping_{false};  // set under sessions_mu_
  // Live connections, so that a stop can reach them. Guarded by sessions_mu_.
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;
  std::unordered_map<std::string, int> per_address_;  // open connections; guarded likewise
  std::atomic<size_t> body_bytes_{0};                 // reserved by bodies being read

  std::mutex run_mu_;
  std::condition_variable run_cv_;
  bool running_ = false;  // Run() is serving. Guarded by run_mu_.
  bool ran_ = false;      // Run() was called. Guarded by run_mu_.

  // Declared after the members that Session destructors use: destroying ioc_ destroys the
  // handlers still queued in it, and with them the sessions they hold.
  net::io_context ioc_;
  tcp::acceptor acceptor_;                // used on its own strand
  net::steady_timer accept_retry_timer_;  // on the acceptor's strand
  net::steady_timer drain_timer_;         // used only by the DrainTick chain
  Clock::time_point drain_deadline_;      // used only by the DrainTick chain
  std::optional<net::signal_set> signals_;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work_;
  // Last, so it is destroyed first: tasks queued in it hold sessions whose sockets need ioc_.
  std::optional<net::thread_pool> workers_;
};

// One connection. Its members are used only on the connection's strand, except for the
// constructor and executor(), which never change anything.
class Server::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Impl& server, tcp::socket&& socket)
      : server_(server), stream_(std::move(socket)), strand_(stream_.get_executor()) {
    beast::error_code ec;
    tcp::endpoint remote = stream_.socket().remote_endpoint(ec);
    remote_ = ec ? std::string("-") : remote.address().to_string();
  }
  ~Session() {
    ReleaseBody();
    if (registered_) server_.Unregister(this, remote_);
  }

  void Start() {
    // Stopping, or too many connections from this address: the socket closes now.
    if (!server_.Register(shared_from_this(), remote_)) return;
    registered_ = true;
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::WaitForRequest, shared_from_this()));
  }

  // The connection's strand; safe to call from any thread.
  const net::any_io_executor& executor() const { return strand_; }

  // The server is stopping: close now if idle, else after the response being prepared.
  void Shutdown() {
    shutting_down_ = true;
    if (!busy_) Close();
  }

 private:
  // Waits for the first bytes of the next request with the idle timeout, so that a request
  // in progress gets read_timeout_seconds from its first byte.
  void WaitForRequest() {
    if (shutting_down_) return Close();
    if (buffer_.size() > 0) return ReadHeader();
    int seconds = requests_ == 0 ? server_.options_.read_timeout_seconds
                                 : server_.options_.keep_alive_seconds;
    stream_.expires_after(std::chrono::seconds(seconds));
    stream_.async_read_some(buffer_.prepare(kFirstReadSize),
                            beast::bind_front_handler(&Session::OnFirstBytes, shared_from_this()));
  }

  void OnFirstBytes(beast::error_code ec, std::size_t bytes) {
    if (ec) return Close();  // idle timeout, client closed, or stopping
    buffer_.commit(bytes);
    ReadHeader();
  }

  void ReadHeader() {
    const ServerOptions& options = server_.options_;
    parser_.emplace();
    ApplyLimits(*parser_, options);
    stream_.expires_after(std::chrono::seconds(options.read_timeout_seconds));
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, std::size_t header_bytes) {
    if (ec) return OnReadError(ec);
    if (auto over = HeaderOverLimit(header_bytes, server_.options_)) {
      return RespondToBadRequest(std::move(*over));
    }
    const auto& header = parser_->get();
    if (auto refused = RefuseTransferCoding(header)) {
      return AnswerUnread(std::string(header.method_string()), PathOnly(ToStd(header.target())), "",
                          std::move(*refused));
    }
    if (!parser_->is_done()) {
      // A body follows. Nothing is read (nor allocated) for a request no route takes, and a
      // body is read only within the budget of bytes in flight.
      const std::string method(header.method_string());
      const std::string path = PathOnly(ToStd(header.target()));
      RouteMatch match = server_.router_.Match(method, path);
      if (match.kind != RouteMatch::Kind::kFound) {
        return AnswerUnread(method, path,
                            match.kind == RouteMatch::Kind::kNotFound ? "" : match.route,
                            Router::NoRouteResponse(match, method, path));
      }
      if (server_.router_.NeedsCredentialForBody(match) && !HasCredential(header)) {
        return AnswerUnread(method, path, match.route, CredentialRequired());
      }
      const auto length = parser_->content_length();
      const size_t want = length ? static_cast<size_t>(*length) : server_.options_.body_limit;
      if (!server_.ReserveBody(want)) {
        HttpResponse busy = ErrorResponse(503, CodeName(Code::kUnavailable),
                                          "服务器正在接收的数据过多，请稍后重新发送");
        busy.headers.emplace_back("Retry-After", "1");
        return AnswerUnread(method, path, match.route, std::move(busy));
      }
      reserved_ = want;
    }
    auto expect = header.find(bhttp::field::expect);
    if (expect != header.end() && beast::iequals(expect->value(), "100-continue") &&
        !parser_->is_done()) {
      net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                       [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                         if (write_ec) return self->Close();
                         self->ReadBody();
                       });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  // Answers a request whose body is not read (no route, no credential, no room), then closes
  // the connection after draining what the client still sends.
  void AnswerUnread(const std::string& method, const std::string& path, const std::string& route,
                    HttpResponse response) {
    BeginRequest();
    close_after_write_ = true;
    linger_ = true;
    method_ = method;
    target_ = path;
    if (!route.empty()) route_ = route;
    Respond(std::move(response));
  }

  void ReleaseBody() {
    if (reserved_ > 0) server_.ReleaseBody(reserved_);
    reserved_ = 0;
  }

  void OnReadError(beast::error_code ec) {
    ReleaseBody();
    if (auto answer = ReadErrorResponse(ec, server_.options_)) {
      return RespondToBadRequest(std::move(*answer));
    }
    Close();  // timeout, reset, closed mid-request, or stopping: nobody to answer
  }

  // Answers a request that could not be read, then closes the connection.
  void RespondToBadRequest(HttpResponse answer) {
    BeginRequest();
    close_after_write_ = true;
    linger_ = true;
    version_ = 11;
    is_head_ = false;
    if (parser_ && parser_->is_header_done()) {
      const auto& header = parser_->get();
      method_ = std::string(header.method_string());
      target_ = PathOnly(ToStd(header.target()));
      is_head_ = header.method() == bhttp::verb::head;
      RouteMatch match = server_.router_.Match(method_, target_);
      if (match.kind != RouteMatch::Kind::kNotFound) route_ = match.route;
    }
    Respond(std::move(answer));
  }

  // A request has been read (or failed to be): from here until OnWrite it is in flight.
  void BeginRequest() {
    busy_ = true;
    ++requests_;
    ++server_.in_flight_;
    start_ = Clock::now();
    method_ = "-";
    target_ = "-";
    route_ = Metrics::kUnmatchedRoute;
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec) return OnReadError(ec);
    BeginRequest();
    bhttp::request<bhttp::string_body> message = parser_->release();
    parser_.reset();
    // The body now lives in the request (until the handler is done with it); the budget
    // bounds what is being received.
    ReleaseBody();

    version_ = message.version();
    is_head_ = message.method() == bhttp::verb::head;
    close_after_write_ = !message.keep_alive();
    linger_ = false;
    HttpRequest request = ToHttpRequest(std::move(message), remote_);
    method_ = request.method;
    target_ = PathOnly(request.target);

    if (Status status = ParseTarget(request); !status.ok()) return Respond(ErrorResponse(status));
    RouteMatch match = server_.router_.Match(request.method, request.target);
    if (match.kind != RouteMatch::Kind::kNotFound) route_ = match.route;
    if (match.kind != RouteMatch::Kind::kFound) {
      return Respond(Router::NoRouteResponse(match, request.method, request.path));
    }
    request.params = std::move(match.params);
    request.route = match.route;
    request.reply_later = DeferredReply();
    const Handler* handler = match.handler;
    net::post(*server_.workers_,
              [self = shared_from_this(), handler, request = std::move(request)]() mutable {
                HttpResponse response = InvokeHandler(*handler, request);
                // A deferred answer comes through request.reply_later, from whichever thread
                // finishes the work; the worker is free at once.
                if (response.deferred) return;
                net::post(self->executor(), [self, response = std::move(response)]() mutable {
                  self->Respond(std::move(response));
                });
              });
  }

  // The Reply for the request in flight: posts the response to the strand, once. It holds
  // the session, so the connection stays open until it is called (or the server stops and
  // drops it: queued handlers die with the io_context).
  Reply DeferredReply() {
    auto answered = std::make_shared<std::atomic<bool>>(false);
    return [self = shared_from_this(), answered, route = route_](HttpResponse response) {
      if (answered->exchange(true)) {
        spdlog::error("route {}: a deferred response was sent twice; the second is dropped", route);
        return;
      }
      if (response.deferred) {
        response = ErrorResponse(500, CodeName(Code::kInternal),
                                 "the server built an invalid response; the failure is logged");
      }
      net::post(self->executor(), [self, response = std::move(response)]() mutable {
        self->Respond(std::move(response));
      });
    };
  }

  // Sends `response` for the request in flight; records it in the metrics and access log.
  void Respond(HttpResponse response) {
    double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    bool keep_alive = !close_after_write_ && !shutting_down_ && !server_.Stopping();
    std::size_t body_bytes = 0;
    try {
      body_bytes = BuildResponse(std::move(response), keep_alive);
    } catch (const std::exception& e) {
      spdlog::error("cannot build the response to {} {} (route {}): {}", method_, target_, route_,
                    e.what());
      keep_alive = false;
      body_bytes = BuildResponse(
          ErrorResponse(500, CodeName(Code::kInternal),
                        "the server built an invalid response; the failure is logged"),
          keep_alive);
    }
    close_after_write_ = !keep_alive;
    int status = static_cast<int>(response_->result_int());
    server_.metrics_.Observe(route_, method_, status, seconds);
    if (server_.options_.access_log) {
      spdlog::info("{} {} {} {} {} {:.3f} {}", (server_.router_.LogsAddress(route_) ? std::string_view(remote_) : std::string_view("-")), method_,
                   target_, status, body_bytes, seconds * 1000, route_);
    }
    stream_.expires_after(std::chrono::seconds(server_.options_.read_timeout_seconds));
    bhttp::async_write(stream_, *response_,
                       beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
  }

  // Fills response_ from `response`; returns the body size. Throws on an invalid response.
  std::size_t BuildResponse(HttpResponse response, bool keep_alive) {
    if (response.status < 100 || response.status > 599) {
      spdlog::error("route {} answered with HTTP status {}; sending 500", route_, response.status);
      response = ErrorResponse(500, CodeName(Code::kInternal),
                               "the server built an invalid response; the failure is logged");
    }
    bool bodiless = response.status < 200 || response.status == 204 || response.status == 304;
    if (bodiless) response.body.clear();

    response_.emplace();
    bhttp::response<bhttp::string_body>& out = *response_;
    out.result(static_cast<unsigned>(response.status));
    out.version(version_);
    out.set(bhttp::field::server, "xinyong");
    if (!response.content_type.empty() && !bodiless) {
      out.set(bhttp::field::content_type, response.content_type);
    }
    for (const auto& [name, value] : response.headers) {
      if (!IsAllowedExtraHeader(name, value)) {
        spdlog::warn("route {}: dropping response header \"{}\" (reserved or malformed)", route_,
                     name);
        continue;
      }
      out.insert(name, value);
    }
    out.keep_alive(keep_alive);
    std::size_t body_bytes = response.body.size();
    out.body() = std::move(response.body);
    out.prepare_payload();
    if (is_head_) {
      out.body().clear();
      if (!bodiless) out.content_length(body_bytes);
      body_bytes = 0;
    }
    return body_bytes;
  }

  void OnWrite(beast::error_code ec, std::size_t) {
    response_.reset();
    busy_ = false;
    --server_.in_flight_;
    if (ec) return Close();
    if (close_after_write_) {
      if (linger_) return LingerThenClose();
      return Close();
    }
    WaitForRequest();
  }

  // Stops sending, reads and discards what the client still sends for a while, then closes.
  void LingerThenClose() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    buffer_.clear();
    stream_.expires_after(kLingerTime);
    Discard();
  }

  void Discard() {
    stream_.async_read_some(net::buffer(discard_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->Close();
                              self->Discard();
                            });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }

  Impl& server_;
  beast::tcp_stream stream_;
  const net::any_io_executor strand_;  // stream_'s executor, a strand
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::response<bhttp::string_body>> response_;
  std::array<char, 4096> discard_{};
  std::string remote_;

  size_t reserved_ = 0;             // bytes of the bodies-in-flight budget held
  bool registered_ = false;         // counted in the server's sessions and per address
  bool busy_ = false;               // a request is in flight on this connection
  bool shutting_down_ = false;      // the server is stopping
  bool close_after_write_ = false;  // close once the response is written
  bool linger_ = false;             // ... after draining what the client still sends
  uint64_t requests_ = 0;           // requests read on this connection

  // The request in flight, for the metrics and the access log.
  Clock::time_point start_;
  std::string method_;
  std::string target_;
  std::string route_;
  unsigned version_ = 11;
  bool is_head_ = false;
};

Status Server::Impl::Start() {
  if (started_.exchange(true)) return FailedPrecondition("Server::Start was called twice");
  if (options_.io_threads < 1 || options_.worker_threads < 1) {
    return InvalidArgument(
        fmt::format("server io_threads ({}) and worker_threads ({}) must each be at least 1",
                    options_.io_threads, options_.worker_threads));
  }
  if (options_.header_limit == 0 || options_.read_timeout_seconds < 1 ||
      options_.keep_alive_seconds < 1 || options_.shutdown_grace_seconds < 0) {
    return InvalidArgument(
        "server header_limit, read_timeout_seconds and keep_alive_seconds must be positive, "
        "shutdown_grace_seconds not negative");
  }
  beast::error_code ec;
  net::ip::address address = net::ip::make_address(options_.address, ec);
  if (ec) {
    return InvalidArgument(
        fmt::format("server address \"{}\" is not an IP address; use e.g. 127.0.0.1 or 0.0.0.0",
                    options_.address));
  }
  tcp::endpoint endpoint(address, options_.port);
  auto unavailable = [&](std::string_view what) {
    beast::error_code ignored;
    acceptor_.close(ignored);
    return Unavailable(
        fmt::format("cannot {} {}:{}: {}", what, options_.address, options_.port, ec.message()));
  };
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) return unavailable("open a socket for");
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) return unavailable("set SO_REUSEADDR for");
  acceptor_.bind(endpoint, ec);
  if (ec) return unavailable("bind to");
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return unavailable("listen on");
  tcp::endpoint local = acceptor_.local_endpoint(ec);
  if (ec) return unavailable("read the local address of");
  port_ = local.port();

  workers_.emplace(static_cast<std::size_t>(options_.worker_threads));
  work_.emplace(ioc_.get_executor());
  DoAccept();
  spdlog::info("HTTP server listening on {}:{} ({} I/O threads, {} worker threads)",
               options_.address, port_.load(), options_.io_threads, options_.worker_threads);
  return Status::Ok();
}

void Server::Impl::DoAccept() {
  acceptor_.async_accept(net::make_strand(ioc_), beast::bind_front_handler(&Impl::OnAccept, this));
}

void Server::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (ec) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    spdlog::warn("HTTP server: accept failed: {}; retrying", ec.message());
    accept_retry_timer_.expires_after(kAcceptRetryDelay);
    accept_retry_timer_.async_wait([this](beast::error_code wait_ec) {
      if (!wait_ec && acceptor_.is_open()) DoAccept();
    });
    return;
  }
  std::make_shared<Session>(*this, std::move(socket))->Start();
  DoAccept();
}

void Server::Impl::Run() {
  {
    std::lock_guard<std::mutex> lock(run_mu_);
    if (ran_) {
      spdlog::error("Server::Run was called twice; ignoring the second call");
      return;
    }
    ran_ = true;
    running_ = true;
  }
  auto run_loop = [this] {
    while (true) {
      try {
        ioc_.run();
        return;
      } catch (const std::exception& e) {
        spdlog::error("HTTP server: exception escaped to an I/O thread: {}", e.what());
      }
    }
  };
  std::vector<std::thread> threads;
  for (int i = 1; i < options_.io_threads; ++i) threads.emplace_back(run_loop);
  run_loop();
  for (std::thread& thread : threads) thread.join();
  beast::error_code ignored;
  acceptor_.close(ignored);  // no I/O thread runs any more: safe outside the strand
  {
    std::lock_guard<std::mutex> lock(run_mu_);
    running_ = false;
  }
  run_cv_.notify_all();
  spdlog::info("HTTP server stopped");
}

void Server::Impl::HandleSignals() {
  signals_.emplace(ioc_, SIGINT, SIGTERM);
  signals_->async_wait([this](beast::error_code ec, int signal_number) {
    if (ec) return;
    spdlog::info("HTTP server: received signal {}; stopping", signal_number);
    BeginStop();
  });
}

void Server::Impl::Stop() {
  BeginStop();
  // On one of our own threads, waiting would hold up the very work the stop waits for.
  if (ioc_.get_executor().running_in_this_thread()) return;
  if (workers_ && workers_->get_executor().running_in_this_thread()) return;
  std::unique_lock<std::mutex> lock(run_mu_);
  run_cv_.wait(lock, [this] { return !running_; });
}

void Server::Impl::BeginStop() {
  std::vector<std::shared_ptr<Session>> sessions;
  {
    std::lock_guard<std::mutex> lock(sessions_mu_);
    if (stopping_.exchange(true)) return;
    for (auto& entry : sessions_) {
      if (std::shared_ptr<Session> session = entry.second.lock()) {
        sessions.push_back(std::move(session));
      }
    }
  }
  net::post(acceptor_.get_executor(), [this] {
    beast::error_code ignored;
    acceptor_.close(ignored);
    accept_retry_timer_.cancel();
  });
  for (std::shared_ptr<Session>& session : sessions) {
    net::post(session->executor(), [session] { session->Shutdown(); });
  }
  net::post(ioc_, [this] {
    drain_deadline_ = Clock::now() + std::chrono::seconds(options_.shutdown_grace_seconds);
    DrainTick();
  });
}

void Server::Impl::DrainTick() {
  int in_flight = in_flight_.load();
  size_t connections = 0;
  {
    std::lock_guard<std::mutex> lock(sessions_mu_);
    connections = sessions_.size();
  }
  // Done when every connection has closed: idle ones close at once, busy ones after their
  // response is written.
  if (connections == 0 || Clock::now() >= drain_deadline_) {
    if (in_flight > 0) {
      spdlog::warn("HTTP server: stopping with {} requests unanswered after {} s", in_flight,
                   options_.shutdown_grace_seconds);
    }
    work_.reset();
    ioc_.stop();
    return;
  }
  drain_timer_.expires_after(kDrainPollInterval);
  drain_timer_.async_wait([this](beast::error_code) { DrainTick(); });
}

bool Server::Impl::Register(const std::shared_ptr<Session>& session, const std::string& address) {
  std::lock_guard<std::mutex> lock(sessions_mu_);
  if (stopping_.load()) return false;
  int& open = per_address_[address];
  if (options_.connections_per_address > 0 && open >= options_.connections_per_address) {
    if (open == 0) per_address_.erase(address);
    return false;
  }
  ++open;
  sessions_.emplace(session.get(), session);
  return true;
}

void Server::Impl::Unregister(Session* session, const std::string& address) {
  std::lock_guard<std::mutex> lock(sessions_mu_);
  sessions_.erase(session);
  auto it = per_address_.find(address);
  if (it != per_address_.end() && --it->second <= 0) per_address_.erase(it);
}

bool Server::Impl::ReserveBody(size_t bytes) {
  size_t now = body_bytes_.load();
  do {
    if (now + bytes > options_.body_bytes_in_flight && now > 0) return false;
  } while (!body_bytes_.compare_exchange_weak(now, now + bytes));
  return true;
}

Server::Server(ServerOptions options, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {}

Server::~Server() = default;

Status Server::Start() { return impl_->Start(); }
uint16_t Server::port() const { return impl_->port(); }
void Server::Run() { impl_->Run(); }
void Server::HandleSignals() { impl_->HandleSignals(); }
void Server::Stop() { impl_->Stop(); }

}  // namespace xinyong::http
