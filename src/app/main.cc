// The xinyong command: init, serve, id check, audit verify, backup, demo.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "app/accounts_cmd.h"
#include "app/calendar_cmd.h"
#include "app/cli.h"
#include "app/config.h"
#include "app/node.h"
#include "core/calendar.h"
#include "core/clock.h"
#include "core/periodic.h"
#include "http/handlers/api.h"
#include "http/handlers/views.h"
#include "http/metrics.h"
#include "http/rate_limit.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static_files.h"
#include "http/webhook_client.h"
#include "ingest/xlsx_writer.h"
#include "service/deadlines/deadlines.h"
#include "service/demo.h"
#include "service/demo_cases.h"
#include "service/display_scheduler.h"
#include "service/reports/report_pdf.h"
#include "service/messages/message_dispatcher.h"
#include "service/webhook_dispatcher.h"

#ifndef XY_VERSION
#define XY_VERSION "dev"
#endif

namespace xinyong {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;  // the command ran and found a problem (invalid id, broken chain)
constexpr int kExitError = 2;   // the command could not run (bad config, store down)

int Fail(const Status& s) { return CliFail(s); }

bool Initialised(const std::string& data_dir) {
  return std::filesystem::exists(std::filesystem::path(data_dir) / "xinyong.yaml");
}

// Writes the configuration (with a new secret key) if missing, opens the node and creates
// the first admin. Prints the admin password once.
Result<std::unique_ptr<Node>> InitNode(const std::string& data_dir,
                                       std::map<std::string, std::string> overrides,
                                       const std::string& admin) {
  XY_RETURN_IF_ERROR(CryptoInit());
  if (!Initialised(data_dir)) {
    XY_ASSIGN_OR_RETURN(Config cfg, LoadConfig(data_dir, overrides));
    if (cfg.secret_key.empty()) cfg.secret_key = RandomHex(32);
    XY_RETURN_IF_ERROR(WriteConfigFile(cfg));
  }
  XY_ASSIGN_OR_RETURN(Config cfg, LoadConfig(data_dir, overrides));
  XY_ASSIGN_OR_RETURN(auto node, OpenNode(cfg));
  if (node->accounts->HasUsers()) {
    return FailedPrecondition("the platform in " + data_dir +
                              " is initialised already (it has users)");
  }
  XY_ASSIGN_OR_RETURN(NewCredential cred, node->accounts->Bootstrap(admin));
  std::cout << "Xinyong initialised in " << data_dir << " (store: " << cfg.store << ")\n"
            << "Platform admin: " << admin << "\n"
            << "Password (shown only now; keep it safe): " << cred.secret << "\n";
  return node;
}

// The event that `xinyong demo` (and `serve --demo` on a new data directory) writes first.
constexpr const char* kDemoPlatformEvent = "platform.demonstration";

// Whether the platform was made by `xinyong demo`: only such a one may shift its clock.
Result<bool> IsDemoPlatform(Node& node) {
  XY_ASSIGN_OR_RETURN(auto tx, node.store->Begin(TxMode::kRead));
  EventQuery q;
  q.type = kDemoPlatformEvent;
  q.limit = 1;
  XY_ASSIGN_OR_RETURN(auto events, tx->FindEvents(q));
  return !events.empty();
}

// Applies `serve --clock`: refused unless the platform is a demonstration one.
Status ShiftClock(Node& node, const std::string& clock) {
  XY_ASSIGN_OR_RETURN(bool demo, IsDemoPlatform(node));
  if (!demo) {
    return FailedPrecondition(
        "--clock: only a demonstration platform (made by `xinyong demo` or `serve --demo` on a "
        "new data directory) may run with a shifted clock; this one is not");
  }
  XY_ASSIGN_OR_RETURN(int64_t shift, ParseClockShift(clock, SystemClock().NowMillis()));
  node.clock.SetShift(shift);
  spdlog::warn("demonstration platform: the clock is shifted by {} s, now {}", shift / 1000,
               node.clock.NowTimestamp());
  return Status::Ok();
}

// `records` < 0: a sample of licences and penalties for at most 20,000 companies; otherwise
// exactly that many, spread over all the generated companies.
Status RunDemo(Node& node, int64_t subjects, uint64_t seed, bool with_accounts,
               int64_t records = -1) {
  if (with_accounts) {
    // Marks the platform as a demonstration one, for good: only such a platform may run with a
    // shifted clock (serve --clock).
    {
      XY_ASSIGN_OR_RETURN(auto tx, node.store->Begin(TxMode::kWrite));
      XY_RETURN_IF_ERROR(tx->AppendEvent({"system:demo", kDemoPlatformEvent, "platform",
                                          R"({"demonstration":true})"},
                                         node.clock.NowTimestamp())
                             .status());
      XY_RETURN_IF_ERROR(tx->Commit());
    }
    Principal admin{"system:demo", Role::kAdmin, 0, 0};
    XY_ASSIGN_OR_RETURN(auto accounts, CreateDemoAccounts(*node.accounts, admin));
    const std::string path = node.config.data_dir + "/demo-accounts.txt";
    std::ofstream out(path);
    std::filesystem::permissions(
        path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    std::cout << "Demonstration accounts (also in " << path << "):\n";
    for (const auto& a : accounts) {
      std::string line =
          "  " + std::string(RoleName(a.role)) + "\t" + a.username + "\t" + a.password + "\n";
      std::cout << line;
      out << line;
    }
  }
  std::cout << "Generating " << subjects << " demonstration subjects (seed " << seed << ")...\n";
  XY_ASSIGN_OR_RETURN(DemoSummary summary,
                      GenerateDemoSubjects(*node.subjects, node.divisions, subjects, seed, 2000,
                                           [subjects](int64_t done) {
                                             if (done % 100000 == 0 || done == subjects) {
                                               std::cout << "  " << done << "/" << subjects << "\n"
                                                         << std::flush;
                                             }
                                           }));
  std::cout << "Done: " << summary.subjects
            << " subjects. Try a company: " << summary.first_company_code << "\n";

  // Licences and penalties from the demonstration departments, backdated to their receipt days.
  XY_ASSIGN_OR_RETURN(auto tx, node.store->Begin(TxMode::kRead));
  XY_ASSIGN_OR_RETURN(auto deps, tx->ListDepartments());
  tx.reset();
  const Department* market = nullptr;
  const Department* housing = nullptr;
  const Department* tax = nullptr;
  for (const auto& d : deps) {
    if (!market && d.name.find("市场监督管理局") != std::string::npos) market = &d;
    if (!housing && d.name.find("住房和城乡建设局") != std::string::npos) housing = &d;
    if (!tax && d.name.find("税务局") != std::string::npos) tax = &d;
  }
  if (!market || !housing) {
    std::cout << "No demonstration departments here: licences and penalties skipped.\n";
    return Status::Ok();
  }
  ManualClock demo_clock(node.clock.NowMillis());
  ServiceContext ctx{*node.store, demo_clock, *node.cipher, node.divisions, node.calendar};
  SubjectService demo_subjects(ctx);
  IntakeService demo_intake(ctx, node.catalogue, *node.validator, demo_subjects);
  DemoRecordsSummary made;
  const auto started = std::chrono::steady_clock::now();
  if (records < 0) {
    std::cout << "Generating licences and penalties...\n" << std::flush;
    XY_ASSIGN_OR_RETURN(
        made, GenerateDemoRecords(demo_intake, demo_clock, node.calendar, summary.companies,
                                  *market, *housing, seed, node.clock.Today()));
  } else {
    const std::vector<DemoCompany> companies = DemoCompanies(node.divisions, subjects, seed);
    std::cout << "Generating " << records << " licences and penalties over " << companies.size()
              << " companies...\n"
              << std::flush;
    XY_ASSIGN_OR_RETURN(
        made, GenerateDemoRecordVolume(
                  demo_intake, demo_clock, node.calendar, companies, *market, *housing, seed,
                  node.clock.Today(), records, [records, step = int64_t{0}](int64_t done) mutable {
                    if (done / 100000 != step || done == records) {
                      step = done / 100000;
                      std::cout << "  " << done << "/" << records << "\n" << std::flush;
                    }
                  }));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "Done: " << made.registrations << " registrations, " << made.licences
            << " licences, " << made.penalties << " penalties in "
            << made.batches << " batches (" << made.late << " received late)"
            << (records < 0 ? std::string(".\n")
                            : ", in " + std::to_string(static_cast<int64_t>(seconds)) + " s.\n");
  if (records < 0) {
    // Lists, an objection and a repair, so that a visitor finds every kind of case.
    XY_ASSIGN_OR_RETURN(
        DemoCasesSummary cases,
        GenerateDemoCases(ctx, demo_clock, demo_subjects, demo_intake, node.catalogue,
                          node.list_validity, node.rights, node.tips_policy,
                          node.commitments_policy, summary.companies,
                          {market, tax},
                          node.clock.Today()));
    std::cout << "Cases: " << cases.red << " red and " << cases.serious
              << " serious list entries in force, " << cases.objections
              << " objection in progress, " << cases.repairs << " repaired record, "
              << cases.tips << " tips, " << cases.cases << " typical case, "
              << cases.commitments << " commitments.\n";
  }
  const std::string samples = node.config.data_dir + "/samples";
  std::filesystem::create_directories(samples);
  const DemoSample sample = DemoPenaltySample(summary.companies, *market, node.clock.Today());
  std::ofstream(samples + "/行政处罚样例-GBK.csv", std::ios::binary) << DemoPenaltyCsvGbk(sample);
  XY_ASSIGN_OR_RETURN(std::string xlsx, ingest::WriteXlsx("行政处罚", sample.header, sample.rows));
  std::ofstream(samples + "/行政处罚样例.xlsx", std::ios::binary) << xlsx;
  std::cout << "Files to try uploading (rows 5 and 8 are wrong on purpose): " << samples
            << "/行政处罚样例-GBK.csv and 行政处罚样例.xlsx\n";
  return Status::Ok();
}

// Whoever runs the command line on the server machine acts as the platform admin; events
// name the operating-system user.

http::ApiDeps ApiDepsOf(Node& node, http::Metrics& metrics, http::PublicLimits& limits) {
  return http::ApiDeps{*node.accounts, *node.subjects, *node.audit,          *node.intake,
                       *node.lists,    *node.checks,   *node.subscriptions,  *node.objections,
                       *node.repairs,  *node.publics,  *node.authorisations, *node.notices,
                       *node.browse,   *node.search,   *node.tips,           *node.cases,          *node.monitoring,
                       *node.commitments, *node.reports, *node.evaluations, *node.signer,
                       node.catalogue,
                       node.measures,
                       *node.measure_bases, node.basis_book, node.divisions, node.calendar,
                       node.clock,     *node.store,
                       metrics,        limits,         XY_VERSION,           node.config.metrics_token,
                       node.config.PublicUrl()};
}

// `xinyong routes`: every API route, one JSON line each ({"method", "pattern", "body_from",
// "log_address"}),
// from the same registration `serve` runs: what a test that must cover every route reads.
int PrintRoutes(Node& node) {
  http::Metrics metrics;
  http::RateLimiter reads(0, 1), filings(0, 1);
  http::PublicLimits limits{reads, filings, ""};
  http::ApiDeps deps = ApiDepsOf(node, metrics, limits);
  http::Router router;
  http::RegisterRoutes(router, deps);
  for (const auto& r : router.Routes()) {
    std::cout << nlohmann::json{{"method", r.method},
                                {"pattern", r.pattern},
                                {"body_from", r.body_from == http::BodyFrom::kAnyone
                                                  ? "anyone"
                                                  : "credential"},
                                {"log_address", r.log_address == http::LogAddress::kYes}}
                     .dump()
              << "\n";
  }
  return 0;
}

int Serve(Node& node) {
  const Config& cfg = node.config;
  spdlog::set_level(spdlog::level::from_str(cfg.log_level));
  http::Metrics metrics;
  http::Router router;
  http::RateLimiter reads(cfg.public_rate_per_minute, cfg.public_burst);
  http::RateLimiter filings(cfg.filing_rate_per_minute, cfg.filing_burst);
  http::PublicLimits limits{reads, filings, cfg.trusted_proxy};
  http::ApiDeps deps = ApiDepsOf(node, metrics, limits);
  http::RegisterRoutes(router, deps);
  // The web front ends from the same port; without a build, pages say to run `make web`.
  http::StaticFiles web(cfg.web_dir);
  router.SetFallback([&web](http::HttpRequest& request) { return web.Serve(request); });
  if (!web.Built()) {
    spdlog::warn("no built web front end in {} (run `make web`); pages answer a note", cfg.web_dir);
  }
  http::ServerOptions opts;
  opts.address = cfg.listen_address;
  opts.port = static_cast<uint16_t>(cfg.port);
  opts.io_threads = cfg.io_threads;
  opts.worker_threads = cfg.worker_threads;
  opts.header_limit = static_cast<size_t>(cfg.header_limit_bytes);
  opts.body_limit = static_cast<size_t>(cfg.body_limit_bytes);
  opts.body_bytes_in_flight = static_cast<size_t>(cfg.body_bytes_in_flight);
  opts.connections_per_address = cfg.connections_per_address;
  opts.read_timeout_seconds = cfg.read_timeout_seconds;
  opts.keep_alive_seconds = cfg.keep_alive_seconds;
  opts.access_log = cfg.access_log;
  // The name search index, from every subject; later changes are followed by Refresh.
  {
    auto t0 = std::chrono::steady_clock::now();
    Status built = node.search->Build();
    if (!built.ok()) return Fail(built);
    auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    spdlog::info("search index: {} subjects in {} ms", node.search->IndexedSubjects(), ms);
  }
  // Deadlines counted provisionally are counted again with the calendar loaded now (a notice
  // added since the last start moves them; a date told is never brought forward).
  {
    auto recount = DeadlineRecount(*node.ctx).Run("system:calendar");
    if (!recount.ok()) return Fail(recount.status());
    if (recount->examined > 0) {
      spdlog::info("provisional deadlines: {} examined, {} changed, {} confirmed, {} closed",
                   recount->examined, recount->changed.size(), recount->confirmed,
                   recount->dropped);
    }
    for (const auto& c : recount->changed) {
      spdlog::info("deadline {} {}: {} -> {} (calendar: {}){}", c.target, c.field, c.old_due, c.due,
                   c.official, c.reason.empty() ? "" : " " + c.reason);
    }
  }
  // 名单有效期: entries decided before every entry had to end get the policy's period.
  {
    auto ended = node.lists->EndOpenEntries();
    if (!ended.ok()) return Fail(ended.status());
    if (*ended > 0) spdlog::info("list entries given an end date by the validity policy: {}", *ended);
  }
  http::Server server(opts, router, metrics);
  Status s = server.Start();
  if (!s.ok()) return Fail(s);
  server.HandleSignals();
  // One line a script can wait for; the port matters when 0 was asked for.
  std::cout << "Xinyong " << XY_VERSION << " listening on http://" << cfg.listen_address << ":"
            << server.port() << " (store: " << node.store->Kind() << ")" << std::endl;
  // Webhook deliveries run beside the server and stop before it returns.
  http::BeastWebhookTransport transport(std::chrono::milliseconds(cfg.webhook_timeout_ms));
  WebhookOptions wopts;
  wopts.poll = std::chrono::milliseconds(cfg.webhook_poll_ms);
  wopts.retry_base = std::chrono::milliseconds(cfg.webhook_retry_base_ms);
  wopts.retry_max = std::chrono::seconds(cfg.webhook_retry_max_seconds);
  WebhookDispatcher webhooks(*node.ctx, *node.subscriptions, transport, wopts);
  webhooks.Start();
  MessageGateway gateway;
  gateway.url = cfg.message_gateway_url;
  gateway.secret = cfg.message_gateway_secret;
  MessageDispatcher messages(*node.ctx, transport, gateway);
  if (gateway.url.empty()) {
    spdlog::warn("message_gateway_url is not set: 查询码 sent again to filers wait in the queue");
  } else {
    messages.Start();
  }
  // Display windows and list validity end on time; a pass at start catches up after downtime.
  DisplayScheduler scheduler(*node.ctx, *node.lists,
                             std::chrono::seconds(cfg.scheduler_interval_seconds));
  scheduler.Start();
  // 容缺受理 commitments whose material is overdue are flagged to their department (it
  // decides; the platform does not).
  PeriodicTask commitment_dues(std::chrono::seconds(cfg.scheduler_interval_seconds), [&node] {
    auto flagged = node.commitments->FlagOverdueMaterials();
    if (!flagged.ok()) {
      spdlog::warn("flagging overdue commitment materials: {}", flagged.status().ToString());
      return false;
    }
    if (*flagged > 0) spdlog::info("{} commitments flagged: material overdue", *flagged);
    return *flagged >= 500;
  });
  commitment_dues.Start();
  // Grades follow the event log: a subject whose facts changed is graded again within
  // seconds, one whose fact enters or leaves its window on that day, everyone on a new model.
  PeriodicTask evaluations(std::chrono::seconds(2), [&node] {
    auto done = node.evaluations->Follow();
    if (!done.ok()) {
      spdlog::warn("following the event log for evaluations: {}", done.status().ToString());
      return false;
    }
    return *done >= 2000;
  });
  evaluations.Start();
  // Searches refresh the index themselves; this keeps the refresh off their path.
  PeriodicTask search_refresh(std::chrono::seconds(2), [&node] {
    auto r = node.search->Refresh();
    if (!r.ok()) spdlog::warn("search index refresh: {}", r.status().ToString());
    return false;
  });
  search_refresh.Start();
  // A credential withdrawn from the command line (xinyong user disable, api-key revoke) is
  // refused here within a second: nothing cached of it is used again.
  PeriodicTask withdrawals(std::chrono::seconds(1), [&node] {
    if (Status followed = node.accounts->FollowWithdrawals(); !followed.ok()) {
      spdlog::warn("following withdrawn credentials: {}", followed.ToString());
    }
    return false;
  });
  withdrawals.Start();
  // A basis confirmed on another node of the same store shows in this node's answers within
  // seconds.
  PeriodicTask bases(std::chrono::seconds(5), [&node] {
    if (Status followed = node.measure_bases->Follow(); !followed.ok()) {
      spdlog::warn("following confirmed measure bases: {}", followed.ToString());
    }
    return false;
  });
  bases.Start();
  // Deadlines in working days need next year's holiday notice in policy/calendar before the
  // year turns: said at start and then once a day while the calendar ends within 60 days.
  PeriodicTask calendar_watch(std::chrono::hours(1), [&node, said = std::string()]() mutable {
    const Date today = node.clock.Today();
    if (today.ToString() == said) return false;
    said = today.ToString();
    if (const std::string w = node.calendar.EndingWarning(today, kCalendarWarningDays);
        !w.empty()) {
      spdlog::warn("{}", w);
    }
    return false;
  });
  calendar_watch.Start();
  server.Run();
  // Checks still being recorded answer connections that belong to the server: let them finish
  // while it exists (its stopped I/O loop drops the replies).
  node.checks->Flush();
  if (const auto st = node.checks->RecorderStats(); st.recorded > 0 || st.failed > 0) {
    spdlog::info("checks recorded: {} in {} commits (at most {} in one); failed commits: {}",
                 st.recorded, st.commits, st.largest_batch, st.failed);
  }
  calendar_watch.Stop();
  evaluations.Stop();
  bases.Stop();
  withdrawals.Stop();
  search_refresh.Stop();
  scheduler.Stop();
  messages.Stop();
  webhooks.Stop();
  spdlog::info("stopped");
  return kExitOk;
}

}  // namespace
}  // namespace xinyong

int main(int argc, char** argv) {
  using namespace xinyong;
  CLI::App app{"Xinyong public credit information platform"};
  app.set_version_flag("--version", XY_VERSION);
  app.require_subcommand(1);

  std::string data_dir;
  std::map<std::string, std::string> overrides;
  auto add_data = [&](CLI::App* cmd) {
    cmd->add_option("--data", data_dir, "Data directory")->required();
  };

  // init
  auto* init = app.add_subcommand("init", "Create the configuration and the first platform admin");
  add_data(init);
  std::string store_kind, pg_url, admin = "admin";
  init->add_option("--store", store_kind, "sqlite (default) or postgres");
  init->add_option("--postgres-url", pg_url, "libpq connection string when --store postgres");
  init->add_option("--admin", admin, "User name of the first admin");

  // serve
  auto* serve = app.add_subcommand("serve", "Run the HTTP server");
  add_data(serve);
  int port = -1;
  std::string listen;
  bool demo_flag = false;
  int64_t demo_subjects = 1000;
  serve->add_option("--port", port, "HTTP port (0: any free port)");
  serve->add_option("--listen", listen, "Address to bind, e.g. 0.0.0.0");
  serve->add_flag("--demo", demo_flag,
                  "Initialise if needed and fill an empty store with demonstration data");
  serve->add_option("--demo-subjects", demo_subjects, "Size of the demonstration data");
  std::string serve_clock;
  serve->add_option("--clock", serve_clock,
                    "Demonstration platforms only: run as if at this time "
                    "(2027-01-15T10:00:00+08:00) or shifted (+30d, -12h)");
  CalendarCommand calendar_cmd;
  AddCalendarCommands(app, calendar_cmd);
  AccountsCommand accounts_cmd;
  AddAccountsCommands(app, accounts_cmd);

  // id check
  auto* id = app.add_subcommand("id", "Identifier tools");
  id->require_subcommand(1);
  auto* id_check = id->add_subcommand("check", "Validate identifiers; one JSON line per code");
  std::vector<std::string> codes;
  std::string policy_dir = XY_DEFAULT_POLICY_DIR;
  id_check->add_option("codes", codes, "Codes to check")->required();
  id_check->add_option("--policy", policy_dir, "Policy directory");

  // audit verify
  auto* audit = app.add_subcommand("audit", "Event log tools");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "Verify the hash chain of the event log");
  add_data(verify);
  bool verify_json = false;
  verify->add_flag("--json", verify_json, "Print the report as JSON");

