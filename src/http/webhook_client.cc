#include "http/webhook_client.h"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/version.hpp>

#include "service/subscription_service.h"

namespace xinyong::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

std::string Describe(const char* step, const beast::error_code& ec) {
  if (ec == beast::error::timeout) return std::string(step) + ": timeout";
  return std::string(step) + ": " + ec.message();
}

template <typename Stream>
Status Exchange(Stream& stream, const WebhookUrl& url, const WebhookPost& post) {
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, url.target, 11};
  const bool default_port = url.port == (url.tls ? "443" : "80");
  req.set(bhttp::field::host, default_port ? url.host : url.host + ":" + url.port);
  req.set(bhttp::field::user_agent, "xinyong-webhook/1");
  for (const auto& [name, value] : post.headers) req.set(name, value);
  req.body() = post.body;
  req.prepare_payload();
  req.keep_alive(false);
  beast::error_code ec;
  bhttp::write(stream, req, ec);
  if (ec) return Unavailable(Describe("send", ec));
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024);  // the answer is not used; do not let a receiver flood us
  bhttp::read(stream, buffer, parser, ec);
  if (ec) return Unavailable(Describe("receive", ec));
  const unsigned status = parser.get().result_int();
  if (status < 200 || status > 299) return Unavailable("HTTP " + std::to_string(status));
  return Status::Ok();
}

}  // namespace

struct BeastWebhookTransport::Impl {
  std::chrono::milliseconds timeout;
  asio::ssl::context tls{asio::ssl::context::tls_client};
};

BeastWebhookTransport::BeastWebhookTransport(std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
  impl_->timeout = timeout;
  impl_->tls.set_default_verify_paths();
  impl_->tls.set_verify_mode(asio::ssl::verify_peer);
}

BeastWebhookTransport::~BeastWebhookTransport() = default;

Status BeastWebhookTransport::Post(const WebhookPost& post) {
  XY_ASSIGN_OR_RETURN(WebhookUrl url, ParseWebhookUrl(post.url));
  asio::io_context io;
  tcp::resolver resolver(io);
  beast::error_code ec;
  auto endpoints = resolver.resolve(url.host, url.port, ec);
  if (ec) return Unavailable(Describe("resolve", ec) + " (" + url.host + ")");
  if (!url.tls) {
    beast::tcp_stream stream(io);
    stream.expires_after(impl_->timeout);
    stream.connect(endpoints, ec);
    if (ec) return Unavailable(Describe("connect", ec));
    Status st = Exchange(stream, url, post);
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    return st;
  }
  beast::ssl_stream<beast::tcp_stream> stream(io, impl_->tls);
  if (!SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str())) {
    return Unavailable("tls: cannot set the server name " + url.host);
  }
  stream.set_verify_callback(asio::ssl::host_name_verification(url.host));
  beast::get_lowest_layer(stream).expires_after(impl_->timeout);
  beast::get_lowest_layer(stream).connect(endpoints, ec);
  if (ec) return Unavailable(Describe("connect", ec));
  stream.handshake(asio::ssl::stream_base::client, ec);
  if (ec) return Unavailable(Describe("tls handshake", ec));
  Status st = Exchange(stream, url, post);
  stream.shutdown(ec);  // receivers often close without close_notify; not an error for us
  return st;
}

}  // namespace xinyong::http
