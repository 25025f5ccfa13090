// GET /healthz (liveness), GET /readyz (the store answers), GET /metrics (Prometheus),
// GET / (a plain start page until the web front ends arrive).
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/metrics.h"
#include "store/store.h"

namespace xinyong::http {

void RegisterSystemRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/healthz", [](HttpRequest&) { return Ok(Json{{"status", "ok"}}); });

  router.Add("GET", "/readyz", [&deps](HttpRequest&) {
    auto tx = deps.store.Begin(TxMode::kRead);
    if (!tx.ok()) return ErrorResponse(tx.status());
    auto head = (*tx)->GetEventHead();
    if (!head.ok()) return ErrorResponse(head.status());
    auto schema = deps.store.SchemaVersion();
    return Ok(Json{{"status", "ready"},
                   {"store", std::string(deps.store.Kind())},
                   {"schema_version", schema.ok() ? *schema : 0},
                   {"events", head->seq},
                   {"version", deps.version}});
  });

  router.Add("GET", "/metrics", [&deps](HttpRequest&) {
    HttpResponse r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = deps.metrics.Render();
    return r;
  });

  router.Add("GET", "/", [&deps](HttpRequest&) {
    HttpResponse r;
    r.content_type = "text/html; charset=utf-8";
    r.body = R"HTML(<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>信用平台 Xinyong</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.6}
input{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box}button{font-size:1rem;margin-top:.5rem}
pre{background:#f4f4f4;padding:.8rem;white-space:pre-wrap;word-break:break-all}</style></head>
<body><h1>公共信用信息平台</h1>
<p>平台运行中（版本 )HTML" + deps.version + R"HTML(）。公众网站与管理后台将在后续版本提供；现在可以核验证照号码、按号码查询主体。</p>
<form id="f"><label for="code">统一社会信用代码 / 身份证号码 / 注册号</label>
<input id="code" name="code" autocomplete="off" required>
<button type="submit">核验并查询</button></form>
<pre id="out" aria-live="polite"></pre>
<p>接口文档见 docs/api.md；健康检查 <a href="/healthz">/healthz</a>，指标 <a href="/metrics">/metrics</a>。</p>
<script>
document.getElementById('f').addEventListener('submit', async (e) => {
  e.preventDefault();
  const code = document.getElementById('code').value;
  const out = document.getElementById('out');
  const check = await (await fetch('/api/v1/ids/check?code=' + encodeURIComponent(code))).json();
  let text = JSON.stringify(check, null, 2);
  if (check.valid && check.kind !== 'citizen_id') {
    const s = await fetch('/api/v1/public/subjects/' + encodeURIComponent(check.normalised));
    text += '\n\n' + JSON.stringify(await s.json(), null, 2);
  }
  out.textContent = text;
});
</script></body></html>
)HTML";
    return r;
  });
}

}  // namespace xinyong::http