  // backup
  auto* backup = app.add_subcommand("backup", "Write a consistent copy of the SQLite store");
  add_data(backup);
  std::string backup_out;
  backup->add_option("out", backup_out, "Target file (must not exist)")->required();

  // demo
  auto* demo = app.add_subcommand("demo", "Add deterministic demonstration subjects");
  add_data(demo);
  int64_t subjects = 1000;
  uint64_t seed = 1;
  demo->add_option("--subjects", subjects, "How many subjects (1..10000000)");
  demo->add_option("--seed", seed, "Seed: the same seed gives the same subjects");
  int64_t demo_records = -1;
  demo->add_option("--records", demo_records,
                   "Exactly this many licences and penalties over all the generated companies "
                   "(default: a sample for at most 20,000 companies)")
      ->check(CLI::Range(int64_t{0}, int64_t{100'000'000}));

  // department add
  auto* department = app.add_subcommand("department", "Departments that submit or check records");
  department->require_subcommand(1);
  auto* dep_add = department->add_subcommand("add", "Register a department");
  add_data(dep_add);
  std::string dep_code, dep_name;
  dep_add->add_option("--code", dep_code, "The department's USCC")->required();
  dep_add->add_option("--name", dep_name, "The department's name")->required();

  // import
  auto* import =
      app.add_subcommand("import", "Import a department's file of records; prints a JSON summary");
  add_data(import);
  std::string import_department, import_item, import_file;
  import->add_option("--department", import_department, "The submitting department's USCC")
      ->required();
  import->add_option("--item", import_item, "Catalogue item code, e.g. CF (行政处罚)")->required();
  import->add_option("file", import_file, "CSV (UTF-8 or GBK), XLSX, JSON Lines or JSON")
      ->required()
      ->check(CLI::ExistingFile);

