// Status and Result<T>: how expected failures travel through Xinyong.
//
// A Status carries one code from a closed set and a message a person can act on
// (say what was wrong, where, and how to fix it). Result<T> is either a value or a
// non-OK Status. Exceptions are for programmer errors and library adapters only;
// they are turned into Status at the boundary that catches them.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace xinyong {

enum class Code {
  kOk,
  kInvalidArgument,     // the caller's input is wrong; fix the input
  kNotFound,            // the thing named does not exist
  kConflict,            // it exists already, or a concurrent change won
  kFailedPrecondition,  // the system is not in a state that allows this
  kPermissionDenied,    // authenticated but not allowed
  kUnauthenticated,     // no or bad credentials
  kUnavailable,         // a dependency (database, disk) is down; retry later
  kStorageFailure,      // the data could not be written (disk full, I/O error): nothing was
                        // saved; retry once the storage is mended
  kResourceExhausted,   // too many attempts; retry after a while
  kInternal,            // a bug or an invariant broken; logged
};

// Stable machine name of a code, e.g. "invalid_argument".
std::string_view CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid_argument: message"
  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
inline Status Conflict(std::string m) { return {Code::kConflict, std::move(m)}; }
inline Status FailedPrecondition(std::string m) {
  return {Code::kFailedPrecondition, std::move(m)};
}
inline Status PermissionDenied(std::string m) { return {Code::kPermissionDenied, std::move(m)}; }
inline Status Unauthenticated(std::string m) { return {Code::kUnauthenticated, std::move(m)}; }
inline Status Unavailable(std::string m) { return {Code::kUnavailable, std::move(m)}; }
inline Status StorageFailure(std::string m) { return {Code::kStorageFailure, std::move(m)}; }
inline Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }
inline Status ResourceExhausted(std::string m) {
  return {Code::kResourceExhausted, std::move(m)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(runtime/explicit)
  Result(Status status) : v_(std::move(status)) {  // NOLINT(runtime/explicit)
    assert(!std::get<Status>(v_).ok() && "Result from an OK status has no value");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace xinyong

// Return early from the enclosing function when a Status is not OK.
#define XY_RETURN_IF_ERROR(expr)                 \
  do {                                           \
    ::xinyong::Status xy_status_ = (expr);       \
    if (!xy_status_.ok()) return xy_status_;     \
  } while (0)

#define XY_CONCAT_INNER(a, b) a##b
#define XY_CONCAT(a, b) XY_CONCAT_INNER(a, b)
// Evaluate a Result; on error return its Status, else move the value into `lhs`.
#define XY_ASSIGN_OR_RETURN(lhs, expr) \
  XY_ASSIGN_OR_RETURN_IMPL(XY_CONCAT(xy_result_, __LINE__), lhs, expr)
#define XY_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
