// The JSON API: every route of /api/v1, /healthz, /readyz and /metrics, registered in one
// place (RegisterRoutes) so the route table reads as the API's table of contents.
#pragma once

#include <string>

namespace xinyong {
class AccountService;
class SubjectService;
class AuditService;
class IntakeService;
class ListService;
class CheckService;
class SubscriptionService;
class ObjectionService;
class RepairService;
class PublicService;
class AuthorisationService;
class NoticeService;
class BrowseService;
class WorkingCalendar;
class SearchService;
class TipService;
class CaseService;
class MonitoringService;
class CommitmentService;
class ReportService;
class EvaluationService;
class PlatformSigner;
class Catalogue;
class MeasureList;
class MeasureBasisService;
class BasisBook;
class DivisionTable;
class Clock;
class Store;
}  // namespace xinyong

namespace xinyong::http {

class Router;
class Metrics;
struct PublicLimits;

struct ApiDeps {
  AccountService& accounts;
  SubjectService& subjects;
  AuditService& audit;
  IntakeService& intake;
  ListService& lists;
  CheckService& checks;
  SubscriptionService& subscriptions;
  ObjectionService& objections;
  RepairService& repairs;
  PublicService& publics;
  AuthorisationService& authorisations;
  NoticeService& notices;
  BrowseService& browse;
  SearchService& search;
  TipService& tips;
  CaseService& cases;
  MonitoringService& monitoring;
  CommitmentService& commitments;
  ReportService& reports;
  EvaluationService& evaluations;
  const PlatformSigner& signer;
  const Catalogue& catalogue;
  const MeasureList& measures;
  MeasureBasisService& measure_bases;
  const BasisBook& basis_book;
  const DivisionTable& divisions;
  const WorkingCalendar& calendar;
  const Clock& clock;
  Store& store;
  Metrics& metrics;
  PublicLimits& limits;
  std::string version;
  // Who may read /metrics besides loopback clients and the office: "Authorization: Bearer
  // <metrics_token>" (a Prometheus scraper). "" = nobody else.
  std::string metrics_token;
  // The site's public address, for the QR code of a report's PDF (config public_url).
  std::string public_url;
};

void RegisterRoutes(Router& router, ApiDeps& deps);

}  // namespace xinyong::http
