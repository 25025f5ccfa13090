#include "core/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace xinyong {
namespace {

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), Code::kOk);
  EXPECT_EQ(s.ToString(), "ok");
  EXPECT_TRUE(Status::Ok().ok());
}

TEST(StatusTest, HelpersCarryCodeAndMessage) {
  EXPECT_EQ(InvalidArgument("m").code(), Code::kInvalidArgument);
  EXPECT_EQ(NotFound("m").code(), Code::kNotFound);
  EXPECT_EQ(Conflict("m").code(), Code::kConflict);
  EXPECT_EQ(FailedPrecondition("m").code(), Code::kFailedPrecondition);
  EXPECT_EQ(PermissionDenied("m").code(), Code::kPermissionDenied);
  EXPECT_EQ(Unauthenticated("m").code(), Code::kUnauthenticated);
  EXPECT_EQ(Unavailable("m").code(), Code::kUnavailable);
  EXPECT_EQ(Internal("m").code(), Code::kInternal);
  Status s = NotFound("subject 7 does not exist");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "subject 7 does not exist");
  EXPECT_EQ(s.ToString(), "not_found: subject 7 does not exist");
}

TEST(StatusTest, CodeNamesAreStable) {
  EXPECT_EQ(CodeName(Code::kOk), "ok");
  EXPECT_EQ(CodeName(Code::kInvalidArgument), "invalid_argument");
  EXPECT_EQ(CodeName(Code::kNotFound), "not_found");
  EXPECT_EQ(CodeName(Code::kConflict), "conflict");
  EXPECT_EQ(CodeName(Code::kFailedPrecondition), "failed_precondition");
  EXPECT_EQ(CodeName(Code::kPermissionDenied), "permission_denied");
  EXPECT_EQ(CodeName(Code::kUnauthenticated), "unauthenticated");
  EXPECT_EQ(CodeName(Code::kUnavailable), "unavailable");
  EXPECT_EQ(CodeName(Code::kStorageFailure), "storage_failure");
  EXPECT_EQ(CodeName(Code::kInternal), "internal");
}

TEST(ResultTest, HoldsAValue) {
  Result<std::string> v = std::string("value");
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(static_cast<bool>(v));
  EXPECT_EQ(*v, "value");
  EXPECT_EQ(v->size(), 5u);
  EXPECT_TRUE(v.status().ok());
}

TEST(ResultTest, HoldsAStatus) {
  Result<std::string> e = InvalidArgument("bad");
  EXPECT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(e.status().message(), "bad");
}

TEST(ResultTest, MovesOutMoveOnlyValues) {
  Result<std::unique_ptr<std::string>> r = std::make_unique<std::string>("x");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(**r, "x");
  std::unique_ptr<std::string> p = std::move(r).value();
  EXPECT_EQ(*p, "x");
}

Result<int> Half(int n) {
  if (n % 2 != 0) return InvalidArgument(std::to_string(n) + " is odd");
  return n / 2;
}

Status Check(int n) {
  XY_RETURN_IF_ERROR(n >= 0 ? Status::Ok() : InvalidArgument("negative"));
  return Status::Ok();
}

Result<int> Quarter(int n) {
  XY_ASSIGN_OR_RETURN(int h, Half(n));
  XY_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(ResultTest, Macros) {
  EXPECT_TRUE(Check(1).ok());
  EXPECT_EQ(Check(-1).message(), "negative");
  ASSERT_TRUE(Quarter(8).ok());
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_EQ(Quarter(6).status().message(), "3 is odd");
  EXPECT_EQ(Quarter(5).status().message(), "5 is odd");
}

}  // namespace
}  // namespace xinyong