  auto* routes = app.add_subcommand("routes", "Every API route, one JSON line each");
  add_data(routes);

  // check
  auto* check =
      app.add_subcommand("check", "Which measures apply to a subject in a scenario (应查必查)");
  add_data(check);
  std::string check_code, check_scenario;
  check->add_option("code", check_code, "Any identifier of the subject")->required();
  check->add_option("--scenario", check_scenario, "Business scenario, e.g. government_procurement")
      ->required();

  // The platform's public key, and a report verified offline with it.
  auto* keys = app.add_subcommand("keys", "The platform's public signing key, as JSON");
  add_data(keys);
  auto* verify_report = app.add_subcommand(
      "verify-report",
      "Verify a credit report (its PDF or JSON document) offline; exit 0, or 1 naming what fails");
  std::string report_key, report_file;
  verify_report->add_option("--public-key", report_key, "The platform's public key (Base64)")
      ->required();
  verify_report->add_option("file", report_file, "The report as downloaded (PDF or JSON)")
      ->required()
      ->check(CLI::ExistingFile);

  // A credit report issued at the office's console, written as PDF.
  auto* report = app.add_subcommand("report", "Issue a credit report of an organisation as PDF; "
                                              "prints its number and digest as JSON");
  add_data(report);
  std::string report_subject, report_kind = "special", report_purpose = "other", report_fields,
                              report_out;
  int report_years = 3;
  report->add_option("--subject", report_subject, "The organisation's 统一社会信用代码")->required();
  report->add_option("--kind", report_kind, "special (专项信用报告) or full (公共信用信息报告)");
  report->add_option("--purpose", report_purpose, "A purpose of policy/reports, e.g. bidding");
  report->add_option("--fields", report_fields, "专项: 领域, comma-separated (e.g. 市场监管,税务)");
  report->add_option("--years", report_years, "专项: the years covered (1-5)");
  report->add_option("--out", report_out, "The PDF file to write")->required();

