// Test harness for black-box tests: run the xinyong binary, start it as a server on a free
// port, and talk plain HTTP/1.1 to it.
#pragma once

#include <sys/types.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace xytest {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

// Runs `xinyong args...` to completion.
CommandResult RunXinyong(const std::vector<std::string>& args);

// A fresh directory under the temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

// One request on a new connection ("Connection: close"). status 0 when the connection failed.
HttpReply Http(int port, const std::string& method, const std::string& target,
               const std::string& body = "",
               const std::map<std::string, std::string>& headers = {});

// JSON calls to one running server, as its users make them: the tests of one capability
// through the API start with the admin, make users and call as each.
class ApiClient {
 public:
  explicit ApiClient(int port) : port_(port) {}
  // `body` null: none (else sent as JSON text); `token` "": anonymous.
  HttpReply Call(const std::string& method, const std::string& target, const nlohmann::json& body,
                 const std::string& token) const;
  // A session token; a failed log-in fails the test (and gives "").
  std::string Login(const std::string& user, const std::string& password) const;
  // A user `name` made by `admin` from `spec` (role, department, subject…), signed in: its token.
  std::string User(const std::string& admin, const std::string& name,
                   const nlohmann::json& spec) const;

 private:
  int port_;
};

// `xinyong serve --data DIR --port 0` as a child process.
class ServerProcess {
 public:
  explicit ServerProcess(std::string data_dir, std::vector<std::string> extra_args = {});
  ~ServerProcess();  // SIGKILL if still running
  // Starts and waits for the "listening on" line. False (with output()) when it did not come.
  bool Start();
  int port() const { return port_; }
  // SIGTERM and wait: the exit code.
  int Terminate();
  // SIGKILL and wait.
  void Kill();
  // What the server printed so far (stdout and stderr).
  std::string output() const { return ReadLog(); }

 private:
  std::string ReadLog() const;
  std::string data_dir_;
  std::vector<std::string> extra_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string log_path_;
};

// A webhook receiver on 127.0.0.1 (plain HTTP/1.1, one request per connection): answers 503
// to the first `refuse` requests, 200 after, and keeps every request it answered with 200.
class WebhookReceiver {
 public:
  explicit WebhookReceiver(int refuse);
  ~WebhookReceiver();
  int port() const { return port_; }
  std::string url() const;
  // Waits up to `timeout_ms` until `n` requests were taken; false if they did not come.
  bool WaitForTaken(size_t n, int timeout_ms);
  std::vector<HttpReply> taken() const;  // method/target unused; headers lower-case
  int requests() const;                  // taken + refused

 private:
  void Serve();
  int listen_fd_ = -1;
  int port_ = 0;
  int refuse_;
  struct State;
  State* state_;
};

// A raw TCP connection to 127.0.0.1:port, for requests the HTTP helper cannot shape.
class RawConnection {
 public:
  explicit RawConnection(int port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  bool Send(const std::string& data);
  // What arrives within `ms` ("" when nothing; "EOF" when the server closed the connection).
  std::string Read(int ms);
  // Everything until the server closes (or `ms` pass without a byte): all its answers.
  std::string ReadAll(int ms);

 private:
  int fd_;
  bool connected_ = false;
};

// The request line and header of a request declaring a JSON body of `length` bytes.
std::string DeclaredBody(const std::string& method, const std::string& path, size_t length);

// A valid 统一社会信用代码 for serial n (GB 32100, computed here independently of the product).
std::string Uscc(int n);

// The single integer `sql` gives on the SQLite database at `db_path` (-1 when it gives none).
int64_t Count(const std::string& db_path, const std::string& sql);

// How many times a fault loop kills: XY_FAULT_LOOPS, 3 by default (`make faults` runs 100).
int FaultLoops();

// Initialises DIR (with `more` arguments of `xinyong init`, e.g. {"--store", "postgres", ...})
// and returns the admin password it printed; throws with init's output when it fails.
std::string InitAndGetAdminPassword(const std::string& data_dir,
                                    const std::vector<std::string>& more = {});

// Today in China (UTC+8) shifted by `days`, YYYY-MM-DD (follows a shifted test clock).
std::string ChinaDay(int days);

}  // namespace xytest
