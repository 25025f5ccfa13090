// The steps between the bytes of a request and a routed HttpRequest that do not touch a
// socket: the parser's limits, the transfer codings served, the answer to a read error, the
// conversion of Beast's message. The server's sessions (server.cc) and the request fuzzer
// (fuzz/http_request_fuzz.cc) both run these, so the fuzzer exercises the server's own code.
//
// This header includes Beast's HTTP headers: include it from .cc files only (message.h and
// server.h stay free of Boost).
#pragma once

#include <boost/beast/http.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"
#include "http/server.h"

namespace xinyong::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

// Beast 1.74 uses boost::string_view.
inline std::string_view ToStd(boost::beast::string_view s) { return {s.data(), s.size()}; }
using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// Gives `parser` the server's header and body limits.
void ApplyLimits(RequestParser& parser, const ServerOptions& options);

// The 501 answer to a request whose Transfer-Encoding is anything but "chunked" (RFC 9112
// §6.1: a body in a coding not understood must not be read as if it were plain); nullopt when
// there is none or it is chunked.
std::optional<HttpResponse> RefuseTransferCoding(const BeastRequest& header);

// The 431 answer to a header (request line and fields) of more than header_limit bytes, once it
// has been read. Beast checks the request line and the fields each against the limit, so up
// to about twice the limit could pass, or not, depending on what the first read held; this
// check is on the whole header's size.
std::optional<HttpResponse> HeaderOverLimit(std::size_t header_bytes, const ServerOptions& options);

// Whether the header carries a credential (Authorization, X-API-Key or the session cookie);
// the handler checks it later. Without one, a body to most routes is refused unread.
bool HasCredential(const BeastRequest& header);

// The 401 answer to a body sent without a credential to a route that needs one (the body is
// not read).
HttpResponse CredentialRequired();

// The answer to a request that could not be read: 413 (body over the limit), 431 (header
// over the limit) or 400 (malformed), after which the connection closes; nullopt when there
// is nobody to answer (timeout, reset, closed mid-request).
std::optional<HttpResponse> ReadErrorResponse(boost::beast::error_code ec,
                                              const ServerOptions& options);

// A request read in full, as handlers see it: header names lower-cased, a repeated header's
// values joined with ", ", the body moved. path, query, params and route are filled later
// (ParseTarget, Router::Match).
HttpRequest ToHttpRequest(BeastRequest&& message, std::string remote_address);

// The target without its query string (logs keep only this: queries may carry identifiers).
std::string PathOnly(std::string_view target);

}  // namespace xinyong::http
