// Credit reports (信用报告) at a city's scale. A SQLite store of the current schema is filled
// with SUBJECTS organisations (valid 统一社会信用代码) and RECORDS public 行政处罚 records with one
// version each, spread over the subjects. Then, for SAMPLE subjects spread over the file, three
// things are timed in the same run, each ROUNDS times:
//   baseline  reading the subject's records and their current versions from the store (what
//             any report of the subject must read);
//   issue     ReportService::Issue of its 公共信用信息报告: the same reads, the lists, the
//             published commitments, the canonical JSON, the Ed25519 signature, the stored row,
//             the 查询记录 line and the event, in one write transaction;
//   pdf       RenderReportPdf + SignPdf of that report (Pango layout, Cairo PDF, QR code).
//
//   report_bench --subjects 100000 --records 500000 --sample 200 --rounds 3
#include <sqlite3.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "bench_util.h"
#include "city_fill.h"
#include "core/calendar.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/divisions.h"
#include "core/ids.h"
#include "domain/catalogue.h"
#include "rules/record_rules.h"
#include "service/commitments/commitment_service.h"
#include "service/intake_service.h"
#include "service/reports/report_pdf.h"
#include "service/reports/report_service.h"
#include "service/subject_service.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace {

using namespace xinyong;
using bench::Median;
using bench::Must;
using bench::Uscc;
using Steady = std::chrono::steady_clock;

double Seconds(Steady::time_point since) {
  return std::chrono::duration<double>(Steady::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Credit reports (JSON issue and PDF) beside reading the subject's rows"};
  int64_t subjects = 100000, records = 500000;
  int sample = 200, rounds = 3;
  app.add_option("--subjects", subjects);
  app.add_option("--records", records);
  app.add_option("--sample", sample, "Subjects reported on, spread over the file");
  app.add_option("--rounds", rounds);
  CLI11_PARSE(app, argc, argv);
  if (!CryptoInit().ok()) return 2;

  const std::string dir = bench::TempDir("xy-report-bench");
  const std::string path = dir + "/xinyong.db";
  {
    auto fresh = OpenSqliteStore(path, "2026-01-01T00:00:00.000Z");
    if (!fresh.ok()) {
      std::cerr << fresh.status().ToString() << "\n";
      return 1;
    }
  }
  auto t = Steady::now();
  bench::FillCity(path, subjects, records);
  std::cout << "filled " << subjects << " subjects, " << records << " records in " << Seconds(t)
            << " s (" << std::filesystem::file_size(path) / 1048576 << " MiB)\n";

  SystemClock clock;
  auto store = OpenSqliteStore(path, clock.NowTimestamp());
  if (!store.ok()) return 1;
  auto divisions = *DivisionTable::LoadFile(XY_SOURCE_DIR "/policy/divisions/gbt2260.dat");
  auto calendar = *WorkingCalendar::LoadDir(XY_SOURCE_DIR "/policy/calendar");
  auto catalogue = *Catalogue::LoadDir(XY_SOURCE_DIR "/policy/catalogue");
  auto cipher = *FieldCipher::FromHexKey(std::string(64, '5'));
  auto signer = *PlatformSigner::FromHexKey(std::string(64, '5'));
  ServiceContext ctx{**store, clock, cipher, divisions, calendar};
  SubjectService subjects_service(ctx);
  RecordValidator validator(catalogue, divisions);
  IntakeService intake(ctx, catalogue, validator, subjects_service);
  auto commitments_policy =
      *CommitmentsPolicy::LoadDir(XY_SOURCE_DIR "/policy/commitments", 16 << 20);
  CommitmentService commitments(ctx, commitments_policy, subjects_service, intake);
  auto reports_policy = *ReportsPolicy::LoadDir(XY_SOURCE_DIR "/policy/reports");
  ReportService reports(ctx, reports_policy, catalogue, subjects_service, signer, commitments);
  const Principal admin{"bench:admin", Role::kAdmin, 0, 0};

  std::vector<double> read_ms, issue_ms, pdf_ms;
  int64_t listed = 0, pdf_bytes = 0;
  for (int round = 0; round < rounds; ++round) {
    double read = 0, issue = 0, pdf = 0;
    for (int k = 0; k < sample; ++k) {
      const int64_t subject = 1 + (static_cast<int64_t>(k) * subjects) / sample;
      t = Steady::now();
      {
        auto tx = (*store)->Begin(TxMode::kRead);
        auto rows = (*tx)->ListRecordsOfSubject(subject);
        for (const auto& r : *rows) {
          auto versions = (*tx)->ListRecordVersions(r.id);
          listed += versions->empty() ? 0 : 1;
        }
      }
      read += Seconds(t);
      t = Steady::now();
      auto issued = reports.Issue(admin, {Uscc(subject), "full", "bidding", 3, {}});
      if (!issued.ok()) {
        std::cerr << issued.status().ToString() << "\n";
        return 1;
      }
      issue += Seconds(t);
      t = Steady::now();
      auto file = RenderReportPdf(issued->content, issued->digest,
                                  "https://credit.example.gov.cn/reports/verify?number=" +
                                      issued->number);
      const std::string signed_pdf = SignPdf(std::move(*file), signer);
      pdf_bytes += static_cast<int64_t>(signed_pdf.size());
      pdf += Seconds(t);
    }
    read_ms.push_back(read * 1000 / sample);
    issue_ms.push_back(issue * 1000 / sample);
    pdf_ms.push_back(pdf * 1000 / sample);
  }
  std::cout << sample << " subjects × " << rounds << " rounds, " << listed / rounds / sample
            << " records a subject on average, " << pdf_bytes / rounds / sample / 1024
            << " KiB a PDF\n"
            << "per report, median of the rounds' means:\n"
            << "  baseline (read the subject's records and versions): " << Median(read_ms) << " ms\n"
            << "  issue (JSON content, signed, stored, logged):        " << Median(issue_ms)
            << " ms  (" << 1000 / Median(issue_ms) << " reports/s; ratio to baseline "
            << Median(issue_ms) / Median(read_ms) << ")\n"
            << "  PDF (layout, render, QR, signature):                 " << Median(pdf_ms)
            << " ms  (" << 1000 / Median(pdf_ms) << " PDFs/s; ratio to baseline "
            << Median(pdf_ms) / Median(read_ms) << ")\n";
  std::filesystem::remove_all(dir);
  return 0;
}
