// Starts a Server in-process on a free port and talks HTTP/1.1 to it with a small
// synchronous Beast client.
#include "http/server.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "http/error_mapping.h"
#include "http/metrics.h"
#include "http/router.h"

namespace xinyong::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Response = bhttp::response<bhttp::string_body>;

// A blocking HTTP client on one connection.
class Client {
 public:
  explicit Client(uint16_t port) : socket_(ioc_) {
    socket_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  }

  Response Send(bhttp::verb method, const std::string& target, const std::string& body = "",
                bool keep_alive = true) {
    bhttp::request<bhttp::string_body> request(method, target, 11);
    request.set(bhttp::field::host, "localhost");
    request.keep_alive(keep_alive);
    request.body() = body;
    request.prepare_payload();
    bhttp::write(socket_, request);
    return Read();
  }

  Response Get(const std::string& target) { return Send(bhttp::verb::get, target); }

  void WriteRaw(const std::string& bytes) { net::write(socket_, net::buffer(bytes)); }

  Response Read() {
    Response response;
    bhttp::read(socket_, buffer_, response);
    return response;
  }

  // True when the server has closed the connection (the next read sees end of stream).
  bool ClosedByServer() {
    char byte;
    beast::error_code ec;
    socket_.read_some(net::buffer(&byte, 1), ec);
    return ec == net::error::eof || ec == net::error::connection_reset;
  }

  tcp::socket& socket() { return socket_; }

 private:
  net::io_context ioc_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
};

nlohmann::json JsonBody(const Response& response) { return nlohmann::json::parse(response.body()); }

HttpResponse Text(std::string body) {
  HttpResponse response;
  response.content_type = "text/plain; charset=utf-8";
  response.body = std::move(body);
  return response;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add("GET", "/hello", [](HttpRequest&) { return Text("hello"); });
    router_.Add("GET", "/subjects/{code}", [](HttpRequest& request) {
      return Text(request.route + " " + request.params.at("code") + " " + request.Query("q", "-") +
                  " " + request.Header("x-test"));
    });
    router_.Add("POST", "/echo", [](HttpRequest& request) { return Text(request.body); });
    router_.Add("GET", "/boom", [](HttpRequest&) -> HttpResponse {
      throw std::runtime_error("database handle is null");
    });
    router_.Add("GET", "/conflict",
                [](HttpRequest&) { return ErrorResponse(Conflict("already recorded")); });
    router_.Add("GET", "/metrics", [this](HttpRequest&) {
      HttpResponse response = Text(metrics_.Render());
      response.content_type = Metrics::kContentType;
      return response;
    });
  }

  // Quiet by default; a test that wants the access log lines passes access_log.
  void StartServer(ServerOptions options = {}, bool access_log = false) {
    options.port = 0;
    options.access_log = access_log;
    server_ = std::make_unique<Server>(options, router_, metrics_);
    Status status = server_->Start();
    ASSERT_TRUE(status.ok()) << status.ToString();
    ASSERT_NE(server_->port(), 0);
    run_thread_ = std::thread([this] { server_->Run(); });
  }

  void TearDown() override {
    if (server_) server_->Stop();
    if (run_thread_.joinable()) run_thread_.join();
    server_.reset();
  }

  Router router_;
  Metrics metrics_;
  std::unique_ptr<Server> server_;
  std::thread run_thread_;
};

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  StartServer({}, /*access_log=*/true);
  Client client(server_->port());
  Response first = client.Get("/hello");
  EXPECT_EQ(first.result_int(), 200u);
  EXPECT_EQ(first.body(), "hello");
  EXPECT_TRUE(first.keep_alive());
  EXPECT_EQ(first[bhttp::field::server], "xinyong");
  EXPECT_EQ(first[bhttp::field::content_length], "5");
  EXPECT_EQ(first[bhttp::field::content_type], "text/plain; charset=utf-8");

  bhttp::request<bhttp::string_body> request(bhttp::verb::get, "/subjects/A%20B?q=%E4%B8%AD+x", 11);
  request.set("X-Test", "yes");
  bhttp::write(client.socket(), request);
  Response second = client.Read();
  EXPECT_EQ(second.result_int(), 200u);
  EXPECT_EQ(second.body(), "/subjects/{code} A B 中 x yes");
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  StartServer();
  Client client(server_->port());
  Response response = client.Send(bhttp::verb::get, "/hello", "", /*keep_alive=*/false);
  EXPECT_EQ(response.result_int(), 200u);
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(client.ClosedByServer());
}