  // A subject's grade explained, computed now from its facts.
  auto* evaluate = app.add_subcommand(
      "evaluate", "The public credit evaluation of an organisation, explained, as JSON");
  add_data(evaluate);
  std::string evaluate_code;
  evaluate->add_option("code", evaluate_code, "The organisation's 统一社会信用代码")->required();

  CLI11_PARSE(app, argc, argv);

  if (*verify_report) {
    std::ifstream in(report_file, std::ios::binary);
    const std::string document((std::istreambuf_iterator<char>(in)), {});
    if (Status s = CryptoInit(); !s.ok()) return Fail(s);
    Status verified = document.rfind("%PDF-", 0) == 0
                          ? VerifySignedPdf(document, report_key)
                          : ReportService::VerifyDocument(document, report_key);
    if (!verified.ok()) {
      std::cout << nlohmann::json{{"valid", false}, {"reason", verified.message()}}.dump() << "\n";
      return 1;
    }
    std::cout << nlohmann::json{{"valid", true}}.dump() << "\n";
    return 0;
  }

  if (!store_kind.empty()) overrides["store"] = store_kind;
  if (!pg_url.empty()) overrides["postgres_url"] = pg_url;
  if (port >= 0) overrides["port"] = std::to_string(port);
  if (!listen.empty()) overrides["listen_address"] = listen;

