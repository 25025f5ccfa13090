#include "app/node.h"

#include <filesystem>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace xinyong {

Result<DivisionTable> LoadDivisions(const std::string& policy_dir) {
  return DivisionTable::LoadFile(std::filesystem::path(policy_dir) / "divisions" / "gbt2260.dat");
}

Result<std::unique_ptr<Node>> OpenNode(const Config& config) {
  XY_RETURN_IF_ERROR(CryptoInit());
  auto node = std::make_unique<Node>();
  node->config = config;
  if (config.secret_key.empty()) {
    return FailedPrecondition("no secret_key in " + config.ConfigPath() +
                              ": run `xinyong init --data " + config.data_dir + "` first");
  }
  XY_ASSIGN_OR_RETURN(FieldCipher cipher, FieldCipher::FromHexKey(config.secret_key));
  XY_ASSIGN_OR_RETURN(PlatformSigner signer, PlatformSigner::FromHexKey(config.secret_key));
  node->cipher = std::make_unique<FieldCipher>(std::move(cipher));
  node->signer = std::make_unique<PlatformSigner>(std::move(signer));
  XY_ASSIGN_OR_RETURN(node->divisions, LoadDivisions(config.policy_dir));
  XY_ASSIGN_OR_RETURN(node->calendar, WorkingCalendar::LoadDir(
                                          std::filesystem::path(config.policy_dir) / "calendar"));
  XY_ASSIGN_OR_RETURN(node->catalogue,
                      Catalogue::LoadDir(std::filesystem::path(config.policy_dir) / "catalogue"));
  node->validator = std::make_unique<RecordValidator>(node->catalogue, node->divisions);
  XY_ASSIGN_OR_RETURN(node->measures,
                      MeasureList::LoadDir(std::filesystem::path(config.policy_dir) / "measures"));
  XY_ASSIGN_OR_RETURN(node->list_validity,
                      ListValidity::LoadDir(std::filesystem::path(config.policy_dir) / "lists"));
  XY_ASSIGN_OR_RETURN(node->rights,
                      RightsPolicy::LoadDir(std::filesystem::path(config.policy_dir) / "rights"));
  XY_ASSIGN_OR_RETURN(node->tips_policy,
                      TipsPolicy::LoadDir(std::filesystem::path(config.policy_dir) / "tips",
                                          config.body_limit_bytes));
  XY_ASSIGN_OR_RETURN(node->monitoring_policy,
                      MonitoringPolicy::LoadDir(std::filesystem::path(config.policy_dir) /
                                                "monitoring"));
  XY_ASSIGN_OR_RETURN(node->commitments_policy,
                      CommitmentsPolicy::LoadDir(std::filesystem::path(config.policy_dir) /
                                                     "commitments",
                                                 config.body_limit_bytes));
  XY_RETURN_IF_ERROR(node->commitments_policy.CheckAgainst(node->catalogue));
  XY_ASSIGN_OR_RETURN(node->reports_policy,
                      ReportsPolicy::LoadDir(std::filesystem::path(config.policy_dir) / "reports"));
  XY_RETURN_IF_ERROR(node->reports_policy.CheckAgainst(node->catalogue));
  XY_ASSIGN_OR_RETURN(node->evaluation_model,
                      EvaluationModel::LoadDir(std::filesystem::path(config.policy_dir) /
                                               "evaluation"));
  XY_RETURN_IF_ERROR(node->evaluation_model.CheckAgainst(node->catalogue));
  if (config.store == "postgres") {
    XY_ASSIGN_OR_RETURN(node->store,
                        OpenPostgresStore(config.postgres_url, node->clock.NowTimestamp()));
  } else {
    XY_ASSIGN_OR_RETURN(
        node->store,
        OpenSqliteStore(config.SqlitePath(), node->clock.NowTimestamp(), config.sqlite_cache_mb));
  }
  node->ctx = std::make_unique<ServiceContext>(
      ServiceContext{*node->store, node->clock, *node->cipher, node->divisions, node->calendar});
  node->accounts = std::make_unique<AccountService>(*node->ctx, config.session_hours);
  node->subjects = std::make_unique<SubjectService>(*node->ctx);
  node->audit = std::make_unique<AuditService>(*node->ctx);
  IntakeOptions intake_options;
  intake_options.list_validity = &node->list_validity;
  node->intake = std::make_unique<IntakeService>(*node->ctx, node->catalogue, *node->validator,
                                                 *node->subjects, intake_options);
  node->lists = std::make_unique<ListService>(*node->ctx, *node->subjects, node->list_validity,
                                              node->rights.red_list);
  node->measure_bases =
      std::make_unique<MeasureBasisService>(*node->ctx, node->measures, node->basis_book);
  XY_RETURN_IF_ERROR(node->measure_bases->Follow());
  node->checks = std::make_unique<CheckService>(*node->ctx, node->measures, node->catalogue,
                                               *node->subjects, &node->basis_book);
  node->subscriptions =
      std::make_unique<SubscriptionService>(*node->ctx, *node->lists, *node->subjects);
  node->objections = std::make_unique<ObjectionService>(*node->ctx, node->rights.objections,
                                                        *node->intake, *node->lists);
  node->repairs = std::make_unique<RepairService>(*node->ctx, node->rights.repair, node->catalogue,
                                                  *node->lists);
  node->commitments = std::make_unique<CommitmentService>(*node->ctx, node->commitments_policy,
                                                          *node->subjects, *node->intake);
  node->repairs->UseCommitments(node->commitments.get());
  node->reports = std::make_unique<ReportService>(*node->ctx, node->reports_policy, node->catalogue,
                                                  *node->subjects, *node->signer,
                                                  *node->commitments);
  node->evaluations = std::make_unique<EvaluationService>(*node->ctx, node->evaluation_model,
                                                          node->catalogue, *node->subjects);
  node->checks->UseEvaluation(node->evaluations.get());
  node->reports->UseEvaluation(node->evaluations.get());
  node->publics = std::make_unique<PublicService>(*node->ctx, node->catalogue, *node->subjects);
  node->authorisations =
      std::make_unique<AuthorisationService>(*node->ctx, node->catalogue, *node->subjects);
  node->notices = std::make_unique<NoticeService>(*node->ctx);
  node->tips = std::make_unique<TipService>(*node->ctx, node->tips_policy, *node->subjects);
  node->cases = std::make_unique<CaseService>(*node->ctx, node->catalogue, *node->subjects,
                                              node->tips_policy.cases, node->rights.red_list);
  node->monitoring = std::make_unique<MonitoringService>(*node->ctx, node->monitoring_policy);
  node->browse = std::make_unique<BrowseService>(*node->ctx, node->catalogue);
  XY_ASSIGN_OR_RETURN(NameFolder folder, NameFolder::Load());
  // The index itself is built by `serve` (SearchService::Build); other commands never search.
  node->search = std::make_unique<SearchService>(*node->ctx, *node->subjects, std::move(folder));
  return node;
}

}  // namespace xinyong
