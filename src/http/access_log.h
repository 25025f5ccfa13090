// What the access log may write of a request. It writes the path without the query string (so a
// 查询码 in a tracking link never reaches it), and for the routes of tips (举报) no address at
// all, so that the log cannot name a tipster (docs/design/tips-and-cases.md, §2.1).
#pragma once

#include <string_view>

namespace xinyong::http {

// "-" for the routes of tips (route patterns under /api/v1/tips), else `remote`.
std::string_view AccessLogAddress(std::string_view remote, std::string_view route);

}  // namespace xinyong::http
