// 措施依据核实: an admin of the credit office confirms a measure's legal basis against the
// official text (the article, and where it was read). Each confirmation is kept and logged as a
// `measure.basis_confirmed` event; the BasisBook it feeds is what check answers and the measure
// list show. Other nodes on the same store pick confirmations up with Follow.
#pragma once

#include <string>

#include "core/status.h"
#include "domain/account.h"
#include "domain/basis_confirmation.h"
#include "service/context.h"

namespace xinyong {

class BasisBook;
class MeasureList;

struct BasisConfirmationRequest {
  std::string article;   // the article or section as read; "" = the document as a whole
  std::string document;  // "" = the policy's document as it stands
  std::string source;    // where the official text was read (required)
  std::string note;
};

// Thread-safe.
class MeasureBasisService {
 public:
  // `measures` and `book` must outlive the service.
  MeasureBasisService(ServiceContext ctx, const MeasureList& measures, BasisBook& book)
      : ctx_(ctx), measures_(measures), book_(book) {}

  // Admins only. not_found for an unknown measure; invalid_argument (naming the field) for a
  // missing source or text too long.
  Result<BasisConfirmation> Confirm(const Principal& p, const std::string& code,
                                    const BasisConfirmationRequest& req);
  // Takes the confirmations the store holds beyond those the book has (at start, and
  // periodically on a node that shares its store with others).
  Status Follow();

 private:
  ServiceContext ctx_;
  const MeasureList& measures_;
  BasisBook& book_;
};

}  // namespace xinyong
