#include "blackbox/harness.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <ctime>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sqlite3.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <random>
#include <nlohmann/json.hpp>
#include <regex>
#include <stdexcept>

namespace xytest {
namespace {

// Output goes to a pipe (*out_fd) or, when `log_path` is set, to that file.
pid_t Spawn(const std::vector<std::string>& args, int* out_fd, const std::string& log_path = "") {
  int fds[2];
  if (log_path.empty()) {
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  } else {
    fds[0] = -1;
    fds[1] = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  }
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    if (fds[0] >= 0) close(fds[0]);
    close(fds[1]);
    std::vector<char*> argv;
    std::string bin = XY_BINARY;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  close(fds[1]);
  *out_fd = fds[0];
  return pid;
}

// The header lines of an HTTP message (after its first line, before `head_end`), names in
// lower case.
void ParseHeaderLines(const std::string& raw, size_t head_end,
                      std::map<std::string, std::string>* out) {
  size_t pos = raw.find("\r\n") + 2;
  while (pos < head_end) {
    size_t eol = raw.find("\r\n", pos);
    std::string line = raw.substr(pos, eol - pos);
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      (*out)[name] = value;
    }
    pos = eol + 2;
  }
}

}  // namespace

CommandResult RunXinyong(const std::vector<std::string>& args) {
  int fd = -1;
  pid_t pid = Spawn(args, &fd);
  CommandResult r;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) r.out.append(buf, static_cast<size_t>(n));
  close(fd);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

TempDir::TempDir() {
  std::random_device rd;
  path_ = (std::filesystem::temp_directory_path() /
           ("xy-bb-" + std::to_string(getpid()) + "-" + std::to_string(rd())))
              .string();
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

// XY_API_RECORD=FILE: every answer the tests receive is appended to FILE, one line each
// ({"method","target","status","content_type","bytes","body"}), in one write each, so that test
// processes running side by side do not mix their lines. "body" is the JSON text, or null for
// an answer that is not JSON (a file, the metrics, a 204) or larger than 256 KiB. The API
// contract test (scripts/openapi.py check) validates them against docs/openapi.json;
// scripts/openapi.py generate takes its schemas and examples from them.
static void RecordExchange(const std::string& method, const std::string& target,
                           const HttpReply& reply) {
  static const char* path = std::getenv("XY_API_RECORD");
  if (!path || !*path) return;
  auto type = reply.headers.find("content-type");
  const std::string content_type = type == reply.headers.end() ? "" : type->second;
  const bool json_body = content_type.find("application/json") != std::string::npos &&
                         reply.body.size() <= 256 * 1024;
  const std::string line =
      nlohmann::json{{"method", method},
                     {"target", target},
                     {"status", reply.status},
                     {"content_type", content_type},
                     {"bytes", reply.body.size()},
                     {"body", json_body ? nlohmann::json(reply.body) : nlohmann::json()}}
          .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
      "\n";
  const int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;
  if (write(fd, line.data(), line.size()) < 0) {
    // A lost line only narrows what the contract test sees.
  }
  close(fd);
}

HttpReply ApiClient::Call(const std::string& method, const std::string& target,
                          const nlohmann::json& body, const std::string& token) const {
  std::map<std::string, std::string> h;
  if (!token.empty()) h["Authorization"] = "Bearer " + token;
  return Http(port_, method, target, body.is_null() ? "" : body.dump(), h);
}

std::string ApiClient::Login(const std::string& user, const std::string& password) const {
  auto r = Call("POST", "/api/v1/sessions", {{"username", user}, {"password", password}}, "");
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? nlohmann::json::parse(r.body).value("token", "") : "";
}

std::string ApiClient::User(const std::string& admin, const std::string& name,
                            const nlohmann::json& spec) const {
  nlohmann::json body = spec;
  body["username"] = name;
  auto r = Call("POST", "/api/v1/users", body, admin);
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? Login(name, nlohmann::json::parse(r.body)["password"]) : "";
}

HttpReply Http(int port, const std::string& method, const std::string& target,
               const std::string& body, const std::map<std::string, std::string>& headers) {
  HttpReply reply;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return reply;
  }
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  bool typed = false;
  for (const auto& [k, v] : headers) {
    std::string lower = k;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    typed = typed || lower == "content-type";
  }
  if (!body.empty() || method == "POST") {
    if (!typed) req += "Content-Type: application/json\r\n";
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  req += "\r\n" + body;
  for (size_t sent = 0; sent < req.size();) {
    ssize_t n = send(fd, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      close(fd);
      return reply;
    }
    sent += static_cast<size_t>(n);
  }
  std::string raw;
  char buf[8192];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) raw.append(buf, static_cast<size_t>(n));
  close(fd);
  size_t head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos || raw.size() < 12) return reply;
  reply.status = std::stoi(raw.substr(9, 3));
  ParseHeaderLines(raw, head_end, &reply.headers);
  reply.body = raw.substr(head_end + 4);
  RecordExchange(method, target, reply);
  return reply;
}