  if (auto rc = RunCalendarCommand(calendar_cmd)) return *rc;
  if (auto rc = RunAccountsCommand(accounts_cmd)) return *rc;

  if (*id_check) {
    auto divisions = LoadDivisions(policy_dir);
    if (!divisions.ok()) return Fail(divisions.status());
    SystemClock clock;
    bool all_valid = true;
    for (const auto& code : codes) {
      IdCheck c = CheckAnyId(code, *divisions, clock.Today());
      all_valid = all_valid && c.valid();
      std::cout << http::IdCheckJson(c).dump() << "\n";
    }
    return all_valid ? 0 : 1;
  }

  if (*init) {
    auto node = InitNode(data_dir, overrides, admin);
    return node.ok() ? 0 : Fail(node.status());
  }

  std::unique_ptr<Node> node;
  bool demo_done = false;
  if ((*serve && demo_flag) || *demo) {
    if (!Initialised(data_dir)) {
      auto made = InitNode(data_dir, overrides, admin);
      if (!made.ok()) return Fail(made.status());
      node = std::move(made).value();
      Status s = *serve ? RunDemo(*node, demo_subjects, seed, true)
                        : RunDemo(*node, subjects, seed, true, demo_records);
      if (!s.ok()) return Fail(s);
      if (*demo) return 0;
      demo_done = true;
    }
  }
  if (!node) {
    auto cfg = LoadConfig(data_dir, overrides);
    if (!cfg.ok()) return Fail(cfg.status());
    auto opened = OpenNode(*cfg);
    if (!opened.ok()) return Fail(opened.status());
    node = std::move(opened).value();
  }