TEST_F(ServerTest, PostBodyReachesHandler) {
  StartServer();
  Client client(server_->port());
  std::string body(100000, 'x');
  Response response = client.Send(bhttp::verb::post, "/echo", body);
  EXPECT_EQ(response.result_int(), 200u);
  EXPECT_EQ(response.body(), body);
}

TEST_F(ServerTest, ExpectContinueIsAnswered) {
  StartServer();
  Client client(server_->port());
  client.WriteRaw(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
  Response interim = client.Read();
  EXPECT_EQ(interim.result_int(), 100u);
  client.WriteRaw("abc");
  Response response = client.Read();
  EXPECT_EQ(response.result_int(), 200u);
  EXPECT_EQ(response.body(), "abc");
}

TEST_F(ServerTest, UnknownPathIs404Json) {
  StartServer();
  Client client(server_->port());
  Response response = client.Get("/nope");
  EXPECT_EQ(response.result_int(), 404u);
  EXPECT_EQ(response[bhttp::field::content_type], "application/json; charset=utf-8");
  EXPECT_EQ(JsonBody(response)["error"]["code"], "not_found");
  EXPECT_TRUE(response.keep_alive());
}

TEST_F(ServerTest, WrongMethodIs405JsonWithAllow) {
  StartServer();
  Client client(server_->port());
  Response response = client.Send(bhttp::verb::delete_, "/hello");
  EXPECT_EQ(response.result_int(), 405u);
  EXPECT_EQ(response[bhttp::field::allow], "GET, HEAD");
  EXPECT_EQ(JsonBody(response)["error"]["code"], "method_not_allowed");
}

TEST_F(ServerTest, HeadIsAnsweredLikeGetWithoutBody) {
  StartServer();
  Client client(server_->port());
  bhttp::request<bhttp::empty_body> request(bhttp::verb::head, "/hello", 11);
  bhttp::write(client.socket(), request);
  bhttp::response_parser<bhttp::empty_body> parser;
  parser.skip(true);  // a response to HEAD has no body, whatever Content-Length says
  beast::flat_buffer buffer;
  bhttp::read(client.socket(), buffer, parser);
  EXPECT_EQ(parser.get().result_int(), 200u);
  EXPECT_EQ(parser.get()[bhttp::field::content_length], "5");
  // The connection is still usable: no stray body bytes were sent.
  bhttp::request<bhttp::empty_body> next(bhttp::verb::get, "/hello", 11);
  bhttp::write(client.socket(), next);
  Response response;
  bhttp::read(client.socket(), buffer, response);
  EXPECT_EQ(response.body(), "hello");
}

TEST_F(ServerTest, DomainErrorKeepsItsStatus) {
  StartServer();
  Client client(server_->port());
  Response response = client.Get("/conflict");
  EXPECT_EQ(response.result_int(), 409u);
  EXPECT_EQ(JsonBody(response)["error"]["message"], "already recorded");
}

TEST_F(ServerTest, HandlerExceptionIs500JsonAndConnectionSurvives) {
  StartServer();
  Client client(server_->port());
  Response response = client.Get("/boom");
  EXPECT_EQ(response.result_int(), 500u);
  nlohmann::json body = JsonBody(response);
  EXPECT_EQ(body["error"]["code"], "internal");
  // The exception's text is logged, not shown to the client.
  EXPECT_EQ(response.body().find("database handle"), std::string::npos);
  EXPECT_EQ(client.Get("/hello").result_int(), 200u);
}

TEST_F(ServerTest, BodyOverLimitIs413AndCloses) {
  ServerOptions options;
  options.body_limit = 1024;
  StartServer(options);
  Client client(server_->port());
  // 1 MiB: more than the socket buffers hold, so the server must read and discard it while
  // the client is still writing.
  Response response = client.Send(bhttp::verb::post, "/echo", std::string(1 << 20, 'x'));
  EXPECT_EQ(response.result_int(), 413u);
  EXPECT_EQ(JsonBody(response)["error"]["code"], "payload_too_large");
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(client.ClosedByServer());
  // A body within the limit is still fine on a new connection.
  Client other(server_->port());
  EXPECT_EQ(other.Send(bhttp::verb::post, "/echo", std::string(1024, 'y')).result_int(), 200u);
}

TEST_F(ServerTest, HugeHeaderIs431AndCloses) {
  StartServer();
  Client client(server_->port());
  bhttp::request<bhttp::string_body> request(bhttp::verb::get, "/hello", 11);
  request.set("X-Huge", std::string(32 * 1024, 'h'));
  bhttp::write(client.socket(), request);
  Response response = client.Read();
  EXPECT_EQ(response.result_int(), 431u);
  EXPECT_EQ(JsonBody(response)["error"]["code"], "header_fields_too_large");
  EXPECT_TRUE(client.ClosedByServer());
}

// Found by the request fuzzer: Beast checks the request line and the fields each against the
// limit, so a header somewhat over it passed or not depending on what the first read held.
// The limit is now the whole header's size, however the bytes come; a header at it passes.
TEST_F(ServerTest, TheHeaderLimitDoesNotDependOnHowTheBytesArrive) {
  ServerOptions options;
  options.header_limit = 2048;
  StartServer(options);
  const auto request_of = [](size_t header_bytes) {
    const std::string start = "GET /hello HTTP/1.1\r\nX-Pad: ";
    return start + std::string(header_bytes - start.size() - 4, 'p') + "\r\n\r\n";
  };
  ASSERT_EQ(request_of(2048).size(), 2048u);
  for (const size_t piece : {size_t{1} << 20, size_t{57}}) {
    SCOPED_TRACE("written in pieces of " + std::to_string(piece) + " bytes");
    for (const auto& [bytes, status] : {std::pair{size_t{2048}, 200u}, {size_t{2059}, 431u}}) {
      Client client(server_->port());
      const std::string raw = request_of(bytes);
      for (size_t at = 0; at < raw.size(); at += piece) {
        client.WriteRaw(raw.substr(at, piece));
        if (piece < raw.size()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      EXPECT_EQ(client.Read().result_int(), status) << bytes << " bytes of header";
    }
  }
}

TEST_F(ServerTest, MalformedRequestIs400AndCloses) {
  StartServer();
  Client client(server_->port());
  client.WriteRaw("GET /hello HTTP/1.1\r\nHost x\r\n\r\n");  // header line without ':'
  Response response = client.Read();
  EXPECT_EQ(response.result_int(), 400u);
  EXPECT_EQ(JsonBody(response)["error"]["code"], "invalid_argument");
  EXPECT_TRUE(client.ClosedByServer());
}

TEST_F(ServerTest, MalformedPercentEncodingIs400) {
  StartServer();
  Client client(server_->port());
  Response response = client.Get("/subjects/%zz");
  EXPECT_EQ(response.result_int(), 400u);
  EXPECT_EQ(JsonBody(response)["error"]["code"], "invalid_argument");
}

TEST_F(ServerTest, SlowHandlerDoesNotHoldUpOtherConnections) {
  // One I/O thread: if it blocked on the slow handler, the fast request could not be read.
  std::promise<void> slow_started;
  std::promise<void> fast_answered;
  std::shared_future<void> fast_answered_future = fast_answered.get_future().share();
  std::mutex order_mu;
  std::vector<std::string> order;
  auto note = [&](const std::string& event) {
    std::lock_guard<std::mutex> lock(order_mu);
    order.push_back(event);
  };
  router_.Add("GET", "/slow", [&](HttpRequest&) {
    slow_started.set_value();
    // Stays in the handler until the other connection has been answered (or 10 s pass, in
    // which case the order below shows the failure).
    fast_answered_future.wait_for(std::chrono::seconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    note("slow handler done");
    return Text("slow");
  });
  ServerOptions options;
  options.io_threads = 1;
  options.worker_threads = 2;
  StartServer(options);

  std::thread slow_client([&] {
    Client client(server_->port());
    Response response = client.Get("/slow");
    note("slow answered " + response.body());
  });
  slow_started.get_future().wait();
  Client fast(server_->port());
  Response response = fast.Get("/hello");
  note("fast answered " + response.body());
  fast_answered.set_value();
  slow_client.join();

  std::vector<std::string> expected = {"fast answered hello", "slow handler done",
                                       "slow answered slow"};
  EXPECT_EQ(order, expected);
}

TEST_F(ServerTest, DeferredResponsesFreeTheWorkerAndArriveInOrderPerConnection) {
  // One worker thread: if a deferred request held it, the second one could not be handled
  // before the first was answered.
  std::mutex mu;
  std::vector<Reply> parked;
  std::condition_variable parked_cv;
  router_.Add("GET", "/later/{n}", [&](HttpRequest& request) {
    Reply reply = request.reply_later;
    std::string n = request.params.at("n");
    {
      std::lock_guard<std::mutex> lock(mu);
      parked.push_back([reply, n](HttpResponse) { reply(Text("later " + n)); });
    }
    parked_cv.notify_all();
    return HttpResponse::Deferred();
  });
  ServerOptions options;
  options.worker_threads = 1;
  StartServer(options);

  std::vector<std::string> answers(2);
  std::thread a([&] { answers[0] = Client(server_->port()).Get("/later/1").body(); });
  std::thread b([&] { answers[1] = Client(server_->port()).Get("/later/2").body(); });
  {
    std::unique_lock<std::mutex> lock(mu);
    ASSERT_TRUE(
        parked_cv.wait_for(lock, std::chrono::seconds(10), [&] { return parked.size() == 2; }));
  }
  // Both handlers returned without answering; now answer from this thread, twice each (the
  // second call is ignored).
  for (auto& reply : parked) {
    reply(HttpResponse());
    reply(HttpResponse());
  }
  a.join();
  b.join();
  EXPECT_EQ(answers[0], "later 1");
  EXPECT_EQ(answers[1], "later 2");

  // The connection is kept alive after a deferred answer.
  parked.clear();
  Client client(server_->port());
  std::thread replier([&] {
    std::unique_lock<std::mutex> lock(mu);
    parked_cv.wait(lock, [&] { return parked.size() == 1; });
    parked[0](HttpResponse());
  });
  EXPECT_EQ(client.Get("/later/3").body(), "later 3");
  replier.join();
  EXPECT_EQ(client.Get("/hello").body(), "hello");
}

TEST_F(ServerTest, ManyClientsOnSeveralIoThreads) {
  ServerOptions options;
  options.io_threads = 2;
  options.worker_threads = 3;
  StartServer(options);
  constexpr int kClients = 8;
  constexpr int kRequestsEach = 25;
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      Client client(server_->port());
      for (int i = 0; i < kRequestsEach; ++i) {
        std::string code = std::to_string(c) + "-" + std::to_string(i);
        Response response = client.Get("/subjects/" + code);
        if (response.result_int() == 200 && response.body() == "/subjects/{code} " + code + " - ") {
          ++ok;
        }
      }
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(ok.load(), kClients * kRequestsEach);
  Client client(server_->port());
  std::string expected = R"(xinyong_http_requests_total{route="/subjects/{code}",method="GET",)"
                         R"(status="200"} )" +
                         std::to_string(kClients * kRequestsEach) + "\n";
  EXPECT_NE(client.Get("/metrics").body().find(expected), std::string::npos);
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosed) {
  ServerOptions options;
  options.keep_alive_seconds = 1;
  StartServer(options);
  Client client(server_->port());
  EXPECT_EQ(client.Get("/hello").result_int(), 200u);
  EXPECT_TRUE(client.ClosedByServer());  // blocks until the idle timeout closes it
}

TEST_F(ServerTest, RequestThatNeverCompletesIsDropped) {
  ServerOptions options;
  options.read_timeout_seconds = 1;
  StartServer(options);
  Client client(server_->port());
  client.WriteRaw("GET /hello HTTP/1.1\r\nHost: x\r\n");  // no blank line: never complete
  EXPECT_TRUE(client.ClosedByServer());
}

TEST_F(ServerTest, MetricsCountRequestsAndErrors) {
  StartServer();
  Client client(server_->port());
  EXPECT_EQ(client.Get("/hello").result_int(), 200u);
  EXPECT_EQ(client.Get("/hello").result_int(), 200u);
  EXPECT_EQ(client.Get("/no/such/path").result_int(), 404u);
  EXPECT_EQ(client.Get("/boom").result_int(), 500u);
  Response response = client.Get("/metrics");
  EXPECT_EQ(response[bhttp::field::content_type], Metrics::kContentType);
  const std::string& text = response.body();
  for (const char* line : {
           R"(xinyong_http_requests_total{route="/hello",method="GET",status="200"} 2)",
           R"(xinyong_http_requests_total{route="unmatched",method="GET",status="404"} 1)",
           R"(xinyong_http_requests_total{route="/boom",method="GET",status="500"} 1)",
           R"(xinyong_http_errors_total{route="unmatched",code="not_found"} 1)",
           R"(xinyong_http_errors_total{route="/boom",code="internal"} 1)",
           R"(xinyong_http_request_duration_seconds_bucket{route="/hello",le="+Inf"} 2)",
           R"(xinyong_http_request_duration_seconds_count{route="/hello"} 2)",
           "# TYPE xinyong_http_request_duration_seconds histogram",
           "xinyong_process_uptime_seconds ",
       }) {
    EXPECT_NE(text.find(line), std::string::npos) << "missing: " << line << "\n" << text;
  }
  EXPECT_EQ(text.find("/no/such/path"), std::string::npos) << "raw paths must not be labels";
}

TEST_F(ServerTest, StopReturnsWhileKeepAliveConnectionIsOpen) {
  StartServer();
  Client client(server_->port());
  EXPECT_EQ(client.Get("/hello").result_int(), 200u);  // connection stays open, idle
  server_->Stop();
  run_thread_.join();
  EXPECT_TRUE(client.ClosedByServer());
}

TEST_F(ServerTest, StopLetsInFlightRequestFinish) {
  std::promise<void> started;
  std::atomic<bool> handler_done{false};
  router_.Add("GET", "/sleep", [&](HttpRequest&) {
    started.set_value();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    handler_done = true;
    return Text("slept");
  });
  StartServer();
  std::promise<Response> answer;
  std::thread client_thread([&] {
    Client client(server_->port());
    answer.set_value(client.Get("/sleep"));
  });
  started.get_future().wait();
  server_->Stop();  // begins while the handler sleeps
  EXPECT_TRUE(handler_done);
  run_thread_.join();
  client_thread.join();
  Response response = answer.get_future().get();
  EXPECT_EQ(response.result_int(), 200u);
  EXPECT_EQ(response.body(), "slept");
  EXPECT_FALSE(response.keep_alive());  // a stopping server says it closes
}

TEST_F(ServerTest, NewConnectionsAreRefusedAfterStop) {
  StartServer();
  uint16_t port = server_->port();
  server_->Stop();
  run_thread_.join();
  net::io_context ioc;
  tcp::socket socket(ioc);
  beast::error_code ec;
  socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
  EXPECT_TRUE(ec) << "connected to a stopped server";
}

TEST_F(ServerTest, SigtermStopsAServerThatHandlesSignals) {
  server_ =
      std::make_unique<Server>(ServerOptions{.port = 0, .access_log = false}, router_, metrics_);
  ASSERT_TRUE(server_->Start().ok());
  server_->HandleSignals();
  run_thread_ = std::thread([this] { server_->Run(); });
  Client client(server_->port());
  EXPECT_EQ(client.Get("/hello").result_int(), 200u);
  ASSERT_EQ(::kill(::getpid(), SIGTERM), 0);
  run_thread_.join();  // Run() returns
  EXPECT_TRUE(client.ClosedByServer());
}

TEST_F(ServerTest, StartReportsAPortInUse) {
  StartServer();
  ServerOptions options;
  options.port = server_->port();
  Server second(options, router_, metrics_);
  Status status = second.Start();
  EXPECT_EQ(status.code(), Code::kUnavailable);
  EXPECT_NE(status.message().find("127.0.0.1:" + std::to_string(server_->port())),
            std::string::npos)
      << status.message();
}

TEST_F(ServerTest, StartRejectsAnAddressThatIsNotAnIp) {
  ServerOptions options;
  options.address = "localhost";
  Server server(options, router_, metrics_);
  EXPECT_EQ(server.Start().code(), Code::kInvalidArgument);
}

TEST_F(ServerTest, StopWithoutRunReturns) {
  ServerOptions options;
  options.port = 0;
  Server server(options, router_, metrics_);
  ASSERT_TRUE(server.Start().ok());
  server.Stop();
}

}  // namespace
}  // namespace xinyong::http
