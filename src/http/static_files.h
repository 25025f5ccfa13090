// The built web front ends (web/dist) served from the API's port.
//
// GET and HEAD only, through Router::SetFallback: a path naming a file under the root answers
// that file with its Content-Type; hashed build assets (/assets/...) may be cached for a year,
// everything else (index.html above all) is revalidated on every load. Any other path that is
// not under /assets/ answers index.html, so the front end's own router shows the page
// (/subjects/{code} on a reload). A path with a "." or ".." segment, also percent-encoded, or a
// backslash or NUL, is refused with 400; nothing outside the root is ever read. When the root
// has no index.html (the front end was not built) every page answers a short Chinese note
// saying to run `make web`.
// Thread-safety: Serve() only reads; it may run on any number of threads.
#pragma once

#include <filesystem>
#include <string_view>

#include "http/message.h"

namespace xinyong::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  HttpResponse Serve(const HttpRequest& request) const;

  // Whether the root holds a built front end (index.html).
  bool Built() const;

  // The Content-Type sent for a file name, by its extension.
  static std::string_view ContentType(std::string_view file_name);

 private:
  std::filesystem::path root_;
};

}  // namespace xinyong::http