  if (*keys) {
    std::cout << nlohmann::json{{"public_key", node->signer->PublicKeyBase64()},
                                {"key_id", node->signer->KeyId()},
                                {"algorithm", "Ed25519"}}
                     .dump()
              << "\n";
    return 0;
  }
  if (*demo) {
    Status s = RunDemo(*node, subjects, seed, false, demo_records);
    return s.ok() ? 0 : Fail(s);
  }
  if (*serve) {
    if (demo_flag && !demo_done) {
      // Initialised before but still empty: fill it, once.
      auto tx = node->store->Begin(TxMode::kRead);
      if (!tx.ok()) return Fail(tx.status());
      auto count = (*tx)->CountSubjects();
      tx->reset();
      if (!count.ok()) return Fail(count.status());
      if (*count == 0) {
        Status s = RunDemo(*node, demo_subjects, seed, false);
        if (!s.ok()) return Fail(s);
      }
    }
    if (!serve_clock.empty()) {
      Status shifted = ShiftClock(*node, serve_clock);
      if (!shifted.ok()) return Fail(shifted);
    }
    return Serve(*node);
  }
  if (*verify) {
    auto report = node->audit->Verify();
    if (!report.ok()) return Fail(report.status());
    if (verify_json) {
      std::cout << http::VerifyJson(*report).dump() << "\n";
    } else if (report->ok) {
      std::cout << "ok " << report->count << " events\n";
    } else {
      std::cout << "FAILED at event " << report->fault_seq.value_or(0) << ": " << report->reason
                << " (" << report->count << " events before it verified)\n";
    }
    return report->ok ? 0 : 1;
  }
  if (*routes) return PrintRoutes(*node);
  if (*report) {
    ReportRequest req{report_subject, report_kind, report_purpose, report_years, {}};
    for (size_t at = 0; at < report_fields.size();) {
      const size_t comma = std::min(report_fields.find(',', at), report_fields.size());
      if (comma > at) req.fields.push_back(report_fields.substr(at, comma - at));
      at = comma + 1;
    }
    auto issued = node->reports->Issue(CliPrincipal(), req);
    if (!issued.ok()) return Fail(issued.status());
    auto pdf = RenderReportPdf(issued->content, issued->digest,
                               node->config.PublicUrl() + "/reports/verify?number=" +
                                   issued->number);
    if (!pdf.ok()) return Fail(pdf.status());
    std::ofstream(report_out, std::ios::binary) << SignPdf(std::move(*pdf), *node->signer);
    std::cout << nlohmann::json{{"number", issued->number}, {"digest", issued->digest},
                                {"valid_until", issued->valid_until}, {"file", report_out}}
                     .dump()
              << "\n";
    return 0;
  }
  if (*evaluate) {
    auto explained = node->evaluations->ExplainNow(evaluate_code);
    if (!explained.ok()) return Fail(explained.status());
    std::cout << *explained << "\n";
    return 0;
  }
  if (*check) {
    auto answer = node->checks->Check(CliPrincipal(), check_code, check_scenario);
    if (!answer.ok()) return Fail(answer.status());
    std::cout << answer->json << "\n";
    return 0;
  }
  if (*dep_add) {
    auto d = node->accounts->CreateDepartment(CliPrincipal(), dep_code, dep_name);
    if (!d.ok()) return Fail(d.status());
    std::cout << http::DepartmentJson(*d).dump() << "\n";
    return 0;
  }
  if (*import) {
    std::ifstream in(import_file, std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) return Fail(Unavailable("cannot read " + import_file));
    IntakeRequest req{import_department, import_item, "cli",
                      std::filesystem::path(import_file).filename().string()};
    auto summary = node->intake->ImportFile(CliPrincipal(), req, std::move(content));
    if (!summary.ok()) return Fail(summary.status());
    std::cout << http::IntakeSummaryJson(*summary).dump() << "\n";
    return summary->rejected == 0 ? 0 : 1;
  }
  if (*backup) {
    Status s = node->store->Backup(backup_out);
    if (!s.ok()) return Fail(s);
    std::cout << "backup written to " << backup_out << "\n";
    return 0;
  }
  return kExitError;
}
