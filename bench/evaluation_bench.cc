// The evaluation (公共信用综合评价) of every organisation of a city, as a new model demands. A
// SQLite store is filled as for the report benchmark (city_fill.h); then, in the same run:
//   baseline  reading, for every subject, the rows its grade is computed from (its records,
//             list entries, repairs and commitments), 2,000 subjects per read transaction;
//   full pass EvaluationService::Follow until the pass is done: the same reads, the model
//             applied, the explanation written, the grade and a history row stored, 2,000
//             subjects per write transaction;
//   follow    after the pass, CHANGES new records of distinct subjects, then Follow: the
//             incremental path that runs every 2 s in `serve`.
//
//   evaluation_bench --subjects 100000 --records 500000 --changes 1000
#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>

#include "bench_util.h"
#include "city_fill.h"
#include "core/calendar.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/divisions.h"
#include "domain/catalogue.h"
#include "rules/evaluation_model.h"
#include "service/evaluation/evaluation_service.h"
#include "service/subject_service.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace {

using namespace xinyong;
using Steady = std::chrono::steady_clock;

double Seconds(Steady::time_point since) {
  return std::chrono::duration<double>(Steady::now() - since).count();
}

template <typename T>
T Need(Result<T> r, const char* what) {
  if (!r.ok()) {
    std::cerr << what << ": " << r.status().ToString() << "\n";
    std::exit(1);
  }
  return std::move(r).value();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"The evaluation of every subject beside reading the rows it is computed from"};
  int64_t subjects = 100000, records = 500000, changes = 1000;
  app.add_option("--subjects", subjects);
  app.add_option("--records", records);
  app.add_option("--changes", changes, "Records added after the full pass, then followed");
  CLI11_PARSE(app, argc, argv);
  if (!CryptoInit().ok()) return 2;

  const std::string dir = bench::TempDir("xy-evaluation-bench");
  const std::string path = dir + "/xinyong.db";
  Need(OpenSqliteStore(path, "2026-01-01T00:00:00.000Z"), "create");
  auto t = Steady::now();
  bench::FillCity(path, subjects, records);
  std::cout << "filled " << subjects << " subjects, " << records << " records in " << Seconds(t)
            << " s\n";

  SystemClock clock;
  auto store = Need(OpenSqliteStore(path, clock.NowTimestamp()), "open");
  auto divisions = *DivisionTable::LoadFile(XY_SOURCE_DIR "/policy/divisions/gbt2260.dat");
  auto calendar = *WorkingCalendar::LoadDir(XY_SOURCE_DIR "/policy/calendar");
  auto catalogue = *Catalogue::LoadDir(XY_SOURCE_DIR "/policy/catalogue");
  auto model = Need(EvaluationModel::LoadDir(XY_SOURCE_DIR "/policy/evaluation"), "model");
  auto cipher = *FieldCipher::FromHexKey(std::string(64, '5'));
  ServiceContext ctx{*store, clock, cipher, divisions, calendar};
  SubjectService subject_service(ctx);
  EvaluationService evaluations(ctx, model, catalogue, subject_service);

  // What a grade is computed from: the subject's records, entries, repairs and commitments.
  const auto read_facts = [](Transaction& tx, int64_t id) {
    int64_t n = static_cast<int64_t>(Need(tx.ListRecordsOfSubject(id), "records").size());
    n += static_cast<int64_t>(Need(tx.ListEntriesOfSubject(id), "entries").size());
    n += static_cast<int64_t>(Need(tx.RepairsOfSubject(id), "repairs").size());
    CommitmentQuery q;
    q.subject_id = id;
    q.limit = 1000;
    return n + static_cast<int64_t>(Need(tx.Commitments().FindCommitments(q), "commitments").size());
  };
  // Baseline: the reads alone, every subject with facts.
  t = Steady::now();
  int64_t rows = 0;
  for (int64_t after = 0;;) {
    auto tx = Need(store->Begin(TxMode::kRead), "begin");
    auto ids = Need(tx->Evaluations().SubjectsWithFacts(after, 2000), "subjects");
    if (ids.empty()) break;
    for (int64_t id : ids) rows += read_facts(*tx, id);
    after = ids.back();
  }
  const double baseline = Seconds(t);

  // The full pass a new model triggers.
  t = Steady::now();
  int64_t graded = 0;
  for (;;) {
    const int64_t n = Need(evaluations.Follow(), "follow");
    graded += n;
    auto tx = Need(store->Begin(TxMode::kRead), "begin");
    if (Need(tx->Evaluations().GetEvaluationCursor(), "cursor").model == model.Id()) break;
  }
  const double full = Seconds(t);

  // New records of `changes` subjects, then the incremental follow.
  {
    auto tx = Need(store->Begin(TxMode::kWrite), "begin");
    for (int64_t k = 0; k < changes; ++k) {
      const int64_t subject = 1 + (k * subjects) / changes;
      Record r;
      r.subject_id = subject;
      r.item_code = "CF";
      r.department_id = 1;
      r.source_key = "宁市监罚〔2026〕新" + std::to_string(k) + "号";
      r.status = "active";
      r.decision_date = "2026-11-20";
      r.nature = Nature::kSerious;
      r.disclosure = Disclosure::kPublic;
      const int64_t id = Need(tx->InsertRecord(r), "record");
      Need(tx->AppendEvent({"bench", "record.created", "record:" + std::to_string(id),
                            "{\"subject\":" + std::to_string(subject) + "}"},
                           clock.NowTimestamp()),
           "event");
    }
    if (!tx->Commit().ok()) return 1;
  }
  // The follow's baseline: reading the facts of as many subjects spread as the changed ones
  // (half a step away from them, so that neither finds the other's pages cached).
  t = Steady::now();
  {
    auto tx = Need(store->Begin(TxMode::kRead), "begin");
    for (int64_t k = 0; k < changes; ++k) {
      read_facts(*tx, 1 + (k * subjects + subjects / 2) / changes % subjects);
    }
  }
  const double follow_baseline = Seconds(t);
  t = Steady::now();
  int64_t followed = 0;
  for (int64_t n; (n = Need(evaluations.Follow(), "follow")) > 0;) followed += n;
  const double follow = Seconds(t);

  std::cout << "read " << rows << " rows of the subjects with facts\n"
            << "  baseline (read every subject's facts): " << baseline << " s ("
            << subjects / baseline << " subjects/s)\n"
            << "  full pass (" << graded << " subjects graded, explained, stored): " << full
            << " s (" << graded / full << " subjects/s; ratio to baseline " << full / baseline
            << ")\n"
            << "  follow (" << followed << " subjects after " << changes
            << " new records): " << follow * 1000 << " ms ("
            << follow * 1e6 / std::max<int64_t>(followed, 1) << " µs a subject; reading as many "
            << "subjects' facts " << follow_baseline * 1000 << " ms, ratio "
            << follow / follow_baseline << ")\n";
  std::filesystem::remove_all(dir);
  return 0;
}