ServerProcess::ServerProcess(std::string data_dir, std::vector<std::string> extra_args)
    : data_dir_(std::move(data_dir)), extra_(std::move(extra_args)) {}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Kill();
}

std::string ServerProcess::ReadLog() const {
  std::ifstream in(log_path_);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool ServerProcess::Start() {
  std::vector<std::string> args = {"serve", "--data", data_dir_, "--port", "0"};
  args.insert(args.end(), extra_.begin(), extra_.end());
  static std::atomic<int> serial{0};
  log_path_ =
      data_dir_ + "/server-" + std::to_string(getpid()) + "-" + std::to_string(++serial) + ".log";
  int unused = -1;
  pid_ = Spawn(args, &unused, log_path_);
  const std::regex listening("listening on http://[0-9.]+:([0-9]+)");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(180);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string log = ReadLog();
    std::smatch m;
    if (std::regex_search(log, m, listening)) {
      port_ = std::stoi(m[1]);
      return true;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    usleep(50000);
  }
  return false;
}

int ServerProcess::Terminate() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string InitAndGetAdminPassword(const std::string& data_dir,
                                    const std::vector<std::string>& more) {
  std::vector<std::string> args = {"init", "--data", data_dir};
  args.insert(args.end(), more.begin(), more.end());
  CommandResult r = RunXinyong(args);
  std::smatch m;
  static const std::regex pw("Password[^:]*: ([A-Za-z0-9]+)");
  if (r.exit_code != 0 || !std::regex_search(r.out, m, pw)) {
    throw std::runtime_error("xinyong init failed: " + r.out);
  }
  return m[1];
}

struct WebhookReceiver::State {
  mutable std::mutex mu;
  std::condition_variable cv;
  std::vector<HttpReply> taken;
  int requests = 0;
  bool stopping = false;
  std::thread thread;
};

WebhookReceiver::WebhookReceiver(int refuse) : refuse_(refuse), state_(new State()) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(listen_fd_, 16) != 0) {
    throw std::runtime_error("webhook receiver: cannot listen");
  }
  socklen_t len = sizeof addr;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  state_->thread = std::thread([this] { Serve(); });
}

WebhookReceiver::~WebhookReceiver() {
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->stopping = true;
  }
  state_->thread.join();
  close(listen_fd_);
  delete state_;
}

std::string WebhookReceiver::url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/xinyong/hook";
}

