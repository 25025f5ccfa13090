// 信用查询: the name search of the public site.
#include <algorithm>
#include <memory>

#include "core/clock.h"
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "service/search_service.h"

namespace xinyong::http {

void RegisterSearchRoutes(Router& router, ApiDeps& deps) {
  SearchService& search = deps.search;
  // The person form confirms a name and number pair: 10 a minute per address (burst 5), far
  // below the name search's, so that a number cannot be recovered by trying candidates.
  auto persons = std::make_shared<RateLimiter>(10, 5);
  // ?q=名称片段或代码前缀&page=&size=, or ?name=姓名&id_number=身份证号 for a natural person.
  router.Add(
      "GET", "/api/v1/search",
      Limited(
          deps.limits.reads, deps.limits, deps.clock, [&search, persons, &deps](HttpRequest& req) {
            auto page = IntQuery(req, "page", 1);
            if (!page.ok()) return ErrorResponse(page.status());
            auto size = IntQuery(req, "size", 20);
            if (!size.ok()) return ErrorResponse(size.status());
            Result<SearchAnswer> answer = InvalidArgument("q: 请输入企业名称或统一社会信用代码");
            const std::string name = req.Query("name");
            const std::string id_number = req.Query("id_number");
            if (!name.empty() || !id_number.empty()) {
              int retry = 0;
              if (!persons->Allow(ClientAddress(req, deps.limits), deps.clock.NowMillis(),
                                  &retry)) {
                HttpResponse r =
                    ErrorResponse(429, "resource_exhausted",
                                  "自然人查询过于频繁，请" + std::to_string(retry) + "秒后再试");
                r.headers.emplace_back("Retry-After", std::to_string(retry));
                return r;
              }
              answer = search.FindPerson(name, id_number);
            } else {
              answer = search.Search(req.Query("q"),
                                     static_cast<int>(std::clamp<int64_t>(*page, -1, 1'000'000)),
                                     static_cast<int>(std::clamp<int64_t>(*size, -1, 1'000'000)));
            }
            if (!answer.ok()) return ErrorResponse(answer.status());
            Json items = Json::array();
            for (const auto& h : answer->items) {
              items.push_back({{"name", h.name},
                               {"code", h.code},
                               {"kind", SubjectKindName(h.kind)},
                               {"kind_label", SubjectKindLabel(h.kind)},
                               {"region_name", h.region_name},
                               {"match", h.match}});
            }
            int64_t max_page =
                std::max<int64_t>(1, (answer->total + answer->size - 1) / answer->size);
            return Ok({{"query", answer->query},
                       {"normalised", answer->normalised},
                       {"total", answer->total},
                       {"capped", answer->capped},
                       {"page", answer->page},
                       {"size", answer->size},
                       {"max_page", max_page},
                       {"items", items}});
          }));
}

}  // namespace xinyong::http
