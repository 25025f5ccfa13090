// Wiring: turns a Config into a running set of objects. The only place that knows the
// concrete Store types.
#pragma once

#include <memory>

#include "app/config.h"
#include "core/calendar.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/divisions.h"
#include "domain/catalogue.h"
#include "rules/measures.h"
#include "rules/record_rules.h"
#include "rules/rights_policy.h"
#include "rules/commitments_policy.h"
#include "rules/evaluation_model.h"
#include "rules/reports_policy.h"
#include "rules/tips_policy.h"
#include "rules/monitoring_policy.h"
#include "service/account_service.h"
#include "service/audit_service.h"
#include "service/authorisation_service.h"
#include "service/browse_service.h"
#include "service/check_service.h"
#include "service/context.h"
#include "service/intake_service.h"
#include "service/list_service.h"
#include "service/measures/basis_book.h"
#include "service/measures/basis_service.h"
#include "service/objection_service.h"
#include "service/propagation.h"
#include "service/public_service.h"
#include "service/repair_service.h"
#include "service/search_service.h"
#include "service/commitments/commitment_service.h"
#include "service/evaluation/evaluation_service.h"
#include "service/reports/report_service.h"
#include "service/tips/tip_service.h"
#include "service/cases/case_service.h"
#include "service/monitoring/monitoring_service.h"
#include "service/subject_service.h"
#include "service/subscription_service.h"
#include "store/store.h"

namespace xinyong {

// Everything a command needs. Build with OpenNode; members are ready to use. Members are
// destroyed in reverse order: the services (CheckService stops its recorder's writer thread)
// go before the store they use, so keep `store` above them.
struct Node {
  Config config;
  ShiftedClock clock;  // the system clock; shifted only on a demonstration platform (serve --clock)
  DivisionTable divisions;
  WorkingCalendar calendar;
  Catalogue catalogue;
  MeasureList measures;
  BasisBook basis_book;  // the measures' bases as confirmed by the office
  ListValidity list_validity;
  std::unique_ptr<RecordValidator> validator;
  std::unique_ptr<FieldCipher> cipher;
  std::unique_ptr<PlatformSigner> signer;  // the platform's Ed25519 key (reports)
  std::unique_ptr<Store> store;
  std::unique_ptr<ServiceContext> ctx;
  std::unique_ptr<AccountService> accounts;
  std::unique_ptr<SubjectService> subjects;
  std::unique_ptr<AuditService> audit;
  std::unique_ptr<IntakeService> intake;
  std::unique_ptr<ListService> lists;
  std::unique_ptr<MeasureBasisService> measure_bases;
  std::unique_ptr<CheckService> checks;
  std::unique_ptr<SubscriptionService> subscriptions;
  RightsPolicy rights;
  std::unique_ptr<ObjectionService> objections;
  std::unique_ptr<RepairService> repairs;
  std::unique_ptr<PublicService> publics;
  std::unique_ptr<AuthorisationService> authorisations;
  std::unique_ptr<NoticeService> notices;
  std::unique_ptr<BrowseService> browse;
  std::unique_ptr<SearchService> search;
  TipsPolicy tips_policy;
  std::unique_ptr<TipService> tips;
  std::unique_ptr<CaseService> cases;
  CommitmentsPolicy commitments_policy;
  std::unique_ptr<CommitmentService> commitments;
  ReportsPolicy reports_policy;
  std::unique_ptr<ReportService> reports;
  EvaluationModel evaluation_model;
  std::unique_ptr<EvaluationService> evaluations;
  MonitoringPolicy monitoring_policy;
  std::unique_ptr<MonitoringService> monitoring;
};

// Loads policy, opens the store (applying migrations) and builds the services.
// failed_precondition when the data directory was never initialised.
Result<std::unique_ptr<Node>> OpenNode(const Config& config);

// Loads only the policy a command without a store needs (id check).
Result<DivisionTable> LoadDivisions(const std::string& policy_dir);

}  // namespace xinyong