void WebhookReceiver::Serve() {
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(state_->mu);
      if (state_->stopping) return;
    }
    pollfd p{listen_fd_, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    int fd = accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    std::string raw;
    char buf[8192];
    size_t head_end = std::string::npos;
    size_t want = 0;
    while (true) {
      pollfd c{fd, POLLIN, 0};
      if (poll(&c, 1, 5000) <= 0) break;
      ssize_t n = recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      raw.append(buf, static_cast<size_t>(n));
      if (head_end == std::string::npos) {
        head_end = raw.find("\r\n\r\n");
        if (head_end == std::string::npos) continue;
        std::string lower = raw.substr(0, head_end);
        for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        size_t cl = lower.find("content-length:");
        want = head_end + 4 + (cl == std::string::npos ? 0 : std::stoul(lower.substr(cl + 15)));
      }
      if (raw.size() >= want) break;
    }
    HttpReply req;
    if (head_end != std::string::npos && raw.size() >= want) {
      ParseHeaderLines(raw, head_end, &req.headers);
      req.body = raw.substr(head_end + 4);
      bool refuse;
      {
        std::lock_guard<std::mutex> lock(state_->mu);
        refuse = state_->requests < refuse_;
        ++state_->requests;
      }
      const std::string answer =
          refuse
              ? "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
              : "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      send(fd, answer.data(), answer.size(), MSG_NOSIGNAL);
      if (!refuse) {
        std::lock_guard<std::mutex> lock(state_->mu);
        req.status = 200;
        state_->taken.push_back(std::move(req));
        state_->cv.notify_all();
      }
    }
    close(fd);
  }
}

bool WebhookReceiver::WaitForTaken(size_t n, int timeout_ms) {
  std::unique_lock<std::mutex> lock(state_->mu);
  return state_->cv.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                             [&] { return state_->taken.size() >= n; });
}

std::vector<HttpReply> WebhookReceiver::taken() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->taken;
}

int WebhookReceiver::requests() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->requests;
}

std::string ChinaDay(int days) {
  std::time_t t = std::time(nullptr) + 8 * 3600 + static_cast<std::time_t>(days) * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[11];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

RawConnection::RawConnection(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
}

RawConnection::~RawConnection() { close(fd_); }

bool RawConnection::Send(const std::string& data) {
  return connected_ &&
         send(fd_, data.data(), data.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(data.size());
}

std::string RawConnection::Read(int ms) {
  pollfd p{fd_, POLLIN, 0};
  if (poll(&p, 1, ms) <= 0) return "";
  char buf[4096];
  ssize_t n = recv(fd_, buf, sizeof buf, 0);
  if (n == 0) return "EOF";
  if (n < 0) return errno == ECONNRESET ? "EOF" : "";
  return std::string(buf, static_cast<size_t>(n));
}

std::string RawConnection::ReadAll(int ms) {
  std::string out;
  for (;;) {
    std::string part = Read(ms);
    if (part.empty() || part == "EOF") return out;
    out += part;
  }
}

std::string DeclaredBody(const std::string& method, const std::string& path, size_t length) {
  return method + " " + path +
         " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
         "Content-Length: " +
         std::to_string(length) + "\r\n\r\n";
}

std::string Uscc(int n) {
  static const std::string kAlpha = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  std::string org = "T" + std::to_string(1000000 + n);  // 8 chars
  int sum = 0;
  const int ow[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  for (int i = 0; i < 8; ++i) {
    char c = org[i];
    sum += (c >= '0' && c <= '9' ? c - '0' : c - 'A' + 10) * ow[i];
  }
  int oc = 11 - sum % 11;
  org += oc == 10 ? 'X' : oc == 11 ? '0' : static_cast<char>('0' + oc);
  std::string body = "91320102" + org;
  int w = 1, s = 0;
  for (char c : body) {
    s += static_cast<int>(kAlpha.find(c)) * w;
    w = w * 3 % 31;
  }
  return body + kAlpha[(31 - s % 31) % 31];
}

int64_t Count(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(db_path.c_str(), &db);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
  int64_t n = -1;
  if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

int FaultLoops() {
  const char* v = std::getenv("XY_FAULT_LOOPS");
  return v && std::atoi(v) > 0 ? std::atoi(v) : 3;
}

}  // namespace xytest
