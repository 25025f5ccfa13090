// Name search over many subjects: the platform's index (NameFolder + NameIndex, as
// SearchService uses them) beside SQLite FTS5 with the trigram tokenizer and a plain
// `LIKE '%q%'` scan, on the same generated names, in the same run.
//
//   search_bench [--names 1000000] [--queries 1000] [--baseline-queries 100] [--seed 7]
//
// Each engine answers the same question: the first 20 names containing the query, shorter
// names first. Queries are 2-, 4- and 8-character fragments cut from random names (so they
// match), typed in traditional script for a third of them. Prints p50, p99 and max per
// engine and length, in milliseconds.
#include <sqlite3.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "core/name_fold.h"
#include "core/name_index.h"

namespace {

using Clock = std::chrono::steady_clock;
using xinyong::NameFolder;
using xinyong::NameIndex;

const std::vector<std::string> kPlaces = {
    "南京", "苏州", "无锡",   "常州", "镇江", "扬州", "泰州", "南通", "盐城",
    "淮安", "宿迁", "连云港", "徐州", "上海", "杭州", "宁波", "温州", "合肥",
    "芜湖", "武汉", "长沙",   "成都", "重庆", "西安", "郑州", "济南", "青岛",
    "广州", "深圳", "厦门",   "福州", "北京", "天津", "沈阳", "大连", "哈尔滨"};
const std::u32string kCharPool =
    U"华新信达通宏盛恒源鑫隆泰昌瑞丰嘉诚海天博远安康兴业永利中金正德明宇鸿运聚合益润晨光"
    U"东方世纪长城阳光绿色科创智联云数星辰汇众锦程福寿万家卓越精工铭宝振兴腾飞龙凤凰"
    U"建国立邦祥和顺发美佳乐天成功志高远航凯旋力行启航创新致远德胜开元景泰同心协力";
const std::vector<std::string> kTrades = {
    "科技",     "信息技术", "贸易",       "商贸",       "物业管理", "建筑工程", "餐饮管理",
    "电子",     "机械设备", "供应链管理", "房地产开发", "文化传媒", "生物医药", "新材料",
    "环保科技", "物流",     "农业开发",   "化工",       "汽车销售", "教育咨询", "建材",
    "装饰工程", "网络科技", "医疗器械",   "食品"};
const std::vector<std::string> kForms = {"有限公司",       "有限责任公司", "股份有限公司",
                                         "有限公司分公司", "商行",         "经营部"};

std::string Name(std::mt19937_64& rng) {
  auto pick = [&](const auto& v) { return v[rng() % v.size()]; };
  std::u32string brand;
  int len = 2 + static_cast<int>(rng() % 3 == 0);
  for (int i = 0; i < len; ++i) brand.push_back(kCharPool[rng() % kCharPool.size()]);
  return pick(kPlaces) + xinyong::Utf32ToUtf8(brand) + pick(kTrades) + pick(kForms);
}

// Some simplified characters of the pool written in traditional script, as a visitor from
// Hong Kong or Taiwan would type them.
std::string Traditional(std::string s) {
  const std::vector<std::pair<std::string, std::string>> map = {
      {"华", "華"}, {"达", "達"}, {"通", "通"}, {"盛", "盛"}, {"鑫", "鑫"}, {"隆", "隆"},
      {"丰", "豐"}, {"嘉", "嘉"}, {"诚", "誠"}, {"远", "遠"}, {"兴", "興"}, {"业", "業"},
      {"东", "東"}, {"纪", "紀"}, {"长", "長"}, {"阳", "陽"}, {"绿", "綠"}, {"联", "聯"},
      {"云", "雲"}, {"数", "數"}, {"汇", "匯"}, {"众", "眾"}, {"锦", "錦"}, {"寿", "壽"},
      {"万", "萬"}, {"铭", "銘"}, {"宝", "寶"}, {"龙", "龍"}, {"凤", "鳳"}, {"国", "國"},
      {"邦", "邦"}, {"顺", "順"}, {"发", "發"}, {"乐", "樂"}, {"航", "航"}, {"凯", "凱"},
      {"协", "協"}, {"贸", "貿"}, {"电", "電"}, {"机", "機"}, {"设", "設"}, {"备", "備"},
      {"链", "鏈"}, {"产", "產"}, {"开", "開"}, {"传", "傳"}, {"药", "藥"}, {"环", "環"},
      {"农", "農"}, {"车", "車"}, {"销", "銷"}, {"售", "售"}, {"询", "詢"}, {"装", "裝"},
      {"饰", "飾"}, {"网", "網"}, {"医", "醫"}, {"疗", "療"}, {"器", "器"}, {"责", "責"},
      {"任", "任"}, {"门", "門"}, {"广", "廣"}, {"庆", "慶"}, {"连", "連"}, {"宁", "寧"}};
  for (const auto& [simp, trad] : map) {
    for (size_t at = s.find(simp); at != std::string::npos; at = s.find(simp, at + trad.size())) {
      s.replace(at, simp.size(), trad);
    }
  }
  return s;
}

struct Stats {
  double p50 = 0, p99 = 0, max = 0;
  double hits = 0;  // mean results per query
};

Stats Summarise(std::vector<double> ms, double hits) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) {
    size_t i = static_cast<size_t>(q * static_cast<double>(ms.size() - 1) + 0.5);
    return ms[std::min(i, ms.size() - 1)];
  };
  return {at(0.50), at(0.99), ms.back(), hits / static_cast<double>(ms.size())};
}

double MsSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

void Check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "sqlite (%s): %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}

// Runs `sql` with the pattern %q% for each query; returns the timings.
Stats RunSql(sqlite3* db, const char* sql, const std::vector<std::string>& queries, size_t n,
             std::vector<int>* per_query = nullptr) {
  sqlite3_stmt* st = nullptr;
  Check(sqlite3_prepare_v2(db, sql, -1, &st, nullptr), db, sql);
  std::vector<double> ms;
  double hits = 0;
  for (size_t i = 0; i < n && i < queries.size(); ++i) {
    std::string pattern = "%" + queries[i] + "%";
    auto t0 = Clock::now();
    sqlite3_bind_text(st, 1, pattern.c_str(), static_cast<int>(pattern.size()), SQLITE_TRANSIENT);
    int rc;
    int found = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) ++found;
    hits += found;
    if (per_query) per_query->push_back(found);
    Check(rc, db, "step");
    sqlite3_reset(st);
    ms.push_back(MsSince(t0));
  }
  sqlite3_finalize(st);
  return Summarise(std::move(ms), hits);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Name search: the platform's index beside SQLite FTS5 (trigram) and LIKE"};
  size_t names = 1'000'000, queries = 1000, baseline_queries = 100;
  uint64_t seed = 7;
  app.add_option("--names", names, "How many subject names");
  app.add_option("--queries", queries, "Queries per length for the platform's index");
  app.add_option("--baseline-queries", baseline_queries, "Queries per length for SQLite");
  app.add_option("--seed", seed, "Random seed");
  CLI11_PARSE(app, argc, argv);

  std::mt19937_64 rng(seed);
  std::vector<std::string> all;
  all.reserve(names);
  for (size_t i = 0; i < names; ++i) all.push_back(Name(rng));

  auto folder_r = NameFolder::Load();
  if (!folder_r.ok()) {
    std::fprintf(stderr, "%s\n", folder_r.status().ToString().c_str());
    return 1;
  }
  const NameFolder folder = std::move(folder_r).value();
  auto t0 = Clock::now();
  std::vector<NameIndex::Entry> entries;
  entries.reserve(names);
  for (size_t i = 0; i < names; ++i) {
    bool long_form = false;
    std::u32string folded = folder.Fold(all[i], &long_form);
    entries.push_back({static_cast<int64_t>(i + 1), std::move(folded), "",
                       long_form ? std::u32string(U"有限责任公司") : std::u32string()});
  }
  NameIndex index(std::move(entries));
  double build_ms = MsSince(t0);

  sqlite3* db = nullptr;
  Check(sqlite3_open(":memory:", &db), db, "open");
  Check(sqlite3_exec(db,
                     "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
                     "CREATE VIRTUAL TABLE f USING fts5(name, tokenize='trigram');",
                     nullptr, nullptr, nullptr),
        db, "schema");
  t0 = Clock::now();
  Check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
  sqlite3_stmt* ins = nullptr;
  Check(sqlite3_prepare_v2(db, "INSERT INTO t(id, name) VALUES (?, ?)", -1, &ins, nullptr), db,
        "insert");
  for (size_t i = 0; i < names; ++i) {
    sqlite3_bind_int64(ins, 1, static_cast<int64_t>(i + 1));
    sqlite3_bind_text(ins, 2, all[i].c_str(), static_cast<int>(all[i].size()), SQLITE_STATIC);
    Check(sqlite3_step(ins), db, "insert row");
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  double table_ms = MsSince(t0);
  t0 = Clock::now();
  Check(sqlite3_exec(db, "INSERT INTO f(rowid, name) SELECT id, name FROM t", nullptr, nullptr,
                     nullptr),
        db, "fts");
  double fts_ms = MsSince(t0);

  std::printf("names: %zu (index built in %.0f ms, about %.0f MB; table %.0f ms; FTS5 %.0f ms)\n",
              names, build_ms, static_cast<double>(index.MemoryBytes()) / 1e6, table_ms, fts_ms);
  std::printf("%-6s %-28s %10s %10s %10s %8s %8s\n", "length", "engine", "p50 ms", "p99 ms",
              "max ms", "queries", "hits");
  for (size_t len : {2u, 4u, 8u}) {
    std::vector<std::string> qs;
    std::vector<std::string> typed;  // as the visitor typed it
    while (qs.size() < queries) {
      std::u32string name = xinyong::Utf8ToUtf32(all[rng() % all.size()]);
      if (name.size() < len) continue;
      size_t at = rng() % (name.size() - len + 1);
      std::string q = xinyong::Utf32ToUtf8(name.substr(at, len));
      qs.push_back(q);
      typed.push_back(qs.size() % 3 == 0 ? Traditional(q) : q);
    }
    std::vector<double> ms;
    std::vector<int> ours_found;
    double hits = 0;
    for (const auto& q : typed) {
      auto s0 = Clock::now();
      std::u32string folded = folder.Fold(q);
      NameIndex::Page page = index.Search(folded, 0, 20, 500);
      hits += static_cast<double>(page.hits.size());
      ours_found.push_back(static_cast<int>(page.hits.size()));
      ms.push_back(MsSince(s0));
    }
    Stats ours = Summarise(ms, hits);
    // SQLite cannot fold scripts or widths: it gets the simplified query.
    Stats fts = RunSql(db,
                       "SELECT rowid, name FROM f WHERE name LIKE ?1 "
                       "ORDER BY length(name), name LIMIT 20",
                       qs, baseline_queries);
    std::vector<int> like_found;
    Stats like = RunSql(db,
                        "SELECT id, name FROM t WHERE name LIKE ?1 "
                        "ORDER BY length(name), name LIMIT 20",
                        qs, baseline_queries, &like_found);
    // The same queries: the index finds at least what LIKE finds (it also folds scripts and
    // 有限责任公司, so it may find more).
    size_t fewer = 0;
    for (size_t i = 0; i < like_found.size(); ++i) fewer += ours_found[i] < like_found[i] ? 1 : 0;
    auto row = [&](const char* engine, const Stats& s, size_t n) {
      std::printf("%-6zu %-28s %10.3f %10.3f %10.3f %8zu %8.1f\n", len, engine, s.p50, s.p99, s.max,
                  n, s.hits);
    };
    row("xinyong NameIndex", ours, typed.size());
    row("SQLite FTS5 trigram (LIKE)", fts, std::min(baseline_queries, qs.size()));
    row("SQLite LIKE scan", like, std::min(baseline_queries, qs.size()));
    std::printf("%-6zu index found fewer than LIKE for %zu of %zu queries\n", len, fewer,
                like_found.size());
  }
  sqlite3_close(db);
  return 0;
}
